"""Reading documents: plain text in any encoding, Markdown, HTML main text, PDF text layers."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from casefile.errors import CasefileError
from casefile.ingest.extract import extract_document
from tests.ingest.pdf_writer import make_pdf

EVAL = Path(__file__).parent / "eval"
RUSSIAN = (EVAL / "06-ru-pomilovanie.txt").read_text(encoding="utf-8")


def test_utf8_text_keeps_its_words_and_finds_headline_dateline_and_paragraphs() -> None:
    data = b"Opposition leader freed\n\nMINSK, 21 June 2025 (Reuters) - Belarus freed 14 people.\n\nMore later.\n"
    doc = extract_document(data, "article.txt")
    assert doc.kind == "text"
    assert doc.encoding == "utf-8"
    assert doc.title == "Opposition leader freed"
    assert doc.publisher == "Reuters"
    assert doc.published == "2025-06-21"
    assert [doc.text[s:e] for s, e in doc.paragraphs] == [
        "Opposition leader freed",
        "MINSK, 21 June 2025 (Reuters) - Belarus freed 14 people.",
        "More later.",
    ]


def test_a_cp1251_russian_file_is_detected_and_decoded() -> None:
    doc = extract_document(RUSSIAN.encode("cp1251"), "pomilovanie.txt")
    assert doc.encoding is not None
    assert doc.encoding.replace("_", "").replace("-", "").lower() in ("cp1251", "windows1251")
    assert "Тихановская" in doc.text
    assert doc.title == "Лукашенко помиловал ещё 18 политзаключённых"
    assert doc.published == "2025-06-21"


def test_windows_line_endings_and_a_bom_are_normalised() -> None:
    doc = extract_document("\ufeffTitle\r\n\r\nBody text.\r\n".encode(), "a.txt")
    assert doc.text == "Title\n\nBody text."


def test_markdown_loses_its_markup() -> None:
    data = b"# Headline here\n\nSome **bold** words and a [link](https://example.invalid/x).\n\n- item one\n"
    doc = extract_document(data, "note.md")
    assert doc.kind == "markdown"
    assert doc.title == "Headline here"
    assert "Some bold words and a link." in doc.text
    assert "https" not in doc.text
    assert "**" not in doc.text


def test_html_gives_the_article_only_and_its_metadata(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("extract_document opened a socket")

    # Imported first: trafilatura's annotations name socket.socket, which the patch replaces.
    from casefile.ingest.extract import _import_trafilatura

    _import_trafilatura()
    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    doc = extract_document((EVAL / "10-html-exiled-media.html").read_bytes(), "page.html")
    assert doc.kind == "html"
    assert doc.title == "Exiled Belarusian media count their losses"
    assert doc.publisher == "Baltic Monitor"
    assert doc.author == "Anna Kowalczyk"
    assert doc.published == "2025-04-08"
    assert "Aleksy Dzikawicki" in doc.text
    for junk in (
        "cookies",
        "Privacy",
        "dataLayer",
        "font-family",
        "All rights reserved",
        "Vilnius marathon",
        "Sport",
    ):
        assert junk not in doc.text, junk
    assert len(doc.paragraphs) >= 4


def test_html_is_recognised_by_its_content_whatever_the_name() -> None:
    data = (
        b"<!DOCTYPE html><html><head><title>T</title></head><body><article><p>"
        + b"Words in an article. " * 20
        + b"</p></article></body></html>"
    )
    assert extract_document(data, "download").kind == "html"


def test_pdf_text_layer_with_wrapped_lines_joined() -> None:
    doc = extract_document((EVAL / "11-pdf-terespol.pdf").read_bytes(), "terespol.pdf")
    assert doc.kind == "pdf"
    assert doc.title == "Poland Opens Border Crossing for Freed Belarusians"
    assert (
        "Belarusian opposition politician Pavel Latushko, who heads the National Anti-Crisis Management"
        in doc.text
    )
    assert doc.published == "2025-02-02"
    assert len(doc.paragraphs) == 5


def test_a_scanned_pdf_without_text_is_refused_with_a_sentence() -> None:
    with pytest.raises(CasefileError, match="no text layer"):
        extract_document(make_pdf([[], []]), "scan.pdf")


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "empty.txt", "empty"),
        (b"   \n\n  ", "blank.txt", "empty"),
        (bytes(range(256)) * 40, "junk.bin", "binary"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(2000), "photo.txt", "binary"),
        (b"%PDF-1.4\nthis is not really a pdf", "broken.pdf", "not a readable PDF"),
    ],
)
def test_bad_input_is_one_sentence(data: bytes, name: str, message: str) -> None:
    with pytest.raises(CasefileError, match=message) as caught:
        extract_document(data, name)
    text = str(caught.value)
    assert text.endswith(".")
    assert "\n" not in text
    assert "Traceback" not in text


def test_a_10_mb_text_finishes_and_reports_progress() -> None:
    paragraph = "Sviatlana Tikhanovskaya met Keith Kellogg in Vilnius on June 21. " * 10 + "\n\n"
    data = (paragraph * (10_000_000 // len(paragraph) + 1)).encode()
    seen: list[float] = []
    doc = extract_document(data, "big.txt", on_progress=seen.append)
    assert len(doc.text) >= 9_900_000
    assert seen == sorted(seen)
    assert seen[-1] == 1.0
    assert len(seen) > 3
    assert len(doc.paragraphs) > 10_000
