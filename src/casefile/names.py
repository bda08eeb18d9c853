"""Folding of names for matching: any script to ASCII, case and diacritics removed."""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^0-9a-z]+")


def fold(text: str) -> str:
    """Return a case-, diacritic- and script-insensitive key: ``'Łukasz Ціханоўская'`` ->
    ``'lukasz tsikhanouskaya'``-like ASCII words separated by single spaces."""
    from anyascii import anyascii

    normalized = unicodedata.normalize("NFKC", text)
    ascii_text = anyascii(normalized).casefold()
    return _NON_WORD.sub(" ", ascii_text).strip()


def casefold_exact(text: str) -> str:
    """Unicode-aware case-insensitive key that keeps the script (for exact REF matches)."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


_LANG_SUFFIX = __import__("re").compile(r"^(.*\S)@([a-z]{2,3}(?:-[A-Za-z]{4})?)$")


def detect_script(text: str) -> str | None:
    """The ISO 15924 code of the first letter's script (``Cyrl``, ``Latn``...), if known."""
    scripts = {
        "LATIN": "Latn",
        "CYRILLIC": "Cyrl",
        "GREEK": "Grek",
        "ARABIC": "Arab",
        "HEBREW": "Hebr",
        "GEORGIAN": "Geor",
        "ARMENIAN": "Armn",
        "CJK": "Hani",
        "HIRAGANA": "Hira",
        "KATAKANA": "Kana",
        "HANGUL": "Hang",
    }
    for char in text:
        if char.isalpha():
            try:
                first_word = unicodedata.name(char).split()[0]
            except ValueError:
                return None
            return scripts.get(first_word)
    return None


def split_alias_spec(spec: str) -> tuple[str, str | None, str | None]:
    """``'Ціханоўская@be'`` -> ``('Ціханоўская', 'be', 'Cyrl')``; no suffix -> lang None."""
    match = _LANG_SUFFIX.match(spec.strip())
    if match is None:
        name = spec.strip()
        return name, None, detect_script(name)
    name, lang = match.group(1), match.group(2)
    script = lang.split("-", 1)[1].title() if "-" in lang else detect_script(name)
    return name, lang.split("-", 1)[0], script
