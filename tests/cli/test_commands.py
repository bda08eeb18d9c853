"""Each core command end to end through the CLI on a real case file."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run_casefile


def test_add_every_kind_with_all_fields(cli, tmp_path: Path) -> None:
    attachment = tmp_path / "article.txt"
    attachment.write_text("the article", encoding="utf-8")
    person = cli.json("add", "person", "Aleś Bialiacki", "--alias", "Алесь Бяляцкі@be", "--alias", "Ales Bialiatski",
                      "--born", "1962-09-25", "--status", "detained", "--tag", "viasna", "--tag", "nobel",
                      "--summary", "Founder of **Viasna**.", "--private")  # fmt: skip
    assert person["handle"] == "P1"
    assert person["private"] is True
    shown = cli.json("show", "P1")
    assert shown["born"] == "1962-09-25"
    assert shown["status"] == "detained"
    assert shown["tags"] == ["nobel", "viasna"]
    assert shown["summary"] == "Founder of **Viasna**."
    assert {a["name"]: (a["lang"], a["script"]) for a in shown["aliases"]} == {
        "Алесь Бяляцкі": ("be", "Cyrl"),
        "Ales Bialiatski": (None, "Latn"),
    }
    org = cli.json("show", cli.json("add", "organization", "Viasna", "--type", "NGO")["handle"])
    assert (org["handle"], org["type"]) == ("O1", "NGO")
    place = cli.json(
        "show",
        cli.json("add", "place", "Minsk", "--country", "Belarus", "--lat", "53.9", "--lon", "27.56")[
            "handle"
        ],
    )
    assert (place["handle"], place["country"], place["latitude"]) == ("PL1", "Belarus", 53.9)
    source = cli.json("show", cli.json("add", "source", "Article", "--url", "https://example.org/a", "--publisher", "Nasha Niva",
                                       "--author", "A. Writer", "--published", "2025-06", "--accessed", "2025-06-22",
                                       "--reliability", "b", "--file", str(attachment), "--type", "article")["handle"])  # fmt: skip
    assert source["reliability"] == "B"
    assert source["published"] == "2025-06"
    assert source["file"] == str(attachment.resolve())
    assert len(source["file_sha256"]) == 64
    event = cli.json(
        "show",
        cli.json("add", "event", "Arrest", "--date", "2020-07~", "--place", "Minsk", "--type", "arrest")[
            "handle"
        ],
    )
    assert event["date"] == "2020-07~"
    assert event["place"]["handle"] == "PL1"


def test_edit_changes_fields_aliases_and_tags(cli) -> None:
    cli.ok("add", "person", "Natalia Dulina", "--alias", "Natalya", "--tag", "old")
    cli.ok("edit", "P1", "--name", "Natalya Dulina", "--add-alias", "Наталля Дуліна@be", "--remove-alias", "Natalya",
           "--tag", "released", "--untag", "old", "--status", "released", "--born", "1960~", "--public")  # fmt: skip
    shown = cli.json("show", "Наталля Дуліна")
    assert shown["name"] == "Natalya Dulina"
    assert [a["name"] for a in shown["aliases"]] == ["Наталля Дуліна"]
    assert shown["tags"] == ["released"]
    assert shown["born"] == "1960~"
    assert shown["updated"] >= shown["created"]
    cli.ok("edit", "P1", "--status", "")
    assert cli.json("show", "P1")["status"] is None


def test_links_notes_and_citations(cli) -> None:
    cli.ok("add", "person", "Keith Kellogg")
    cli.ok("add", "person", "Alexander Lukashenko")
    cli.ok("add", "source", "Article", "--reliability", "B")
    link = cli.json("link", "Keith Kellogg", "Alexander Lukashenko", "--role", "Met  With", "--date", "2025-06-21",
                    "--note", "In Minsk", "--source", "S1")  # fmt: skip
    assert (link["handle"], link["role"]) == ("L1", "met with")
    cli.ok("cite", "L1", "S1", "--locator", "para 9", "--quote", "met with", "--credibility", "2")
    cli.ok("note", "P1", "-", "--source", "S1", input="Visited **Minsk**\non 21 June.\n")
    cli.ok("note", "L1", "Second-hand report", "--private")
    kellogg = cli.json("show", "P1")
    (out,) = kellogg["links"]
    assert out["direction"] == "out"
    assert out["other"]["name"] == "Alexander Lukashenko"
    assert [c["grade"] for c in out["citations"]] == ["B?", "B2"]
    assert out["citations"][1]["locator"] == "para 9"
    assert kellogg["notes"][0]["body"] == "Visited **Minsk**\non 21 June."
    assert kellogg["notes"][0]["citations"][0]["source"]["handle"] == "S1"
    lukashenko = cli.json("show", "P2")
    assert lukashenko["links"][0]["direction"] == "in"
    assert cli.json("show", "S1")["cited_by"][0]["target_handle"] == "L1"
    cli.ok("unlink", "L1")
    assert cli.json("show", "P1")["links"] == []


def test_remove_cascades_to_links_notes_and_citations(cli) -> None:
    cli.ok("add", "person", "A")
    cli.ok("add", "person", "B")
    cli.ok("add", "source", "S")
    cli.ok("link", "A", "B", "--role", "knows", "--source", "S")
    cli.ok("note", "A", "note")
    cli.ok("remove", "A", "--yes")
    assert cli.json("show", "B")["links"] == []
    assert cli.json("show", "S")["cited_by"] == []
    assert cli("check").exit_code in (0, 1)
    assert "dangling" not in cli("check").stdout


def test_list_filters_and_keyset_pages(cli) -> None:
    for i in range(7):
        cli.ok("add", "person", f"Person {i:02d}", "--tag", "even" if i % 2 == 0 else "odd")
    cli.ok("add", "organization", "Org")
    assert len(cli.json("list")) == 8
    assert [e["name"] for e in cli.json("list", "--tag", "odd")] == ["Person 01", "Person 03", "Person 05"]
    seen: list[str] = []
    cursor = None
    while True:
        page = cli.json("list", "--kind", "people", "--limit", "3", *(["--after", cursor] if cursor else []))
        seen += [e["name"] for e in page["items"]]
        cursor = page["next"]
        if cursor is None:
            break
    assert seen == [f"Person {i:02d}" for i in range(7)]


def test_search_folds_case_diacritics_and_script(cli) -> None:
    cli.ok("add", "person", "Aleś Puškin")
    cli.ok("add", "person", "Sviatlana Tsikhanouskaya", "--alias", "Ціханоўская@be")
    hits = cli.json("search", "ales puskin")
    assert hits[0]["name"] == "Aleś Puškin"
    assert cli.json("search", "ціханоўская")[0]["name"] == "Sviatlana Tsikhanouskaya"
    assert "Ціханоўская" in cli.json("search", "tsikhanouskaya")[0]["matched"] or cli.json(
        "search", "tsikhanouskaya"
    )


def test_timeline_orders_by_bounds_and_filters(cli) -> None:
    for title, date in [
        ("D", "2025-06-21"),
        ("A", "../2021-03"),
        ("C", "2025~"),
        ("B", "2020/2021"),
        ("E", "2025-06-XX"),
    ]:
        cli.ok("add", "event", title, "--date", date)
    assert [i["title"] for i in cli.json("timeline")] == ["A", "B", "C", "E", "D"]
    assert [i["title"] for i in cli.json("timeline", "--from", "2025-06")] == ["C", "E", "D"]
    assert [i["title"] for i in cli.json("timeline", "--to", "2020")] == ["A", "B"]
    markers = {i["title"]: i["marker"] for i in cli.json("timeline")}
    assert markers["C"] == "approximate"
    assert markers["A"] == "open"


def test_check_reports_findings_and_exit_codes(cli) -> None:
    missing = cli("check")
    assert missing.exit_code == 2
    assert "run 'casefile init' first" in missing.stderr
    cli.ok("init")
    assert cli("check").exit_code == 0
    cli.ok("add", "source", "Undated source")
    cli.ok("add", "event", "Undated event")
    cli.ok("add", "person", "Twin")
    cli.ok("add", "person", "twin")
    cli.ok("link", "P1", "E1", "--role", "was at")
    result = cli("check", "--json")
    assert result.exit_code == 1
    codes = {(f["code"], f["handle"]) for f in result.json()["findings"]}
    assert ("incomplete-source", "S1") in codes
    assert ("undated-event", "E1") in codes
    assert ("possible-duplicate", "P1") in codes
    assert ("unsourced", "L1") in codes


def test_hostile_names_are_shown_literally(cli) -> None:
    hostile = "[bold red]Evil[/] \x1b[31mred\x1b[0m \x07 [link=file:///etc/passwd]x[/link]"
    cli.ok("add", "person", hostile)
    shown = cli.ok("show", "P1").stdout
    assert "[bold red]Evil[/]" in shown
    assert "\x1b" not in shown
    assert "\x07" not in shown
    assert "\\x1b[31mred" in shown
    assert cli.json("show", "P1")["name"] == hostile
    listed = cli.ok("list").stdout
    assert "\x1b" not in listed
    assert "[bold red]Evil[/]" in listed


def test_init_and_no_subcommand_on_subprocess(case_db: str) -> None:
    result = run_casefile("init", db=case_db)
    assert result.exit_code == 0
    assert "Case file ready" in result.stderr
    assert result.stdout == ""
    data = run_casefile("add", "person", "Donald Trump", "--json", db=case_db)
    assert data.json()["handle"] == "P1"
