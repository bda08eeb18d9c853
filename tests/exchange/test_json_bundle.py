"""The JSON bundle: schema, byte-identical round trip, idempotent merge, privacy, handles."""

from __future__ import annotations

import json
import stat
from pathlib import Path

from jsonschema import Draft202012Validator

from casefile.exchange.bundle_schema import schema_text
from tests.conftest import Cli, run_casefile, snapshot_database
from tests.exchange.conftest import load_bundle
from tests.exchange.rich_case import PRIVATE_NAME, PRIVATE_NOTE

ROOT = Path(__file__).resolve().parents[2]
SECTIONS = ("entities", "links", "notes", "claims", "citations", "claim_resolutions")


def test_docs_schema_is_the_shipped_schema() -> None:
    assert (ROOT / "docs" / "casefile-bundle.schema.json").read_text(encoding="utf-8") == schema_text()
    Draft202012Validator.check_schema(json.loads(schema_text()))


def test_real_exports_validate_against_the_schema(
    cli: Cli, rich_case: dict[str, str], tmp_path: Path
) -> None:
    validator = Draft202012Validator(json.loads(schema_text()))
    for extra in ([], ["--include-private"], [rich_case["release"]]):
        bundle = json.loads(cli.ok("export", "json", "-", *extra).stdout)
        assert list(validator.iter_errors(bundle)) == []
    full = json.loads(cli.ok("export", "json", "-", "--include-private").stdout)
    for section in SECTIONS:
        assert full[section], f"the rich case should hold {section}"
        ids = [r["id"] for r in full[section]]
        assert ids == sorted(ids)
    assert any(e["aliases"] for e in full["entities"])
    assert any(e["tags"] for e in full["entities"])


def test_round_trip_into_an_empty_file_is_byte_identical(
    cli: Cli, rich_case: dict[str, str], tmp_path: Path
) -> None:
    for extra in ([], ["--include-private"]):
        first = tmp_path / f"first{len(extra)}.json"
        cli.ok("export", "json", str(first), *extra)
        assert stat.S_IMODE(first.stat().st_mode) == 0o600
        other = Cli(str(tmp_path / f"empty{len(extra)}.db"))
        other.ok("import", "json", str(first))
        second = tmp_path / f"second{len(extra)}.json"
        other.ok("export", "json", str(second), *extra)
        assert first.read_bytes() == second.read_bytes()


def test_importing_the_same_bundle_twice_changes_nothing(
    cli: Cli, case_db: str, rich_case: dict[str, str], tmp_path: Path
) -> None:
    bundle = tmp_path / "b.json"
    cli.ok("export", "json", str(bundle), "--include-private")
    before = snapshot_database(case_db)
    summary = cli.json("import", "json", str(bundle))
    assert snapshot_database(case_db) == before
    assert all(c["added"] == c["updated"] == c["skipped"] == 0 for c in summary["counts"].values())
    assert summary["counts"]["entities"]["unchanged"] == len(load_bundle(bundle)["entities"])
    assert summary["renamed"] == []


def test_private_data_stays_out_unless_asked(cli: Cli, rich_case: dict[str, str]) -> None:
    default = cli.ok("export", "json").stdout
    assert PRIVATE_NAME not in default
    assert PRIVATE_NOTE not in default
    assert "Contact details kept offline." not in default  # the demo's private note
    assert "informed" not in default  # the link to the private person
    bundle = json.loads(default)
    ids = {e["id"] for e in bundle["entities"]}
    assert all(link["source_id"] in ids and link["target_id"] in ids for link in bundle["links"])
    everything = cli.ok("export", "json", "--include-private").stdout
    assert PRIVATE_NAME in everything
    assert PRIVATE_NOTE in everything
    assert "informed" in everything


def test_export_of_one_dossier_brings_the_sources_it_cites(cli: Cli, rich_case: dict[str, str]) -> None:
    bundle = json.loads(cli.ok("export", "json", "-", rich_case["release"]).stdout)
    handles = {e["handle"] for e in bundle["entities"]}
    assert {rich_case["release"], rich_case["article"], rich_case["minsk"]} <= handles
    assert rich_case["trump"] not in handles
    private = cli("export", "json", "-", rich_case["secret"])
    assert private.exit_code == 2
    assert "private" in private.stderr


