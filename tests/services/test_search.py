"""Search ranking, explanations, text search and the keys kept in step with every write."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casefile.errors import Ambiguous
from casefile.names import fold, prefix_upper_bound, skeleton
from casefile.services.entities import EntityEdit, add_entity, edit_entity
from casefile.services.fields import EntityFields
from casefile.services.notes import add_note
from casefile.services.refs import resolve_entity
from casefile.services.search import search
from casefile.storage.engine import open_database


@pytest.fixture
def db(case_db):
    database = open_database(case_db)
    yield database
    database.dispose()


def _add(db, name: str, *aliases: str, kind: str = "person", **values):
    return db.write(
        lambda s: add_entity(s, kind=kind, data=EntityFields(name=name, **values), aliases=list(aliases))
    )


def _names(db, query: str, **options) -> list[str]:
    return [h.entity.name for h in db.read(lambda s: search(s, query=query, **options))]


def test_the_issue_examples(db) -> None:
    _add(db, "Sviatlana Tsikhanouskaya", "Ціханоўская@be")
    _add(db, "Siarhei Tsikhanouski")
    _add(db, "Mikalai Statkevich")
    _add(db, "Aleś Puškin")
    _add(db, "Yuliya Slutskaya")
    _add(db, "Anna")
    _add(db, "Hanna")
    for query in ("Tikhanovskaya", "Тихановская", "tsikhanouskaya"):
        assert _names(db, query)[0] == "Sviatlana Tsikhanouskaya", query
    assert _names(db, "Statkevich")[0] == "Mikalai Statkevich"
    assert _names(db, "Николай Статкевич")[0] == "Mikalai Statkevich"
    assert _names(db, "Pushkin")[0] == "Aleś Puškin"
    assert _names(db, "Sluckaja")[0] == "Yuliya Slutskaya"
    assert _names(db, "Hanna")[0] == "Hanna"


def test_results_say_which_name_matched_and_how(db) -> None:
    _add(db, "Sviatlana Tsikhanouskaya", "Ціханоўская@be")
    hit = db.read(lambda s: search(s, query="tsikhanouskaya"))[0]
    assert hit.matched == "alias 'Ціханоўская' by transliteration"
    assert db.read(lambda s: search(s, query="Тихановская"))[0].matched.startswith("alias 'Ціханоўская'")
    exact = db.read(lambda s: search(s, query="sviatlana tsikhanouskaya"))[0]
    assert exact.matched == "name 'Sviatlana Tsikhanouskaya' exactly"
    assert set(exact.to_json()) >= {"handle", "id", "name", "score", "matched"}


def test_ranking_exact_then_alias_then_prefix_then_skeleton_then_fuzzy(db) -> None:
    _add(db, "Tsikhanouskaya Foundation", kind="organization")  # prefix
    _add(db, "Cichanouskaja")  # skeleton (Łacinka)
    _add(db, "Tsikhanouskiya")  # fuzzy: a typo in the ending
    _add(db, "Someone", "Tsikhanouskaya")  # alias exact
    _add(db, "Tsikhanouskaya")  # exact
    names = _names(db, "Tsikhanouskaya")
    assert names == [
        "Tsikhanouskaya",
        "Someone",
        "Tsikhanouskaya Foundation",
        "Cichanouskaja",
        "Tsikhanouskiya",
    ]
    scores = [h.score for h in db.read(lambda s: search(s, query="Tsikhanouskaya"))]
    assert scores == sorted(scores, reverse=True)


def test_word_order_partial_names_and_kind_filter(db) -> None:
    _add(db, "Sviatlana Tsikhanouskaya")
    _add(db, "Tsikhanouskaya Office", kind="organization")
    assert _names(db, "Tsikhanouskaya Sviatlana")[0] == "Sviatlana Tsikhanouskaya"
    assert _names(db, "Sviat Tsikh")[0] == "Sviatlana Tsikhanouskaya"
    assert _names(db, "Tsikhanouskaya", kind="organization") == ["Tsikhanouskaya Office"]


def test_weak_guesses_are_not_answers(db) -> None:
    _add(db, "Sviatlana Tsikhanouskaya")
    _add(db, "Ivan Statkevich")
    assert _names(db, "Petrov") == []
    assert _names(db, "Ivan Petrov") == []
    assert _names(db, "Nadia") == []


def test_sources_and_events_are_found_by_summary_and_notes(db) -> None:
    source = _add(
        db, "Belarus releases prisoners", kind="source", summary="Kellogg visited Łukašenka in Minsk."
    )
    event = _add(db, "Release", kind="event")
    _add(db, "A person", summary="Also mentions Minsk")  # people are found by name only
    db.write(lambda s: add_note(s, target_ref=event.handle, body="Fourteen prisoners crossed into Lithuania"))
    assert _names(db, "lukasenka minsk") == ["Belarus releases prisoners"]
    hit = db.read(lambda s: search(s, query="lithuan"))[0]
    assert hit.entity.handle == event.handle
    assert hit.matched == "notes mention 'lithuan'"
    assert _names(db, "prisoners")[0] == "Belarus releases prisoners"  # a title beats a note
    assert set(_names(db, "prisoners")) == {"Belarus releases prisoners", "Release"}
    db.write(
        lambda s: edit_entity(s, ref=source.handle, edit=EntityEdit(EntityFields(summary="Nothing here")))
    )
    assert _names(db, "kellogg") == []


def test_keys_follow_renames_and_alias_changes(db) -> None:
    person = _add(db, "Old Name", "Ціханоўская@be")
    edit = EntityEdit(
        EntityFields(name="Yuliya Slutskaya"), remove_aliases=["Ціханоўская"], add_aliases=["Julia"]
    )
    db.write(lambda s: edit_entity(s, ref=person.handle, edit=edit))
    assert _names(db, "Old Name") == []
    assert _names(db, "Tikhanovskaya") == []
    assert _names(db, "Sluckaja") == ["Yuliya Slutskaya"]
    assert db.read(lambda s: search(s, query="Julia"))[0].matched == "alias 'Julia' exactly"


def test_a_ref_resolves_by_search_when_one_entity_matches_strongly(db) -> None:
    wife = _add(db, "Sviatlana Tsikhanouskaya")
    _add(db, "Siarhei Tsikhanouski")
    assert db.read(lambda s: resolve_entity(s, "Tikhanovskaya").id) == wife.id
    _add(db, "Tsikhanouskaya Svetlana")
    with pytest.raises(Ambiguous):
        db.read(lambda s: resolve_entity(s, "Tikhanovskaya"))


def test_folding_and_keys() -> None:
    assert fold("Ольга") == "olga"
    assert fold("O’Brien-Smith") == "obrien smith"
    assert skeleton("tsikhanouskaya") == skeleton("tikhanovskaya") == skeleton("cichanouskaja")
    assert skeleton("tsikhanouskaya") != skeleton("tsikhanouski")
    assert skeleton("lukashenka") == skeleton("lukashenko")
    assert prefix_upper_bound("tikh") == "tiki"
    assert prefix_upper_bound("az") == "b"
    assert prefix_upper_bound("a9") == "aa"
    assert prefix_upper_bound("zz") is None


@given(st.text(max_size=40))
def test_keys_are_plain_ascii_for_any_text(value: str) -> None:
    from casefile.names import name_keys

    keys = name_keys(value)
    for token, key in zip(keys.tokens, keys.skeletons, strict=True):
        assert re.fullmatch(r"[0-9a-z]+", token)
        assert re.fullmatch(r"[0-9a-z]*", key)


@given(
    st.text(alphabet="0123456789abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=6),
    st.text(alphabet="0123456789abcdefghijklmnopqrstuvwxyz", max_size=6),
)
def test_prefix_ranges_hold_every_word_with_the_prefix(prefix: str, rest: str) -> None:
    upper = prefix_upper_bound(prefix)
    word = prefix + rest
    assert word >= prefix
    assert upper is None or word < upper
