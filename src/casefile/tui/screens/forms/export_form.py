"""Export the current dossier or the whole case file to Markdown or JSON."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlmodel import Session
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Checkbox, Input, Select, Static

from casefile.errors import InvalidInput
from casefile.services.views import EntityRef
from casefile.storage.engine import Database
from casefile.text import one_line
from casefile.tui.screens.forms.base import FormScreen
from casefile.tui.session_memory import memory_of
from casefile.tui.widgets.state_checkbox import StateCheckbox

FORMATS = [("Markdown (a folder, one file per dossier)", "markdown"), ("JSON bundle (one file)", "json")]


def run_export(session: Session, *, fmt: str, path: Path, refs: list[str], include_private: bool) -> str:
    """Export through the services the CLI uses; returns a sentence for the status line."""
    if fmt == "markdown":
        from casefile.services.exports import export_vault

        return export_vault(session, path, refs, include_private=include_private).sentence()
    from casefile.exchange.transfer import private_output
    from casefile.services.exports import write_json

    with private_output(path) as out:
        counts = write_json(session, out, refs, include_private=include_private)
    return f"Wrote {sum(counts.values())} records to {path}."


def with_suffix(text: str, fmt: str) -> str:
    """``casefile-export`` <-> ``casefile-export.json`` as the format changes (other names kept)."""
    stripped = text.strip()
    if not stripped:
        return stripped
    path = Path(stripped)
    if fmt == "json":
        return stripped if path.suffix.lower() == ".json" else str(path.with_suffix(".json"))
    return str(path.with_suffix("")) if path.suffix.lower() == ".json" else stripped


class ExportForm(FormScreen[str]):
    """Returns a sentence naming what was written."""

    SAVE_LABEL = "Export"
    WRITES = False

    def __init__(self, db: Database, entity: EntityRef | None, default_dir: Path) -> None:
        super().__init__(db)
        self.entity = entity
        self.default_dir = default_dir

    def title_content(self) -> Content:
        if self.entity is None:
            return Content("Export the case file")
        return Content.assemble(
            f"Export {self.entity.handle} ", one_line(self.entity.name, 60), " or the case file"
        )

    def fields(self) -> ComposeResult:
        memory = memory_of(self.app)
        fmt = memory.export_format or "markdown"
        yield Static("Format", classes="label")
        yield Select(FORMATS, value=fmt, allow_blank=False, id="export-format")
        yield Static(classes="label")
        # The whole case by default: a dossier alone is the narrower, deliberate choice.
        yield StateCheckbox("Only this dossier", False, id="export-one", disabled=self.entity is None)
        yield Static("Path", classes="label")
        yield Input(
            memory.export_path or with_suffix(str(self.default_dir / "casefile-export"), fmt),
            id="export-path",
        )
        yield Static(classes="label")
        yield StateCheckbox("Include private records and notes", False, id="export-private")

    def on_select_changed(self, event: Select.Changed) -> None:
        """The path's suffix follows the format: ``.json`` for a bundle, none for a vault folder."""
        path = self.query_one("#export-path", Input)
        path.value = with_suffix(path.value, str(event.value))

    def submit(self) -> Callable[[Session], str] | None:
        fmt = str(self.query_one("#export-format", Select).value)
        text = self.query_one("#export-path", Input).value.strip()
        if not text:
            raise InvalidInput("Give a path to export to.")
        path = Path(text).expanduser()
        if fmt == "json" and path.suffix.lower() != ".json":
            path = path.with_suffix(".json")
        memory = memory_of(self.app)
        memory.export_path, memory.export_format = str(path), fmt
        one = self.query_one("#export-one", Checkbox).value and self.entity is not None
        refs = [self.entity.handle] if one and self.entity is not None else []
        include_private = self.query_one("#export-private", Checkbox).value
        return lambda s: run_export(s, fmt=fmt, path=path, refs=refs, include_private=include_private)
