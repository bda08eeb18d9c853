"""``casefile check``: integrity, dangling references, unsourced facts, conflicting claims,
incomplete sources, undated events, likely duplicates and changed files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy import text
from sqlmodel import Session, col, select

from casefile.errors import CasefileError
from casefile.services.fields import file_sha256
from casefile.services.findings import Finding as Finding  # re-exported: check's result type
from casefile.storage.tables import Citation, Claim, Entity, Link, Note
from casefile.text import one_line


def run_check(session: Session) -> list[Finding]:
    """Every finding, in a stable order."""
    findings: list[Finding] = []
    findings.extend(_integrity(session))
    findings.extend(_unsourced(session))
    findings.extend(_unsourced_claims(session))
    findings.extend(_conflicts(session))
    findings.extend(_incomplete_sources(session))
    findings.extend(_undated_events(session))
    findings.extend(_same_names(session))
    findings.extend(_changed_files(session))
    findings.extend(_stored_files(session))
    findings.extend(_extra_findings(session))
    findings.extend(_history_chain(session))
    return findings


def _history_chain(session: Session) -> list[Finding]:
    """The first change-log entry that does not match its hash (see docs/history.md)."""
    from casefile.storage.history_chain import verify_chain

    return [
        Finding("history", f"#{seq}", f"The {reason}.") for seq, reason in verify_chain(session.connection())
    ]


def _extra_findings(session: Session) -> list[Finding]:
    """Findings contributed by later modules (claims, duplicates) register here."""
    out: list[Finding] = []
    for provider in EXTRA_PROVIDERS:
        out.extend(provider(session))
    return out


EXTRA_PROVIDERS: list[Callable[[Session], list[Finding]]] = []


def _integrity(session: Session) -> list[Finding]:
    conn = session.connection()
    out: list[Finding] = []
    if conn.dialect.name == "sqlite":
        result = conn.execute(text("PRAGMA integrity_check")).scalars().all()
        if result != ["ok"]:
            out.append(
                Finding(
                    "integrity",
                    "-",
                    f"The database file is damaged: {one_line(str(result[0]), 200)}.",
                )
            )
        for row in conn.execute(text("PRAGMA foreign_key_check")).all():
            out.append(
                Finding("dangling", "-", f"A row in table {row[0]} points to a missing {row[2]} record.")
            )
    dangling_notes = session.exec(
        select(Note.handle).where(col(Note.entity_id).is_(None), col(Note.link_id).is_(None))
    ).all()
    out.extend(Finding("dangling", h, f"Note {h} is attached to nothing.") for h in dangling_notes)
    return out


def _unsourced(session: Session) -> list[Finding]:
    cited_links = select(Citation.link_id).where(col(Citation.link_id).is_not(None))
    cited_notes = select(Citation.note_id).where(col(Citation.note_id).is_not(None))
    out = [
        Finding("unsourced", h, f"Link {h} ({one_line(role, 60)}) cites no source.")
        for h, role in session.exec(
            select(Link.handle, Link.role).where(col(Link.id).not_in(cited_links)).order_by(col(Link.handle))
        )
    ]
    out.extend(
        Finding("unsourced", h, f"Note {h} cites no source.")
        for h in session.exec(
            select(Note.handle).where(col(Note.id).not_in(cited_notes)).order_by(col(Note.handle))
        )
    )
    return out


def _unsourced_claims(session: Session) -> list[Finding]:
    cited_claims = select(Citation.claim_id).where(col(Citation.claim_id).is_not(None))
    return [
        Finding(
            "unsourced",
            handle,
            f"Claim {handle} ({entity} {one_line(attribute, 60)} = {one_line(value, 60)}) cites no source.",
        )
        for handle, entity, attribute, value in session.exec(
            select(Claim.handle, Entity.handle, Claim.attribute, Claim.value)
            .join(Entity, col(Entity.id) == Claim.entity_id)
            .where(col(Claim.source_id).is_(None), col(Claim.id).not_in(cited_claims))
            .order_by(col(Claim.created), col(Claim.handle))
        )
    ]


def _conflicts(session: Session) -> list[Finding]:
    from casefile.services.claim_queries import find_conflicts

    out: list[Finding] = []
    for conflict in find_conflicts(session, open_only=True):
        first, second = conflict.open_pairs[0]
        out.append(
            Finding(
                "conflict",
                conflict.entity.handle,
                f"{conflict.entity.handle} ({one_line(conflict.entity.name, 60)}) has conflicting "
                f"{one_line(conflict.attribute, 60)}: "
                + "; ".join(
                    f"{c.handle} says {one_line(c.value, 60)} ({c.sources_label})" for c in conflict.claims
                )
                + f". Decide with 'casefile resolve {second} --prefer {first}' or the other way round.",
            )
        )
    return out


def _incomplete_sources(session: Session) -> list[Finding]:
    out: list[Finding] = []
    for source in session.exec(select(Entity).where(Entity.kind == "source").order_by(col(Entity.handle))):
        missing = [w for w, v in (("publisher", source.publisher), ("date", source.published_text)) if not v]
        if missing:
            out.append(
                Finding(
                    "incomplete-source",
                    source.handle,
                    f"Source {source.handle} has no {' and no '.join(missing)}.",
                )
            )
    return out


def _undated_events(session: Session) -> list[Finding]:
    return [
        Finding("undated-event", h, f"Event {h} ({one_line(name, 60)}) has no date.")
        for h, name in session.exec(
            select(Entity.handle, Entity.name)
            .where(Entity.kind == "event", col(Entity.date_text).is_(None))
            .order_by(col(Entity.handle))
        )
    ]


def _same_names(session: Session) -> list[Finding]:
    """Likely duplicates (same name skeleton, shared alias, same birth date) not marked distinct."""
    from casefile.services.duplicates import duplicate_findings

    return duplicate_findings(session)


def _stored_files(session: Session) -> list[Finding]:
    from casefile.services.evidence import attachment_findings

    return attachment_findings(session)


def _changed_files(session: Session) -> list[Finding]:
    from casefile.services.evidence import sources_with_stored_files

    kept = sources_with_stored_files(session)
    out: list[Finding] = []
    for source in session.exec(
        select(Entity).where(col(Entity.file_path).is_not(None)).order_by(col(Entity.handle))
    ):
        path = Path(source.file_path or "")
        try:
            digest = file_sha256(path)
        except CasefileError as exc:  # missing, unreadable, or not a regular file
            kept_copy = (
                f" (the case file keeps a copy: casefile attachment {source.handle})"
                if source.id in kept
                else ""
            )
            said = f"is missing{kept_copy}." if not path.exists() else f"cannot be read: {exc}{kept_copy}"
            out.append(Finding("file-missing", source.handle, f"The file attached to {source.handle} {said}"))
            continue
        if digest != source.file_sha256:
            out.append(
                Finding(
                    "file-changed",
                    source.handle,
                    f"The file attached to {source.handle} has changed since it was recorded.",
                )
            )
    return out
