"""duplicates, distinct and merge end to end through the CLI; canonical ids for importers."""

from __future__ import annotations

from pathlib import Path

from casefile.services.merge import canonical_ids
from casefile.storage.engine import open_database
from tests.conftest import BACKEND, snapshot_database


def _setup(cli) -> dict[str, str]:
    h = {}

    def add(key: str, *args: str) -> None:
        h[key] = cli.json("add", *args)["handle"]

    add("keep", "person", "Sviatlana Tsikhanouskaya", "--alias", "Ціханоўская@be", "--born", "1982-09-11")
    add("other", "person", "Svetlana Tikhanovskaya", "--alias", "Тихановская@ru", "--born", "1982-09-11",
        "--status", "released", "--tag", "belarus", "--summary", "Opposition leader.")  # fmt: skip
    add("twin1", "person", "Ivan Petrov", "--born", "1970-01-01")
    add("twin2", "person", "Ivan Petrov", "--born", "1970-01-01")
    add("src", "source", "Article", "--publisher", "Nasha Niva", "--published", "2025-06-21")
    add("event", "event", "Release", "--date", "2025-06-21")
    add("husband", "person", "Siarhei Tsikhanouski")
    cli.ok("link", h["event"], h["keep"], "--role", "released", "--source", h["src"])
    cli.ok("link", h["event"], h["other"], "--role", "released", "--source", h["src"])
    cli.ok(
        "link",
        h["other"],
        h["husband"],
        "--role",
        "spouse of",
        "--source",
        h["src"],
        "--note",
        "married 2004",
    )
    cli.ok("link", h["keep"], h["other"], "--role", "same as")
    cli.ok("note", h["other"], "Left for Lithuania.", "--source", h["src"])
    cli.ok("cite", h["other"], h["src"], "--locator", "paragraph 2")
    cli.ok("claim", h["other"], "status", "released", "--source", h["src"], "--as-of", "2025-06-21")
    return h


def test_duplicates_lists_pairs_with_score_and_reasons(cli) -> None:
    h = _setup(cli)
    pairs = cli.json("duplicates")
    found = {(p["first"]["handle"], p["second"]["handle"]) for p in pairs}
    assert (h["keep"], h["other"]) in found
    assert (h["twin1"], h["twin2"]) in found
    assert (h["keep"], h["husband"]) not in found
    tsikh = next(p for p in pairs if p["first"]["handle"] == h["keep"])
    assert 0.5 <= tsikh["score"] <= 1
    assert "both born 1982-09-11" in tsikh["reasons"]
    assert cli.json("duplicates", "--kind", "source") == []
    text = cli.ok("duplicates").stdout
    assert "Svetlana Tikhanovskaya" in text
    assert "both born 1982-09-11" in text


def test_distinct_pairs_leave_duplicates_and_check(cli) -> None:
    h = _setup(cli)
    assert ("possible-duplicate", h["twin1"]) in {
        (f["code"], f["handle"]) for f in cli("check", "--json").json()["findings"]
    }
    cli.ok("distinct", h["twin2"], h["twin1"])
    cli.ok("distinct", h["twin1"], h["twin2"])  # idempotent
    pairs = {(p["first"]["handle"], p["second"]["handle"]) for p in cli.json("duplicates")}
    assert (h["twin1"], h["twin2"]) not in pairs
    findings = cli("check", "--json").json()["findings"]
    assert not [f for f in findings if f["code"] == "possible-duplicate" and h["twin1"] in f["message"]]
    refused = cli("distinct", h["twin1"], h["twin1"])
    assert refused.exit_code != 0
    assert "same record" in refused.stderr


