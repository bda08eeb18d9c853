"""Folding of names for matching: any script to ASCII, case and diacritics removed."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

_NON_WORD = re.compile(r"[^0-9a-z]+")
# Apostrophes and soft/hard signs sit inside a word (Ol'ga, O'Brien, Підʼярний): drop them
# instead of splitting the word in two.
_IN_WORD_MARKS = re.compile(r"(?<=[0-9a-z])['\"`´ʹʺʻʼʽ’‘]+(?=[0-9a-z])")


def fold(text: str) -> str:
    """Return a case-, diacritic- and script-insensitive key: ``'Łukasz Ціханоўская'`` ->
    ``'lukasz tsikhanouskaya'``-like ASCII words separated by single spaces."""
    from anyascii import anyascii

    normalized = unicodedata.normalize("NFKC", text)
    ascii_text = _IN_WORD_MARKS.sub("", anyascii(normalized).casefold())
    return _NON_WORD.sub(" ", ascii_text).strip()


def casefold_exact(text: str) -> str:
    """Unicode-aware case-insensitive key that keeps the script (for exact REF matches)."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


_LANG_SUFFIX = re.compile(r"^(.*\S)@([a-z]{2,3}(?:-[A-Za-z]{4})?)$")


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


# --- search keys -------------------------------------------------------------------------
#
# A skeleton survives the systematic differences between romanisations of the same
# Slavic name (BGN/PCGN, national Belarusian, Łacinka, passport, German, Polish, English
# press spellings) and between the Belarusian, Russian and Ukrainian forms:
#   х ~ kh/h/ch/x, ц ~ ts/c/tz/cz, ч ~ ch/č/cz/tch/tsch, г ~ g/h   -> one class "x"
#   ш/щ ~ sh/š/sz/sch/shch/szcz -> "s";  ж ~ zh/ž/ż -> "z";  дз -> "d"
#   French spellings: in a word with "tch", or with "ou" and no Łacinka/Polish/German
#   letter, a bare "ch" is ш (Loukachenko,
#   Chevtchenko, Choïgou); a word-initial "j" before i/o is ж (Jirinovski, Joukov)
#   Belarusian ці/це ~ Russian ти/те (t before a soft vowel joins the "x" class)
#   ў/в after a vowel (ou/ov/ow/au/aw) disappears; w -> v; x -> ks; q -> k; ph -> f; th -> t
#   vowels and y/j vanish (a leading vowel leaves an "a"), doubled letters collapse,
#   a feminine -ska/-skaya/-skaja/-cka keeps a final "a" so she is not her husband -ski.
# Only lower-case ASCII letters and digits come out, so index ranges are plain byte ranges.

_SKELETON_UNITS = re.compile(r"shch|szcz|tsch|sch|tch|sh|sz|zh|kh|ch|cz|ts|tz|dzh|dz|ph|th|.")
_SKELETON_MAP = {
    "shch": "s",
    "szcz": "s",
    "tsch": "x",
    "sch": "s",
    "tch": "x",
    "sh": "s",
    "sz": "s",
    "zh": "z",
    "kh": "x",
    "ch": "x",
    "cz": "x",
    "ts": "x",
    "tz": "x",
    "dzh": "d",
    "dz": "d",
    "ph": "f",
    "th": "t",
    "c": "x",
    "h": "x",
    "g": "x",
    "w": "v",
    "x": "ks",
    "q": "k",
}
_VOWELS = frozenset("aeiouyj")
# Łacinka, Polish and German spellings write ц as a bare c, й as j after a vowel, в as w:
# their "ch" is х even next to an "ou" (Cichanouskaja).
_NOT_FRENCH = re.compile(r"c(?![hz])|[aeiou]j|w|sz|cz")
_FEMININE_END = re.compile(r"[scz]k(?:aya|aja|aia|ya|ia|ja|a)$")


@lru_cache(maxsize=65_536)
def skeleton(token: str) -> str:
    """The romanisation-insensitive key of one folded word: ``'tsikhanouskaya'`` -> ``'xnska'``."""
    if not token:
        return ""
    if token.isdigit():
        return token
    units: list[str] = []
    french = "tch" in token or ("ou" in token and _NOT_FRENCH.search(token) is None)
    for match in _SKELETON_UNITS.finditer(token):
        unit = match.group(0)
        if unit == "ch" and french:
            units.append("s")
        elif unit == "j" and match.start() == 0 and token[1:2] in ("i", "o"):
            units.append("z")
        elif unit == "t" and token[match.end() : match.end() + 1] in ("i", "e", "y"):
            units.append("x")  # Belarusian ці/це for Russian ти/те: Tsimafei = Timofei
        elif unit in _VOWELS:
            units.append("a")
        else:
            units.extend(_SKELETON_MAP.get(unit, unit))
    out: list[str] = []
    for index, unit in enumerate(units):
        after_vowel = index > 0 and units[index - 1] == "a"
        before_vowel = index + 1 < len(units) and units[index + 1] == "a"
        if unit == "v" and after_vowel and not before_vowel:
            continue  # ў / ov / ow / au: Ivanou = Ivanov = Ivanow
        if unit == "a" and index > 0:
            continue
        if out and out[-1] == unit:
            continue
        out.append(unit)
    key = "".join(out)
    if _FEMININE_END.search(token):
        key += "a"
    return key


@dataclass(frozen=True, slots=True)
class NameKeys:
    """The search keys of one name: folded text, its words and their skeletons."""

    folded: str
    tokens: tuple[str, ...]
    skeletons: tuple[str, ...]

    @property
    def whole_skeleton(self) -> str:
        """Word-order-insensitive skeleton of the whole name (for duplicate detection)."""
        return " ".join(sorted(s for s in self.skeletons if s))


@lru_cache(maxsize=65_536)
def name_keys(name: str) -> NameKeys:
    """Fold ``name`` and compute the per-word keys stored next to it."""
    folded = fold(name)
    tokens = tuple(folded.split())
    return NameKeys(folded, tokens, tuple(skeleton(t) for t in tokens))


def prefix_upper_bound(prefix: str) -> str | None:
    """The smallest key above every key starting with ``prefix`` (keys are ``[0-9a-z ]``)."""
    stripped = prefix.rstrip("z")
    if not stripped:
        return None
    last = stripped[-1]
    bumped = "a" if last == "9" else "0" if last == " " else chr(ord(last) + 1)
    return stripped[:-1] + bumped
