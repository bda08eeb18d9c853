"""Property-based: arbitrary text, control characters, huge strings, odd dates and REFs at the CLI.

Every run either succeeds or fails with one ``casefile: ...`` sentence and a non-zero exit
(never an internal error or a traceback), and ``casefile check`` finds no damage afterwards.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import Cli

SETTINGS = settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

CONTROL = st.text(alphabet=st.characters(codec="utf-8", categories=["Cc", "Cf", "Zl", "Zp"]), max_size=20)
MARKUP = st.sampled_from(
    ["[bold]x[/]", "[/]", "[0]", "\x1b[31mred\x1b[0m", "\x1b]0;title\x07", "%s%n", "{0}"]
)
HUGE = st.builds(lambda c, n: c * n, st.characters(codec="utf-8"), st.integers(5_000, 60_000))
TEXT = st.one_of(st.text(max_size=80), CONTROL, MARKUP, HUGE, st.just(""), st.just(" "), st.just("-"))
DATES = st.one_of(
    st.sampled_from(
        [
            "2025-06-21",
            "2025-13-01",
            "2025-02-30",
            "0000",
            "-0044-03-15",
            "9999-12-31",
            "10000",
            "2025~",
            "2025?",
            "2025%",
            "2020/2021",
            "2021/2020",
            "../2021-03",
            "2021-03/..",
            "..",
            "2025-06-XX",
            "XXXX",
            "Y170000002",
            "2025-21",
            "1984-06-21T12:00:00Z",
            "1e10",
            "—",
            "",
        ]
    ),
    st.from_regex(r"\A[0-9X?~%/.\-]{0,14}\Z", fullmatch=True),
    TEXT,
)
REFS = st.one_of(
    st.sampled_from(
        ["P1", "S1", "E1", "PL1", "O1", "L1", "N1", "P0", "P999999999", "p1", "PL", "-1", "", " "]
    ),
    st.from_regex(r"\A(PL|CI|CL|P|O|S|E|L|N)[0-9]{0,12}\Z", fullmatch=True),
    st.from_regex(r"\A[0-9a-f]{1,36}\Z", fullmatch=True),
    TEXT,
)
KINDS = st.sampled_from(["person", "organization", "place", "source", "event"])
_SEEDED: set[str] = set()


def _seed(cli: Cli) -> None:
    if cli.db in _SEEDED:
        return
    cli.ok("add", "person", "Seed Person")
    cli.ok("add", "source", "Seed Source", "--publisher", "Seed", "--published", "2025")
    cli.ok("add", "event", "Seed Event", "--date", "2025")
    cli.ok("add", "place", "Seed Place")
    cli.ok("add", "organization", "Seed Org")
    cli.ok("link", "P1", "E1", "--role", "seeded", "--source", "S1")
    cli.ok("note", "P1", "Seed note")
    _SEEDED.add(cli.db)


def _clean(cli: Cli, *args: str) -> None:
    """Run ``args``: success (valid JSON for --json), or exactly one sentence and a user error code."""
    result = cli(*args)
    if result.exit_code == 0:
        if "--json" in args:
            json.loads(result.stdout)
        return
    assert result.exit_code in (1, 2, 3), (args, result.exit_code, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, (args, result.stderr)
    assert lines[0].startswith("casefile: "), (args, result.stderr)
    assert "Traceback" not in result.stderr


def _undamaged(cli: Cli) -> None:
    report = cli("check", "--json")
    assert report.exit_code in (0, 1), report.stderr
    codes = {f["code"] for f in report.json()["findings"]}
    assert not codes & {"integrity", "dangling"}, report.stdout


@pytest.fixture
def seeded(cli: Cli) -> Cli:
    _SEEDED.discard(cli.db)
    _seed(cli)
    return cli


@SETTINGS
@given(
    kind=KINDS,
    name=TEXT,
    alias=TEXT,
    tag=TEXT,
    summary=TEXT,
    date=DATES,
    extra=st.sampled_from(
        ["--status", "--type", "--url", "--publisher", "--reliability", "--country", "--place"]
    ),
    value=st.one_of(TEXT, REFS),
)
def test_add_with_any_input(seeded, kind, name, alias, tag, summary, date, extra, value):
    date_option = {"person": "--born", "source": "--published", "event": "--date"}.get(kind)
    args = ["add", kind, name, "--alias", alias, "--tag", tag, "--summary", summary, "--json"]
    if date_option:
        args += [date_option, date]
    _clean(seeded, *args, extra, value)
    _undamaged(seeded)


@SETTINGS
@given(
    ref=REFS,
    option=st.sampled_from(
        [
            "--name",
            "--summary",
            "--add-alias",
            "--remove-alias",
            "--tag",
            "--untag",
            "--born",
            "--status",
            "--type",
            "--country",
            "--lat",
            "--lon",
            "--url",
            "--published",
            "--reliability",
            "--date",
            "--place",
        ]
    ),
    value=st.one_of(TEXT, DATES, REFS, st.sampled_from(["nan", "inf", "-91", "1e400", "0x10"])),
)
def test_edit_with_any_input(seeded, ref, option, value):
    _clean(seeded, "edit", ref, option, value, "--json")
    _undamaged(seeded)


@SETTINGS
@given(
    a=REFS, b=REFS, role=TEXT, source=REFS, date=DATES, text=TEXT, quote=TEXT, credibility=st.integers(-3, 9)
)
def test_link_note_and_cite_with_any_input(seeded, a, b, role, source, date, text, quote, credibility):
    _clean(seeded, "link", a, b, "--role", role, "--source", source, "--date", date, "--note", text, "--json")
    _clean(seeded, "note", a, text, "--source", source, "--json")
    _clean(seeded, "cite", a, source, "--locator", text, "--quote", quote, "--credibility", str(credibility))
    _undamaged(seeded)


@SETTINGS
@given(ref=REFS, query=TEXT, kind=st.one_of(KINDS, TEXT), tag=TEXT)
def test_reading_commands_with_any_input(seeded, ref, query, kind, tag):
    _clean(seeded, "show", ref, "--json")
    _clean(seeded, "show", ref)
    _clean(seeded, "search", query, "--kind", kind, "--json")
    _clean(seeded, "list", "--kind", kind, "--tag", tag, "--json")
    _clean(seeded, "list", "--after", query, "--json")
    _clean(seeded, "timeline", ref, "--json")
    _clean(seeded, "unlink", ref)
    _undamaged(seeded)


@SETTINGS
@given(ref=REFS, attribute=TEXT, value=st.one_of(TEXT, DATES), source=REFS, as_of=DATES, other=REFS)
def test_claims_with_any_input(seeded, ref, attribute, value, source, as_of, other):
    _clean(seeded, "claim", ref, attribute, value, "--source", source, "--as-of", as_of, "--json")
    _clean(seeded, "claims", ref, "--conflicts", "--json")
    _clean(seeded, "resolve", ref, "--prefer", other, "--note", value)
    _undamaged(seeded)
