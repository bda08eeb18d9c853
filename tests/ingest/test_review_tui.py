"""The review screen: the sample article recorded through the TUI, counted in keystrokes."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

from casefile.tui.app import CasefileApp
from casefile.tui.screens.ingest_review import IngestReview
from tests.conftest import Cli
from tests.tui.helpers import SIZE, screen_text, settle, type_text

SAMPLE = Path(__file__).parent / "eval" / "00-sample-belarus-release.txt"  # the sample article, as shipped


class Keys:
    """Presses keys and counts them (the review's cost to a user)."""

    def __init__(self, pilot: Any) -> None:
        self.pilot = pilot
        self.count = 0

    async def press(self, *keys: str) -> None:
        for key in keys:
            self.count += 1
            await self.pilot.press(key)
            await settle(self.pilot)


def _review(app: CasefileApp) -> IngestReview:
    screen = app.screen
    assert isinstance(screen, IngestReview), type(screen).__name__
    return screen


async def _select(review: IngestReview, part: str) -> str:
    """Highlight the candidate whose name holds ``part``; its full name."""
    from casefile.services.ingest_views import CandidateView

    row = next(
        i for i, item in enumerate(review.items) if isinstance(item, CandidateView) and part in item.name
    )
    review.query_one("OptionList").highlighted = row
    return review.items[row].name  # type: ignore[union-attr]


def _highlight(review: IngestReview, kind: type) -> int:
    return next(i for i, item in enumerate(review.items) if isinstance(item, kind))


def test_the_sample_article_is_recorded_in_few_keystrokes(cli: Cli, tmp_path: Path) -> None:
    from casefile.services.ingest_views import CountView, DateView

    article = tmp_path / "article.txt"
    article.write_bytes(SAMPLE.read_bytes())
    source = cli.json("ingest", str(article), "--published", "2025-06-21")["source"]
    keys_used: list[int] = []

    async def scenario() -> None:
        app = CasefileApp(cli.db, refresh_seconds=None, review=source["id"])
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            review = _review(app)
            assert review.report is not None
            assert review.report.candidates
            keys = Keys(pilot)
            await keys.press("A")  # every confident candidate: a new entity, linked and cited
            review = _review(app)
            date_row = _highlight(review, DateView)
            await keys.press(*["down"] * date_row, "enter", "enter")  # the date becomes the event
            review = _review(app)
            for _ in range(5):
                if not any(isinstance(i, CountView) for i in review.items):
                    break
                row = _highlight(review, CountView)
                current = review.query_one("OptionList").highlighted or 0
                moves = ["down"] * (row - current) if row >= current else ["up"] * (current - row)
                await keys.press(*moves, "enter")  # each count: a claim on the event
                review = _review(app)
            keys_used.append(keys.count)
            assert "Sviatlana Tikhanovskaya" in screen_text(pilot)

    asyncio.run(scenario())
    print(f"\nreview keystrokes for the sample article: {keys_used[0]}")
    assert keys_used[0] < 40
    people = {p["name"]: p for p in cli.json("list", "--kind", "person")}
    assert {"Sviatlana Tikhanovskaya", "Keith Kellogg", "Alexander Lukashenko", "Natalya Dulina"} <= set(
        people
    )
    assert {"Viasna", "Nasha Niva"} <= {o["name"] for o in cli.json("list", "--kind", "organization")}
    assert {"Minsk", "Lithuania"} <= {o["name"] for o in cli.json("list", "--kind", "place")}
    some = cli.json("show", next(iter(people.values()))["handle"])
    assert some["links"][0]["role"] == "mentioned in"
    assert some["links"][0]["citations"][0]["quote"]
    assert some["mentioned_in"][0]["handle"] == source["handle"]
    events = cli.json("list", "--kind", "event")
    assert len(events) == 1
    event = cli.json("show", events[0]["handle"])
    assert event["date"] == "2025-06-21"
    assert event["citations"][0]["source"]["handle"] == source["handle"]
    assert {c["value"] for c in event["claims"]} >= {"14", "13"}
    assert event["conflicts"], "the 14/13 claims conflict"
    vault = tmp_path / "vault"
    cli.ok("export", "markdown", str(vault))
    pages = "\n".join(p.read_text(encoding="utf-8") for p in vault.rglob("*.md"))
    assert "## Mentioned in" in pages
    assert "mentioned in" in pages.lower()
    bundle = json.loads(cli.ok("export", "json").stdout)
    assert bundle


def test_review_keys_alias_link_reject_and_kind(cli: Cli, tmp_path: Path) -> None:
    from casefile.services.ingest_views import CandidateView

    cli.ok("add", "person", "Natallia Dulina")
    cli.ok("add", "person", "I. Korney")
    article = tmp_path / "a.txt"
    article.write_text(
        "Natalya Dulina met Ihor Korney in Minsk. Later Pavel Sevyarynets spoke. Nasha Niva reported it.\n",
        encoding="utf-8",
    )
    source = cli.json("ingest", str(article))["source"]

    async def scenario() -> None:
        app = CasefileApp(cli.db, refresh_seconds=None, review=source["id"])
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            review = _review(app)
            # Natalya Dulina is known under another spelling: a mention, not a candidate.
            assert [m.entity.name for m in review.report.mentions][:1] == ["Natallia Dulina"]  # type: ignore[union-attr]
            # Ihor Korney -> alias of the stored "I. Korney", picked by search.
            await _select(review, "Ihor Korney")
            await pilot.press("s")
            await settle(pilot)
            await pilot.press("ctrl+u")
            await type_text(pilot, "Korney")
            await pilot.press("enter")
            await settle(pilot)
            # Reject one, and change the kind of another before accepting it.
            rejected = await _select(_review(app), "Sevyarynets")
            await pilot.press("r")
            await settle(pilot)
            assert rejected not in [i.name for i in _review(app).items if isinstance(i, CandidateView)]
            await _select(_review(app), "Nasha Niva")
            await pilot.press("t")  # person -> organization
            await pilot.press("enter")
            await settle(pilot)

    asyncio.run(scenario())
    korney = cli.json("show", "I. Korney")
    assert "Ihor Korney" in [a["name"] for a in korney["aliases"]]
    assert korney["links"][0]["role"] == "mentioned in"
    assert korney["mentioned_in"][0]["count"] == 1
    assert [o["name"] for o in cli.json("list", "--kind", "organization")] == ["Nasha Niva"]
    again = cli.json("ingest", str(article))
    assert not [c for c in again["candidates"] if "Sevyarynets" in c["name"]]
