"""Review what a source's text names: accept, alias, link or reject each proposal.

The text is shown with known mentions and candidates highlighted (as data, never markup);
the list holds dates, counts and candidates. Every accept is one transaction in a worker,
after which the proposals are read again (accepted names become known mentions).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

from sqlmodel import Session
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content, Span
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from casefile.errors import CasefileError, InvalidInput
from casefile.services.ingest_views import AcceptResult, CandidateView, CountView, DateView, IngestReport
from casefile.services.views import EntityRef
from casefile.storage.engine import Database
from casefile.text import one_line, printable
from casefile.tui.screens.forms.base import FormScreen
from casefile.tui.widgets.entity_picker import EntityPicker

KINDS = ("person", "organization", "place")
CONFIDENCE = 0.75
MAX_SHOWN = 200_000  # characters of text drawn; the rest is named, not drawn
Item = CandidateView | DateView | CountView


@dataclass
class ReviewLoaded(Message):
    """The proposals of the source, read again."""

    report: IngestReport


@dataclass
class ReviewWritten(Message):
    """An accept committed."""

    result: AcceptResult
    what: str


class IngestReview(Screen[None]):
    """The review of one ingested source."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("K", "accept_known", "Accept known", key_display="K"),
        Binding("A", "accept_confident", "Accept all ≥0.75", key_display="A"),
        Binding("enter", "accept", "Accept", show=True),
        Binding("t", "cycle_kind", "Kind"),
        Binding("s", "alias", "Alias of…"),
        Binding("l", "link", "Link to…"),
        Binding("r", "reject", "Reject"),
        Binding("escape", "close", "Close"),
    ]
    DEFAULT_CSS = """
    IngestReview #review-body { height: 1fr; }
    IngestReview #review-text-scroll { width: 3fr; border: round $primary; }
    IngestReview #review-side { width: 2fr; }
    IngestReview #review-status { height: auto; padding: 0 1; color: $text-muted; }
    IngestReview #review-items { height: 1fr; border: round $secondary; }
    """

    def __init__(self, db: Database, source_id: str) -> None:
        super().__init__()
        self.db = db
        self.source_id = source_id
        self.report: IngestReport | None = None
        self.items: list[Item] = []
        self.kinds: dict[str, str] = {}  # candidate name -> kind chosen here
        self.done: set[tuple[str, int]] = set()  # dates and counts accepted here
        self.last_event: EntityRef | None = None
        self.busy = False

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="review-body"):
            with VerticalScroll(id="review-text-scroll"):
                yield Static(Content("Reading…"), id="review-text")
            with Vertical(id="review-side"):
                yield Static(Content(""), id="review-status")
                yield OptionList(id="review-items")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()
        self.load()

    # ----- reading -----------------------------------------------------------------------

    @work(thread=True, exclusive=True, exit_on_error=False, group="review-read")
    def load(self) -> None:
        from casefile.services.ingest import analyse

        report = self.db.read(lambda s: analyse(s, source_ref=self.source_id))
        self.post_message(ReviewLoaded(report))

    def on_review_loaded(self, message: ReviewLoaded) -> None:
        self.report = report = message.report
        self.sub_title = one_line(f"{report.source.handle} {report.source.name}", 80)
        self.query_one("#review-text", Static).update(self._text_content(report))
        self.items = [
            *[d for d in report.dates if ("d", d.start) not in self.done],
            *[c for c in report.counts if ("c", c.start) not in self.done],
            *report.candidates,
        ]
        options = self.query_one(OptionList)
        keep = options.highlighted or 0
        options.set_options(
            [Option(self._row(item)) for item in self.items]
            or [Option(Content("Nothing left to review."), disabled=True)]
        )
        if self.items:
            options.highlighted = min(keep, len(self.items) - 1)
        known = {m.entity.handle for m in report.mentions}
        self.query_one("#review-status", Static).update(
            Content(
                f"{len(report.mentions)} mentions of {len(known)} known entities (K links them) · "
                f"{len(report.candidates)} candidates · {len(report.dates)} dates · {len(report.counts)} counts"
            )
        )
        self.busy = False

    def _text_content(self, report: IngestReport) -> Content:
        text = report.text[:MAX_SHOWN]
        shown = printable(text)
        if len(shown) != len(text):  # control characters were made visible: offsets moved
            return Content(shown)
        spans = [Span(m.start, m.end, "bold $success") for m in report.mentions if m.end <= len(text)]
        for cand in report.candidates:
            spans.extend(Span(s, e, "underline $warning") for s, e in cand.occurrences if e <= len(text))
        more = len(report.text) - len(text)
        content = Content(shown, spans=sorted(spans, key=lambda sp: sp.start))
        if more > 0:
            content = content + Content(f"\n\n… and {more:,} more characters.")
        return content

    def _row(self, item: Item) -> Content:
        if isinstance(item, DateView):
            return Content.assemble(("date   ", "bold"), one_line(item.text, 40), f" → {item.date}")
        if isinstance(item, CountView):
            return Content.assemble(
                ("count  ", "bold"), one_line(item.text, 40), f" → {item.attribute} = {item.value}"
            )
        kind = self.kinds.get(item.name, item.kind)
        maybe = f"  maybe {', '.join(e.handle for e in item.maybe_same_as)}" if item.maybe_same_as else ""
        return Content.assemble(
            (f"{kind:<13}", "bold"),
            one_line(item.name, 50),
            f"  {item.confidence:.2f} ×{len(item.occurrences)}{maybe}",
        )

    @property
    def current(self) -> Item | None:
        index = self.query_one(OptionList).highlighted
        return self.items[index] if index is not None and 0 <= index < len(self.items) else None

    # ----- writing -----------------------------------------------------------------------

    def run_write(self, action: Callable[[Session], AcceptResult], what: str) -> None:
        if self.busy:
            return
        self.busy = True
        self.write(action, what)

    @work(thread=True, exclusive=True, exit_on_error=False, group="review-write")
    def write(self, action: Callable[[Session], AcceptResult], what: str) -> None:
        """One accept, one transaction; then the proposals are read again."""
        try:
            result = self.db.write(action)
        except CasefileError:
            self.busy = False
            raise
        self.post_message(ReviewWritten(result, what))

    def on_review_written(self, message: ReviewWritten) -> None:
        r = message.result
        created = [e for e in r.created if e.kind == "event"]
        if created:
            self.last_event = created[-1]
        parts = [f"{len(r.created)} created"] if r.created else []
        parts += [f"{r.links} links", f"{r.citations} citations", f"{r.mentions} mentions"]
        if r.claims:
            parts.append(f"{r.claims} claims")
        self.notify(f"{message.what}: " + ", ".join(parts), markup=False)
        self.load()

    def action_accept_known(self) -> None:
        from casefile.services.ingest_accept import accept_mentions

        if self.report is None or not self.report.mentions:
            self.notify("No known entity is mentioned.", markup=False)
            return
        mentions = list(self.report.mentions)
        self.run_write(lambda s: accept_mentions(s, source_ref=self.source_id, mentions=mentions), "Known")

    def action_accept_confident(self) -> None:
        from casefile.services.ingest_accept import accept_candidates

        if self.report is None:
            return
        chosen = [self._with_kind(c) for c in self.report.candidates]
        self.run_write(
            lambda s: accept_candidates(
                s, source_ref=self.source_id, candidates=chosen, threshold=CONFIDENCE
            ),
            "Accepted",
        )

    def _with_kind(self, cand: CandidateView) -> CandidateView:
        kind = self.kinds.get(cand.name)
        if kind is None or kind == cand.kind:
            return cand
        return CandidateView(
            cand.name, kind, cand.confidence, cand.sentence, cand.occurrences, cand.maybe_same_as
        )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on a row (the list handles Enter itself) accepts it."""
        event.stop()
        self.action_accept()

    def action_accept(self) -> None:
        from casefile.services.ingest_accept import accept_count, accept_new

        item = self.current
        if item is None or self.report is None:
            return
        if isinstance(item, CandidateView):
            cand = self._with_kind(item)
            self.run_write(
                lambda s: accept_new(s, source_ref=self.source_id, candidate=cand, kind=cand.kind), cand.name
            )
        elif isinstance(item, DateView):
            self._date_as_event(item)
        elif self.last_event is None:
            self.notify(
                "Accept a date as an event first (the count becomes its claim), or press l.", markup=False
            )
        else:
            event = self.last_event
            self.done.add(("c", item.start))
            self.run_write(
                lambda s: accept_count(s, source_ref=self.source_id, count=item, entity_ref=event.id),
                f"{item.attribute} = {item.value} on {event.handle}",
            )

    def _date_as_event(self, date: DateView) -> None:
        from casefile.services.ingest import suggest_event_title
        from casefile.services.ingest_accept import accept_date_as_event

        assert self.report is not None
        suggested = suggest_event_title(self.report, date)

        def done(title: str | None) -> None:
            if title:
                self.done.add(("d", date.start))
                self.run_write(
                    lambda s: accept_date_as_event(s, source_ref=self.source_id, date=date, title=title),
                    f"Event {title}",
                )

        self.app.push_screen(EventTitle(suggested), done)

    def action_cycle_kind(self) -> None:
        item = self.current
        if not isinstance(item, CandidateView):
            return
        kind = self.kinds.get(item.name, item.kind)
        self.kinds[item.name] = KINDS[(KINDS.index(kind) + 1) % len(KINDS)] if kind in KINDS else KINDS[0]
        options = self.query_one(OptionList)
        index = options.highlighted
        if index is not None:
            options.replace_option_prompt_at_index(index, self._row(item))

    def action_alias(self) -> None:
        self._pick("alias")

    def action_link(self) -> None:
        self._pick("link")

    def _pick(self, how: str) -> None:
        from casefile.services.ingest_accept import (
            accept_alias,
            accept_count,
            accept_date_as_claim,
            accept_link,
        )

        item = self.current
        if item is None:
            return
        hint = item.maybe_same_as[0].name if isinstance(item, CandidateView) and item.maybe_same_as else ""

        source = self.source_id

        def done(entity: EntityRef | None) -> None:
            if entity is None:
                return
            target = entity.id

            def action(s: Session) -> AcceptResult:
                if isinstance(item, CandidateView):
                    fn = accept_alias if how == "alias" else accept_link
                    return fn(s, source_ref=source, candidate=item, entity_ref=target)
                if isinstance(item, CountView):
                    return accept_count(s, source_ref=source, count=item, entity_ref=target)
                return accept_date_as_claim(
                    s, source_ref=source, date=item, entity_ref=target, attribute="date"
                )

            if not isinstance(item, CandidateView):
                self.done.add(("c" if isinstance(item, CountView) else "d", item.start))
            self.run_write(action, entity.handle)

        self.app.push_screen(PickEntity(self.db, hint), done)

    def action_reject(self) -> None:
        from casefile.services.ingest_accept import reject

        item = self.current
        if isinstance(item, CandidateView):
            self.run_write(
                lambda s: reject(s, source_ref=self.source_id, name=item.name), f"Rejected {item.name}"
            )
        elif item is not None:
            self.done.add(("d" if isinstance(item, DateView) else "c", item.start))
            self.load()

    def action_close(self) -> None:
        self.dismiss(None)


class EventTitle(FormScreen[str]):
    """The title of the event a date becomes (a suggestion, editable)."""

    SAVE_LABEL = "Create event"
    WRITES = False

    def __init__(self, suggested: str) -> None:
        super().__init__(db=None)  # type: ignore[arg-type]
        self.suggested = suggested

    def title_content(self) -> Content:
        return Content("New event from this date")

    def fields(self) -> ComposeResult:
        yield Static("Title", classes="label")
        yield Input(self.suggested, id="event-title")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        title = self.query_one("#event-title", Input).value.strip()
        if not title:
            self.fail("An event needs a title.")
            return
        self.dismiss(title)

    def submit(self) -> None:
        return None


class PickEntity(FormScreen[EntityRef]):
    """Pick an existing entity by search (Enter takes the best match)."""

    SAVE_LABEL = "Pick"
    WRITES = False

    def __init__(self, db: Database, hint: str = "") -> None:
        super().__init__(db)
        self.hint = hint

    def title_content(self) -> Content:
        return Content("Which entity?")

    def fields(self) -> ComposeResult:
        yield Static("Entity", classes="label")
        yield EntityPicker(
            self.db, id="pick-entity", placeholder="type a name or alias; Enter takes the best match"
        )

    def on_mount(self) -> None:
        super().on_mount()
        if self.hint:
            self.query_one(EntityPicker).input.value = self.hint

    def on_entity_picker_changed(self, message: EntityPicker.Changed) -> None:
        if message.picker.chosen:
            self.dismiss(message.picker.chosen[0])

    def submit(self) -> Callable[[Session], EntityRef] | None:
        chosen = self.query_one(EntityPicker).chosen
        if not chosen:
            raise InvalidInput("Type part of a name and press Enter to pick the entity.")
        ref = chosen[0]
        return lambda _s: ref


class IngestPath(FormScreen[str]):
    """Ask for a file to ingest; store it as a source and return the source's id."""

    SAVE_LABEL = "Ingest"

    def title_content(self) -> Content:
        return Content("Ingest a text, web page or PDF")

    def fields(self) -> ComposeResult:
        yield Static("File", classes="label")
        yield Input(id="ingest-path", placeholder="path of a .txt, .md, .html or .pdf file")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def submit(self) -> Callable[[Session], str] | None:
        path = self.query_one("#ingest-path", Input).value.strip()
        if not path:
            raise InvalidInput("Type the path of the file to ingest.")
        self.path = path
        return lambda _s: path

    @work(thread=True, exclusive=True, exit_on_error=False, group="form")
    def write(self, action: Callable[[Session], Any]) -> None:
        """Read and extract outside any transaction, then store the source in one."""
        from casefile.files import read_user_file
        from casefile.services.ingest import IngestInput, read_document, store_document

        try:
            doc = read_document(IngestInput(data=read_user_file(self.path), filename=self.path))
            ref, _existing = self.db.write(lambda s: store_document(s, doc))
        except CasefileError as exc:
            self.post_message(self.Failed(str(exc)))
            return
        self.post_message(self.Succeeded(ref.id))
