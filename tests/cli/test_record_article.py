"""The sample article recorded end to end through the CLI, then read back as JSON."""

from __future__ import annotations

from tests.sample_case import ARTICLE_TITLE, PEOPLE, record_sample_article


def test_sample_article_round_trips_through_show_list_and_timeline(cli):
    h = record_sample_article(cli)

    listed = cli.json("list")
    names = {item["name"] for item in listed}
    assert {p[0] for p in PEOPLE} <= names
    assert {"Viasna", "European Pravda", "Nasha Niva", "Minsk", "Lithuania", ARTICLE_TITLE} <= names
    assert len(listed) == len(PEOPLE) + 3 + 2 + 1 + 2
    assert {item["kind"] for item in cli.json("list", "--kind", "organization")} == {"organization"}

    person = cli.json("show", "Ціханоўская")
    assert person["handle"] == h["tikhanovskaya"]
    assert person["status"] == "released"
    assert {a["name"]: a["lang"] for a in person["aliases"]}["Ціханоўская"] == "be"
    roles = {(link["role"], link["other"]["name"]) for link in person["links"]}
    assert ("released", "Release of 14 political prisoners") in roles
    assert ("spouse of", "Sergei Tikhanovsky") in roles
    assert all(link["citations"][0]["source"]["handle"] == h["article"] for link in person["links"])
    assert person["notes"][0]["body"].startswith("Reported on the way")

    source = cli.json("show", h["article"])
    assert source["reliability"] == "B"
    assert source["publisher"] == "European Pravda"
    assert len(source["cited_by"]) >= 14

    release = cli.json("show", h["release"])
    assert release["date"] == "2025-06-21"
    assert release["place"]["name"] == "Minsk"
    assert release["citations"][0]["quote"] == "the release of an additional 14 political prisoners"
    assert release["citations"][0]["grade"] == "B?"

    timeline = cli.json("timeline")
    titles = [item["title"] for item in timeline]
    assert "Release of 14 political prisoners" in titles
    assert "Keith Kellogg's visit to Minsk" in titles
    assert all(item["date"].startswith("2025-06-21") for item in timeline)

    kellogg = cli.json("timeline", h["kellogg"])
    assert {item["handle"] for item in kellogg} >= {h["visit"]}


def test_human_output_is_readable(cli):
    h = record_sample_article(cli)
    shown = cli.ok("show", h["tikhanovskaya"]).stdout
    assert "Sviatlana Tikhanovskaya" in shown
    assert "spouse of" in shown
    assert "Links" in shown
    assert cli.ok("list").stdout.count("\n") >= 19
