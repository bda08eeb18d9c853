"""``casefile check``: each finding is triggered by a case built for it; a clean case file passes."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.conftest import run_casefile, sqlite_only
from tests.sample_case import record_sample_article


def findings(cli) -> list[dict[str, str]]:
    result = cli("check", "--json")
    assert result.exit_code == (1 if not result.json()["ok"] else 0)
    return result.json()["findings"]


def only(cli, code: str) -> list[tuple[str, str]]:
    found = findings(cli)
    assert found, "check found nothing"
    assert {f["code"] for f in found} == {code}, found
    return [(f["handle"], f["message"]) for f in found]


def complete_source(cli, title: str = "Report") -> str:
    return cli.json("add", "source", title, "--publisher", "Viasna", "--published", "2025-06-21")["handle"]


def test_an_empty_case_file_is_clean(cli):
    cli.ok("init")
    result = cli("check")
    assert result.exit_code == 0
    assert "No problems found." in result.stdout
    assert cli("check", "--json").json() == {"findings": [], "ok": True}


def test_the_recorded_sample_article_is_clean(cli):
    record_sample_article(cli)
    result = cli("check")
    assert result.exit_code == 0, result.stdout
    assert "No problems found." in result.stdout


def test_unsourced_link(cli):
    a = cli.json("add", "person", "Keith Kellogg")["handle"]
    b = cli.json("add", "person", "Alexander Lukashenko")["handle"]
    link = cli.json("link", a, b, "--role", "met with")["handle"]
    assert only(cli, "unsourced") == [(link, f"Link {link} (met with) cites no source.")]
    cli.ok("cite", link, complete_source(cli))
    assert findings(cli) == []


def test_unsourced_note(cli):
    person = cli.json("add", "person", "John Coul")["handle"]
    note = cli.json("note", person, "Deputy press secretary.")["handle"]
    assert only(cli, "unsourced") == [(note, f"Note {note} cites no source.")]


def test_unsourced_claim(cli):
    person = cli.json("add", "person", "Natalya Dulina")["handle"]
    claim = cli.json("claim", person, "status", "released")["handle"]
    assert only(cli, "unsourced") == [(claim, f"Claim {claim} ({person} status = released) cites no source.")]


def test_conflicting_claims(cli):
    source = complete_source(cli)
    event = cli.json("add", "event", "Release", "--date", "2025-06-21")["handle"]
    first = cli.json("claim", event, "released_count", "14", "--source", source, "--credibility", "2")[
        "handle"
    ]
    second = cli.json("claim", event, "released_count", "13", "--source", source)["handle"]
    [(handle, message)] = only(cli, "conflict")
    assert handle == event
    assert f"{first} says 14 ({source} ?2)" in message
    assert f"{second} says 13 ({source} ??)" in message
    text = cli("check").stdout
    assert f"conflict           {event}" in text


def test_incomplete_sources(cli):
    bare = cli.json("add", "source", "Telegram post")["handle"]
    undated = cli.json("add", "source", "Leaflet", "--publisher", "Viasna")["handle"]
    unpublished = cli.json("add", "source", "Memo", "--published", "2025")["handle"]
    assert only(cli, "incomplete-source") == [
        (bare, f"Source {bare} has no publisher and no date."),
        (undated, f"Source {undated} has no date."),
        (unpublished, f"Source {unpublished} has no publisher."),
    ]


def test_undated_event(cli):
    event = cli.json("add", "event", "Kellogg's visit to Minsk")["handle"]
    assert only(cli, "undated-event") == [(event, f"Event {event} (Kellogg's visit to Minsk) has no date.")]


def test_identical_folded_names(cli):
    first = cli.json("add", "person", "Sviatlana Tsikhanouskaya")["handle"]
    second = cli.json("add", "person", "SVIATLANA  TSIKHANOUSKAYA")["handle"]
    cli.json("add", "organization", "Sviatlana Tsikhanouskaya")  # another kind: not a duplicate
    assert only(cli, "possible-duplicate") == [
        (first, f"{first}, {second} have the same name; are they the same person?")
    ]


def test_changed_and_missing_files(cli, tmp_path: Path):
    changed = tmp_path / "article.html"
    changed.write_text("<p>14 political prisoners</p>")
    missing = tmp_path / "scan.pdf"
    missing.write_bytes(b"%PDF-1.7")
    first = cli.json("add", "source", "Article", "--publisher", "EP", "--published", "2025-06-21",
                     "--file", str(changed))["handle"]  # fmt: skip
    second = cli.json("add", "source", "Scan", "--publisher", "EP", "--published", "2025-06-21",
                      "--file", str(missing))["handle"]  # fmt: skip
    assert findings(cli) == []
    changed.write_text("<p>13 political prisoners</p>")
    missing.unlink()
    found = {(f["code"], f["handle"]) for f in findings(cli)}
    assert found == {("file-changed", first), ("file-missing", second)}


@sqlite_only("damages the SQLite file directly")
def test_dangling_reference(cli, case_db):
    a = cli.json("add", "person", "Ihor Korney")["handle"]
    b = cli.json("add", "person", "Kyrylo Balakhonov")["handle"]
    cli.ok("link", a, b, "--role", "met with", "--source", complete_source(cli))
    with sqlite3.connect(case_db) as conn:
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("UPDATE link SET target_id = 'no-such-entity'")
    found = findings(cli)
    assert [(f["code"], f["handle"]) for f in found] == [("dangling", "-")]
    assert found[0]["message"] == "A row in table link points to a missing entity record."


@sqlite_only("damages the SQLite file directly")
def test_damaged_database(cli, case_db):
    cli.json("add", "person", "Halina Krasnyanskaya")
    # Redefine an index behind SQLite's back: its entries no longer match the rows.
    with sqlite3.connect(case_db) as conn:
        conn.execute("PRAGMA writable_schema = ON")
        conn.execute(
            "UPDATE sqlite_master SET sql = 'CREATE INDEX ix_entity_name_folded_id ON entity (name, id)' "
            "WHERE name = 'ix_entity_name_folded_id'"
        )
    found = findings(cli)
    assert [(f["code"], f["handle"]) for f in found] == [("integrity", "-")]
    assert found[0]["message"].startswith("The database file is damaged")


@pytest.mark.slow
def test_exit_codes_of_the_real_process(case_db, tmp_path: Path):
    assert run_casefile("init", db=case_db).exit_code == 0
    clean = run_casefile("check", db=case_db)
    assert (clean.exit_code, clean.stdout.strip()) == (0, "No problems found.")
    assert run_casefile("add", "event", "Undated", db=case_db).exit_code == 0
    found = run_casefile("check", "--json", db=case_db)
    assert found.exit_code == 1
    assert [f["code"] for f in found.json()["findings"]] == ["undated-event"]

    missing = run_casefile("check", db=str(tmp_path / "nowhere.db"))
    assert missing.exit_code == 2
    assert missing.stderr.startswith("casefile: There is no case file")
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database" * 100)
    broken = run_casefile("check", db=str(junk))
    assert broken.exit_code == 2
    assert "Traceback" not in broken.stderr
