"""Tabs that filter the entity list by kind."""

from __future__ import annotations

from textual.widgets import Tab, Tabs

KIND_TABS = (
    ("all", "All"),
    ("person", "People"),
    ("organization", "Organizations"),
    ("place", "Places"),
    ("source", "Sources"),
    ("event", "Events"),
)


class KindTabs(Tabs):
    """``All | People | Organizations | Places | Sources | Events``."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(*(Tab(label, id=f"kind-{key}") for key, label in KIND_TABS), id=id)

    @staticmethod
    def kind_of(tab_id: str | None) -> str | None:
        """The kind a tab filters on (``None`` for All)."""
        key = (tab_id or "kind-all").removeprefix("kind-")
        return None if key == "all" else key
