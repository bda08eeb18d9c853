"""Entity kinds, their handle prefixes, folders and the fields each one takes."""

from __future__ import annotations

from casefile.errors import InvalidInput

KINDS = ("person", "organization", "place", "source", "event")

KIND_ALIASES = {
    "person": "person",
    "people": "person",
    "persons": "person",
    "p": "person",
    "organization": "organization",
    "organisation": "organization",
    "organizations": "organization",
    "organisations": "organization",
    "org": "organization",
    "o": "organization",
    "place": "place",
    "places": "place",
    "pl": "place",
    "source": "source",
    "sources": "source",
    "s": "source",
    "event": "event",
    "events": "event",
    "e": "event",
}

STATUS_SUGGESTIONS = (
    "detained",
    "convicted",
    "released",
    "in exile",
    "deceased",
    "missing",
    "free",
)
ORGANIZATION_TYPES = ("NGO", "media outlet", "government body", "court", "party", "company")
SOURCE_TYPES = ("article", "document", "testimony", "interview", "post", "video", "report")
EVENT_TYPES = ("arrest", "trial", "release", "visit", "statement", "meeting", "protest")
ROLE_SUGGESTIONS = (
    "released",
    "met with",
    "member of",
    "spouse of",
    "reported by",
    "cites",
    "took part in",
    "located in",
    "detained by",
    "said",
)
RELIABILITY_GRADES = "ABCDEF"
CREDIBILITY_GRADES = range(1, 7)

# The kind-specific fields (dataclass attribute names in ``EntityFields``).
KIND_FIELDS: dict[str, frozenset[str]] = {
    "person": frozenset({"born", "status"}),
    "organization": frozenset({"type"}),
    "place": frozenset({"country", "latitude", "longitude"}),
    "source": frozenset(
        {"type", "url", "publisher", "author", "published", "accessed", "reliability", "file"}
    ),
    "event": frozenset({"type", "date", "place"}),
}


def normalize_kind(value: str) -> str:
    """Accept ``person``, ``people``, ``org``... and return the canonical kind."""
    kind = KIND_ALIASES.get(value.strip().lower())
    if kind is None:
        raise InvalidInput(f"'{value}' is not a kind; use one of {', '.join(KINDS)}.")
    return kind


def normalize_reliability(value: str) -> str:
    """A source's Admiralty reliability grade, A (reliable) to F (cannot be judged)."""
    grade = value.strip().upper()
    if len(grade) != 1 or grade not in RELIABILITY_GRADES:
        raise InvalidInput(f"'{value}' is not a reliability grade; use a letter from A to F.")
    return grade


def normalize_credibility(value: int | str) -> int:
    """The information's Admiralty credibility, 1 (confirmed) to 6 (cannot be judged)."""
    try:
        grade = int(str(value).strip())
    except ValueError:
        grade = 0
    if grade not in CREDIBILITY_GRADES:
        raise InvalidInput(f"'{value}' is not a credibility grade; use a number from 1 to 6.")
    return grade
