"""Likely duplicates with their score and why they match; merge one into the other, or mark them distinct."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from casefile.services.duplicates import DuplicatePair
from casefile.services.merge import MergeResult
from casefile.services.views import EntityRef
from casefile.storage.engine import Database
from casefile.text import one_line
from casefile.tui.literal import literal_line

HOW_TO = (
    "1 keeps the left record and folds the right one into it, 2 the other way round "
    "(names become aliases; links, notes, citations and claims move; a backup is taken first). "
    "x marks the two as different people or things; a shows every pair or only this dossier's."
)


@dataclass
class DuplicatesFound(Message):
    """Pairs read by the duplicates service."""

    pairs: list[DuplicatePair]


@dataclass
class MergePlanned(Message):
    """What a merge would move, to ask before doing it."""

    plan: MergeResult


@dataclass
class PairSettled(Message):
    """A merge or a 'distinct' was written; ``kept`` is the surviving record after a merge."""

    sentence: str
    kept: EntityRef | None


def pair_prompt(pair: DuplicatePair) -> Content:
    """``0.93  P1 Name  ⇄  P7 Name`` and, below, why they match."""
    return Content.assemble(
        (f"{pair.score:.2f}  ", "bold $text-warning"),
        (f"{pair.first.handle} ", "bold $text-accent"),
        literal_line(pair.first.name, 60),
        ("  ⇄  ", "$text-muted"),
        (f"{pair.second.handle} ", "bold $text-accent"),
        literal_line(pair.second.name, 60),
        (f"  {pair.first.kind}", "$text-muted"),
        ("\n      why: ", "$text-muted"),
        literal_line("; ".join(pair.reasons) or "similar names", 160, "italic"),
    )


class DuplicatesScreen(Screen[str | None]):
    """Dismisses with the id of the last record kept by a merge (to open it), or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark,f1", "app.help", "Help", key_display="?"),
        Binding("1", "merge(1)", "Keep left"),
        Binding("2", "merge(2)", "Keep right"),
        Binding("x", "distinct", "Distinct"),
        Binding("a", "toggle_all", "All/this"),
        Binding("escape,m", "close", "Back"),
    ]
    DEFAULT_CSS = """
    DuplicatesScreen #dup-how { color: $text-muted; padding: 0 1; height: auto; }
    DuplicatesScreen #dup-list { height: 1fr; border: round $primary 50%; }
    """

    def __init__(self, db: Database, entity: EntityRef | None = None) -> None:
        super().__init__()
        self.db = db
        self.entity = entity
        self.only_entity = entity is not None
        self.pairs: list[DuplicatePair] = []
        self.kept_id: str | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical():
            yield Static(Content(HOW_TO), id="dup-how")
            yield OptionList(id="dup-list")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#dup-list", OptionList).border_title = "looking for duplicates…"
        self.query_one("#dup-list").focus()
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="duplicates")
    def load(self) -> None:
        from casefile.services.duplicates import find_duplicates

        kind = self.entity.kind if self.entity is not None and self.only_entity else None
        self.post_message(DuplicatesFound(self.db.read(lambda s: find_duplicates(s, kind=kind))))

    def on_duplicates_found(self, message: DuplicatesFound) -> None:
        pairs = message.pairs
        wanted = self.entity.id if self.entity is not None and self.only_entity else None
        if wanted is not None:
            pairs = [p for p in pairs if wanted in (p.first.id, p.second.id)]
        self.pairs = pairs
        options = self.query_one("#dup-list", OptionList)
        options.set_options(
            [Option(pair_prompt(p), id=f"{p.first.id}|{p.second.id}") for p in pairs]
            or [Option(Content("No likely duplicates."), disabled=True)]
        )
        scope = (
            f"of {self.entity.handle} {one_line(self.entity.name, 40)}"
            if wanted and self.entity
            else "in the case"
        )
        options.border_title = f"{len(pairs)} likely duplicate pairs {scope}"
        if pairs:
            options.highlighted = 0
        self.sub_title = "Duplicates and merge"

    @property
    def current(self) -> DuplicatePair | None:
        option = self.query_one("#dup-list", OptionList).highlighted_option
        if option is None or option.disabled:
            return None
        return next((p for p in self.pairs if f"{p.first.id}|{p.second.id}" == option.id), None)

    def _need_pair(self) -> DuplicatePair | None:
        pair = self.current
        if pair is None:
            self.notify("No pair is highlighted.", severity="warning")
        return pair

    def action_toggle_all(self) -> None:
        if self.entity is not None:
            self.only_entity = not self.only_entity
            self.load()

    # ----- merge ---------------------------------------------------------------------------

    def action_merge(self, keep: int) -> None:
        pair = self._need_pair()
        if pair is not None:
            kept, other = (pair.first, pair.second) if keep == 1 else (pair.second, pair.first)
            self.plan_merge(kept.id, other.id)

    @work(thread=True, exclusive=True, exit_on_error=False, group="duplicates-write")
    def plan_merge(self, keep_id: str, other_id: str) -> None:
        from casefile.services.merge import plan_merge

        self.post_message(
            MergePlanned(self.db.read(lambda s: plan_merge(s, keep_ref=keep_id, other_ref=other_id)))
        )

    def on_merge_planned(self, message: MergePlanned) -> None:
        from casefile.tui.screens.choice_dialog import ChoiceDialog

        plan = message.plan
        moving = ", ".join(f"{n} {what}" for what, n in plan.moved.items() if n) or "nothing else"
        question = (
            f"Merge {plan.other.handle} {one_line(plan.other.name, 50)} into {plan.keep.handle} "
            f"{one_line(plan.keep.name, 50)}? This moves {moving}; {plan.other.handle} is removed "
            "(a backup of the case file is taken first)."
        )

        def answered(answer: str | None) -> None:
            if answer == "y":
                self.merge(plan.keep.id, plan.other.id)

        self.app.push_screen(
            ChoiceDialog(question, [("y", "Merge"), ("n", "Cancel")], escape_answer="n"), answered
        )

    @work(thread=True, exclusive=True, exit_on_error=False, group="duplicates-write")
    def merge(self, keep_id: str, other_id: str) -> None:
        from casefile.services.merge import merge_entities
        from casefile.services.merge_backup import backup_before_merge

        backup = backup_before_merge(self.db)
        result = self.db.write(lambda s: merge_entities(s, keep_ref=keep_id, other_ref=other_id))
        where = f" The case file before the merge is at {backup}." if backup else ""
        sentence = f"Merged {result.other.handle} into {result.keep.handle}.{where}"
        self.post_message(PairSettled(sentence, result.keep))

    # ----- distinct ------------------------------------------------------------------------

    def action_distinct(self) -> None:
        pair = self._need_pair()
        if pair is not None:
            self.mark_distinct(pair.first.id, pair.second.id)

    @work(thread=True, exclusive=True, exit_on_error=False, group="duplicates-write")
    def mark_distinct(self, first_id: str, second_id: str) -> None:
        from casefile.services.duplicates import mark_distinct

        a, b = self.db.write(lambda s: mark_distinct(s, first_ref=first_id, second_ref=second_id))
        self.post_message(PairSettled(f"Marked {a.handle} and {b.handle} as different.", None))

    def on_pair_settled(self, message: PairSettled) -> None:
        self.notify(message.sentence, markup=False, timeout=8)
        if message.kept is not None:
            self.kept_id = message.kept.id
            if self.entity is not None and self.entity.id != message.kept.id and self.only_entity:
                self.entity = message.kept  # this dossier's record was merged away: follow the one kept
        self.load()

    def action_close(self) -> None:
        self.dismiss(self.kept_id)
