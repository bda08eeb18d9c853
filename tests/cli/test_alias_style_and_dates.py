"""CLI parts of issue 18: --alias-kind/--scheme, season-code notes on stderr, handles in search."""

from __future__ import annotations

from typing import Any

from tests.conftest import Cli, snapshot_database


def test_alias_kind_and_scheme_are_stored_and_shown(cli: Cli) -> None:
    cli.ok("add", "person", "Sviatlana Tsikhanouskaya", "--alias", "Svetlana Tikhanovskaya@en",
           "--alias-kind", "Transliteration", "--scheme", "BGN/PCGN")  # fmt: skip
    cli.ok("edit", "P1", "--add-alias", "Tsikhanouskaja", "--alias-kind", "former  name")
    aliases = {a["name"]: (a["kind"], a["scheme"], a["lang"]) for a in cli.json("show", "P1")["aliases"]}
    assert aliases == {
        "Svetlana Tikhanovskaya": ("transliteration", "BGN/PCGN", "en"),
        "Tsikhanouskaja": ("former name", None, None),
    }


def test_alias_kind_without_an_alias_or_malformed_is_refused(cli: Cli, case_db: str) -> None:
    cli.ok("add", "person", "Ann")
    before = snapshot_database(case_db)
    for args in (
        ("add", "person", "Bob", "--scheme", "ISO 9"),
        ("add", "person", "Bob", "--alias", "Robert", "--alias-kind", "[bold]!"),
        ("edit", "P1", "--alias-kind", "nickname", "--status", "x"),
    ):
        result = cli(*args)
        assert result.exit_code != 0
        assert result.stderr.count("\n") == 1
        assert result.stderr.startswith("casefile: ")
        assert "Traceback" not in result.stderr
    assert snapshot_database(case_db) == before


def test_a_season_code_is_accepted_with_a_note_on_stderr(cli: Cli) -> None:
    result = cli.ok("add", "event", "Release", "--date", "2025-21")
    assert "note: '2025-21' means spring of 2025 (2025-03-01 to 2025-05-31), not a month" in result.stderr
    shown = cli.json("show", "E1")
    assert shown["date"] == "2025-21"
    plain = cli.ok("add", "event", "Trial", "--date", "2025-06")
    assert "note:" not in plain.stderr


def test_search_finds_a_record_by_its_handle(cli: Cli) -> None:
    cli.ok("add", "person", "Ann Example")
    cli.ok("add", "source", "Report")
    hits = cli.json("search", "s1")
    assert [(h["handle"], h["matched"]) for h in hits][:1] == [("S1", "handle S1")]
    assert cli.json("search", "P9") == []


def test_season_note_and_alias_style_as_a_subprocess(subprocess_cli: Any) -> None:
    added = subprocess_cli(
        "add", "person", "Ales", "--alias", "Алесь@be", "--alias-kind", "spelling", "--born", "1962-24"
    )
    assert added.exit_code == 0, added.stderr
    assert "casefile: note: '1962-24' means winter of 1962" in added.stderr
    refused = subprocess_cli("add", "person", "Bob", "--scheme", "ISO 9")
    assert refused.exit_code == 2
    assert (
        refused.stderr
        == "casefile: --alias-kind and --scheme describe the aliases given with --alias; give one.\n"
    )
