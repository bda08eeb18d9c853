"""What kind of name an alias is (transliteration, former name…) and its romanisation scheme."""

from __future__ import annotations

from dataclasses import dataclass

from casefile.errors import InvalidInput
from casefile.text import one_line

ALIAS_KIND_SUGGESTIONS = (
    "alias",
    "transliteration",
    "former name",
    "maiden name",
    "nickname",
    "pseudonym",
    "spelling",
    "translation",
)
MAX_KIND = 40
MAX_SCHEME = 80


@dataclass(frozen=True, slots=True)
class AliasStyle:
    """Applied to every alias of one command: ``kind`` (default ``alias``) and an optional ``scheme``."""

    kind: str = "alias"
    scheme: str | None = None

    @classmethod
    def given(cls, kind: str | None, scheme: str | None, have_aliases: bool, option: str) -> AliasStyle:
        """Check ``--alias-kind`` / ``--scheme`` as typed; they need an alias to describe."""
        if (kind is not None or scheme is not None) and not have_aliases:
            raise InvalidInput(
                f"--alias-kind and --scheme describe the aliases given with {option}; give one."
            )
        return cls(normalize_alias_kind(kind) if kind is not None else "alias", _scheme(scheme))


PLAIN_ALIAS = AliasStyle()


def normalize_alias_kind(kind: str) -> str:
    """Lower-case, single-spaced, short: ``Former  Name`` -> ``former name``."""
    cleaned = " ".join(kind.split()).lower()
    if not cleaned or len(cleaned) > MAX_KIND or not all(ch.isalnum() or ch in " -_" for ch in cleaned):
        raise InvalidInput(
            f"'{one_line(kind, 40)}' is not an alias kind; use words such as "
            + ", ".join(ALIAS_KIND_SUGGESTIONS[1:5])
            + "."
        )
    return cleaned


def _scheme(scheme: str | None) -> str | None:
    if scheme is None:
        return None
    cleaned = " ".join(scheme.split())
    if not cleaned:
        return None
    if len(cleaned) > MAX_SCHEME or not cleaned.isprintable():
        raise InvalidInput(
            f"A scheme is a short name such as BGN/PCGN or ISO 9, at most {MAX_SCHEME} characters."
        )
    return cleaned
