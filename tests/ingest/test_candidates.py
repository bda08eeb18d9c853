"""Proposals: names with their kinds and nominative forms, no noise, dates and counts."""

from __future__ import annotations

from pathlib import Path

import pytest

from casefile.ingest.candidates import KnownNames, propose
from casefile.ingest.inflect import org_nominative, person_nominative

SAMPLE = (Path(__file__).parent / "eval" / "00-sample-belarus-release.txt").read_text(encoding="utf-8")


def _kinds(text: str, **options) -> dict[str, str]:
    return {c.name: c.kind for c in propose(text, **options).candidates}


def test_the_sample_article_names_people_organisations_and_places() -> None:
    kinds = _kinds(SAMPLE)
    assert kinds["Sviatlana Tikhanovskaya"] == "person"
    assert kinds["Sergei Tikhanovsky"] == "person"
    assert kinds["Akihiro Gayeu-Hanada"] == "person"
    assert kinds["John Coul"] == "person"
    assert kinds["Viasna"] == "organization"
    assert kinds["European Pravda"] == "organization"
    assert kinds["White House"] == "organization"
    assert kinds["Minsk"] == "place"
    assert kinds["Washington"] == "place"
    assert kinds["United States"] == "place"  # "U.S." and "United States" are one candidate


def test_mentions_of_one_name_are_one_candidate_with_every_occurrence() -> None:
    candidates = {c.name: c for c in propose(SAMPLE).candidates}
    kellogg = candidates["Keith Kellogg"]
    assert "Kellogg" not in candidates
    assert [SAMPLE[s:e] for s, e in kellogg.occurrences] == [
        "Keith Kellogg",
        "Keith Kellogg",
        "Kellogg",
        "Keith Kellogg",
    ]
    assert kellogg.sentence.startswith("S. Releases Another 13 Political Prisoners")
    assert len(candidates["Alexander Lukashenko"].occurrences) == 3  # "Lukashenko’s regime" joins him
    # She and her husband share a surname but are two people.
    assert len(candidates["Sviatlana Tikhanovskaya"].occurrences) == 2
    assert len(candidates["Sergei Tikhanovsky"].occurrences) == 1
    assert 0 < kellogg.confidence <= 1


@pytest.mark.parametrize(
    "word",
    ["Undoubtedly", "Overall", "Thus", "Sources", "June", "Evidence", "American", "Belarusian", "According"],
)
def test_sentence_initial_and_common_words_never_become_candidates(word: str) -> None:
    names = {w for c in propose(SAMPLE).candidates for w in c.name.split()}
    assert word not in names


def test_title_case_headlines_propose_only_confirmed_names() -> None:
    text = "Drone Strike Hits Kyiv Suburb As Talks Stall\n\nOfficials in Kyiv said the strike killed three people."
    assert _kinds(text) == {"Kyiv": "place"}


def test_titles_and_cues_decide_the_kind() -> None:
    text = (
        "Interior Minister Ivan Kubrakov met Marta Kos of the European Commission in Brussels. "
        'Sanctions on Belavia, the state airline, were discussed with the newspaper Novy Chas and the group "Honest People". '
        "Later Kubrakov said the Supreme Court of Belarus would decide."
    )
    kinds = _kinds(text)
    assert kinds["Ivan Kubrakov"] == "person"
    assert kinds["Marta Kos"] == "person"
    assert kinds["European Commission"] == "organization"
    assert kinds["Belavia"] == "organization"
    assert kinds["Novy Chas"] == "organization"
    assert kinds["Honest People"] == "organization"
    assert kinds["Supreme Court of Belarus"] == "organization"
    assert kinds["Brussels"] == "place"
    assert "Interior Minister Ivan Kubrakov" not in kinds


def test_russian_names_come_back_in_the_nominative_and_inflected_mentions_group() -> None:
    text = (
        "Суд освободил Ольгу Ковалёву. По словам Светланы Тихановской, Ковалёву вывезли в Литву. "
        "Накануне в Минске побывал Кит Келлог. Встреча с Тихановской прошла в Вильнюсе."
    )
    candidates = {c.name: c for c in propose(text).candidates}
    assert candidates["Ольга Ковалёва"].kind == "person"
    assert len(candidates["Ольга Ковалёва"].occurrences) == 2
    assert candidates["Светлана Тихановская"].kind == "person"
    assert len(candidates["Светлана Тихановская"].occurrences) == 2
    assert candidates["Минск"].kind == "place"
    assert candidates["Литва"].kind == "place"
    assert candidates["Вильнюс"].kind == "place"
    assert "Ольгу Ковалёву" not in candidates


