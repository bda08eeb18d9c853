"""Identity and time for new records."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime


def now_iso() -> str:
    """The current UTC time as ``YYYY-MM-DDTHH:MM:SS.ffffffZ`` (sorts as text)."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def new_id() -> str:
    """A new random UUID as text."""
    return str(uuid.uuid4())
