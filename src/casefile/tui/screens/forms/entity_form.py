"""Create or edit an entity of any kind, with all its fields."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlmodel import Session
from textual.app import ComposeResult
from textual.content import Content
from textual.suggester import SuggestFromList
from textual.widgets import Checkbox, Input, Static, TextArea

from casefile.errors import InvalidInput
from casefile.names import split_alias_spec
from casefile.services.dossier_view import Dossier
from casefile.services.fields import EntityFields
from casefile.services.kinds import EVENT_TYPES, ORGANIZATION_TYPES, SOURCE_TYPES, STATUS_SUGGESTIONS
from casefile.services.views import EntityRef
from casefile.storage.engine import Database
from casefile.text import one_line
from casefile.tui.screens.forms.base import FormScreen
from casefile.tui.widgets.entity_picker import EntityPicker


@dataclass(frozen=True)
class FieldSpec:
    """One kind-specific text field of the form."""

    attr: str
    label: str
    placeholder: str = ""
    suggestions: tuple[str, ...] = ()


DATE_HINT = "EDTF: 2025-06-21, 2025-06, 2025~, 2020/2021"
KIND_FORM_FIELDS: dict[str, tuple[FieldSpec, ...]] = {
    "person": (
        FieldSpec("born", "Born", DATE_HINT),
        FieldSpec("status", "Status", "detained, released, in exile…", STATUS_SUGGESTIONS),
    ),
    "organization": (FieldSpec("type", "Type", "NGO, media outlet, court…", ORGANIZATION_TYPES),),
    "place": (
        FieldSpec("country", "Country"),
        FieldSpec("latitude", "Latitude", "-90 to 90"),
        FieldSpec("longitude", "Longitude", "-180 to 180"),
    ),
    "source": (
        FieldSpec("type", "Type", "article, document, testimony…", SOURCE_TYPES),
        FieldSpec("url", "URL"),
        FieldSpec("publisher", "Publisher"),
        FieldSpec("author", "Author"),
        FieldSpec("published", "Published", DATE_HINT),
        FieldSpec("accessed", "Accessed", DATE_HINT),
        FieldSpec("reliability", "Reliability (A-F)", "A reliable … F cannot be judged"),
        FieldSpec("file", "Attached file (path)", "a local file, recorded by path and SHA-256"),
    ),
    "event": (
        FieldSpec("type", "Type", "arrest, trial, release…", EVENT_TYPES),
        FieldSpec("date", "Date", DATE_HINT),
    ),
}
NAME_LABEL = {"source": "Title", "event": "Title"}


def _coordinate(text: str, what: str, low: float, high: float) -> float | None:
    if not text.strip():
        return None
    try:
        return float(text.strip())
    except ValueError:
        raise InvalidInput(
            f"'{one_line(text, 40)}' is not a {what}; use a number from {low:g} to {high:g}."
        ) from None


def alias_spec(name: str, lang: str | None) -> str:
    return f"{name}@{lang}" if lang else name


class EntityForm(FormScreen[EntityRef]):
    """New entity of ``kind``, or an edit of ``dossier``'s entity."""

    def __init__(self, db: Database, kind: str, dossier: Dossier | None = None) -> None:
        super().__init__(db)
        self.kind = kind
        self.dossier = dossier

    def title_content(self) -> Content:
        if self.dossier is None:
            return Content(f"New {self.kind}")
        entity = self.dossier.entity
        return Content.assemble(f"Edit {entity.kind} {entity.handle}: ", one_line(entity.name, 60))

    def _initial(self, attr: str) -> str:
        if self.dossier is None:
            return ""
        value = self.dossier.fields.get(attr)
        return "" if value is None else str(value)

    def fields(self) -> ComposeResult:
        d = self.dossier
        yield Static(NAME_LABEL.get(self.kind, "Name"), classes="label")
        yield Input(d.entity.name if d else "", id="f-name", placeholder="required")
        yield Static("Aliases\none per line, NAME@lang", classes="label")
        yield TextArea("\n".join(alias_spec(a.name, a.lang) for a in d.aliases) if d else "", id="f-aliases")
        for spec in KIND_FORM_FIELDS[self.kind]:
            yield Static(spec.label, classes="label")
            yield Input(
                self._initial(spec.attr),
                id=f"f-{spec.attr}",
                placeholder=spec.placeholder,
                suggester=SuggestFromList(spec.suggestions, case_sensitive=False)
                if spec.suggestions
                else None,
            )
        if self.kind == "event":
            yield Static("Place", classes="label")
            place = d.fields.get("place") if d else None
            chosen = (
                [EntityRef(place["id"], place["handle"], "place", place["name"])]
                if isinstance(place, dict)
                else []
            )
            yield EntityPicker(
                self.db, kind="place", chosen=chosen, id="f-place", placeholder="Search places…"
            )
        yield Static("Tags", classes="label")
        yield Input(", ".join(d.tags) if d else "", id="f-tags", placeholder="comma-separated")
        yield Static("Summary (Markdown)", classes="label")
        yield TextArea(d.summary if d else "", id="f-summary")
        yield Static(classes="label")
        yield Checkbox(
            "Private (left out of exports unless asked)", d.entity.private if d else False, id="f-private"
        )

    def _text(self, attr: str) -> str:
        return self.query_one(f"#f-{attr}", Input).value

    def _data(self) -> EntityFields:
        name = self._text("name")
        if not name.strip():
            raise InvalidInput(f"A {NAME_LABEL.get(self.kind, 'name').lower()} cannot be empty.")
        creating = self.dossier is None
        data = EntityFields(
            name=name,
            summary=self.query_one("#f-summary", TextArea).text,
            private=self.query_one("#f-private", Checkbox).value,
        )
        for spec in KIND_FORM_FIELDS[self.kind]:
            text = self._text(spec.attr)
            if spec.attr == "latitude":
                data.latitude = _coordinate(text, "latitude", -90, 90)
            elif spec.attr == "longitude":
                data.longitude = _coordinate(text, "longitude", -180, 180)
            elif spec.attr == "file" and not creating and text == self._initial("file"):
                continue  # unchanged: do not re-hash the file
            elif text.strip() or not creating:
                setattr(data, spec.attr, text)
        if self.kind == "event":
            chosen = self.query_one("#f-place", EntityPicker).chosen
            place = chosen[0].handle if chosen else ""
            if place or not creating:
                data.place = place
        return data

    def _aliases(self) -> list[str]:
        text = self.query_one("#f-aliases", TextArea).text
        return [line.strip() for line in text.splitlines() if line.strip()]

    def _tags(self) -> list[str]:
        return [t.strip() for t in self._text("tags").split(",") if t.strip()]

    def submit(self) -> Callable[[Session], EntityRef] | None:
        from casefile.services.entities import EntityEdit, add_entity, edit_entity

        data = self._data()
        aliases = self._aliases()
        tags = self._tags()
        kind = self.kind
        if self.dossier is None:
            return lambda s: add_entity(s, kind=kind, data=data, aliases=aliases, tags=tags)
        old_names = {a.name for a in self.dossier.aliases}
        new_names = {split_alias_spec(a)[0] for a in aliases}
        edit = EntityEdit(
            data=data,
            add_aliases=[a for a in aliases if split_alias_spec(a)[0] not in old_names],
            remove_aliases=sorted(old_names - new_names),
            add_tags=[t for t in tags if t not in self.dossier.tags],
            remove_tags=[t for t in self.dossier.tags if t not in tags],
        )
        ref = self.dossier.entity.handle
        return lambda s: edit_entity(s, ref=ref, edit=edit)
