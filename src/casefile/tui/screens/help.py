"""Every key binding, read from the screens' own BINDINGS (never copied by hand), and a short how-to."""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingsMap, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

HOW_TO = """\
How to record an article
  1. n then s: a source for the article (title, URL, reliability A-F). Its reliability is the
     letter of every grade below.
  2. n then p/o/e/l: the people, organizations, events and places it names. casefile asks
     "same as P3?" when a new name folds to one it already has.
  3. l on a dossier links it to another entity (role, date, note, sources); c cites a source;
     a writes a note. These forms start with the last source you used in this session.
  4. k opens the dossier's claims: a adds one (attribute, value, source, as-of, credibility);
     r resolves a conflict by preferring one claim, with a note; e and d edit or delete.
  5. m lists likely duplicates: 1 or 2 chooses which record to keep, x marks them distinct.
  6. On the dossier's link list (Enter on the entity list, then arrows), e edits the
     highlighted link's role, date and note and d deletes it.

Grades
  A grade is the source's reliability A (reliable) … F (cannot be judged) followed by the
  claim's or citation's credibility 1 (confirmed) … 6 (cannot be judged). "?" means not
  graded: B? = reliability B, credibility not judged; ?? = neither.

Finding things
  / searches names, aliases and texts in any script; typing a handle (S1, P12) finds that
  record. ctrl+p opens the command palette, which does the same and lists screens.

Dates
  Dates are EDTF: 2025-06-21, 2025-06, 2025~ (about), 2025? (uncertain), 2020/2021. EDTF
  reads 2025-21 … 2025-41 as seasons, quarters and halves, so a form shows what such a date
  means and saves it only when you press ctrl+s again.

Small terminals
  At 80 columns the footer shows the first keys of each screen (Help is always first);
  the ones that do not fit are listed here, with every other key."""


FOOTER_NOTE = (
    "The footer shows each screen's keys in this order; on a narrow terminal (80 columns) the last "
    "ones do not fit; Back ([), Forward (]) and Refresh (ctrl+r) are never shown there: they are all here. "
    "Esc, q or ? closes this help; arrows and PgDn scroll it."
)


def _sections(app: App[Any]) -> list[tuple[str, list[BindingType]]]:
    from casefile.tui.screens.choice_dialog import ChoiceDialog
    from casefile.tui.screens.claims import ClaimsScreen
    from casefile.tui.screens.duplicates import DuplicatesScreen
    from casefile.tui.screens.forms.base import FormScreen
    from casefile.tui.screens.main import MainScreen
    from casefile.tui.screens.network import NetworkScreen
    from casefile.tui.screens.timeline import TimelineScreen
    from casefile.tui.widgets.link_list import LinkList

    return [
        ("Main screen", MainScreen.BINDINGS),
        ("On a dossier's link list", LinkList.BINDINGS),
        ("Claims screen (k)", ClaimsScreen.BINDINGS),
        ("Duplicates screen (m)", DuplicatesScreen.BINDINGS),
        ("Timeline screen (t)", TimelineScreen.BINDINGS),
        ("Network view (g)", NetworkScreen.BINDINGS),
        ("In every form", FormScreen.BINDINGS),
        ("In a question", ChoiceDialog.BINDINGS),
        ("Everywhere", [*type(app).BINDINGS, _palette_binding()]),
    ]


def _palette_binding() -> Binding:
    return Binding(
        App.COMMAND_PALETTE_BINDING, "command_palette", "Palette: find an entity by name or handle"
    )


def binding_lines(app: App[Any], bindings: list[BindingType]) -> list[tuple[str, str]]:
    """``(keys, description)`` per action, keys joined as the footer would show them."""
    grouped: dict[tuple[str, str], list[str]] = {}
    for _key, binding in BindingsMap(bindings):
        description = binding.description or binding.action.replace("_", " ")
        keys = grouped.setdefault((binding.action, description), [])
        shown = app.get_key_display(Binding(binding.key, binding.action))
        if shown not in keys:
            keys.append(shown)
    return [(" ".join(keys), description) for (_action, description), keys in grouped.items()]


def help_content(app: App[Any]) -> Content:
    """The bindings of every screen, section by section."""
    parts: list[str | Content | tuple[str, str]] = []
    for title, bindings in _sections(app):
        if parts:
            parts.append("\n")
        parts.append((f"{title}\n", "bold $text-primary"))
        for keys, description in binding_lines(app, bindings):
            parts.extend([(f"  {keys:<18}", "bold $text-accent"), f"{description}\n"])
    return Content.assemble(*parts)


class HelpScreen(ModalScreen[None]):
    """``?`` or F1: keys and a short how-to; Esc, q or ? closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q,question_mark,f1", "close", "Close help")]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 100; max-width: 100%; height: 90%; border: thick $primary; background: $surface; padding: 0 1;
    }
    HelpScreen #help-howto { margin-top: 1; }
    """

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(Content.styled("casefile keys", "bold"))
            yield Static(Content(FOOTER_NOTE), id="help-footer-note")
            yield Static(help_content(self.app), id="help-keys")
            yield Static(Content(HOW_TO), id="help-howto")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#help").focus()

    def action_close(self) -> None:
        self.dismiss(None)
