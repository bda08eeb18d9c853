"""The change log's hash chain: what each entry's hash covers, and checking the whole chain.

Each change is hashed (salted, so an emptied change cannot be guessed back) and each entry's
hash covers its header, its changes' digests and the previous entry's hash (docs/history.md).
A purge empties changes but lists them in a ``REDACTED`` change, which vouches for their digests.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, select

from casefile.storage.logged_tables import KEY_SEP
from casefile.storage.tables import HistoryChange, HistoryEntry

GENESIS = "0" * 64
REDACTED = "redacted"  # a purge entry's list of the changes it emptied: [[entry, idx], ...]

_entry = HistoryEntry.__table__  # type: ignore[attr-defined]
_change = HistoryChange.__table__  # type: ignore[attr-defined]


def canonical(value: Any) -> str:
    """The JSON text hashed and stored for a change (sorted keys, no spaces)."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def change_digest(
    salt: str, seq: int, idx: int, tbl: str, op: str, row_key: str, entities: str, data: str | None
) -> str:
    body = KEY_SEP.join((salt, str(seq), str(idx), tbl, op, row_key, entities, data or ""))
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def entry_hash(prev_hash: str, entry: dict[str, Any], digests: Sequence[str]) -> str:
    head = KEY_SEP.join(
        (
            prev_hash,
            str(entry["seq"]),
            entry["at"],
            entry["actor"],
            entry["action"],
            entry["schema_version"],
            "" if entry["undoes"] is None else str(entry["undoes"]),
            entry["salt"],
        )
    )
    digest = hashlib.sha256(head.encode("utf-8"))
    for part in digests:
        digest.update(part.encode("ascii"))
    return digest.hexdigest()


def verify_chain(conn: Connection) -> list[tuple[int, str]]:
    """[(entry, reason)] for the first entry that does not match its hash or its place; [] if none."""
    vouched: set[tuple[int, int]] = set()
    for data in conn.execute(select(_change.c.data).where(_change.c.op == REDACTED)).scalars():
        if data:
            vouched.update((int(s), int(i)) for s, i in json.loads(data))
    prev = GENESIS
    expected = 1
    for entry in conn.execute(select(_entry).order_by(_entry.c.seq)).mappings():
        seq = int(entry["seq"])
        if seq != expected or entry["prev_hash"] != prev:
            return [
                (seq, f"history entry #{seq} does not follow the entry before it (one was removed or edited)")
            ]
        digests = []
        for change in conn.execute(
            select(_change).where(_change.c.entry_seq == seq).order_by(_change.c.idx)
        ).mappings():
            if change["digest"] is not None:
                if (seq, int(change["idx"])) not in vouched:
                    return [(seq, f"history entry #{seq} has a change emptied outside a purge")]
                digests.append(str(change["digest"]))
                continue
            digests.append(
                change_digest(
                    entry["salt"], seq, int(change["idx"]), change["tbl"], change["op"],
                    change["row_key"], change["entities"], change["data"],
                )
            )  # fmt: skip
        if entry_hash(prev, dict(entry), digests) != entry["hash"]:
            return [(seq, f"history entry #{seq} ({entry['action']}) does not match its hash; it was edited")]
        prev = str(entry["hash"])
        expected = seq + 1
    return []
