"""The change log end to end: history, undo, restore, unmerge, import undo, tamper check, purge."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from tests.conftest import BACKEND, Cli, run_casefile, snapshot_database


def _handle(cli: Cli, *args: str) -> str:
    return str(cli.json("add", *args)["handle"])


DERIVED = ("history_", "name_key", "name_fts", "text_", "handle_counter")  # derived or keyed by rowid


def _history_tables_only(rows: list[tuple[object, ...]]) -> list[tuple[object, ...]]:
    """The records themselves: not the log, nor the search keys casefile rebuilds."""
    return [r for r in rows if not str(r[0]).startswith(DERIVED)]


def test_edit_shows_old_and_new_then_undo_puts_it_back(cli: Cli) -> None:
    p = _handle(cli, "person", "Ales Bialiatski", "--status", "detained")
    cli.ok("edit", p, "--status", "released", "--summary", "Nobel laureate.")
    text = cli.ok("history", p).stdout
    assert "edit" in text
    assert "status: detained → released" in text
    entries = cli.json("history", p)
    assert entries[0]["action"] == "edit"
    assert entries[0]["actor"]
    fields = {f["field"]: (f["old"], f["new"]) for f in entries[0]["records"][0]["fields"]}
    assert fields["status"] == ("detained", "released")
    assert entries[1]["action"] == "add"

    cli.ok("undo", "--yes")
    shown = cli.json("show", p)
    assert shown["status"] == "detained"
    assert shown["summary"] == ""
    newest = cli.json("history", "--limit", "1")[0]
    assert newest["action"] == "undo"
    assert newest["undoes"] == entries[0]["seq"]

    again = cli("undo", str(entries[0]["seq"]), "--yes")
    assert again.exit_code != 0
    assert f"#{entries[0]['seq']} (edit) was already undone" in again.stderr


def test_undo_refuses_when_a_later_action_depends_on_it(cli: Cli) -> None:
    p = _handle(cli, "person", "Maria Kalesnikava")
    first = cli.json("history", "--limit", "1")[0]["seq"]
    cli.ok("edit", p, "--name", "Maryia Kalesnikava")
    before = snapshot_database(cli.db)
    refused = cli("undo", str(first), "--yes")
    assert refused.exit_code != 0
    assert "entry #" in refused.stderr
    assert "(edit) changed the same records later" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert snapshot_database(cli.db) == before


def test_remove_then_restore_brings_back_every_attached_record_then_undo(cli: Cli) -> None:
    p = _handle(cli, "person", "Ihar Losik", "--alias", "Игорь Лосик@ru", "--tag", "blogger")
    src = _handle(cli, "source", "Viasna report", "--publisher", "Viasna")
    org = _handle(cli, "organization", "Radio Liberty")
    cli.ok("link", p, org, "--role", "works for", "--source", src, "--note", "since 2019")
    cli.ok("note", p, "Sentenced to 15 years.", "--source", src)
    cli.ok("cite", p, src, "--locator", "p. 3")
    cli.ok("claim", p, "status", "released", "--source", src, "--as-of", "2025-06-21")
    before = cli.json("show", p)
    before_rows = _history_tables_only(snapshot_database(cli.db))

    cli.ok("remove", p, "--yes")
    assert cli("show", p).exit_code != 0
    removed = cli.json("restore", "--list")
    assert [r["handle"] for r in removed] == [p]

    refused = cli("restore", org)
    assert refused.exit_code != 0
    assert "No removed record matches" in refused.stderr

    cli.ok("restore", "Ihar Losik")
    assert cli.json("show", p) == before
    assert _history_tables_only(snapshot_database(cli.db)) == before_rows
    assert cli.json("search", "Лосик")[0]["handle"] == p
    assert cli.json("restore", "--list") == []
    assert [e["action"] for e in cli.json("history", p, "--limit", "2")] == ["restore", "remove"]

    cli.ok("undo", "--yes")
    assert cli("show", p).exit_code != 0
    assert [r["handle"] for r in cli.json("restore", "--list")] == [p]


def test_merge_then_unmerge_each_side_keeps_its_own_links(cli: Cli) -> None:
    keep = _handle(cli, "person", "Sviatlana Tsikhanouskaya", "--born", "1982-09-11")
    other = _handle(
        cli, "person", "Svetlana Tikhanovskaya", "--alias", "Тихановская@ru", "--status", "released"
    )
    a = _handle(cli, "organization", "Coordination Council")
    b = _handle(cli, "place", "Vilnius")
    cli.ok("link", keep, a, "--role", "leads")
    cli.ok("link", other, b, "--role", "lives in")
    cli.ok("note", other, "Left for Lithuania.")
    keep_before, other_before = cli.json("show", keep), cli.json("show", other)
    cli.ok("merge", keep, other, "--yes")
    merged = cli.json("show", keep)
    assert {lk["other"]["handle"] for lk in merged["links"]} == {a, b}

    refused = cli("unmerge", keep)
    assert refused.exit_code != 0
    assert "is not a record that was merged" in refused.stderr

    cli.ok("unmerge", "Svetlana Tikhanovskaya")
    assert cli.json("show", keep) == keep_before
    assert cli.json("show", other) == other_before
    assert {lk["other"]["handle"] for lk in cli.json("show", other)["links"]} == {b}
    assert cli.json("history", "--limit", "1")[0]["action"] == "unmerge"


def test_import_is_one_action_and_undo_removes_it(cli: Cli, tmp_path: Path) -> None:
    other = Cli(str(tmp_path / "other.db"))  # the bundle comes from a second (SQLite) case file
    for i in range(30):
        other.ok("add", "person", f"Prisoner {i}", "--alias", f"Alias {i}", "--tag", "released")
    bundle = tmp_path / "bundle.json"
    other.ok("export", "json", str(bundle))
    _handle(cli, "person", "Already here")
    assert len(cli.json("list")) == 1
    cli.ok("import", "json", str(bundle))
    assert len(cli.json("list")) == 31
    entry = cli.json("history", "--limit", "1")[0]
    assert entry["action"] == "import"
    assert {r["table"]: r["count"] for r in entry["records"]}["entity"] == 30
    cli.ok("undo", "--yes")
    assert [e["name"] for e in cli.json("list")] == ["Already here"]
    assert cli.json("search", "Prisoner") == []


def _tamper(target: str, sql: str, *params: object) -> None:
    """Edit the case file behind casefile's back: sqlite3 on a file, plain SQL on a server."""
    if BACKEND == "sqlite":
        conn = sqlite3.connect(target)
        with conn:
            conn.execute(sql, params)
        conn.close()
        return
    import sqlalchemy

    engine = sqlalchemy.create_engine(target.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.begin() as server:
        server.exec_driver_sql(sql.replace("?", "%s"), params)
    engine.dispose()


def test_check_names_an_edited_history_row(cli: Cli) -> None:
    p = _handle(cli, "person", "Mikola Statkevich")
    cli.ok("edit", p, "--status", "detained")
    cli.ok("edit", p, "--status", "released")
    assert not [f for f in cli("check", "--json").json()["findings"] if f["code"] == "history"]
    seq = cli.json("history", "--limit", "2")[1]["seq"]
    _tamper(
        cli.db, "UPDATE history_change SET data = replace(data, 'detained', 'free') WHERE entry_seq = ?", seq
    )
    result = cli("check")
    assert result.exit_code == 1
    assert f"history entry #{seq} (edit) does not match its hash" in " ".join(result.stdout.split())
    found = cli("check", "--json").json()["findings"]
    assert any(f["code"] == "history" and f["handle"] == f"#{seq}" for f in found)


def test_check_names_a_deleted_history_entry(cli: Cli) -> None:
    p = _handle(cli, "person", "Mikola Statkevich")
    cli.ok("edit", p, "--status", "detained")
    cli.ok("edit", p, "--status", "released")
    _tamper(cli.db, "DELETE FROM history_entry WHERE seq = ?", 2)
    result = cli("check")
    assert result.exit_code == 1
    assert "history entry #3 does not follow" in " ".join(result.stdout.split())


SECRET = ["Zmitser Secretovich", "Змітэр Сакрэтовіч", "hidden-in-lida", "whistleblower-kx"]


def _file_bytes(path: Path) -> bytes:
    data = b""
    for candidate in (path, Path(f"{path}-wal")):
        if candidate.exists():
            data += candidate.read_bytes()
    return data


def test_purge_leaves_no_byte_of_the_words(cli: Cli) -> None:
    p = _handle(cli, "person", SECRET[0], "--alias", f"{SECRET[1]}@be", "--tag", SECRET[3])
    src = _handle(cli, "source", "Leak memo", "--summary", "A memo.")
    other = _handle(cli, "person", "Public Figure")
    cli.ok("edit", p, "--summary", f"Lives {SECRET[2]}.")
    cli.ok("link", p, other, "--role", "informs", "--note", f"meets {SECRET[2]}")
    cli.ok("note", p, f"Contact via {SECRET[3]}.", "--source", src)
    cli.ok("claim", p, "status", SECRET[2], "--source", src)
    cli.ok("remove", p, "--yes")
    cli.ok("restore", p)
    cli.ok("edit", p, "--status", "in hiding")

    refused = cli("purge", p)
    assert refused.exit_code != 0
    assert "add --yes" in refused.stderr
    cli.ok("purge", p, "--yes")

    assert cli("show", p).exit_code != 0
    assert cli.json("search", "Secretovich") == []
    assert cli("restore", p).exit_code != 0
    history = json.dumps(cli.json("history", "--limit", "100"), ensure_ascii=False)
    for word in SECRET:
        assert word not in history
    assert cli.json("history", "--limit", "1")[0]["action"] == "purge"
    assert cli("check").exit_code in (0, 1)
    assert not any(f["code"] == "history" for f in cli("check", "--json").json()["findings"])
    assert cli.json("show", other)["name"] == "Public Figure"
    added = cli.json("history", other)[-1]
    assert added["action"] == "add"
    assert added["records"][0]["label"] == f"{other} Public Figure"
    if BACKEND == "sqlite":
        data = _file_bytes(Path(cli.db))
        for word in SECRET:
            for encoded in {word.encode("utf-8"), word.casefold().encode("utf-8")}:
                assert encoded not in data, word
        assert not Path(f"{cli.db}-wal").exists() or Path(f"{cli.db}-wal").stat().st_size == 0
    else:
        dump = json.dumps([list(map(str, r)) for r in snapshot_database(cli.db)], ensure_ascii=False)
        for word in SECRET:
            assert word not in dump
            assert word.casefold() not in dump


def test_bad_input_gets_one_sentence_and_writes_nothing(cli: Cli) -> None:
    p = _handle(cli, "person", "Someone")
    before = snapshot_database(cli.db)
    for args, expected in [
        (("restore", p), "No removed record matches"),
        (("unmerge", p), "is not a record that was merged"),
        (("undo", "999", "--yes"), "There is no history entry #999"),
        (("undo",), "add --yes"),
        (("purge", p), "add --yes"),
    ]:
        result = cli(*args)
        assert result.exit_code != 0, args
        assert expected in result.stderr, (args, result.stderr)
        assert len(result.stderr.strip().splitlines()) == 1
    assert snapshot_database(cli.db) == before


def test_commands_as_subprocesses(case_db: str) -> None:
    run_casefile("add", "person", "Roman Protasevich", db=case_db)
    shown = run_casefile("history", "--json", db=case_db)
    assert shown.exit_code == 0, shown.stderr
    assert json.loads(shown.stdout)[0]["action"] == "add"
    undone = run_casefile("undo", "--yes", db=case_db)
    assert undone.exit_code == 0, undone.stderr
    assert "Undid #1 add" in undone.stderr
    bad = run_casefile("purge", "Nobody at all", "--yes", db=case_db)
    assert bad.exit_code != 0
    assert "Traceback" not in bad.stderr
