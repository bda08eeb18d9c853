"""A source's evidence in a bundle: its stored file (base64), its mentions and rejected names.

They travel nested in the source's entity record. On import the SHA-256 and the text are
computed again from the bytes (derived data is never trusted from a file), and mentions
are written last, once every entity they name is in.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from typing import Any

from sqlalchemy import Connection, select

from casefile.exchange.bundle_schema import BundleError
from casefile.names import fold
from casefile.storage.bulk import bulk_insert
from casefile.storage.tables import Attachment, Entity, Mention, RejectedName, SourceFile

_attachment = Attachment.__table__  # type: ignore[attr-defined]
_source_file = SourceFile.__table__  # type: ignore[attr-defined]
_mention = Mention.__table__  # type: ignore[attr-defined]
_rejected = RejectedName.__table__  # type: ignore[attr-defined]
_entity = Entity.__table__  # type: ignore[attr-defined]


def attach_evidence(conn: Connection, records: list[dict[str, Any]]) -> None:
    """Nest each source record's file, mentions and rejected names (export)."""
    ids = [r["id"] for r in records if r["kind"] == "source"]
    if not ids:
        return
    files = {
        row["source_id"]: row
        for row in conn.execute(
            select(_source_file, _attachment.c.data)
            .join(_attachment, _attachment.c.sha256 == _source_file.c.sha256)
            .where(_source_file.c.source_id.in_(ids))
        ).mappings()
    }
    mentions: dict[str, list[dict[str, Any]]] = {}
    for row in conn.execute(select(_mention).where(_mention.c.source_id.in_(ids))).mappings():
        mentions.setdefault(row["source_id"], []).append(
            {"entity_id": row["entity_id"], "start": row["start"], "end": row["end"], "text": row["text"],
             "sentence": row["sentence"]}
        )  # fmt: skip
    rejected: dict[str, list[str]] = {}
    for source_id, name in conn.execute(
        select(_rejected.c.source_id, _rejected.c.name).where(_rejected.c.source_id.in_(ids))
    ):
        rejected.setdefault(source_id, []).append(name)
    for record in records:
        found = files.get(record["id"])
        if found is not None:
            record["file"] = {
                "filename": found["filename"],
                "media_type": found["media_type"],
                "sha256": found["sha256"],
                "data": base64.b64encode(bytes(found["data"])).decode("ascii"),
                **({"encoding": found["encoding"]} if found["encoding"] else {}),
            }
        if record["id"] in mentions:
            record["mentions"] = sorted(mentions[record["id"]], key=lambda m: (m["start"], m["entity_id"]))
        if record["id"] in rejected:
            record["rejected"] = sorted(rejected[record["id"]])


def evidence_of(record: dict[str, Any], path: str) -> dict[str, Any] | None:
    """The evidence a source record carries, checked (import); None when it has none."""
    file, mentions, rejected = record.get("file"), record.get("mentions"), record.get("rejected")
    if file is None and not mentions and not rejected:
        return None
    if record["kind"] != "source":
        raise BundleError(path, "only a source carries a file, mentions or rejected names")
    data = None
    if file is not None:
        try:
            data = base64.b64decode(file["data"], validate=True)
        except (binascii.Error, ValueError):
            raise BundleError(f"{path}.file.data", "the file is not valid base64") from None
        digest = hashlib.sha256(data).hexdigest()
        if file.get("sha256") not in (None, digest):
            raise BundleError(f"{path}.file.sha256", "the file's bytes do not match its SHA-256")
    return {
        "data": data,
        "filename": file["filename"] if file else "",
        "media_type": file["media_type"] if file else "",
        "encoding": file.get("encoding") if file else None,
        "mentions": list(mentions or []),
        "rejected": list(rejected or []),
    }


def store_evidence(conn: Connection, source_id: str, evidence: dict[str, Any], stamp: str) -> None:
    """Keep an imported source's file (text read again) and rejected names."""
    data = evidence["data"]
    if data is not None:
        digest = hashlib.sha256(data).hexdigest()
        if conn.execute(select(_attachment.c.sha256).where(_attachment.c.sha256 == digest)).first() is None:
            conn.execute(_attachment.insert().values(sha256=digest, size=len(data), data=data, created=stamp))
        text = _text_of(data, evidence["filename"])
        values = {"sha256": digest, "filename": evidence["filename"], "media_type": evidence["media_type"],
                  "encoding": evidence["encoding"], "text": text}  # fmt: skip
        if conn.execute(
            select(_source_file.c.source_id).where(_source_file.c.source_id == source_id)
        ).first():
            conn.execute(_source_file.update().where(_source_file.c.source_id == source_id).values(**values))
        else:
            conn.execute(_source_file.insert().values(source_id=source_id, created=stamp, **values))
    have = set(
        conn.execute(select(_rejected.c.name_folded).where(_rejected.c.source_id == source_id)).scalars()
    )
    rows = []
    for name in evidence["rejected"]:
        key = fold(name)
        if key and key not in have:
            have.add(key)
            rows.append({"source_id": source_id, "name_folded": key, "name": name, "created": stamp})
    bulk_insert(conn, _rejected, rows)


def store_mentions(conn: Connection, pending: list[tuple[str, list[dict[str, Any]]]], stamp: str) -> None:
    """Write imported mentions whose source and entity are both in the case file now."""
    from uuid import uuid4

    wanted = {m["entity_id"] for _, ms in pending for m in ms} | {s for s, _ in pending}
    present: set[str] = set()
    listed = sorted(wanted)
    for start in range(0, len(listed), 500):
        part = listed[start : start + 500]
        present.update(conn.execute(select(_entity.c.id).where(_entity.c.id.in_(part))).scalars())
    rows = []
    for source_id, mentions in pending:
        if source_id not in present:
            continue
        have = {
            (e, s)
            for e, s in conn.execute(
                select(_mention.c.entity_id, _mention.c.start).where(_mention.c.source_id == source_id)
            )
        }
        for m in mentions:
            key = (m["entity_id"], m["start"])
            if m["entity_id"] in present and key not in have:
                have.add(key)
                rows.append({"id": str(uuid4()), "source_id": source_id, "entity_id": m["entity_id"],
                             "start": m["start"], "end": m["end"], "text": m["text"],
                             "sentence": m.get("sentence", ""), "created": stamp})  # fmt: skip
    bulk_insert(conn, _mention, rows)


def _text_of(data: bytes, filename: str) -> str:
    from casefile.errors import CasefileError
    from casefile.ingest.extract import extract_document

    try:
        return extract_document(data, filename).text
    except CasefileError:
        return ""
