"""The evidence locker: a source's file kept inside the case file, stored once per SHA-256."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from sqlmodel import Session, col, select

from casefile.errors import NotFound
from casefile.services.clock import now_iso
from casefile.services.findings import Finding
from casefile.services.refs import resolve_entity
from casefile.services.views import EntityRef
from casefile.storage.tables import Attachment, Entity, SourceFile


@dataclass(frozen=True, slots=True)
class StoredFile:
    """What is kept of a source's file (not its bytes)."""

    source_handle: str
    sha256: str
    size: int
    filename: str
    media_type: str
    encoding: str | None

    def to_json(self) -> dict[str, object]:
        return {
            "sha256": self.sha256,
            "size": self.size,
            "filename": self.filename,
            "media_type": self.media_type,
            "encoding": self.encoding,
        }


def sha256_of(data: bytes) -> str:
    """The hex SHA-256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


def store_attachment(session: Session, data: bytes) -> str:
    """Keep ``data`` in the locker (once, whoever stores it again); its SHA-256."""
    digest = sha256_of(data)
    if session.get(Attachment, digest) is None:
        session.add(Attachment(sha256=digest, size=len(data), data=data, created=now_iso()))
        session.flush()
    return digest


def attach_file(
    session: Session,
    source: Entity,
    data: bytes,
    *,
    filename: str,
    media_type: str,
    encoding: str | None = None,
    text: str = "",
) -> StoredFile:
    """Store ``data`` as ``source``'s file, with the text read from it (searchable)."""
    digest = store_attachment(session, data)
    row = session.get(SourceFile, source.id)
    if row is None:
        row = SourceFile(source_id=source.id, sha256=digest, filename="", media_type="", created=now_iso())
    row.sha256 = digest
    row.filename = filename
    row.media_type = media_type
    row.encoding = encoding
    row.text = text
    source.file_sha256 = digest
    session.add(row)
    session.add(source)
    session.flush()
    return StoredFile(source.handle, digest, len(data), filename, media_type, encoding)


def source_with_bytes(session: Session, data: bytes) -> Entity | None:
    """The first source whose stored file has exactly these bytes."""
    digest = sha256_of(data)
    return session.exec(
        select(Entity)
        .join(SourceFile, col(SourceFile.source_id) == Entity.id)
        .where(SourceFile.sha256 == digest)
        .order_by(col(Entity.handle))
    ).first()


def stored_file(session: Session, source: Entity) -> StoredFile | None:
    """What is stored of ``source``'s file, or None."""
    row = session.get(SourceFile, source.id)
    if row is None:
        return None
    size = session.exec(select(Attachment.size).where(Attachment.sha256 == row.sha256)).first() or 0
    return StoredFile(source.handle, row.sha256, size, row.filename, row.media_type, row.encoding)


def attachment_bytes(session: Session, *, ref: str) -> tuple[StoredFile, bytes]:
    """The stored bytes of the source ``ref`` names, or a sentence saying it has none."""
    source = resolve_entity(session, ref, kind="source")
    info = stored_file(session, source)
    if info is None:
        raise NotFound(
            f"{source.handle} has no stored file; add one with 'casefile ingest' or 'add source --file'."
        )
    data = session.exec(select(Attachment.data).where(Attachment.sha256 == info.sha256)).one()
    return info, bytes(data)


def source_text(session: Session, *, ref: str) -> tuple[EntityRef, str]:
    """The text read from the stored file of the source ``ref`` names."""
    source = resolve_entity(session, ref, kind="source")
    row = session.get(SourceFile, source.id)
    if row is None:
        raise NotFound(f"{source.handle} has no stored text; ingest its file with 'casefile ingest'.")
    return EntityRef.of(source), row.text


def attachment_findings(session: Session) -> list[Finding]:
    """Every stored copy whose bytes no longer match its SHA-256 (read one at a time)."""
    out: list[Finding] = []
    digests = session.exec(select(Attachment.sha256).order_by(col(Attachment.sha256))).all()
    for digest in digests:
        data = session.exec(select(Attachment.data).where(Attachment.sha256 == digest)).one()
        if sha256_of(bytes(data)) == digest:
            continue
        handles = session.exec(
            select(Entity.handle)
            .join(SourceFile, col(SourceFile.source_id) == Entity.id)
            .where(SourceFile.sha256 == digest)
            .order_by(col(Entity.handle))
        ).all()
        for handle in handles or ["-"]:
            out.append(
                Finding(
                    "attachment-damaged",
                    handle,
                    f"The stored copy of {handle}'s file does not match its SHA-256 {digest[:12]}….",
                )
            )
    return out


def sources_with_stored_files(session: Session) -> set[str]:
    """Ids of sources whose file is kept in the case file (their original may be gone)."""
    return set(session.exec(select(SourceFile.source_id)).all())


def keep_path(session: Session, source: Entity, path_text: str) -> StoredFile:
    """Store the file at ``path_text`` as ``source``'s evidence, with its text when it has one."""
    from pathlib import Path

    from casefile.errors import CasefileError
    from casefile.files import read_user_file

    data = read_user_file(path_text)
    name = Path(path_text).name
    try:
        from casefile.ingest.extract import extract_document

        doc = extract_document(data, name)
        text, media_type, encoding = doc.text, doc.kind, doc.encoding
    except (CasefileError, ImportError):  # a photo or any other file is kept, without text
        text, media_type, encoding = "", "file", None
    return attach_file(
        session, source, data, filename=name, media_type=media_type, encoding=encoding, text=text
    )
