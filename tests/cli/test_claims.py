"""Claims, conflicts and resolutions: the sample article's disputed count, through the real CLI."""

from __future__ import annotations

from tests.conftest import snapshot_database
from tests.sample_case import record_sample_article


def record_disputed_count(cli) -> dict[str, str]:
    """The article says 14 in its body and 13 in its headline; Viasna names six people."""
    h = record_sample_article(cli)
    h["viasna_report"] = cli.json(
        "add", "source", "Viasna: political prisoners released on 21 June", "--type", "report",
        "--publisher", "Viasna", "--published", "2025-06-21", "--reliability", "C",
    )["handle"]  # fmt: skip
    h["body"] = cli.json(
        "claim", h["release"], "released_count", "14", "--source", h["article"], "--credibility", "2",
        "--locator", "paragraph 1", "--quote", "the release of an additional 14 political prisoners",
    )["handle"]  # fmt: skip
    h["headline"] = cli.json(
        "claim", h["release"], "released_count", "13.0", "--source", h["article"], "--credibility", "3",
        "--locator", "headline", "--quote", "Releases Another 13 Political Prisoners",
    )["handle"]  # fmt: skip
    h["named"] = cli.json(
        "claim", h["release"], "Released count", "6", "--source", h["viasna_report"], "--credibility", "3",
        "--quote", "Sviatlana Tikhanovskaya … but also five other political detainees",
        "--note", "Tikhanovskaya and five others are named.",
    )["handle"]  # fmt: skip
    return h


def test_conflicting_counts_show_everywhere_with_each_sides_sources(cli):
    h = record_disputed_count(cli)

    dossier = cli.json("show", h["release"])
    [conflict] = dossier["conflicts"]
    assert conflict["attribute"] == "released_count"
    assert conflict["resolved"] is False
    sides = {
        c["handle"]: (c["value"], c["grade"], c["sources"][0]["source"]["handle"]) for c in conflict["claims"]
    }
    assert sides == {
        h["body"]: ("14", "B2", h["article"]),
        h["headline"]: ("13.0", "B3", h["article"]),
        h["named"]: ("6", "C3", h["viasna_report"]),
    }
    assert len(conflict["open_pairs"]) == 3
    assert {c["handle"] for c in dossier["claims"]} == {h["body"], h["headline"], h["named"]}

    text = cli.ok("show", h["release"]).stdout
    assert "Conflicts (1 open)" in text
    assert f"{h['body']} released_count = 14  per {h['article']} B2" in text
    assert f"{h['named']} released_count = 6  per {h['viasna_report']} C3" in text

    listed = cli.json("claims", "--conflicts")
    assert [c["entity"]["handle"] for c in listed] == [h["release"]]
    text = cli.ok("claims", "--conflicts").stdout
    assert "OPEN" in text
    assert f"per {h['article']} B3" in text

    check = cli("check", "--json")
    assert check.exit_code == 1
    [finding] = [f for f in check.json()["findings"] if f["code"] == "conflict"]
    assert finding["handle"] == h["release"]
    assert f"{h['body']} says 14 ({h['article']} B2)" in finding["message"]
    assert f"{h['named']} says 6 ({h['viasna_report']} C3)" in finding["message"]


def test_resolving_keeps_both_claims_and_shows_the_decision(cli):
    h = record_disputed_count(cli)
    decided = cli.json(
        "resolve",
        h["headline"],
        "--prefer",
        h["body"],
        "--note",
        "The headline is a typo; the body and quote say 14.",
    )
    assert (decided["preferred"], decided["other"]) == (h["body"], h["headline"])
    assert cli("check").exit_code == 1  # 14 vs 6 is still open

    cli.ok(
        "resolve", h["named"], "--prefer", h["body"], "--note", "Viasna names only some of those released."
    )

    [conflict] = cli.json("claims", "--conflicts")
    assert conflict["resolved"] is True
    assert conflict["open_pairs"] == []
    assert [(r["preferred"], r["other"]) for r in conflict["resolutions"]] == [
        (h["body"], h["headline"]),
        (h["body"], h["named"]),
    ]
    assert cli.json("claims", "--conflicts", "--open") == []
    statuses = {c["handle"]: c["status"] for c in cli.json("claims", h["release"])}
    assert statuses == {h["body"]: "preferred", h["headline"]: "set aside", h["named"]: "set aside"}

    text = cli.ok("show", h["release"]).stdout
    assert "Conflicts (0 open)" in text
    assert f"decided: {h['body']} preferred over {h['headline']} — The headline is a typo" in text
    assert "[set aside]" in text

    check = cli("check", "--json")
    assert check.exit_code == 0, check.stdout
    assert check.json() == {"findings": [], "ok": True}


def test_a_source_lists_the_claims_it_backs(cli):
    h = record_disputed_count(cli)
    cli.ok("cite", h["named"], h["article"], "--credibility", "4")
    backed = cli.json("show", h["article"])["sourced_claims"]
    assert [c["handle"] for c in backed] == [h["body"], h["headline"], h["named"]]
    assert [c["handle"] for c in cli.json("show", h["viasna_report"])["sourced_claims"]] == [h["named"]]
    text = cli.ok("show", h["viasna_report"]).stdout
    assert "Claims it backs" in text
    assert f"{h['named']} {h['release']} Release of 14 political prisoners: released_count = 6" in text


def test_deciding_the_same_pair_again_replaces_the_decision(cli):
    h = record_disputed_count(cli)
    cli.ok("resolve", h["headline"], "--prefer", h["body"])
    cli.ok("resolve", h["body"], "--prefer", h["headline"], "--note", "changed my mind")
    conflict = cli.json("claims", h["release"], "--conflicts")[0]
    assert [(r["preferred"], r["other"], r["note"]) for r in conflict["resolutions"]] == [
        (h["headline"], h["body"], "changed my mind")
    ]


