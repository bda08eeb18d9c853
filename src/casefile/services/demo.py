"""A sample case file built from the article in ``shared/samples`` (never the user's database)."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from casefile.services.citations import CitationInput, cite
from casefile.services.entities import add_entity
from casefile.services.fields import EntityFields
from casefile.services.links import add_link
from casefile.services.notes import add_note

ARTICLE = "Belarus Under Pressure from the U.S. Releases Another 13 Political Prisoners"

_PEOPLE: list[tuple[str, list[str], str | None, str]] = [
    (
        "Sviatlana Tikhanovskaya",
        ["Sviatlana Tsikhanouskaya", "Ціханоўская@be", "Тихановская@ru"],
        "released",
        "Belarusian opposition figure; released on 21 June 2025 according to Viasna.",
    ),
    ("Sergei Tikhanovsky", ["Siarhei Tsikhanouski", "Сяргей Ціханоўскі@be"], None, "Husband of Sviatlana."),
    ("Natalya Dulina", [], "released", ""),
    ("Ihor Korney", [], "released", ""),
    ("Halina Krasnyanskaya", [], "released", ""),
    ("Akihiro Gayeu-Hanada", [], "released", "Japanese-Belarusian activist."),
    ("Kyrylo Balakhonov", [], "released", ""),
    ("Alexander Lukashenko", ["Аляксандр Лукашэнка@be", "Александр Лукашенко@ru"], None, ""),
    ("Keith Kellogg", [], None, "U.S. Special Representative; visited Minsk on 21 June 2025."),
    ("Donald Trump", [], None, ""),
    ("John Coul", [], None, "Kellogg's deputy press secretary."),
]


def build_demo(session: Session) -> dict[str, str]:
    """Record the sample article in ``session``; return handles by short key."""
    h: dict[str, str] = {}

    def add(
        key: str, kind: str, aliases: list[str] | None = None, tags: list[str] | None = None, **values: Any
    ) -> None:
        ref = add_entity(
            session, kind=kind, data=EntityFields(**values), aliases=aliases or [], tags=tags or []
        )
        h[key] = ref.handle

    add("article", "source", name=ARTICLE, type="article", publisher="European Pravda", published="2025-06-21",
        reliability="B", url="https://example.org/belarus-release", tags=["belarus"])  # fmt: skip
    for name, aliases, status, summary in _PEOPLE:
        add(
            name.split()[-1].lower(),
            "person",
            aliases=aliases,
            tags=["belarus"],
            name=name,
            status=status,
            summary=summary,
        )
    add("viasna", "organization", aliases=["Вясна@be"], tags=["human rights"], name="Viasna", type="NGO",
        summary="Belarusian human rights centre.")  # fmt: skip
    add("pravda", "organization", name="European Pravda", type="media outlet")
    add("niva", "organization", aliases=["Наша Ніва@be"], name="Nasha Niva", type="media outlet")
    add(
        "minsk",
        "place",
        aliases=["Мінск@be", "Минск@ru"],
        name="Minsk",
        country="Belarus",
        latitude=53.9,
        longitude=27.5667,
    )
    add("lithuania", "place", aliases=["Lietuva@lt"], name="Lithuania", country="Lithuania")
    add(
        "release",
        "event",
        name="Release of 14 political prisoners",
        date="2025-06-21",
        place=h["minsk"],
        type="release",
    )
    add(
        "visit",
        "event",
        name="Keith Kellogg's visit to Minsk",
        date="2025-06-21",
        place=h["minsk"],
        type="visit",
    )
    src = [h["article"]]
    for person in ("tikhanovskaya", "dulina", "korney", "krasnyanskaya", "gayeu-hanada", "balakhonov"):
        add_link(session, source_ref=h["release"], target_ref=h[person], role="released", sources=src)
    add_link(
        session, source_ref=h["tikhanovskaya"], target_ref=h["tikhanovsky"], role="spouse of", sources=src
    )
    add_link(
        session,
        source_ref=h["kellogg"],
        target_ref=h["lukashenko"],
        role="met with",
        date="2025-06-21",
        sources=src,
    )
    add_link(session, source_ref=h["kellogg"], target_ref=h["visit"], role="took part in", sources=src)
    add_link(session, source_ref=h["viasna"], target_ref=h["release"], role="reported", sources=src)
    add_link(session, source_ref=h["pravda"], target_ref=h["niva"], role="cites", sources=src)
    add_link(
        session, source_ref=h["coul"], target_ref=h["kellogg"], role="deputy press secretary of", sources=src
    )
    add_link(session, source_ref=h["lithuania"], target_ref=h["release"], role="supported", sources=src)
    cite(session, target_ref=h["release"], data=CitationInput(source=h["article"], locator="paragraph 1",
         quote="the release of an additional 14 political prisoners", credibility=2))  # fmt: skip
    add_note(
        session,
        target_ref=h["release"],
        body="The headline says **13** prisoners; the text says 14.",
        sources=src,
    )
    add_note(
        session,
        target_ref=h["tikhanovskaya"],
        body="Reported on the way to Lithuania with the others.",
        sources=src,
    )
    add_note(session, target_ref=h["tikhanovskaya"], body="Contact details kept offline.", private=True)
    return h
