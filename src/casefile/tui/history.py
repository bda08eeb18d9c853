"""Back/forward history between dossiers (plain Python, no Textual)."""

from __future__ import annotations

from dataclasses import dataclass, field

MAX_HISTORY = 200


@dataclass
class History:
    """Entity ids visited, with a position that moves back and forward like a browser."""

    _items: list[str] = field(default_factory=list)
    _index: int = -1

    @property
    def current(self) -> str | None:
        return self._items[self._index] if self._index >= 0 else None

    def visit(self, entity_id: str) -> None:
        """Record a new visit; forward entries are dropped."""
        if self.current == entity_id:
            return
        del self._items[self._index + 1 :]
        self._items.append(entity_id)
        if len(self._items) > MAX_HISTORY:
            del self._items[0]
        self._index = len(self._items) - 1

    def back(self) -> str | None:
        """Step back; ``None`` at the start."""
        if self._index <= 0:
            return None
        self._index -= 1
        return self._items[self._index]

    def forward(self) -> str | None:
        """Step forward; ``None`` at the end."""
        if self._index >= len(self._items) - 1:
            return None
        self._index += 1
        return self._items[self._index]

    def forget(self, entity_id: str) -> None:
        """Drop a deleted entity; if it was current, the one before it becomes current."""
        kept_before = sum(1 for i in self._items[: self._index] if i != entity_id)
        current_kept = self.current != entity_id
        self._items = [i for i in self._items if i != entity_id]
        self._index = kept_before if current_kept else kept_before - 1
        if self._items and self._index < 0:
            self._index = 0
