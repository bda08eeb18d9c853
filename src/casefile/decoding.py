"""The one decoder for what a user hands casefile: arguments and standard input.

Arguments arrive as ``str`` that Python decoded with ``surrogateescape``: a byte that is
not UTF-8 becomes a lone surrogate, which no database or terminal accepts. Standard
input is read as bytes and decoded strictly. Either way a bad byte is refused with one
sentence naming the argument or the byte offset, before anything is written.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from casefile.errors import InvalidInput

STDIN_LIMIT = 256 << 20  # 256 MB: text and bundles read from a pipe are held in memory


def _surrogates(text: str) -> bool:
    return any("\ud800" <= ch <= "\udfff" for ch in text)


def shown_argument(text: str, limit: int = 60) -> str:
    """An argument with its undecodable bytes shown as ``\\xff``."""
    raw = text.encode("utf-8", "surrogateescape") if _surrogates(text) else text.encode("utf-8", "replace")
    out = raw.decode("utf-8", "backslashreplace")
    from casefile.text import one_line

    return one_line(out, limit)


def check_arguments(args: Sequence[str]) -> None:
    """Refuse the first argument that is not valid UTF-8 text, naming it."""
    for position, arg in enumerate(args, start=1):
        if _surrogates(arg):
            raise InvalidInput(
                f"Argument {position} ('{shown_argument(arg)}') is not valid UTF-8 text; nothing was written."
            )


def decode_bytes(data: bytes, where: str = "Standard input") -> str:
    """``data`` as UTF-8 text, or one sentence naming the offset of the first bad byte."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidInput(
            f"{where} is not valid UTF-8 text (byte offset {exc.start}); nothing was written."
        ) from None


def read_stdin_bytes(limit: int = STDIN_LIMIT) -> bytes:
    """All of standard input as bytes, refusing more than ``limit`` (held in memory, never spooled)."""
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        return b""
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = stream.read(1 << 20)
        if not chunk:
            break
        total += len(chunk)
        if total > limit:
            raise InvalidInput(
                f"Standard input is larger than casefile reads from a pipe ({limit >> 20} MB); "
                "save it to a file and give its path."
            )
        chunks.append(chunk)
    return b"".join(chunks)


def read_stdin_text(limit: int = STDIN_LIMIT) -> str:
    """All of standard input as UTF-8 text (see ``read_stdin_bytes`` and ``decode_bytes``)."""
    return decode_bytes(read_stdin_bytes(limit))
