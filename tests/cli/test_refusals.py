"""Every user mistake: one sentence on stderr, a non-zero exit, no traceback, nothing written."""

from __future__ import annotations

import pytest

from tests.conftest import snapshot_database


@pytest.fixture
def seeded(cli):
    cli.ok("add", "person", "Ihor Korney")
    cli.ok("add", "person", "Ihor Korney")
    cli.ok("add", "person", "Natalya Dulina", "--alias", "Наталья Дулина@ru")
    cli.ok(
        "add", "source", "The article", "--reliability", "B", "--publisher", "EP", "--published", "2025-06-21"
    )
    cli.ok("add", "event", "Release", "--date", "2025-06-21")
    cli.ok("add", "organization", "Viasna")
    return cli


REFUSALS = [
    (["show", "P404"], "No entity matches 'P404'"),
    (["show", "Nobody"], "No entity matches"),
    (["show", "Ihor Korney"], "ambiguous"),
    (["edit", "P404", "--name", "x"], "No entity matches"),
    (["edit", "P3", "--born", "yesterday"], "is not a date"),
    (["edit", "P3", "--born", "2025-13-45"], "is not a date"),
    (["edit", "P3"], "Nothing to change"),
    (["edit", "P3", "--url", "https://x"], "A person has no --url"),
    (["edit", "P3", "--name", "   "], "A name cannot be empty"),
    (["edit", "P3", "--remove-alias", "not an alias"], "has no alias"),
    (["add", "person", ""], "A name cannot be empty"),
    (["add", "person", "X", "--born", "2025-02-30"], "is not a date"),
    (["add", "source", "S", "--reliability", "G"], "is not a reliability grade"),
    (["add", "source", "S", "--reliability", "AB"], "is not a reliability grade"),
    (["add", "source", "S", "--file", "/no/such/file"], "There is no file"),
    (["add", "event", "E", "--place", "Nowhere"], "No place matches"),
    (["add", "event", "E", "--place", "S1"], "is a source, not a place"),
    (["add", "place", "P", "--lat", "123"], "not a latitude"),
    (["add", "person", "X", "--no-such-option"], "No such option"),
    (["add", "spaceship", "X"], "No such command"),
    (["link", "P3", "P3", "--role", "knows"], "cannot be linked to itself"),
    (["link", "P3", "E1", "--role", "  "], "needs a role"),
    (["link", "P3", "E1", "--role", "released", "--source", "P3"], "is a person, not a source"),
    (["link", "P3", "E1", "--role", "released", "--date", "June"], "is not a date"),
    (["link", "P3", "Nobody", "--role", "met"], "No entity matches"),
    (["unlink", "L77"], "There is no L77"),
    (["unlink", "P3"], "is not a link"),
    (["note", "P3", "   "], "A note cannot be empty"),
    (["note", "P404", "text"], "No entity matches"),
    (["cite", "P3", "E1"], "is a event, not a source"),
    (["cite", "P3", "S1", "--credibility", "9"], "is not a credibility grade"),
    (["cite", "S1", "S1"], "cannot cite itself"),
    (["list", "--kind", "spaceship"], "is not a kind"),
    (["search", "   "], "Give some letters"),
    (["timeline", "--from", "soon"], "is not a date"),
    (["remove", "P3"], "Refusing to delete without confirmation"),
]


@pytest.mark.parametrize(("args", "expected"), REFUSALS, ids=[" ".join(a)[:40] for a, _ in REFUSALS])
def test_refusal_is_one_sentence_and_writes_nothing(seeded, args, expected) -> None:
    before = snapshot_database(seeded.db)
    result = seeded(*args)
    assert result.exit_code != 0
    assert expected in result.stderr
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("casefile: ")
    assert "Traceback" not in result.stderr
    assert snapshot_database(seeded.db) == before


def test_ambiguous_ref_lists_candidates(seeded) -> None:
    result = seeded("show", "Ihor Korney")
    assert "P1 Ihor Korney" in result.stderr
    assert "P2 Ihor Korney" in result.stderr


def test_a_folder_as_database_is_refused(tmp_path) -> None:
    from tests.conftest import run_casefile

    result = run_casefile("list", db=str(tmp_path))
    assert result.exit_code == 3
    assert "is a folder, not a case file" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_non_database_file_is_refused_untouched(tmp_path) -> None:
    from tests.conftest import run_casefile

    junk = tmp_path / "notes.txt"
    junk.write_bytes(b"just some text, not a database\n" * 100)
    before = junk.read_bytes()
    result = run_casefile("list", db=str(junk))
    assert result.exit_code != 0
    assert "not a readable casefile database" in result.stderr
    assert "Traceback" not in result.stderr
    assert junk.read_bytes() == before


def test_remove_asks_and_yes_deletes(seeded) -> None:
    assert seeded("remove", "P3", input="n\n").exit_code != 0
    assert seeded.json("show", "P3")["name"] == "Natalya Dulina"
    seeded.ok("remove", "P3", "--yes")
    assert seeded("show", "P3").exit_code != 0