@pytest.mark.parametrize(
    ("words", "nominative"),
    [
        (["Ольгу", "Ковалёву"], ["Ольга", "Ковалёва"]),
        (["Ольгой", "Ковалёвой"], ["Ольга", "Ковалёва"]),
        (["Ивана", "Петрова"], ["Иван", "Петров"]),
        (["Иваном", "Петровым"], ["Иван", "Петров"]),
        (["Сергея", "Тихановского"], ["Сергей", "Тихановский"]),
        (["Светланы", "Тихановской"], ["Светлана", "Тихановская"]),
        (["Игоря", "Корнея"], ["Игорь", "Корней"]),
        (["Аляксандра", "Лукашэнкі"], ["Аляксандр", "Лукашэнка"]),
        (["Святлану", "Ціханоўскую"], ["Святлана", "Ціханоўская"]),
        (["Уладзімірам", "Пуціным"], ["Уладзімір", "Пуцін"]),
        (["Марию", "Колесникову-Петрову"], ["Мария", "Колесникова-Петрова"]),
        (["Натальи", "Дулиной"], ["Наталья", "Дулина"]),
        (["Наталья", "Дулина"], ["Наталья", "Дулина"]),
        (["Keith", "Kellogg"], ["Keith", "Kellogg"]),
    ],
)
def test_person_nominative(words: list[str], nominative: list[str]) -> None:
    assert person_nominative(words) == nominative


def test_organisation_nominative() -> None:
    assert org_nominative(["Верховном", "суде"]) == ["Верховный", "суд"]
    assert org_nominative(["Европейского", "союза"]) == ["Европейский", "союз"]


def test_dates_take_the_published_year_and_durations_are_not_dates() -> None:
    text = "He was jailed for 14 years. On June 21 he met Kellogg; on 11 September 2025 and 21 июня 2025 года more were freed, 3 мая too."
    dates = propose(text, published="2025-09-11").dates
    assert [(d.text, d.date) for d in dates] == [
        ("June 21", "2025-06-21"),
        ("11 September 2025", "2025-09-11"),
        ("21 июня 2025 года", "2025-06-21"),
        ("3 мая", "2025-05-03"),
    ]
    assert dates[0].sentence.startswith("On June 21 he met Kellogg")
    assert propose("On June 21 he met Kellogg.").dates[0].date == "XXXX-06-21"


def test_counts_of_people_become_claims() -> None:
    counts = propose(SAMPLE).counts
    assert [(c.value, c.noun, c.attribute) for c in counts] == [
        (13, "political prisoners", "released_count"),
        (14, "political prisoners", "released_count"),
        (5, "political detainees", "political_detainees_count"),
        (14, "political prisoners", "released_count"),
    ]
    assert counts[1].text == "14 political prisoners"
    assert SAMPLE[counts[1].start : counts[1].end] == "14 political prisoners"
    assert "release of an additional 14 political prisoners" in counts[1].sentence
    russian = propose("Лукашенко помиловал 18 человек. За решёткой остаются 1 100 политзаключённых.").counts
    assert [(c.value, c.attribute) for c in russian] == [
        (18, "released_count"),
        (1100, "politzaklyuchennykh_count"),
    ]


def test_known_and_rejected_names_are_not_proposed_again() -> None:
    known = KnownNames(known=frozenset({"keith kellogg"}), rejected=frozenset({"nasha niva"}))
    names = {c.name for c in propose(SAMPLE, known=known).candidates}
    assert "Keith Kellogg" not in names
    assert "Nasha Niva" not in names
    assert "Viasna" in names


def test_progress_is_reported_up_to_one() -> None:
    seen: list[float] = []
    propose(SAMPLE, on_progress=seen.append)
    assert seen == sorted(seen)
    assert seen[-1] == 1.0
