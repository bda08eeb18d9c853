"""Claim attributes: one normal form for ``claim``, the TUI and imported bundles."""

from __future__ import annotations

import unicodedata

from casefile.errors import InvalidInput

MAX_ATTRIBUTE = 200


def normalize_attribute(attribute: str) -> str:
    """Attributes are lower-case words joined by ``_`` (``Released count`` -> ``released_count``).

    An attribute with no letter or digit (``!!!``) names nothing and is refused.
    """
    cleaned = "_".join(unicodedata.normalize("NFKC", attribute).lower().split())
    if not cleaned:
        raise InvalidInput("A claim needs an attribute, such as status, born or released_count.")
    if len(cleaned) > MAX_ATTRIBUTE:
        raise InvalidInput(f"An attribute can be at most {MAX_ATTRIBUTE} characters long.")
    if "\x00" in cleaned:
        raise InvalidInput("An attribute cannot contain a NUL character.")
    if not any(ch.isalnum() for ch in cleaned):
        raise InvalidInput("An attribute needs a letter or a digit, such as status, born or released_count.")
    return cleaned
