"""Extract text and metadata from plain text, Markdown, HTML and PDF bytes, offline.

Nothing here reaches the network: trafilatura gets the bytes, never a URL, and pypdf
reads the text layer only. The heavy libraries are imported when first needed, so
that starting casefile does not pay for them.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from casefile.errors import CasefileError
from casefile.ingest.metadata import guess_title_and_dateline
from casefile.ingest.sentences import paragraph_spans

Progress = Callable[[float], None]

_HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
_MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")
_HTML_START = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta)\b", re.I | re.S)
# Bytes that never occur in text (NUL and most C0 controls): a binary file, not a text.
_BINARY_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_CHUNK = 1 << 20


@dataclass(slots=True)
class ExtractedDocument:
    """The readable text of a document and what it says about itself."""

    text: str
    kind: str  # "text" | "markdown" | "html" | "pdf"
    title: str | None = None
    publisher: str | None = None
    author: str | None = None
    published: str | None = None  # EDTF
    url: str | None = None
    encoding: str | None = None
    paragraphs: list[tuple[int, int]] = field(default_factory=list)


def extract_document(data: bytes, filename: str, *, on_progress: Progress | None = None) -> ExtractedDocument:
    """Read ``data`` (named ``filename``) into text; a :class:`CasefileError` sentence when it cannot."""
    shown = filename.rsplit("/", 1)[-1] or filename
    if not data.strip():
        raise CasefileError(f"{shown} is empty: there is no text to ingest.")
    lower = filename.lower()
    if data.startswith(b"%PDF-") or lower.endswith(".pdf"):
        document = _pdf(data, shown, on_progress)
    elif lower.endswith(_HTML_SUFFIXES) or _HTML_START.match(data[:4096]):
        document = _html(data, shown)
    else:
        text, encoding = decode_text(data, shown, on_progress)
        kind = "markdown" if lower.endswith(_MARKDOWN_SUFFIXES) else "text"
        if kind == "markdown":
            text = _markdown_to_text(text)
        document = ExtractedDocument(text=text, kind=kind, encoding=encoding)
    document.text = _normalise(document.text)
    if not document.text.strip():
        raise CasefileError(f"{shown} holds no readable text.")
    guessed = guess_title_and_dateline(document.text)
    document.title = document.title or guessed.title
    document.publisher = document.publisher or guessed.publisher
    document.published = document.published or guessed.published
    document.paragraphs = paragraph_spans(document.text)
    if on_progress is not None:
        on_progress(1.0)
    return document


def decode_text(data: bytes, shown: str, on_progress: Progress | None = None) -> tuple[str, str]:
    """Text and encoding name of ``data``: UTF-8 first, else the legacy encoding detected."""
    if _looks_binary(data):
        raise CasefileError(f"{shown} looks like a binary file, not a text, web page or PDF.")
    for bom, name in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError:
                break
    try:
        text = _decode_utf8(data, on_progress)
    except UnicodeDecodeError:
        pass
    else:
        return text, "utf-8"
    from charset_normalizer import from_bytes

    # A sample is enough to recognise the encoding; decoding the whole is then cheap.
    best = from_bytes(data[: 256 * 1024], cp_isolation=None).best()
    if best is None or best.encoding is None:
        raise CasefileError(f"{shown} is not in a text encoding casefile can recognise.")
    try:
        return data.decode(best.encoding), best.encoding
    except (UnicodeDecodeError, LookupError):
        raise CasefileError(f"{shown} is not in a text encoding casefile can recognise.") from None


def _decode_utf8(data: bytes, on_progress: Progress | None) -> str:
    if on_progress is None or len(data) <= _CHUNK:
        return data.decode("utf-8")
    import codecs

    decoder = codecs.getincrementaldecoder("utf-8")()
    parts: list[str] = []
    for start in range(0, len(data), _CHUNK):
        parts.append(decoder.decode(data[start : start + _CHUNK]))
        on_progress(min(0.5, 0.5 * (start + _CHUNK) / len(data)))
    parts.append(decoder.decode(b"", final=True))
    return "".join(parts)


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False  # UTF-16 text has NUL bytes
    return len(_BINARY_BYTES.findall(sample)) > max(2, len(sample) // 200)


def _normalise(text: str) -> str:
    """Unix line breaks, no trailing blanks, at most one blank line in a row."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    text = re.sub(r"[ \t\f\v]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip("\n")


