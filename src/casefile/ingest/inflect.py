"""Russian and Belarusian case endings: guess the nominative ("dictionary") form of a name.

Rules, not a dictionary: a word's possible nominatives are generated from its ending and
the caller picks the one a gazetteer knows, or the one the first name's gender asks for.
Latin-script words are returned unchanged.
"""

from __future__ import annotations

import re
from functools import lru_cache

from casefile.ingest.gazetteer import FEMALE_FIRST_NAMES, MALE_FIRST_NAMES

_CYRILLIC = re.compile(r"[а-яёіўєїґ]", re.I)

# (ending, replacements) tried longest first; "" keeps the stem.
_NOUN_ENDINGS: list[tuple[str, tuple[str, ...]]] = [
    ("ии", ("ия",)),
    ("ией", ("ия",)),
    ("ию", ("ия",)),
    ("іі", ("ія",)),
    ("ію", ("ія",)),
    ("ияй", ("ия",)),
    ("ыі", ("ыя",)),
    ("ой", ("а", "ая", "ой")),
    ("ей", ("я", "ь", "ей")),
    ("ом", ("", "о")),
    ("ем", ("", "й", "ь", "е")),
    ("ам", ("а", "")),
    ("ём", ("ь", "")),
    ("ою", ("а",)),
    ("ую", ("ая",)),
    ("ай", ("а", "ая")),
    ("е", ("", "а", "я", "ь", "е")),
    ("у", ("", "а", "у")),
    ("ю", ("я", "ь", "й")),
    ("ы", ("а", "ы", "")),
    ("і", ("а", "ь", "я", "і")),
    ("и", ("ь", "а", "я", "и", "")),
    ("а", ("", "а")),
    ("я", ("й", "ь", "я")),
]

# Masculine surname (adjectival and possessive) case endings -> nominative.
_MALE_SURNAME = [
    (re.compile(r"(ск|цк)(ого|ому|им|ом)$"), r"\1ий"),
    (re.compile(r"(ск|цк)(ага|аму|ім|ім)$"), r"\1і"),
    (re.compile(r"(ов|ев|ёв|ин|ын|ін)(а|у|ым|е|ам)$"), r"\1"),
    (re.compile(r"(ой|ый|ий)$"), r"\1"),
    (re.compile(r"([кгхжшчщ])(ого|ому|им)$"), r"\1ий"),
    (re.compile(r"(ого|ому|ым)$"), "ый"),  # Навального -> Навальный
    (re.compile(r"(его|ему|им)$"), "ий"),
    (re.compile(r"(к)(і|у|ам|е)$"), r"\1а"),  # Belarusian Лукашэнкі -> Лукашэнка
    (re.compile(r"([еаоу])(я|ю|ем|е)$"), r"\1й"),  # Корнея -> Корней
    (re.compile(r"([бвгджзклмнпрстфхцчшщ])(а|у|ом|ем|е|ым)$"), r"\1"),
    (re.compile(r"(ь)$"), r"\1"),
    (re.compile(r"(я|ю|ем|е)$"), "ь"),
]
# Feminine surname case endings -> nominative.
_FEMALE_SURNAME = [
    (re.compile(r"(ск|цк)(ой|ую|ай)$"), r"\1ая"),
    (re.compile(r"(ов|ев|ёв|ин|ын|ін|ав)(ой|у|ую|ы|ай|е)$"), r"\1а"),
    (re.compile(r"(ая)$"), r"\1"),
    (re.compile(r"(ой|ую)$"), "ая"),
    (re.compile(r"([бвгджзклмнпрстфхцчшщ])(у|ы|е|і|ой|ай|ою)$"), r"\1а"),
    (re.compile(r"(ю|и|ей)$"), "я"),
]
_FIRST_NAME_ENDINGS = ("", "а", "у", "ом", "ем", "е", "ым", "ой", "ей", "ы", "и", "і", "ю", "я", "ай", "ою")


def is_cyrillic(word: str) -> bool:
    """True when ``word`` is written in Cyrillic."""
    return _CYRILLIC.search(word) is not None


