"""Mentions of known entities: one batched lookup with the search keys, inflected forms, lone surnames."""

from __future__ import annotations

from pathlib import Path

from casefile.ingest.mentions import find_mentions, span_keys_of
from casefile.names import name_keys

SAMPLE = (Path(__file__).parent / "eval" / "00-sample-belarus-release.txt").read_text(encoding="utf-8")


class Index:
    """A stand-in for the name index: whole-name skeleton -> entity ids, counting lookups."""

    def __init__(self, entities: dict[str, list[str]]) -> None:
        self.keys: dict[str, list[str]] = {}
        for entity_id, names in entities.items():
            for name in names:
                self.keys.setdefault(name_keys(name).whole_skeleton, []).append(entity_id)
        self.calls: list[list[str]] = []

    def __call__(self, keys: list[str]) -> dict[str, list[str]]:
        self.calls.append(keys)
        return {k: self.keys[k] for k in keys if k in self.keys}


ENTITIES = {
    "P1": ["Sviatlana Tsikhanouskaya", "Ціханоўская"],
    "P2": ["Ihar Karnei"],
    "P3": ["Alexander Lukashenko"],
    "P4": ["Ольга Ковалёва"],
    "P5": ["Keith Kellogg"],
    "L1": ["Minsk"],
    "O1": ["Viasna"],
}


def test_one_batched_lookup_finds_romanisations_and_lone_surnames() -> None:
    index = Index(ENTITIES)
    found = find_mentions(SAMPLE, index)
    assert len(index.calls) == 1
    assert all(isinstance(k, str) and k == k.lower() for k in index.calls[0])
    by_text: dict[str, set[str]] = {}
    for m in found:
        by_text.setdefault(m.text, set()).update(m.entity_ids)
        assert SAMPLE[m.start : m.end] == m.text
        assert m.text in m.sentence
    assert by_text["Sviatlana Tikhanovskaya"] == {"P1"}  # stored as Tsikhanouskaya
    assert by_text["Ihor Korney"] == {"P2"}  # stored as Ihar Karnei
    assert by_text["Keith Kellogg"] == {"P5"}
    assert by_text["Kellogg"] == {"P5"}  # a lone surname after the full name
    assert by_text["Lukashenko"] == {"P3"}
    assert by_text["Minsk"] == {"L1"}
    assert by_text["Viasna"] == {"O1"}
    assert "Sergei Tikhanovsky" not in by_text  # her husband is not her
    assert "Tikhanovsky" not in by_text
    assert sum(1 for m in found if m.entity_ids == ["L1"]) == 4


def test_inflected_russian_and_belarusian_forms_match() -> None:
    text = "Вчера Ольгу Ковалёву и Тихановскую видели в Минске. Лукашенко промолчал. Ціханоўскай далі слова."
    found = {m.text: m.entity_ids for m in find_mentions(text, Index(ENTITIES))}
    assert found == {
        "Ольгу Ковалёву": ["P4"],
        "Тихановскую": ["P1"],
        "Минске": ["L1"],
        "Ціханоўскай": ["P1"],
    }
    # A lone surname matches a stored full name only after that full name in the same text
    # (or when the surname itself is stored as an alias).
    assert "Лукашенко" not in found


def test_french_and_german_spellings_match() -> None:
    text = "Alexandre Loukachenko a rencontré Swetlana Tichanowskaja."
    found = {m.text: m.entity_ids for m in find_mentions(text, Index(ENTITIES))}
    assert found == {"Alexandre Loukachenko": ["P3"], "Swetlana Tichanowskaja": ["P1"]}


def test_the_longest_match_wins_and_nothing_known_gives_nothing() -> None:
    index = Index({"P3": ["Alexander Lukashenko"], "X": ["Alexander"]})
    found = find_mentions("Alexander Lukashenko spoke.", index)
    assert [(m.text, m.entity_ids) for m in found] == [("Alexander Lukashenko", ["P3"])]
    assert find_mentions("nothing capitalised here.", index) == []


def test_span_keys_are_the_stored_whole_name_skeletons() -> None:
    assert name_keys("Sviatlana Tsikhanouskaya").whole_skeleton in span_keys_of(("Svetlana", "Tikhanovskaya"))
    assert name_keys("Ольга Ковалёва").whole_skeleton in span_keys_of(("Ольгой", "Ковалёвой"))
