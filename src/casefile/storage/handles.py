"""Human handles (``P12``, ``L5``): prefixes per kind and a race-free counter."""

from __future__ import annotations

import re

from sqlalchemy import text
from sqlmodel import Session

ENTITY_PREFIX = {
    "person": "P",
    "organization": "O",
    "place": "PL",
    "source": "S",
    "event": "E",
}
LINK_PREFIX = "L"
NOTE_PREFIX = "N"
CITATION_PREFIX = "CI"
CLAIM_PREFIX = "CL"
_PREFIXES = (*ENTITY_PREFIX.values(), LINK_PREFIX, NOTE_PREFIX, CITATION_PREFIX, CLAIM_PREFIX)
# Longest prefix first, so PL12 reads as place 12, not person "L12".
HANDLE_RE = re.compile(
    rf"^({'|'.join(sorted(_PREFIXES, key=lambda p: (-len(p), p)))})(\d{{1,9}})$", re.IGNORECASE
)
_PREFIX_SET = frozenset(_PREFIXES)
# The largest number a handle takes: nine digits, as HANDLE_RE and the bundle schema say.
HANDLE_MAX = 999_999_999


def split_handle(value: str) -> tuple[str, int] | None:
    """``'pl12'`` -> ``('PL', 12)``; None when ``value`` is not handle-shaped."""
    # Fast path for the usual ASCII handle (an import splits every record's), same answer
    # as the pattern: letters that are a prefix, then one to nine ASCII digits.
    head = value.rstrip("0123456789")
    digits = len(value) - len(head)
    if 0 < digits <= 9 and head.isascii() and head.upper() in _PREFIX_SET:
        return head.upper(), int(value[len(head) :])
    match = HANDLE_RE.match(value.strip())
    if match is None:
        return None
    return match.group(1).upper(), int(match.group(2))


def next_handle(session: Session, prefix: str) -> str:
    """Take the next handle for ``prefix`` inside the current transaction.

    One upsert statement (``INSERT ... ON CONFLICT DO UPDATE ... RETURNING``) both creates a
    missing counter and bumps an existing one; it locks the counter row until commit, so
    concurrent writers on PostgreSQL (or SQLite under ``BEGIN IMMEDIATE``) never share a number.
    """
    row = (
        session.connection()
        .execute(
            text(
                "INSERT INTO handle_counter (prefix, next_value) VALUES (:prefix, 2) "
                "ON CONFLICT (prefix) DO UPDATE SET next_value = handle_counter.next_value + 1 "
                "RETURNING next_value - 1"
            ),
            {"prefix": prefix},
        )
        .one()
    )
    number = int(row[0])
    if number > HANDLE_MAX:
        from casefile.errors import StorageError

        raise StorageError(
            f"This case file has used every {prefix} handle (the largest is {prefix}{HANDLE_MAX}); "
            "nothing was added."
        )
    return f"{prefix}{number}"


def reserve_at_least(session: Session, prefix: str, number: int) -> None:
    """Make sure later handles for ``prefix`` start above ``number`` (after imports)."""
    session.connection().execute(
        text("UPDATE handle_counter SET next_value = :n WHERE prefix = :prefix AND next_value < :n"),
        {"prefix": prefix, "n": number + 1},
    )


def handle_sort_key(handle: str) -> tuple[str, int, str]:
    """Order handles as people count: CI2 before CI10 (text order puts CI10 first)."""
    head = handle.rstrip("0123456789")
    digits = handle[len(head) :]
    return (head, int(digits) if digits else -1, handle)