def _case_like(model: str, word: str) -> str:
    return word[:1].upper() + word[1:] if model[:1].isupper() else word


@lru_cache(maxsize=16_384)
def noun_nominatives(word: str) -> tuple[str, ...]:
    """Possible nominatives of a Cyrillic noun (the word itself first); Latin words unchanged."""
    if not is_cyrillic(word):
        return (word,)
    lower = word.casefold()
    out: list[str] = [lower]
    for ending, replacements in _NOUN_ENDINGS:
        if lower.endswith(ending) and len(lower) - len(ending) >= 2:
            stem = lower[: -len(ending)]
            out.extend(stem + r for r in replacements)
    return tuple(_case_like(word, w) for w in dict.fromkeys(out))


@lru_cache(maxsize=16_384)
def first_name(word: str) -> tuple[str, str] | None:
    """``(nominative, gender)`` of a known first name in any case (``'Ольгу'`` -> ``('Ольга', 'f')``)."""
    lower = word.casefold()
    if lower in FEMALE_FIRST_NAMES:
        return word, "f"
    if lower in MALE_FIRST_NAMES:
        return word, "m"
    if not is_cyrillic(word):
        return None
    for guess in noun_nominatives(word)[1:]:
        folded = guess.casefold()
        if folded in FEMALE_FIRST_NAMES and _female_case(lower, folded):
            return guess, "f"
        if folded in MALE_FIRST_NAMES:
            return guess, "m"
    # Male names in -ий/-ей (Юрий, Андрей, Сергей) decline on the stem: Сергея, Юрию.
    for ending in _FIRST_NAME_ENDINGS:
        if ending and lower.endswith(ending):
            stem = lower[: -len(ending)]
            for tail in ("й", "ий", "ей"):
                if stem.endswith(tail[:-1]) and stem + "й" in MALE_FIRST_NAMES:
                    return _case_like(word, stem + "й"), "m"
    return None


def _female_case(word: str, nominative: str) -> bool:
    # "Анну" -> "Анна" yes; but "Ивана" is not a case of a feminine name.
    return word != nominative


def surname_nominative(word: str, gender: str | None) -> str:
    """The nominative of a Cyrillic surname for ``gender`` ('m', 'f' or None: guess from the ending)."""
    if not is_cyrillic(word):
        return word
    if "-" in word.strip("-"):  # a double surname declines in both parts
        return "-".join(surname_nominative(part, gender) for part in word.split("-"))
    lower = word.casefold()
    if gender is None:
        gender = surname_gender(lower)
    if lower.endswith(("енко", "ко", "ых", "их", "ец", "ук", "юк", "ич")) and gender == "f":
        return word  # these do not decline for women
    if lower.endswith(("енко", "эй")):
        return word
    rules = _FEMALE_SURNAME if gender == "f" else _MALE_SURNAME
    for pattern, replacement in rules:
        if pattern.search(lower):
            return _case_like(word, pattern.sub(replacement, lower, count=1))
    return word


def surname_gender(lower: str) -> str | None:
    """'f' or 'm' when a surname's ending says it, else None."""
    if re.search(r"(ск|цк)(ая|ой|ую|ай)$|(ов|ев|ёв|ин|ын)(а|ой|у|ую)$", lower):
        return "f"
    if re.search(r"(ск|цк)(ий|ого|ому|им|ом|і|ага|аму)$|(ов|ев|ёв|ин|ын)(ым|е)?$|(ич|ук)$", lower):
        return "m"
    return None


