"""Claim values compare as numbers, EDTF dates or folded text."""

from __future__ import annotations

import pytest

from casefile.attributes import normalize_attribute
from casefile.claim_values import (
    parse_value,
    periods_overlap,
    statements_conflict,
    values_agree,
)
from casefile.errors import InvalidInput


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("14", "14.0"),
        ("14", "+14.00"),
        ("1,400", "1400"),
        ("2025-06", "2025-06-XX"),
        ("2025", "2025-06-21"),
        ("1982", "1982-09-11"),
        ("1980/1985", "1982"),
        ("Released", "  released "),
        ("in  exile", "In Exile"),
    ],
)
def test_values_that_say_the_same_thing_agree(a, b):
    assert values_agree(a, b)
    assert values_agree(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("14", "13"),
        ("14", "6"),
        ("2025-06", "2025-07-01"),
        ("1982-09-11", "1983"),
        ("released", "detained"),
        ("14", "fourteen"),
    ],
)
def test_values_that_differ_disagree(a, b):
    assert not values_agree(a, b)


def test_value_keys_are_canonical():
    assert parse_value("14.0").key == parse_value("14").key == "n:14"
    assert parse_value("2025-06").key == parse_value("2025-06-XX").key
    assert parse_value("2025-06").kind == "date"
    assert parse_value("Minsk").kind == "text"
    assert parse_value("0.50").key == "n:0.5"


def test_as_of_periods_overlap_or_are_absent():
    assert periods_overlap((20250601, 20250630), (20250621, 20250621))
    assert not periods_overlap((20200101, 20201231), (20250621, 20250621))
    assert periods_overlap((None, None), (20250621, 20250621))
    assert not statements_conflict("detained", (20200101, 20201231), "released", (20250621, 20250621))
    assert statements_conflict("detained", (None, None), "released", (20250621, 20250621))


def test_attributes_are_normalised():
    assert normalize_attribute("  Released   Count ") == "released_count"
    with pytest.raises(InvalidInput):
        normalize_attribute("   ")


def test_the_tui_can_read_claims_conflicts_and_facts_as_plain_data(cli, case_db):
    from casefile.services.claim_queries import entity_claims, entity_conflicts, entity_facts
    from casefile.services.claim_views import ClaimView, ConflictView, FactView
    from casefile.storage.engine import open_database

    source = cli.json("add", "source", "Report", "--reliability", "B")["handle"]
    person = cli.json("add", "person", "Ihor Korney", "--status", "released")
    cli.ok("claim", person["handle"], "status", "released", "--source", source, "--credibility", "2")
    cli.ok("claim", person["handle"], "status", "detained", "--source", source)
    db = open_database(case_db)
    try:
        claims = db.read(lambda s: entity_claims(s, entity_id=person["id"]))
        conflicts = db.read(lambda s: entity_conflicts(s, entity_id=person["id"]))
        facts = db.read(lambda s: entity_facts(s, entity_id=person["id"]))
    finally:
        db.dispose()
    assert all(isinstance(c, ClaimView) for c in claims)
    assert [c.grade for c in claims] == ["B2", "B?"]
    [conflict] = conflicts
    assert isinstance(conflict, ConflictView)
    assert not conflict.resolved
    [fact] = facts
    assert isinstance(fact, FactView)
    assert [c.value for c in fact.supporting] == ["released"]
