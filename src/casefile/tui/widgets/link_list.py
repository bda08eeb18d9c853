"""A dossier's links grouped by role; Enter follows a link to the other entity's dossier."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from casefile.services.views import EntityRef, LinkView
from casefile.tui.literal import literal_line


def link_prompt(link: LinkView) -> Content:
    """``→ P3 Name  2025-06-21  S1 B?`` with every piece of user text literal."""
    other = link.other
    arrow = "→" if link.direction == "out" else "←"
    parts: list[str | Content | tuple[str, str]] = [
        (f"  {arrow} ", "$text-muted"),
        (f"{other.handle} ", "bold $text-accent"),
        literal_line(other.name, 120),
    ]
    if link.date:
        parts.append((f"  {link.date}", "$text-secondary"))
    for citation in link.citations:
        parts.append((f"  {citation.source.handle} {citation.grade}", "$text-success"))
    if link.note:
        parts.extend([("  — ", "$text-muted"), literal_line(link.note, 80, "italic")])
    parts.append((f"  {link.handle}", "$text-muted"))
    return Content.assemble(*parts)


class LinkList(OptionList):
    """Links under a heading per role; selecting one posts ``Follow``; ``e``/``d`` edit or delete it."""

    # The screen's own edit and delete act on the highlighted link while this list has focus;
    # bound here too so the footer and the help name them for what they do here.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "screen.edit", "Edit link"),
        Binding("d,delete", "screen.delete", "Delete link"),
    ]

    DEFAULT_CSS = """
    LinkList { height: auto; max-height: 16; border: none; padding: 0; background: transparent; }
    """

    class Follow(Message):
        """Open the dossier at the other end of a link."""

        def __init__(self, entity: EntityRef) -> None:
            super().__init__()
            self.entity = entity

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._targets: dict[str, EntityRef] = {}

    def show_links(self, links: list[LinkView]) -> None:
        """Replace the options with ``links`` grouped by role (links come sorted by role)."""
        options: list[Option] = []
        self._targets = {}
        role: str | None = None
        for link in links:
            if link.role != role:
                role = link.role
                options.append(Option(literal_line(role, 80, "bold $text-primary"), disabled=True))
            options.append(Option(link_prompt(link), id=link.handle))
            self._targets[link.handle] = link.other
        self.set_options(options)
        self.display = bool(links)
        first = next((i for i, o in enumerate(options) if not o.disabled), None)
        self.highlighted = first

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        target = self._targets.get(event.option.id or "")
        if target is not None:
            self.post_message(self.Follow(target))

    @property
    def highlighted_link(self) -> str | None:
        """The handle of the highlighted link, if any."""
        option = self.highlighted_option
        return option.id if option is not None else None
