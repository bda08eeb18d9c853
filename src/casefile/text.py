"""Make user text safe to show: control characters become visible escapes."""

from __future__ import annotations

import re

# C0/C1 controls, line/paragraph separators (line breaks to some terminals and to
# str.splitlines) and the bidirectional overrides that can disguise text.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str, *, keep_newlines: bool = True) -> str:
    """Return ``text`` with terminal control characters replaced by visible escapes."""
    out = _CONTROL.sub(_visible, text)
    if not keep_newlines:
        out = out.replace("\n", "\\n").replace("\t", " ")
    return out


def one_line(text: str, limit: int = 0) -> str:
    """``printable`` on a single line, optionally shortened with an ellipsis."""
    out = printable(text, keep_newlines=False)
    if limit and len(out) > limit:
        out = out[: limit - 1] + "…"
    return out


# Characters that draw nothing: zero-width spaces and joiners, the BOM, bidi marks
# (category Cf), and the few "filler" letters fonts render blank.
_INVISIBLE_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def is_blank(text: str) -> bool:
    """True when ``text`` shows nothing: only whitespace and invisible characters."""
    first = text[:1]
    if first.isascii() and first.isalnum():  # the usual case, decided without a scan (imports)
        return False
    import unicodedata

    return all(
        ch.isspace() or ch in _INVISIBLE_LETTERS or unicodedata.category(ch) in ("Cf", "Zs", "Cc")
        for ch in text
    )