def test_merge_folds_other_into_keep(cli, case_db) -> None:
    h = _setup(cli)
    other_id = cli.json("show", h["other"])["id"]
    result = cli.json("merge", h["keep"], h["other"], "--yes")
    assert result["keep"]["handle"] == h["keep"]
    assert result["merged"]["handle"] == h["other"]
    # SQLite: a copy beside the file; PostgreSQL: a pg_dump in the data folder (when pg_dump is installed).
    if BACKEND == "sqlite" or result["backup"] is not None:
        assert Path(result["backup"]).exists()
        assert oct(Path(result["backup"]).stat().st_mode & 0o777) == "0o600"
    dossier = cli.json("show", h["keep"])
    aliases = {a["name"]: a["kind"] for a in dossier["aliases"]}
    assert aliases["Svetlana Tikhanovskaya"] == "merged name"
    assert {"Тихановская", "Ціханоўская"} <= set(aliases)
    assert dossier["tags"] == ["belarus"]
    assert dossier["status"] == "released"
    assert "Opposition leader." in dossier["summary"]
    assert dossier["merged_ids"] == [
        {
            "id": other_id,
            "handle": h["other"],
            "name": "Svetlana Tikhanovskaya",
            "merged": dossier["merged_ids"][0]["merged"],
        }
    ]
    roles = sorted((link["role"], link["other"]["handle"]) for link in dossier["links"])
    # the two "released" links collapsed into one; the "same as" link between the two is gone
    assert roles == [("released", h["event"]), ("spouse of", h["husband"])]
    released = next(link for link in dossier["links"] if link["role"] == "released")
    assert len(released["citations"]) == 1
    assert next(link for link in dossier["links"] if link["role"] == "spouse of")["note"] == "married 2004"
    assert [n["body"] for n in dossier["notes"]] == ["Left for Lithuania."]
    assert [c["locator"] for c in dossier["citations"]] == ["paragraph 2"]
    assert [(c["attribute"], c["value"]) for c in dossier["claims"]] == [("status", "released")]
    # the old handle and UUID still lead to the kept record
    assert cli.json("show", h["other"])["handle"] == h["keep"]
    assert cli.json("show", other_id)["handle"] == h["keep"]
    assert "Merged from:" in cli.ok("show", h["keep"]).stdout
    # search finds the kept record by the merged-away spelling
    assert cli.json("search", "Тихановская")[0]["handle"] == h["keep"]
    assert (h["keep"], h["other"]) not in {
        (p["first"]["handle"], p["second"]["handle"]) for p in cli.json("duplicates")
    }
    db = open_database(case_db)
    try:
        keep_id = dossier["id"]
        mapping = db.read(lambda s: canonical_ids(s, [other_id, keep_id, "not-an-id"]))
    finally:
        db.dispose()
    assert mapping == {other_id: keep_id, keep_id: keep_id, "not-an-id": "not-an-id"}


def test_merge_chains_map_to_the_last_keeper(cli, case_db) -> None:
    a = cli.json("add", "person", "Ales Bialiatski")
    b = cli.json("add", "person", "Ales Byalyatsky")
    c = cli.json("add", "person", "Алесь Бяляцкі")
    cli.ok("distinct", b["handle"], c["handle"])
    cli.ok("merge", b["handle"], c["handle"], "--yes", "--force")  # marked distinct: issue 15
    cli.ok("merge", a["handle"], b["handle"], "--yes")
    db = open_database(case_db)
    try:
        mapping = db.read(lambda s: canonical_ids(s, [a["id"], b["id"], c["id"]]))
    finally:
        db.dispose()
    assert mapping == {a["id"]: a["id"], b["id"]: a["id"], c["id"]: a["id"]}
    shown = cli.json("show", a["handle"])
    assert {m["handle"] for m in shown["merged_ids"]} == {b["handle"], c["handle"]}
    assert {al["name"] for al in shown["aliases"]} == {"Ales Byalyatsky", "Алесь Бяляцкі"}


def test_merge_refusals_write_nothing(cli, case_db) -> None:
    h = _setup(cli)
    before = snapshot_database(case_db)
    for args, message in [
        (["merge", h["keep"], h["keep"], "--yes"], "same record"),
        (["merge", h["keep"], h["src"], "--yes"], "only records of one kind merge"),
        (["merge", h["keep"], "P999", "--yes"], "No entity matches"),
        (["merge", h["keep"], h["other"]], "add --yes"),
    ]:
        result = cli(*args)
        assert result.exit_code != 0, args
        assert message in result.stderr, (args, result.stderr)
    assert snapshot_database(case_db) == before


def test_reimporting_an_old_bundle_after_a_merge_maps_to_the_kept_record(cli, tmp_path) -> None:
    keep = cli.json("add", "person", "Sviatlana Tsikhanouskaya", "--alias", "Ціханоўская@be")["handle"]
    other = cli.json("add", "person", "Svetlana Tikhanovskaya")["handle"]
    cli.ok("add", "source", "Article", "--reliability", "B")
    cli.ok("add", "event", "Release", "--date", "2025-06-21")
    cli.ok("link", "Release", other, "--role", "released", "--source", "Article")
    cli.ok("note", other, "Seen in Vilnius.")
    old_bundle = tmp_path / "before-merge.json"
    cli.ok("export", "json", str(old_bundle))

    cli.ok("merge", keep, other, "--yes")
    people_before = cli.json("list", "--kind", "person")
    assert [p["handle"] for p in people_before] == [keep]

    summary = cli.json("import", "json", str(old_bundle))
    assert summary["counts"]["entities"]["added"] == 0
    people_after = cli.json("list", "--kind", "person")
    assert [p["handle"] for p in people_after] == [keep]
    dossier = cli.json("show", keep)
    assert [(link["role"], link["other"]["name"]) for link in dossier["links"]] == [("released", "Release")]
    assert [n["body"] for n in dossier["notes"]] == ["Seen in Vilnius."]
    assert cli.json("show", other)["handle"] == keep
    check = cli("check", "--json")
    assert "dangling" not in {f["code"] for f in check.json()["findings"]}
