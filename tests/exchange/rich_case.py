"""A case file holding every kind of record an export can carry (built through the services)."""

from __future__ import annotations

from sqlalchemy import insert
from sqlmodel import Session

from casefile.claim_values import parse_value
from casefile.services.citations import CitationInput, cite
from casefile.services.clock import new_id, now_iso
from casefile.services.demo import build_demo
from casefile.services.entities import add_entity
from casefile.services.fields import EntityFields
from casefile.services.links import add_link
from casefile.services.notes import add_note
from casefile.storage.engine import open_database
from casefile.storage.handles import CLAIM_PREFIX, next_handle
from casefile.storage.tables import Claim, ClaimResolution

PRIVATE_NAME = "Secret Witness Zed"
PRIVATE_NOTE = "Lives at the safe house on Elm Street."


def _claim(session: Session, entity_id: str, value: str, source_id: str | None, as_of: str | None) -> str:
    from casefile.dates import parse_optional

    stamp = now_iso()
    parsed = parse_optional(as_of)
    claim_id = new_id()
    session.execute(
        insert(Claim.__table__),  # type: ignore[attr-defined]
        [
            {
                "id": claim_id,
                "handle": next_handle(session, CLAIM_PREFIX),
                "entity_id": entity_id,
                "attribute": "released_count",
                "value": value,
                "value_key": parse_value(value).key,  # what casefile derives
                "as_of_text": parsed.text if parsed else None,
                "as_of_lo": parsed.lower if parsed else None,
                "as_of_hi": parsed.upper if parsed else None,
                "source_id": source_id,
                "locator": "headline" if value == "13" else None,
                "quote": None,
                "credibility": 3,
                "note": None,
                "created": stamp,
                "updated": stamp,
            }
        ],
    )
    return claim_id


def build_rich_case(target: str) -> dict[str, str]:
    """Fill the case file at ``target``; return handles by short key."""
    db = open_database(target)
    try:
        return db.write(_build)
    finally:
        db.dispose()


def _build(session: Session) -> dict[str, str]:
    from casefile.services.refs import resolve_entity

    h = build_demo(session)
    h["secret"] = add_entity(
        session,
        kind="person",
        data=EntityFields(name=PRIVATE_NAME, private=True, born="1980~", summary="Protected."),
        aliases=["Zed@en"],
    ).handle
    h["report"] = add_entity(
        session,
        kind="source",
        data=EntityFields(
            name="Viasna monthly report",
            type="report",
            publisher="Viasna",
            published="2025-06",
            accessed="2025-07-01",
            reliability="A",
            author="Viasna staff",
        ),
    ).handle
    h["talks"] = add_entity(
        session,
        kind="event",
        data=EntityFields(name="Talks in Minsk", date="2020/2021", place=h["minsk"], type="meeting"),
        tags=["negotiations", "belarus"],
    ).handle
    h["old"] = add_entity(
        session, kind="event", data=EntityFields(name="Earlier detentions", date="../2021-03")
    ).handle
    link = add_link(
        session, source_ref=h["secret"], target_ref=h["tikhanovskaya"], role="informed", sources=[h["report"]]
    )
    h["secret_link"] = link.handle
    talks_link = add_link(
        session,
        source_ref=h["lukashenko"],
        target_ref=h["talks"],
        role="took part in",
        date="2020~",
        note="Unconfirmed.",
    )
    link_note = add_note(
        session, target_ref=talks_link.handle, body="Seen in state media.", sources=[h["report"]]
    )
    cite(session, target_ref=link_note.handle, data=CitationInput(source=h["article"], locator="p. 2"))
    add_note(session, target_ref=h["secret"], body=PRIVATE_NOTE, private=True)
    release = resolve_entity(session, h["release"])
    article = resolve_entity(session, h["article"]).id
    report = resolve_entity(session, h["report"]).id
    first = _claim(session, release.id, "14", article, "2025-06-21")
    second = _claim(session, release.id, "13", report, "2025-06")
    cite(session, target_ref=claim_handle(session, first), data=CitationInput(source=h["report"], quote="14"))
    stamp = now_iso()
    session.execute(
        insert(ClaimResolution.__table__),  # type: ignore[attr-defined]
        [
            {
                "id": new_id(),
                "preferred_id": first,
                "other_id": second,
                "note": "The body text is more precise than the headline.",
                "created": stamp,
                "updated": stamp,
            }
        ],
    )
    session.flush()
    return h


def claim_handle(session: Session, claim_id: str) -> str:
    row = session.get(Claim, claim_id)
    assert row is not None
    return row.handle