def test_a_partial_bundle_imports_cleanly_into_an_empty_file(
    cli: Cli, rich_case: dict[str, str], tmp_path: Path
) -> None:
    bundle = tmp_path / "one.json"
    cli.ok("export", "json", str(bundle), rich_case["tikhanovskaya"])
    other = Cli(str(tmp_path / "other.db"))
    other.ok("import", "json", str(bundle))
    shown = other.json("show", rich_case["tikhanovskaya"])
    assert shown["name"] == "Sviatlana Tikhanovskaya"


def test_newer_records_win_and_older_ones_are_skipped(
    cli: Cli, case_db: str, rich_case: dict[str, str], tmp_path: Path
) -> None:
    data = json.loads(cli.ok("export", "json").stdout)
    newer = next(e for e in data["entities"] if e["handle"] == rich_case["dulina"])
    newer["status"] = "in exile"
    newer["tags"] = ["exile"]
    newer["updated"] = "2999-01-01T00:00:00.000000Z"
    older = next(e for e in data["entities"] if e["handle"] == rich_case["korney"])
    older["status"] = "detained"
    older["updated"] = "2000-01-01T00:00:00Z"
    path = tmp_path / "edited.json"
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")  # not casefile's layout: read whole

    dry = cli.json("import", "json", str(path), "--dry-run")
    assert dry["dry_run"] is True
    assert dry["counts"]["entities"]["updated"] == 1
    assert dry["counts"]["entities"]["skipped"] == 1
    summary = cli.json("import", "json", str(path))
    assert summary["counts"]["entities"] == {**dry["counts"]["entities"]}
    assert cli.json("show", rich_case["dulina"])["status"] == "in exile"
    assert cli.json("show", rich_case["dulina"])["tags"] == ["exile"]
    assert cli.json("show", rich_case["korney"])["status"] == "released"


def test_a_taken_handle_gets_a_fresh_one_and_is_reported(
    cli: Cli, case_db: str, rich_case: dict[str, str], tmp_path: Path
) -> None:
    bundle = tmp_path / "theirs.json"
    cli.ok("export", "json", str(bundle))
    other_db = str(tmp_path / "mine.db")
    mine = Cli(other_db)
    mine.ok("add", "person", "Someone Else")  # takes P1 here
    mine.ok("add", "place", "Somewhere")  # takes PL1
    before = snapshot_database(other_db)
    dry = mine.json("import", "json", str(bundle), "--dry-run")
    assert snapshot_database(other_db) == before
    assert {r["wanted"] for r in dry["renamed"]} == {"P1", "PL1"}
    result = mine("import", "json", str(bundle))
    assert result.exit_code == 0
    assert "Handle P1 was taken here" in result.stderr
    summary_handles = {e["handle"] for e in mine.json("list")}
    assert len(summary_handles) == len(load_bundle(bundle)["entities"]) + 2
    moved = mine.json("show", "Sviatlana Tikhanovskaya")["handle"]
    assert moved not in ("P1",)
    fresh = mine.json("add", "person", "Brand New")["handle"]
    assert fresh not in summary_handles


def test_import_from_stdin_and_export_to_stdout_in_real_processes(
    case_db: str, rich_case: dict[str, str], tmp_path: Path
) -> None:
    exported = run_casefile("export", "json", "-", db=case_db)
    assert exported.exit_code == 0, exported.stderr
    target = str(tmp_path / "piped.db")
    imported = run_casefile("import", "json", "-", "--json", db=target, input=exported.stdout)
    assert imported.exit_code == 0, imported.stderr
    assert json.loads(imported.stdout)["counts"]["entities"]["added"] > 0
    again = run_casefile("export", "json", db=target)
    assert again.stdout == exported.stdout


