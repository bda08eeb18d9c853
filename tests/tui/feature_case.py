"""A small case for the issue-18 feature tests: two sources, a person with disputed claims,
look-alike people, and a link; built with the services, then driven through the TUI by keyboard."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text

from casefile.storage.engine import Database, open_database


def build_feature_case(target: str) -> dict[str, str]:
    """Handles by role: ``person``, ``viasna``, ``ministry``, ``twin_a``, ``twin_b``, ``org``, ``link``."""
    from casefile.services.claims import ClaimInput, add_claim
    from casefile.services.entities import add_entity
    from casefile.services.fields import EntityFields
    from casefile.services.links import add_link

    db = open_database(target)

    def build(session: Any) -> dict[str, str]:
        person = add_entity(session, kind="person", data=EntityFields(name="Ales Bialiatski"))
        viasna = add_entity(session, kind="source", data=EntityFields(name="Viasna report", reliability="B"))
        ministry = add_entity(session, kind="source", data=EntityFields(name="Ministry statement"))
        twin_a = add_entity(session, kind="person", data=EntityFields(name="Maria Kalesnikava"))
        twin_b = add_entity(session, kind="person", data=EntityFields(name="Maryia Kalesnikava"))
        org = add_entity(session, kind="organization", data=EntityFields(name="Viasna"))
        link = add_link(session, source_ref=person.handle, target_ref=org.handle, role="member of")
        add_link(session, source_ref=twin_b.handle, target_ref=org.handle, role="supported by")
        detained = ClaimInput("status", "detained", source=viasna.handle, as_of="2025-06")
        released = ClaimInput("status", "released", source=ministry.handle, as_of="2025-06", credibility=3)
        add_claim(session, entity_ref=person.handle, data=detained)
        add_claim(session, entity_ref=person.handle, data=released)
        return {
            "person": person.handle,
            "viasna": viasna.handle,
            "ministry": ministry.handle,
            "twin_a": twin_a.handle,
            "twin_b": twin_b.handle,
            "org": org.handle,
            "link": link.handle,
        }

    handles = db.write(build)
    db.dispose()
    return handles


def rows(target: str, sql: str, **params: Any) -> list[tuple[Any, ...]]:
    """Rows of ``sql`` read from the case file (a fresh connection, as another process would)."""
    db: Database = open_database(target)
    try:
        return db.read(lambda s: [tuple(r) for r in s.execute(text(sql), params)])
    finally:
        db.dispose()
