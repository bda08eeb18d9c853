"""Issue 15: each way a mistake, a special file or a hostile bundle broke a promise.

Every test fails on the code before the fix. Bad input gives one sentence on stderr, a
non-zero exit, never "Internal error", and writes nothing.
"""

from __future__ import annotations

import json
import os
import stat
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Cli, CliResult, run_casefile, snapshot_database, sqlite_only

SQLITE = sqlite_only("a SQLite case file on disk")


def refused(result: CliResult, *words: str) -> str:
    """The one sentence a refusal prints; it contains ``words``."""
    assert result.exit_code not in (0, 70), result
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert "Internal error" not in lines[0]
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


@pytest.fixture
def people(cli: Cli) -> Cli:
    for name in ("Ivan Petrov", "Anna Ivanova", "Boris Kim", "Bor Is Kim"):
        cli.ok("add", "person", name)
    return cli


# -- 3. special files -------------------------------------------------------------------


@SQLITE
def test_export_into_a_fifo_streams_and_keeps_the_fifo(people: Cli, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    result = run_casefile("export", "json", str(fifo), db=people.db)
    reader.join(60)
    assert result.exit_code == 0, result.stderr
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert len(json.loads(received[0])["entities"]) == 4


def test_export_into_a_fifo_nobody_reads_is_refused(people: Cli, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    refused(people("export", "json", str(fifo)), "Nothing is reading", "pipe")
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_export_into_a_full_device_is_a_sentence_and_keeps_the_node(people: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "devices"
    folder.mkdir()
    full = folder / "full"
    try:
        os.mknod(full, 0o600 | stat.S_IFCHR, os.makedev(1, 7))  # a private /dev/full
    except PermissionError:
        pytest.skip("creating a device node needs root; the FIFO tests cover the non-root case")
    refused(people("export", "json", str(full)), "No space left", str(full))
    assert stat.S_ISCHR(full.lstat().st_mode)
    assert list(folder.iterdir()) == [full]  # no temporary file left either


@pytest.mark.parametrize("special", ["/dev/zero", "fifo"])
def test_attaching_a_special_file_is_refused_at_once(people: Cli, tmp_path: Path, special: str) -> None:
    path = Path(special)
    if special == "fifo":
        path = tmp_path / "fifo"
        os.mkfifo(path)
    before = snapshot_database(people.db)
    result = run_casefile("add", "source", "Leak", "--file", str(path), db=people.db, timeout=60)
    refused(result, "not a regular file", str(path))
    assert snapshot_database(people.db) == before


def test_check_does_not_hang_on_a_bundle_naming_dev_zero(cli: Cli, tmp_path: Path) -> None:
    bundle = _bundle_with(
        _entity(
            "0b9c7c59-7d3c-4a3c-9a43-000000000001",
            "S1",
            "source",
            "Dump",
            file_path="/dev/zero",
            file_sha256="0" * 64,
        )
    )
    (tmp_path / "b.json").write_text(json.dumps(bundle))
    cli.ok("import", "json", str(tmp_path / "b.json"))
    result = run_casefile("check", "--json", db=cli.db, timeout=60)
    found = {(f["code"], f["handle"]) for f in json.loads(result.stdout)["findings"]}
    assert ("file-missing", "S1") in found


# -- 4. a mistake writes nothing --------------------------------------------------------


@SQLITE
@pytest.mark.parametrize(
    "command",
    [
        ["show", "P1"],
        ["list"],
        ["search", "Ivan"],
        ["timeline"],
        ["claims"],
        ["duplicates"],
        ["note", "P1", "x"],
        ["edit", "P1", "--name", "X"],
    ],
)
def test_a_mistyped_case_file_is_not_created(tmp_path: Path, command: list[str]) -> None:
    folder = tmp_path / "cases"
    folder.mkdir()
    typo = folder / "typo.db"
    result = run_casefile(*command, db=str(typo))
    refused(result, "There is no case file", "casefile init")
    assert list(folder.iterdir()) == []


def test_an_empty_vault_path_is_an_error(
    people: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    refused(people("export", "markdown", ""), "empty path")
    refused(people("export", "json", " "), "empty path")
    assert list(here.iterdir()) == []


# -- 5. the vault manifest is input -----------------------------------------------------


def _hand_made_vault(tmp_path: Path, files: Any) -> Path:
    vault = tmp_path / "vault"
    (vault / "people" / "userdir").mkdir(parents=True)
    (vault / "people" / "mine.md").write_text("my own notes\n")
    (vault / ".casefile-manifest.json").write_text(json.dumps({"files": files, "written_by": "casefile"}))
    return vault


def test_a_hand_made_manifest_never_deletes_a_users_file(people: Cli, tmp_path: Path) -> None:
    import hashlib

    digest = hashlib.sha256(b"my own notes\n").hexdigest()
    vault = _hand_made_vault(tmp_path, {"people/mine.md": digest})
    people.ok("export", "markdown", str(vault))
    assert (vault / "people" / "mine.md").read_text() == "my own notes\n"
    assert (vault / "people" / "userdir").is_dir()


@pytest.mark.parametrize(
    "files",
    [
        {"people/mine.md": "x", "people/userdir": 5},
        ["people/mine.md"],
        {"people/userdir": "not a regular file"},
    ],
)
def test_a_malformed_manifest_stops_the_export(people: Cli, tmp_path: Path, files: Any) -> None:
    vault = _hand_made_vault(tmp_path, files)
    refused(people("export", "markdown", str(vault)), "manifest", "not one casefile wrote")
    assert sorted(p.name for p in (vault / "people").iterdir()) == ["mine.md", "userdir"]


def test_a_manifest_that_is_not_json_stops_the_export(people: Cli, tmp_path: Path) -> None:
    vault = _hand_made_vault(tmp_path, {})
    (vault / ".casefile-manifest.json").write_bytes(b"\xff{")
    refused(people("export", "markdown", str(vault)), "not JSON")


def test_casefile_still_replaces_and_prunes_what_it_wrote(people: Cli, tmp_path: Path) -> None:
    vault = tmp_path / "vault"
    people.ok("export", "markdown", str(vault))
    assert (vault / "people" / "boris-kim.md").exists()
    people.ok("remove", "Boris Kim", "--yes")
    out = people.ok("export", "markdown", str(vault)).stderr
    assert "1 stale files removed" in out
    assert not (vault / "people" / "boris-kim.md").exists()


# -- 6. a merged-away REF is never used to destroy the kept record ------------------------


@pytest.mark.parametrize("command", [["remove", "P4", "--yes"], ["edit", "P4", "--name", "Renamed"]])
def test_a_merged_away_ref_is_refused_for_changes(people: Cli, command: list[str]) -> None:
    people.ok("merge", "P3", "P4", "--yes")
    before = snapshot_database(people.db)
    refused(people(*command), "'P4' was merged into P3 Boris Kim", "P3")
    assert snapshot_database(people.db) == before
    assert "Boris Kim" in people.ok("show", "P4").stdout  # reading through the merge still works


# -- 7. invalid UTF-8 -------------------------------------------------------------------


def test_an_argument_that_is_not_utf8_is_named(people: Cli) -> None:
    before = snapshot_database(people.db)
    bad = os.fsdecode(b"Ivan \xff")  # what Python makes of argv bytes that are not UTF-8
    line = refused(people("add", "person", bad), "not valid UTF-8", "Argument")
    assert "\\xff" in line
    assert snapshot_database(people.db) == before


def test_stdin_that_is_not_utf8_gives_the_byte_offset(people: Cli) -> None:
    before = snapshot_database(people.db)
    result = run_casefile_bytes(["note", "P1", "-"], people.db, b"bad \xff")
    refused(result, "byte offset 4")
    assert snapshot_database(people.db) == before


def run_casefile_bytes(args: list[str], db: str, stdin: bytes) -> CliResult:
    import subprocess

    proc = subprocess.run(
        [sys.executable, "-m", "casefile", "--db", db, *args],
        input=stdin,
        capture_output=True,
        timeout=120,
        check=False,
    )
    return CliResult(
        proc.returncode, proc.stdout.decode(errors="replace"), proc.stderr.decode(errors="replace")
    )


# -- 8, 9, 10 and the "Also" bundles ----------------------------------------------------


def _entity(uid: str, handle: str, kind: str, name: str, **extra: Any) -> dict[str, Any]:
    stamp = "2025-01-01T00:00:00.000000Z"
    return {
        "id": uid,
        "handle": handle,
        "kind": kind,
        "name": name,
        "summary": "",
        "private": False,
        "created": stamp,
        "updated": stamp,
        "aliases": [],
        "tags": [],
        **extra,
    }


def _bundle_with(*entities: dict[str, Any], **sections: Any) -> dict[str, Any]:
    return {"format": "casefile", "version": 1, "entities": list(entities), **sections}


def _import_text(cli: Cli, tmp_path: Path, text: str | bytes) -> CliResult:
    path = tmp_path / "bundle.json"
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    return cli("import", "json", str(path))


U1, U2, U3 = (f"0b9c7c59-7d3c-4a3c-9a43-00000000000{i}" for i in (1, 2, 3))


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("[" * 100_000 + "]" * 100_000, ("nested too deeply",)),
        (
            '{"format": "casefile", "version": 1, "entities": [' + "[" * 100_000 + "]" * 100_000 + "]}",
            ("nested too deeply",),
        ),
        (
            json.dumps(_bundle_with(_entity(U1, "PL1", "place", "Minsk"))).replace(
                '"aliases"', '"latitude": NaN, "aliases"'
            ),
            ("NaN",),
        ),
        (
            '{"format": "casefile", "version": 1, "entities": [{"id": ' + "9" * 5000 + "}]}",
            ("more digits than casefile accepts", "entities[0].id"),
        ),
        (json.dumps(_bundle_with(_entity(U1, "P1", "person", "\u200b\u200c"))), ("blank",)),
    ],
    ids=["nested-top", "nested-record", "nan-latitude", "5000-digits", "zero-width-name"],
)
def test_hostile_bundles_are_one_sentence(
    cli: Cli, tmp_path: Path, text: str, words: tuple[str, ...]
) -> None:
    before = snapshot_database(cli.db)
    line = refused(_import_text(cli, tmp_path, text), *words)
    assert "sys.set_int_max_str_digits" not in line
    assert "validator" not in line.lower()
    assert snapshot_database(cli.db) == before


def test_one_uuid_for_an_entity_an_alias_and_a_note_is_refused(cli: Cli, tmp_path: Path) -> None:
    stamp = "2025-01-01T00:00:00.000000Z"
    person = _entity(
        U1,
        "P1",
        "person",
        "Ivan",
        aliases=[{"id": U1, "name": "Vanya", "kind": "alias", "created": stamp, "updated": stamp}],
    )
    note = {
        "id": U1,
        "handle": "N1",
        "entity_id": U1,
        "body": "hi",
        "private": False,
        "created": stamp,
        "updated": stamp,
    }
    refused(_import_text(cli, tmp_path, json.dumps(_bundle_with(person, notes=[note]))), "appears twice")
    person["aliases"] = []
    refused(
        _import_text(cli, tmp_path, json.dumps(_bundle_with(person, notes=[note]))), "notes[0].id", "entities"
    )
    assert cli.json("list") == []


def test_a_uuid_equal_to_an_existing_links_id_is_refused(people: Cli, tmp_path: Path) -> None:
    link = people.json("link", "P1", "P2", "--role", "knows")
    stamp = "2025-01-01T00:00:00.000000Z"
    note = {
        "id": link["id"],
        "handle": "N9",
        "entity_id": people.json("show", "P1")["id"],
        "body": "hi",
        "private": False,
        "created": stamp,
        "updated": stamp,
    }
    before = snapshot_database(people.db)
    refused(_import_text(people, tmp_path, json.dumps(_bundle_with(notes=[note]))), "notes[0].id", "links")
    assert snapshot_database(people.db) == before


def test_the_largest_handle_round_trips_and_the_counter_stops(cli: Cli, tmp_path: Path) -> None:
    _import_text(cli, tmp_path, json.dumps(_bundle_with(_entity(U1, "P999999999", "person", "Last"))))
    refused(cli("add", "person", "One more"), "P999999999", "every P handle")
    cli.ok("export", "json", str(tmp_path / "out.json"))
    exported = json.loads((tmp_path / "out.json").read_text())
    assert [e["handle"] for e in exported["entities"]] == ["P999999999"]
    cli.ok("import", "json", str(tmp_path / "out.json"))
    assert cli.ok("add", "organization", "Still fine").stderr.startswith("Added organization O1")


def test_a_bundle_claim_attribute_must_be_in_claims_form(people: Cli, tmp_path: Path) -> None:
    stamp = "2025-01-01T00:00:00.000000Z"
    entity = people.json("show", "P1")["id"]
    for attribute, words in (("!!!", ("letter or a digit",)),):
        claim = {
            "id": U3,
            "handle": "CL1",
            "entity_id": entity,
            "attribute": attribute,
            "value": "5",
            "value_key": "n:5",
            "created": stamp,
            "updated": stamp,
        }
        refused(_import_text(people, tmp_path, json.dumps(_bundle_with(claims=[claim]))), "attribute", *words)
    refused(people("claim", "P1", "!!!", "5"), "letter or a digit")


# -- 11. permissions --------------------------------------------------------------------


def _without_root_powers() -> list[str]:
    """As root, drop the capabilities that let root read and write whatever the mode says.

    The process is still root and still owns the files, so the owner's mode bits decide, as
    they would for any user; ``setpriv`` (util-linux) does it for one command.
    """
    if os.geteuid() != 0:
        return []
    import shutil

    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: root ignores file modes")
    drop = "-dac_override,-dac_read_search"
    return [setpriv, f"--bounding-set={drop}", f"--inh-caps={drop}"]


def _run_without_root_powers(args: list[str], cwd: Path) -> CliResult:
    import subprocess

    env = {**os.environ, "HOME": str(cwd), "XDG_DATA_HOME": str(cwd / "data")}
    argv = [*_without_root_powers(), sys.executable, "-m", "casefile", *args]
    proc = subprocess.run(argv, capture_output=True, text=True, timeout=120, check=False, cwd=cwd, env=env)
    return CliResult(proc.returncode, proc.stdout, proc.stderr)


@SQLITE
def test_an_unreadable_case_file_names_the_path_and_the_denial(tmp_path: Path) -> None:
    case = tmp_path / "case.db"
    assert run_casefile("init", db=str(case)).exit_code == 0
    os.chmod(case, 0o000)
    refused(
        _run_without_root_powers(["--db", str(case), "list"], tmp_path), str(case), "permission", "denied"
    )


@SQLITE
def test_exporting_into_a_read_only_folder_names_the_path(tmp_path: Path) -> None:
    case = tmp_path / "case.db"
    assert run_casefile("init", db=str(case)).exit_code == 0
    assert run_casefile("add", "person", "Ivan", db=str(case)).exit_code == 0
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o555)
    os.chmod(locked, 0o555)
    refused(
        _run_without_root_powers(["--db", str(case), "export", "markdown", str(locked / "vault")], tmp_path),
        "permission denied",
        "locked",
    )
    refused(
        _run_without_root_powers(["--db", str(case), "export", "json", str(locked / "b.json")], tmp_path),
        "permission denied",
        "locked",
    )
    assert list(locked.iterdir()) == []


# -- 12. distinct, then merge ------------------------------------------------------------


def test_merging_records_marked_distinct_needs_force_and_is_recorded(people: Cli) -> None:
    people.ok("distinct", "P1", "P2")
    before = snapshot_database(people.db)
    refused(people("merge", "P1", "P2", "--yes"), "marked as different", "--force")
    assert snapshot_database(people.db) == before
    people.ok("merge", "P1", "P2", "--yes", "--force")
    notes = people.ok("show", "P1").stdout
    shown = " ".join(notes.split())
    assert "Merged P2 Anna Ivanova" in shown
    assert "marked as different" in shown


# -- Also -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["\u200b", "\u200b\u200c\u200d", "\ufeff", "\u2060 \u3164"])
def test_invisible_names_are_refused_like_blank_ones(people: Cli, name: str) -> None:
    before = snapshot_database(people.db)
    refused(people("add", "person", name), "A name cannot be empty")
    refused(people("edit", "P1", "--name", name), "A name cannot be empty")
    assert snapshot_database(people.db) == before


@pytest.mark.parametrize("date", ["../..", "/..", "../"])
def test_a_date_with_no_end_is_refused(people: Cli, date: str) -> None:
    before = snapshot_database(people.db)
    refused(people("add", "event", "Raid", "--date", date))
    assert snapshot_database(people.db) == before


@SQLITE
def test_rekey_refuses_a_passphrase_of_spaces(tmp_path: Path) -> None:
    case = tmp_path / "case.db"
    env = {"CASEFILE_PASSPHRASE": "old secret"}
    assert run_casefile("init", "--encrypt", db=str(case), env=env).exit_code == 0
    before = case.read_bytes()
    result = run_casefile("rekey", db=str(case), env={**env, "CASEFILE_NEW_PASSPHRASE": "   "})
    refused(result, "passphrase")
    assert case.read_bytes() == before
    refused(
        run_casefile(
            "init", "--encrypt", db=str(tmp_path / "new.db"), env={"CASEFILE_PASSPHRASE": "\u200b "}
        ),
        "passphrase",
    )


def test_a_bare_group_prints_its_usage(cli: Cli) -> None:
    result = cli("import")
    assert result.exit_code == 2
    assert result.stdout.startswith("Usage: casefile import")
    assert "\n  json" in result.stdout
    refused(result, "needs one of these commands: json")
