"""What a user may set on an entity, validated per kind and applied to a row."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, fields
from pathlib import Path

from sqlmodel import Session

from casefile.dates import parse_date
from casefile.errors import InvalidInput
from casefile.names import casefold_exact, fold
from casefile.services.kinds import KIND_FIELDS, normalize_reliability
from casefile.storage.tables import Entity
from casefile.text import is_blank, one_line

MAX_NAME = 2_000
MAX_TEXT = 1_000_000


@dataclass
class EntityFields:
    """Values typed by a user; ``None`` means "leave as is", ``""`` means "clear"."""

    name: str | None = None
    summary: str | None = None
    private: bool | None = None
    born: str | None = None
    status: str | None = None
    type: str | None = None
    country: str | None = None
    latitude: float | str | None = None  # text is parsed; blank text clears
    longitude: float | str | None = None
    url: str | None = None
    publisher: str | None = None
    author: str | None = None
    published: str | None = None
    accessed: str | None = None
    reliability: str | None = None
    file: str | None = None
    date: str | None = None
    place: str | None = None

    def given(self) -> set[str]:
        """Names of the kind-specific fields the user actually set."""
        common = {"name", "summary", "private"}
        return {f.name for f in fields(self) if getattr(self, f.name) is not None} - common


def check_name(name: str) -> str:
    """A name must have visible text and a sane length."""
    cleaned = name.strip()
    if is_blank(cleaned):
        raise InvalidInput("A name cannot be empty (it has no visible character).")
    if len(cleaned) > MAX_NAME:
        raise InvalidInput(f"A name can be at most {MAX_NAME} characters long.")
    if "\x00" in cleaned:
        raise InvalidInput("A name cannot contain a NUL character.")
    return cleaned


def check_text(value: str, what: str) -> str:
    """Free text (summaries, notes) may be long but not unbounded."""
    if len(value) > MAX_TEXT:
        raise InvalidInput(f"The {what} is longer than {MAX_TEXT:,} characters.")
    if "\x00" in value:
        raise InvalidInput(f"The {what} cannot contain a NUL character.")
    return value


def _optional(value: str) -> str | None:
    stripped = value.strip()
    if "\x00" in stripped:
        raise InvalidInput("A field cannot contain a NUL character.")
    if len(stripped) > MAX_NAME:
        raise InvalidInput(f"A field can be at most {MAX_NAME} characters long.")
    return stripped or None


def apply_fields(session: Session, entity: Entity, data: EntityFields) -> None:
    """Validate ``data`` for ``entity.kind`` and copy it onto the row (no commit)."""
    unknown = data.given() - KIND_FIELDS[entity.kind]
    if unknown:
        names = ", ".join(f"--{n}" for n in sorted(unknown))
        raise InvalidInput(f"A {entity.kind} has no {names}.")
    if data.name is not None:
        entity.name = check_name(data.name)
        entity.name_folded = fold(entity.name)
        entity.name_exact = casefold_exact(entity.name)
    if data.summary is not None:
        entity.summary = check_text(data.summary, "summary")
    if data.private is not None:
        entity.private = data.private
    if data.status is not None:
        entity.status = _optional(data.status)
    if data.type is not None:
        entity.category = _optional(data.type)
    for attr in ("country", "url", "publisher", "author"):
        value = getattr(data, attr)
        if value is not None:
            setattr(entity, attr, _optional(value))
    _apply_coordinates(entity, data)
    _apply_date(entity, "born", data.born)
    _apply_date(entity, "published", data.published)
    _apply_date(entity, "accessed", data.accessed)
    _apply_date(entity, "date", data.date)
    if data.reliability is not None:
        entity.reliability = normalize_reliability(data.reliability) if data.reliability.strip() else None
    if data.file is not None:
        _apply_file(entity, data.file)
    if data.place is not None:
        _apply_place(session, entity, data.place)


def _apply_coordinates(entity: Entity, data: EntityFields) -> None:
    if data.latitude is not None:
        entity.latitude = coordinate(data.latitude, "latitude", 90.0)
    if data.longitude is not None:
        entity.longitude = coordinate(data.longitude, "longitude", 180.0)


def coordinate(value: float | str, what: str, limit: float) -> float | None:
    """A latitude or longitude from a number or typed text; blank text clears it (None)."""
    if isinstance(value, str):
        if not value.strip():
            return None
        try:
            number = float(value.strip())
        except ValueError:
            raise InvalidInput(
                f"'{one_line(value, 40)}' is not a {what}; use a number from {-limit:g} to {limit:g}."
            ) from None
    else:
        number = float(value)
    if not -limit <= number <= limit:  # also refuses NaN
        raise InvalidInput(f"{number:g} is not a {what}; use a number from {-limit:g} to {limit:g}.")
    return number


def _apply_date(entity: Entity, prefix: str, text: str | None) -> None:
    if text is None:
        return
    if not text.strip():
        setattr(entity, f"{prefix}_text", None)
        setattr(entity, f"{prefix}_lo", None)
        setattr(entity, f"{prefix}_hi", None)
        return
    parsed = parse_date(text)
    setattr(entity, f"{prefix}_text", parsed.text)
    setattr(entity, f"{prefix}_lo", parsed.lower)
    setattr(entity, f"{prefix}_hi", parsed.upper)


def _apply_file(entity: Entity, path_text: str) -> None:
    if not path_text.strip():
        entity.file_path = None
        entity.file_sha256 = None
        return
    from casefile.files import read_user_file

    path = Path(path_text).expanduser()
    # The safe reader refuses folders, FIFOs, devices and files over the size limit.
    digest = hashlib.sha256(read_user_file(path_text)).hexdigest()
    entity.file_path = str(path.resolve())
    entity.file_sha256 = digest


def file_sha256(path: Path) -> str:
    """SHA-256 of a regular file (never a pipe or a device), read in chunks."""
    from casefile.safe_files import sha256_regular

    return sha256_regular(path)


def _apply_place(session: Session, entity: Entity, ref: str) -> None:
    from casefile.services.refs import resolve_entity

    if not ref.strip():
        entity.place_id = None
        return
    entity.place_id = resolve_entity(session, ref, kind="place").id
