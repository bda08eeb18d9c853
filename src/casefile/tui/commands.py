"""Command palette provider: jump to any entity by name or alias (the search service)."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Protocol, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.worker import WorkerCancelled, WorkerFailed

from casefile.services.search import SearchHit
from casefile.tui.literal import literal_line

if TYPE_CHECKING:
    from casefile.storage.database import Database

MAX_HITS = 20


class CaseApp(Protocol):
    """What the palette needs of the app (``tui.app.CasefileApp``, which imports this module)."""

    db: Database | None

    def action_timeline(self) -> None: ...

    def action_refresh_case(self) -> None: ...

    def open_entity(self, entity_id: str) -> None: ...


def hit_prompt(hit: SearchHit) -> Content:
    """``P1 Name  person · alias 'Ціханоўская' (exact)`` as Content, never markup."""
    ref = hit.entity
    return Content.assemble(
        ("jump: ", "$text-muted"),
        (f"{ref.handle} ", "bold $text-accent"),
        literal_line(ref.name, 80),
        (f"  {ref.kind} · ", "$text-muted"),
        literal_line(hit.matched, 80, "$text-muted"),
    )


class EntityCommands(Provider):
    """``jump: P1 Sviatlana Tikhanovskaya``: search names and aliases in any script."""

    @property
    def casefile(self) -> CaseApp:
        return cast("CaseApp", self.app)

    async def discover(self) -> Hits:
        """Cheap: the timeline and refresh commands, no database work."""
        app = self.casefile
        yield DiscoveryHit(Content("screen: timeline of the case"), app.action_timeline, text="timeline")
        yield DiscoveryHit(Content("case: refresh from disk"), app.action_refresh_case, text="refresh")

    async def search(self, query: str) -> Hits:
        app = self.casefile
        db = app.db
        if db is None or not query.strip():
            return
        worker = self.app.run_worker(
            partial(_search, db, query),
            thread=True,
            exclusive=True,
            exit_on_error=False,
            group="palette",
        )
        try:
            hits: list[SearchHit] = await worker.wait()
        except (WorkerCancelled, WorkerFailed):
            return
        for hit in hits:
            yield Hit(
                hit.score,
                hit_prompt(hit),
                partial(app.open_entity, hit.entity.id),
                text=f"{hit.entity.handle} {hit.entity.name}",
            )


def _search(db: Database, query: str) -> list[SearchHit]:
    from casefile.errors import CasefileError
    from casefile.services.search import search

    try:
        return db.read(lambda s: search(s, query=query, limit=MAX_HITS))
    except CasefileError:
        return []