def person_nominative(words: list[str]) -> list[str]:
    """Nominative of a person's name (first name, optional patronymic, surname) in any case."""
    if not words or not any(is_cyrillic(w) for w in words):
        return words
    known = first_name(words[0])
    if known is not None and known[1] == "f" and len(words) > 1:
        # Александра, Евгения: a woman's name or a man's in the genitive; the surname decides.
        male = first_name(words[0][:-1]) or first_name(words[0][:-1] + "й")
        if male is not None and male[1] == "m" and surname_gender(words[-1].casefold()) != "f":
            known = (male[0], "m")
    if known is not None:
        nominative, gender = known
        if nominative.casefold() == words[0].casefold():
            return words  # the first name is in the nominative, so is the rest
        rest = words[1:]
        ending = words[0].casefold()[len(nominative) - 1 :] if gender == "m" else ""
        return [nominative, *(_agreeing_surname(w, gender, ending) for w in rest)]
    last = first_name(words[-1]) if len(words) >= 2 else None
    if last is not None:
        return [*(surname_nominative(w, last[1]) for w in words[:-1]), last[0]]
    guessed = surname_gender(words[-1].casefold())
    surname = surname_nominative(words[-1], guessed)
    if surname.casefold() == words[-1].casefold():
        return words  # the surname is in the nominative, so is the rest
    return [*(surname_nominative(w, guessed) for w in words[:-1]), surname]


_ADJ_MASC = re.compile(r"(ого|ому|ым|ом|ий|ый|ой)$")
_ADJ_FEM = re.compile(r"(ой|ую|ая|ей)$")
_ADJ_NEUT = re.compile(r"(ого|ому|ым|ом|ое|ее)$")


def org_nominative(words: list[str]) -> list[str]:
    """Nominative of "Верховном суде", "Европейского союза": adjectives agree with the cue noun."""
    from casefile.ingest.gazetteer import ORGANIZATION_CUES

    cue_at = next(
        (
            i
            for i, w in enumerate(words)
            if any(n.casefold() in ORGANIZATION_CUES for n in noun_nominatives(w))
        ),
        None,
    )
    if cue_at is None:
        return words
    cue = next(n for n in noun_nominatives(words[cue_at]) if n.casefold() in ORGANIZATION_CUES)
    lower = cue.casefold()
    gender = "f" if lower.endswith(("а", "я")) else "n" if lower.endswith(("о", "е", "э")) else "m"
    out = list(words)
    out[cue_at] = _case_like(words[cue_at], lower)
    for i in range(cue_at):
        out[i] = _adjective_nominative(words[i], gender)
    return out


def _adjective_nominative(word: str, gender: str) -> str:
    lower = word.casefold()
    if gender == "f" and _ADJ_FEM.search(lower):
        return _case_like(word, _ADJ_FEM.sub("ая", lower))
    if gender == "n" and _ADJ_NEUT.search(lower):
        return _case_like(word, _ADJ_NEUT.sub("ое", lower))
    found = _ADJ_MASC.search(lower)
    if gender == "m" and found is not None:
        if lower.endswith(("ий", "ый", "ой")):
            return word
        soft = lower[: found.start()].endswith(("к", "г", "х", "ж", "ш", "ч", "щ"))
        return _case_like(word, lower[: found.start()] + ("ий" if soft else "ый"))
    return word


def surname_forms(word: str) -> tuple[str, ...]:
    """The possible nominatives of a lone (maybe inflected) surname."""
    if not is_cyrillic(word):
        return (word,)
    return tuple(
        dict.fromkeys(
            (word, surname_nominative(word, "f"), surname_nominative(word, "m"), *noun_nominatives(word))
        )
    )


# A man's first name's case ending -> the ending his surname has in that case when it
# declines like "Науседа", "Лукашэнка" (nominative in -а).
_A_SURNAME_CASES = {"а": ("у", "ы", "і", "и"), "у": ("е",), "ом": ("ой", "ою", "ам"), "ем": ("ой", "ем")}


def _agreeing_surname(word: str, gender: str, first_ending: str) -> str:
    lower = word.casefold()
    for case, endings in _A_SURNAME_CASES.items():
        if (
            first_ending.endswith(case)
            and lower.endswith(endings)
            and not re.search(r"(ск|цк|ов|ев|ин|ын)\w{1,2}$", lower)
        ):
            ending = next(e for e in endings if lower.endswith(e))
            return _case_like(word, lower[: -len(ending)] + "а")
    return surname_nominative(word, gender)
