"""The sample article (shared/samples) recorded through the real CLI, as a researcher would."""

from __future__ import annotations

from typing import Any

ARTICLE_TITLE = "Belarus Under Pressure from the U.S. Releases Another 13 Political Prisoners"

PEOPLE = [
    ("Sviatlana Tikhanovskaya", ["Sviatlana Tsikhanouskaya", "Ціханоўская@be", "Тихановская@ru"], "released"),
    ("Sergei Tikhanovsky", ["Siarhei Tsikhanouski"], None),
    ("Natalya Dulina", [], "released"),
    ("Ihor Korney", [], "released"),
    ("Halina Krasnyanskaya", [], "released"),
    ("Akihiro Gayeu-Hanada", [], "released"),
    ("Kyrylo Balakhonov", [], "released"),
    ("Alexander Lukashenko", ["Аляксандр Лукашэнка@be"], None),
    ("Keith Kellogg", [], None),
    ("Donald Trump", [], None),
    ("John Coul", [], None),
]


def record_sample_article(cli: Any) -> dict[str, str]:
    """Record the article with ``cli`` and return handles by short name."""
    h: dict[str, str] = {}

    def add(key: str, *args: str) -> None:
        h[key] = cli.json("add", *args)["handle"]

    add("article", "source", ARTICLE_TITLE, "--type", "article", "--publisher", "European Pravda",
        "--published", "2025-06-21", "--reliability", "B", "--url", "https://example.org/belarus-release")  # fmt: skip
    for name, aliases, status in PEOPLE:
        args = ["person", name]
        for alias in aliases:
            args += ["--alias", alias]
        if status:
            args += ["--status", status]
        add(name.split()[-1].lower(), *args)
    add("viasna", "organization", "Viasna", "--type", "NGO", "--alias", "Вясна@be", "--tag", "human rights")
    add("pravda", "organization", "European Pravda", "--type", "media outlet")
    add("niva", "organization", "Nasha Niva", "--type", "media outlet", "--alias", "Наша Ніва@be")
    add("minsk", "place", "Minsk", "--country", "Belarus", "--lat", "53.9", "--lon", "27.5667")
    add("lithuania", "place", "Lithuania", "--country", "Lithuania")
    add("release", "event", "Release of 14 political prisoners", "--date", "2025-06-21", "--place", "Minsk",
        "--type", "release")  # fmt: skip
    add("visit", "event", "Keith Kellogg's visit to Minsk", "--date", "2025-06-21", "--place", "Minsk",
        "--type", "visit")  # fmt: skip
    src = h["article"]
    for person in ("tikhanovskaya", "dulina", "korney", "krasnyanskaya", "gayeu-hanada", "balakhonov"):
        cli.ok("link", h["release"], h[person], "--role", "released", "--source", src)
    cli.ok("link", h["tikhanovskaya"], h["tikhanovsky"], "--role", "spouse of", "--source", src)
    cli.ok(
        "link", h["kellogg"], h["lukashenko"], "--role", "met with", "--date", "2025-06-21", "--source", src
    )
    cli.ok("link", h["kellogg"], h["visit"], "--role", "took part in", "--source", src)
    cli.ok("link", h["viasna"], h["release"], "--role", "reported", "--source", src)
    cli.ok("link", h["pravda"], h["niva"], "--role", "cites", "--source", src)
    cli.ok("link", h["coul"], h["kellogg"], "--role", "deputy press secretary of", "--source", src)
    cli.ok("link", h["lithuania"], h["release"], "--role", "supported", "--source", src)
    cli.ok("cite", h["release"], src, "--locator", "paragraph 1",
           "--quote", "the release of an additional 14 political prisoners")  # fmt: skip
    cli.ok("note", h["release"], "The headline says **13** prisoners; the text says 14.", "--source", src)
    cli.ok("note", h["tikhanovskaya"], "Reported on the way to Lithuania with the others.", "--source", src)
    return h