def test_unsourced_claim_is_allowed_but_flagged(cli):
    person = cli.json("add", "person", "Natalya Dulina", "--status", "released")["handle"]
    result = cli("claim", person, "status", "released", "--as-of", "2025-06-21")
    assert result.exit_code == 0
    assert "unsourced" in result.stderr
    [claim] = cli.json("claims", person)
    assert claim["unsourced"] is True
    assert claim["grade"] == "unsourced"
    assert "[unsourced]" in cli.ok("claims").stdout
    findings = cli("check", "--json").json()["findings"]
    assert {"code": "unsourced", "handle": claim["handle"],
            "message": f"Claim {claim['handle']} ({person} status = released) cites no source."} in findings  # fmt: skip


def test_cite_adds_a_source_to_a_claim(cli):
    source = cli.json("add", "source", "Nasha Niva", "--reliability", "A", "--publisher", "NN",
                      "--published", "2025-06-21")["handle"]  # fmt: skip
    person = cli.json("add", "person", "Ihor Korney")["handle"]
    claim = cli.json("claim", person, "status", "released")["handle"]
    cli.ok("cite", claim, source, "--credibility", "2", "--locator", "para 3")
    [view] = cli.json("claims", person)
    assert view["unsourced"] is False
    assert view["grade"] == "A2"
    assert view["sources"][0]["citation"].startswith("CI")


def test_fact_fields_show_their_supporting_claims(cli):
    h = record_disputed_count(cli)
    person = h["tikhanovskaya"]
    cli.ok("claim", person, "status", "released", "--source", h["article"], "--as-of", "2025-06-21",
           "--credibility", "2")  # fmt: skip
    cli.ok("claim", person, "status", "detained", "--source", h["viasna_report"], "--as-of", "2020-05~")
    cli.ok("claim", h["release"], "date", "2025-06-21", "--source", h["viasna_report"], "--credibility", "1")

    facts = cli.json("show", person)["facts"]
    status = facts["status"]
    assert status["value"] == "released"
    assert [(c["value"], c["grade"]) for c in status["supporting"]] == [("released", "B2")]
    assert [(c["value"], c["as_of"]) for c in status["contrary"]] == [("detained", "2020-05~")]
    assert cli.json("show", person)["conflicts"] == []  # different times: history, not a conflict

    text = cli.ok("show", person).stdout
    assert f"status: released  (per CL4 {h['article']} B2)" in text
    assert "also claimed: CL5 status = detained  as of 2020-05~ (approximate)" in text

    event_facts = cli.json("show", h["release"])["facts"]
    assert event_facts["date"]["supporting"][0]["grade"] == "C1"
    assert "date: 2025-06-21  (per CL6" in cli.ok("show", h["release"]).stdout


def test_numbers_and_dates_compare_sensibly(cli):
    source = cli.json("add", "source", "Report", "--publisher", "P", "--published", "2025")["handle"]
    event = cli.json("add", "event", "Trial", "--date", "2025-06")["handle"]
    cli.ok("claim", event, "defendants", "14", "--source", source)
    agreeing = cli.json("claim", event, "defendants", "14.0", "--source", source)
    assert agreeing["conflicts_with"] == []
    cli.ok("claim", event, "date", "2025-06", "--source", source)
    assert cli.json("claim", event, "date", "2025-06-XX", "--source", source)["conflicts_with"] == []
    disagreeing = cli.json("claim", event, "date", "2025-07", "--source", source)
    assert len(disagreeing["conflicts_with"]) == 2
    assert cli.json("claim", event, "defendants", "13", "--source", source, "--as-of", "2025-06")[
        "conflicts_with"
    ]


def test_bad_input_is_one_sentence_and_writes_nothing(cli, case_db):
    h = record_disputed_count(cli)
    person = h["dulina"]
    before = snapshot_database(case_db)
    cases = [
        ("claim", person, "status", "released", "--credibility", "7"),
        ("claim", person, "status", "released", "--locator", "p. 3"),
        ("claim", person, "status", "released", "--source", person),
        ("claim", person, "status", "released", "--as-of", "June"),
        ("claim", person, "  ", "released"),
        ("claim", person, "status", "   "),
        ("claim", "P999", "status", "released"),
        ("resolve", h["body"], "--prefer", h["body"]),
        ("resolve", h["body"], "--prefer", h["release"]),
        ("resolve", "CL999", "--prefer", h["body"]),
    ]
    for args in cases:
        result = cli(*args)
        assert result.exit_code != 0, args
        assert result.stderr.startswith("casefile: "), args
        assert result.stderr.count("\n") == 1, (args, result.stderr)
        assert "Traceback" not in result.stderr
    assert snapshot_database(case_db) == before


def test_claims_that_agree_cannot_be_resolved(cli):
    source = cli.json("add", "source", "Report", "--publisher", "P", "--published", "2025")["handle"]
    person = cli.json("add", "person", "Kyrylo Balakhonov")["handle"]
    first = cli.json("claim", person, "status", "released", "--source", source)["handle"]
    second = cli.json("claim", person, "status", "Released", "--source", source)["handle"]
    result = cli("resolve", first, "--prefer", second)
    assert result.exit_code == 2
    assert "do not conflict" in result.stderr


def test_claim_text_is_shown_literally(cli):
    person = cli.json("add", "person", "Halina Krasnyanskaya")["handle"]
    cli.ok("claim", person, "[bold]status", "[red]free\x1b[2J", "--note", "[/]")
    shown = cli.ok("claims", person).stdout
    assert "[bold]status = [red]free\\x1b[2J" in shown
    assert "\x1b" not in shown