_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_HEADING = re.compile(r"^#{1,6}\s+", re.M)
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|`)(?=\S)(.+?)(?<=\S)\1")
_MD_QUOTE_OR_LIST = re.compile(r"^(?:>\s?|[-*+]\s+)", re.M)


def _markdown_to_text(text: str) -> str:
    """Markdown without its markup: headings, emphasis, links keep only their words."""
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_HEADING.sub("", text)
    text = _MD_EMPHASIS.sub(r"\2", text)
    return _MD_QUOTE_OR_LIST.sub("", text)


def _import_trafilatura() -> Any:
    """trafilatura, imported without the IPv6 probe of the urllib3 it carries for downloads.

    urllib3 opens (and binds) an IPv6 socket at import time to learn whether the host has
    IPv6; casefile never downloads and must open no inet socket, so the probe is skipped.
    """
    import socket
    import sys

    if "trafilatura" in sys.modules:
        return sys.modules["trafilatura"]
    saved = socket.has_ipv6
    socket.has_ipv6 = False
    try:
        import trafilatura
    finally:
        socket.has_ipv6 = saved
    return trafilatura


def _html(data: bytes, shown: str) -> ExtractedDocument:
    trafilatura = _import_trafilatura()

    try:
        found = trafilatura.bare_extraction(
            data,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            favor_precision=True,
        )
    except Exception as err:  # lxml and trafilatura raise many types on malformed pages
        raise CasefileError(f"{shown} could not be read as a web page ({type(err).__name__}).") from None
    if found is None:
        raise CasefileError(f"{shown} has no article text casefile can find.")
    values = found.as_dict() if hasattr(found, "as_dict") else dict(found)
    # trafilatura puts one line break between paragraphs; casefile's paragraphs are blank-line separated.
    text = re.sub(r"\n+", "\n\n", str(values.get("text") or ""))
    title = _clean(values.get("title"))
    return ExtractedDocument(
        text=_html_text_with_title(text, title),
        kind="html",
        title=title,
        publisher=_clean(values.get("sitename")),
        author=_clean(values.get("author")),
        published=_clean(values.get("date")),
        url=_clean(values.get("url")),
        encoding="utf-8",
    )


def _html_text_with_title(text: str, title: str | None) -> str:
    """Keep the headline as the first paragraph (trafilatura leaves it out of the text)."""
    if title and not text.lstrip().startswith(title):
        return f"{title}\n\n{text}"
    return text


def _clean(value: object) -> str | None:
    if value is None:
        return None
    cleaned = " ".join(str(value).split())
    return cleaned or None


_SENTENCE_END = (".", "!", "?", '"', "”", "»", ":")


def _unwrap(page: str) -> str:
    """Join a PDF page's wrapped lines; a short line ending a sentence (or a headline) ends a paragraph."""
    lines = [line.strip() for line in page.strip().splitlines()]
    widest = max((len(line) for line in lines), default=0)
    out: list[str] = []
    for line in lines:
        if not line:
            if out and out[-1] != "\n\n":
                out.append("\n\n")
            continue
        if out and out[-1] != "\n\n":
            previous = out[-1]
            short = len(previous) < 0.8 * widest
            if (short and previous.endswith(_SENTENCE_END)) or (
                len(previous) < 0.6 * widest and line[:1].isupper()
            ):
                out.append("\n\n")
            elif previous.endswith("-") and previous[-2:-1].islower() and line[:1].islower():
                out[-1] = previous[:-1]
                out.append("")
            else:
                out.append(" ")
        out.append(line)
    return "".join(out).strip()


def _pdf(data: bytes, shown: str, on_progress: Progress | None) -> ExtractedDocument:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise CasefileError(f"{shown} is a password-protected PDF; casefile cannot read it.")
        pages: list[str] = []
        count = len(reader.pages)
        for number, page in enumerate(reader.pages):
            pages.append(page.extract_text() or "")
            if on_progress is not None and count:
                on_progress(0.9 * (number + 1) / count)
        meta = reader.metadata
    except CasefileError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError) as err:
        raise CasefileError(f"{shown} is not a readable PDF ({type(err).__name__}).") from None
    text = "\n\n".join(_unwrap(page) for page in pages if page.strip())
    if not text.strip():
        raise CasefileError(
            f"{shown} has no text layer (a scanned PDF?); run it through OCR first and ingest the result."
        )
    title = _clean(meta.title) if meta is not None else None
    author = _clean(meta.author) if meta is not None else None
    return ExtractedDocument(text=text, kind="pdf", title=title, author=author)