def test_an_event_at_a_private_place_exports_without_the_place(
    cli: Cli, rich_case: dict[str, str], tmp_path: Path
) -> None:
    cli.ok("edit", rich_case["minsk"], "--private")
    bundle = tmp_path / "public.json"
    cli.ok("export", "json", str(bundle))
    minsk = cli.json("show", rich_case["minsk"])["id"]
    assert minsk not in bundle.read_text(encoding="utf-8")
    other = Cli(str(tmp_path / "other.db"))
    other.ok("import", "json", str(bundle))
    assert other.json("show", rich_case["release"])["place"] is None


def test_imported_records_are_found_by_search(cli: Cli, rich_case: dict[str, str], tmp_path: Path) -> None:
    bundle = tmp_path / "b.json"
    cli.ok("export", "json", str(bundle))
    other = Cli(str(tmp_path / "other.db"))
    other.ok("import", "json", str(bundle))
    hits = other.json("search", "Ціханоўская")
    assert any(h["handle"] == rich_case["tikhanovskaya"] for h in hits)


def _search_keys(target: str) -> tuple[list[tuple[str, ...]], list[tuple[str, ...]]]:
    """Every name key and searchable text of a case file, in a stable order."""
    from sqlalchemy import text

    from casefile.storage.engine import open_database
    from casefile.storage.search_index import NAME_FTS, has_name_fts

    db = open_database(target)
    with db.engine.connect() as conn:
        if has_name_fts(conn):  # SQLite: one row of terms per entity, in any order
            statement = f"SELECT e.id, f.keys FROM {NAME_FTS} AS f JOIN entity AS e ON e.rowid = f.rowid"
            keys = [(r[0], *sorted(r[1].split())) for r in conn.execute(text(statement))]
        else:
            keys = [tuple(r) for r in conn.execute(text("SELECT entity_id, token, skeleton FROM name_key"))]
        docs = [tuple(r) for r in conn.execute(text("SELECT entity_id, field FROM text_doc"))]
    db.dispose()
    return sorted(keys), sorted(docs)


def _rebuilt_keys(target: str) -> tuple[list[tuple[str, ...]], list[tuple[str, ...]]]:
    from casefile.storage.engine import open_database
    from casefile.storage.search_index import rebuild_all

    db = open_database(target)
    db.write(lambda session: rebuild_all(session.connection()))
    db.dispose()
    return _search_keys(target)


def test_search_keys_after_imports_equal_a_full_rebuild(
    cli: Cli, case_db: str, rich_case: dict[str, str], tmp_path: Path
) -> None:
    bundle = tmp_path / "b.json"
    cli.ok("export", "json", str(bundle))
    fresh = str(tmp_path / "fresh.db")
    Cli(fresh).ok("import", "json", str(bundle))
    imported = _search_keys(fresh)
    assert imported[0], "no name keys after the import"
    assert imported[1], "no texts after the import"
    assert imported == _rebuilt_keys(fresh)

    # Over older versions: a renamed person, an alias moved to another person, a new note.
    data = load_bundle(bundle)
    people = [e for e in data["entities"] if e["kind"] == "person" and e["aliases"]]
    renamed, donor = people[0], people[1]
    renamed["name"] = "Sviatlana Heorhiyeuna Renamed"
    renamed["updated"] = "2999-01-01T00:00:00.000000Z"
    moved = donor["aliases"].pop(0)
    moved["updated"] = "2999-01-01T00:00:00.000000Z"
    renamed["aliases"].append(moved)
    source = next(e for e in data["entities"] if e["kind"] == "source")
    data["notes"].append(
        {
            "id": "00000000-0000-4000-8000-00000000abcd",
            "handle": "N999",
            "entity_id": source["id"],
            "body": "Zhodzina courthouse hearing postponed",
            "private": False,
            "created": "2999-01-01T00:00:00.000000Z",
            "updated": "2999-01-01T00:00:00.000000Z",
        }
    )
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps(data), encoding="utf-8")
    cli.ok("import", "json", str(edited))
    assert _search_keys(case_db) == _rebuilt_keys(case_db)
    assert any(h["id"] == renamed["id"] for h in cli.json("search", "Renamed"))
    assert any(h["id"] == renamed["id"] for h in cli.json("search", moved["name"]))
