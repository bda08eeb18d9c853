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
from casefile.tui.screens.forms.same_as import SameAsCheck
from casefile.tui.screens.forms.version_check import VersionCheck
from casefile.tui.widgets.entity_picker import EntityPicker
from casefile.tui.widgets.state_checkbox import StateCheckbox


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


def alias_spec(name: str, lang: str | None) -> str:
    return f"{name}@{lang}" if lang else name


def dossier_values(dossier: Dossier) -> dict[str, str]:
    """The text each field of the form shows for ``dossier`` (by field id)."""
    fields = dossier.fields
    values = {
        "f-name": dossier.entity.name,
        "f-aliases": "\n".join(alias_spec(a.name, a.lang) for a in dossier.aliases),
        "f-tags": ", ".join(dossier.tags),
        "f-summary": dossier.summary,
        "f-private": "yes" if dossier.entity.private else "no",
    }
    for spec in KIND_FORM_FIELDS[dossier.entity.kind]:
        value = fields.get(spec.attr)
        values[f"f-{spec.attr}"] = "" if value is None else str(value)
    place = fields.get("place")
    if dossier.entity.kind == "event":
        values["f-place"] = f"{place['handle']} {place['name']}" if isinstance(place, dict) else ""
    return values


class EntityForm(VersionCheck[Dossier], SameAsCheck, FormScreen[EntityRef]):
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
        yield StateCheckbox(
            "Private (left out of exports unless asked)", d.entity.private if d else False, id="f-private"
        )

    def shown_values(self) -> dict[str, str]:
        """What the fields hold now, as text (the same keys as :func:`dossier_values`)."""
        values = {
            key: ("yes" if value else "no") if isinstance(value, bool) else str(value)
            for key, value in self.typed_values().items()
            if key.startswith("f-")
        }
        if self.kind == "event":
            chosen = self.query_one("#f-place", EntityPicker).chosen
            values["f-place"] = f"{chosen[0].handle} {chosen[0].name}" if chosen else ""
        return values

    # ----- the lost-update check (VersionCheck) -----------------------------------------------

    @property
    def record(self) -> Dossier:
        """The dossier this form edits (VersionCheck's record; only an edit can conflict)."""
        assert self.dossier is not None
        return self.dossier

    @record.setter
    def record(self, value: Dossier) -> None:
        self.dossier = value

    def record_label(self) -> str:
        return self.record.entity.handle

    def read_record(self, session: Session) -> Dossier:
        from casefile.services.dossier import load_dossier

        return load_dossier(session, ref=self.record.entity.id)

    def record_values(self, record: Dossier) -> dict[str, tuple[str, str]]:
        labels = {f"f-{spec.attr}": spec.label for spec in KIND_FORM_FIELDS[self.kind]}
        labels.update({"f-name": NAME_LABEL.get(self.kind, "Name"), "f-aliases": "Aliases",
                       "f-tags": "Tags", "f-summary": "Summary", "f-private": "Private", "f-place": "Place"})  # fmt: skip
        return {key: (labels.get(key, key), value) for key, value in dossier_values(record).items()}

    def take_value(self, key: str, record: Dossier) -> None:
        self._set_field(key, dossier_values(record)[key])

    def _set_field(self, key: str, value: str) -> None:
        widget = self.query_one(f"#{key}")
        if isinstance(widget, TextArea):
            widget.text = value
        elif isinstance(widget, Checkbox):
            widget.value = value == "yes"
        elif isinstance(widget, Input):
            widget.value = value

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
            if spec.attr in ("latitude", "longitude"):
                # Text goes to the service as typed: a blank clears a coordinate the place had.
                if text.strip() or not creating:
                    setattr(data, spec.attr, text)
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
        # An alias is its exact name AND its language: "X@be" -> "X@ru" or "Xy" -> "XY" is a change.
        old = {(a.name, a.lang or None): a.name for a in self.dossier.aliases}
        new = {(n.strip(), lang or None): spec for spec in aliases for n, lang, _ in [split_alias_spec(spec)]}
        edit = EntityEdit(
            data=data,
            add_aliases=[spec for key, spec in new.items() if key not in old],
            remove_aliases=sorted(name for key, name in old.items() if key not in new),
            add_tags=[t for t in tags if t not in self.dossier.tags],
            remove_tags=[t for t in self.dossier.tags if t not in tags],
            expected_updated=self.dossier.updated,
        )
        ref = self.dossier.entity.handle
        return lambda s: edit_entity(s, ref=ref, edit=edit)
