"""REF resolution: handle, UUID, UUID prefix, exact name or alias; ambiguity lists candidates."""

from __future__ import annotations

import pytest

from casefile.errors import Ambiguous, InvalidInput, NotFound
from casefile.services.entities import add_entity
from casefile.services.fields import EntityFields
from casefile.services.refs import resolve_entity, resolve_record
from casefile.storage.engine import open_database


@pytest.fixture
def db(case_db):
    database = open_database(case_db)
    yield database
    database.dispose()


def _add(db, kind: str, name: str, aliases=()):
    return db.write(lambda s: add_entity(s, kind=kind, data=EntityFields(name=name), aliases=list(aliases)))


def test_every_ref_form_resolves(db) -> None:
    person = _add(db, "person", "Sviatlana Tsikhanouskaya", ["Ціханоўская@be"])
    _add(db, "person", "Someone Else")

    def resolve(ref: str) -> str:
        return db.read(lambda s: resolve_entity(s, ref).id)

    assert resolve(person.handle) == person.id
    assert resolve(person.handle.lower()) == person.id
    assert resolve(person.id) == person.id
    assert resolve(person.id[:8]) == person.id
    assert resolve(person.id.upper()[:10]) == person.id
    assert resolve("sviatlana tsikhanouskaya") == person.id
    assert resolve("  Sviatlana   Tsikhanouskaya ") == person.id
    assert resolve("Ціханоўская") == person.id
    assert resolve("ЦІХАНОЎСКАЯ") == person.id


def test_ambiguous_name_lists_candidates_with_handles(db) -> None:
    first = _add(db, "person", "Ihor Korney")
    second = _add(db, "person", "Ihor Korney")
    with pytest.raises(Ambiguous) as err:
        db.read(lambda s: resolve_entity(s, "Ihor Korney"))
    message = str(err.value)
    assert first.handle in message
    assert second.handle in message
    assert "ambiguous" in message


def test_alias_shared_by_two_entities_is_ambiguous(db) -> None:
    _add(db, "person", "Alexander Lukashenko", ["Sasha"])
    _add(db, "person", "Alexander Petrov", ["Sasha"])
    with pytest.raises(Ambiguous):
        db.read(lambda s: resolve_entity(s, "Sasha"))


def test_unknown_refs_are_not_found(db) -> None:
    _add(db, "person", "Natalya Dulina")
    for ref in ("P99", "Nobody At All", "deadbeef"):
        with pytest.raises(NotFound):
            db.read(lambda s, ref=ref: resolve_entity(s, ref))


def test_kind_mismatch_and_empty_refs_are_refused(db) -> None:
    person = _add(db, "person", "Keith Kellogg")
    with pytest.raises(InvalidInput, match="is a person, not a source"):
        db.read(lambda s: resolve_entity(s, person.handle, kind="source"))
    with pytest.raises(InvalidInput):
        db.read(lambda s: resolve_entity(s, "   "))
    with pytest.raises(InvalidInput):
        db.read(lambda s: resolve_entity(s, "x" * 1000))


def test_record_refs_reach_links_notes_and_citations(cli) -> None:
    cli.ok("add", "person", "A Person")
    cli.ok("add", "source", "A Source", "--reliability", "C")
    cli.ok("add", "event", "An Event", "--date", "2025")
    cli.ok("link", "P1", "E1", "--role", "took part in", "--source", "S1")
    cli.ok("note", "L1", "About the link")
    database = open_database(cli.db)
    try:
        assert database.read(lambda s: type(resolve_record(s, "L1")).__name__) == "Link"
        assert database.read(lambda s: type(resolve_record(s, "n1")).__name__) == "Note"
        assert database.read(lambda s: type(resolve_record(s, "CI1")).__name__) == "Citation"
        with pytest.raises(NotFound):
            database.read(lambda s: resolve_record(s, "L9"))
    finally:
        database.dispose()
