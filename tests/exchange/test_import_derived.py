"""Imports trust nothing derived: a claim's value_key and attribute are recomputed from the bundle."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import Cli


def _claims_bundle(cli: Cli, tmp_path: Path) -> tuple[Path, str, list[str]]:
    source = cli.json("add", "source", "Report", "--publisher", "Viasna", "--published", "2025-06-21")[
        "handle"
    ]
    event = cli.json("add", "event", "Release", "--date", "2025-06-21")["handle"]
    first = cli.json("claim", event, "released_count", "14", "--source", source)["handle"]
    second = cli.json("claim", event, "released_count", "13", "--source", source)["handle"]
    bundle = tmp_path / "bundle.json"
    cli.ok("export", "json", str(bundle))
    return bundle, event, [first, second]


def test_a_stale_value_key_in_a_bundle_still_shows_the_conflict(cli: Cli, tmp_path: Path) -> None:
    bundle, event, claims = _claims_bundle(cli, tmp_path)
    data = json.loads(bundle.read_text(encoding="utf-8"))
    assert {c["value_key"] for c in data["claims"]} == {"n:13", "n:14"}
    for claim in data["claims"]:
        claim["value_key"] = "n:14"  # a stale (or forged) key: both sides look equal
        claim["attribute"] = "Released  Count"  # as a person would type it
    bundle.write_text(json.dumps(data), encoding="utf-8")

    other = Cli(str(tmp_path / "other.db"))
    other.ok("import", "json", str(bundle))

    conflicts = other.json("claims", "--conflicts")
    assert len(conflicts) == 1, conflicts
    listed = json.dumps(conflicts)
    assert all(handle in listed for handle in claims)
    assert "released_count" in listed
    assert "Released  Count" not in listed
    check = other("check", "--json")
    assert check.exit_code == 1
    assert [(f["code"], f["handle"]) for f in check.json()["findings"]] == [("conflict", event)]
    exported = json.loads(other.ok("export", "json", "-").stdout)
    assert sorted(c["value_key"] for c in exported["claims"]) == ["n:13", "n:14"]


def test_an_overlong_attribute_in_a_bundle_is_refused_in_one_sentence(cli: Cli, tmp_path: Path) -> None:
    bundle, _event, _claims = _claims_bundle(cli, tmp_path)
    data = json.loads(bundle.read_text(encoding="utf-8"))
    data["claims"][0]["attribute"] = "x" * 300
    bundle.write_text(json.dumps(data), encoding="utf-8")
    other = Cli(str(tmp_path / "other.db"))
    result = other("import", "json", str(bundle))
    assert result.exit_code != 0
    assert "attribute" in result.stderr
    assert "Traceback" not in result.stderr
    assert other.json("list") == []  # nothing of the bundle was written
