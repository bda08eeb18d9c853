"""Bad bundles are refused with the JSON path of the first bad field, and nothing is written."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Cli, snapshot_database

Bundle = dict[str, Any]


def _with_aliases(bundle: Bundle) -> int:
    return next(i for i, e in enumerate(bundle["entities"]) if e["aliases"])


def _event(bundle: Bundle) -> int:
    return next(i for i, e in enumerate(bundle["entities"]) if e["kind"] == "event")


def _drop_alias_kind(b: Bundle) -> str:
    i = _with_aliases(b)
    del b["entities"][i]["aliases"][0]["kind"]
    return f"entities[{i}].aliases[0].kind"


def _mistype_alias_kind(b: Bundle) -> str:
    i = _with_aliases(b)
    b["entities"][i]["aliases"][0]["kind"] = 7
    return f"entities[{i}].aliases[0].kind"


def _mistype_private(b: Bundle) -> str:
    b["entities"][3]["private"] = "yes"
    return "entities[3].private"


def _drop_name(b: Bundle) -> str:
    del b["entities"][2]["name"]
    return "entities[2].name"


def _bad_uuid(b: Bundle) -> str:
    b["links"][1]["id"] = "not-a-uuid"
    return "links[1].id"


def _bad_date(b: Bundle) -> str:
    i = _event(b)
    b["entities"][i]["date"] = "2025-13-45"
    return f"entities[{i}].date"


def _unknown_target(b: Bundle) -> str:
    b["links"][2]["target_id"] = "00000000-0000-4000-8000-000000000000"
    return "links[2].target_id"


def _unknown_field(b: Bundle) -> str:
    b["notes"][0]["colour"] = "red"
    return "notes[0].colour"


def _wrong_format(b: Bundle) -> str:
    b["format"] = "obsidian"
    return "format"


def _newer_version(b: Bundle) -> str:
    b["version"] = 2
    return "version"


def _duplicate_id(b: Bundle) -> str:
    b["links"][3]["id"] = b["links"][0]["id"]
    return "links[3].id"


def _wrong_handle_kind(b: Bundle) -> str:
    i = _event(b)
    b["entities"][i]["handle"] = "P999"
    return f"entities[{i}].handle"


def _citation_source_not_a_source(b: Bundle) -> str:
    person = next(e["id"] for e in b["entities"] if e["kind"] == "person")
    b["citations"][0]["source_id"] = person
    return "citations[0].source_id"


MUTATIONS: dict[str, Callable[[Bundle], str]] = {
    "missing field": _drop_alias_kind,
    "mistyped field": _mistype_alias_kind,
    "mistyped boolean": _mistype_private,
    "missing name": _drop_name,
    "bad UUID": _bad_uuid,
    "bad EDTF date": _bad_date,
    "link to an unknown UUID": _unknown_target,
    "unknown field": _unknown_field,
    "wrong format": _wrong_format,
    "newer version": _newer_version,
    "duplicate UUID": _duplicate_id,
    "handle of another kind": _wrong_handle_kind,
    "citation by a non-source": _citation_source_not_a_source,
}


@pytest.fixture
def good_bundle(cli: Cli, rich_case: dict[str, str]) -> Bundle:
    bundle: Bundle = json.loads(cli.ok("export", "json", "--include-private").stdout)
    return bundle


def _casefile_layout(bundle: Bundle) -> str:
    from casefile.exchange.json_bundle import encode

    lines = [
        '{{"format": {}, "version": {},'.format(json.dumps(bundle["format"]), json.dumps(bundle["version"]))
    ]
    keys = [k for k in bundle if k not in ("format", "version")]
    for n, key in enumerate(keys):
        records = ",\n".join(encode(r) for r in bundle[key])
        tail = "\n" if n == len(keys) - 1 else ",\n"
        lines.append(f'"{key}": [\n{records}\n]{tail}' if records else f'"{key}": []{tail}')
    return lines[0] + "\n" + "".join(lines[1:]) + "}\n"


@pytest.mark.parametrize("layout", ["casefile", "pretty"])
@pytest.mark.parametrize("case", sorted(MUTATIONS))
def test_bad_bundle_is_refused_with_its_path(
    case: str, layout: str, good_bundle: Bundle, tmp_path: Path
) -> None:
    bundle = json.loads(json.dumps(good_bundle))
    path_expected = MUTATIONS[case](bundle)
    text = _casefile_layout(bundle) if layout == "casefile" else json.dumps(bundle, indent=2)
    file = tmp_path / "bad.json"
    file.write_text(text, encoding="utf-8")
    target = str(tmp_path / "target.db")
    target_cli = Cli(target)
    target_cli.ok("add", "person", "Already Here")
    before = snapshot_database(target)
    for extra in ([], ["--dry-run"]):
        result = target_cli("import", "json", str(file), *extra)
        assert result.exit_code == 2, result.stderr
        assert f"not valid at {path_expected}:" in result.stderr
        assert result.stderr.count("\n") == 1
        assert "Traceback" not in result.stderr
    assert snapshot_database(target) == before


def test_the_casefile_layout_helper_matches_real_exports(good_bundle: Bundle, cli: Cli) -> None:
    assert _casefile_layout(good_bundle) == cli.ok("export", "json", "--include-private").stdout


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("this is not json", ""),
        ("", ""),
        ("[1, 2, 3]", ""),
        ('{"format": "casefile", "version": 1, "entities": {}}', "entities"),
    ],
)
def test_not_a_bundle_at_all(text: str, where: str, cli: Cli, case_db: str, tmp_path: Path) -> None:
    file = tmp_path / "junk.json"
    file.write_text(text, encoding="utf-8")
    cli.ok("init")
    before = snapshot_database(case_db)
    result = cli("import", "json", str(file))
    assert result.exit_code == 2
    assert "The bundle is not valid" in result.stderr
    if where:
        assert f"at {where}:" in result.stderr
    assert snapshot_database(case_db) == before


def test_a_truncated_bundle_names_where_it_breaks(good_bundle: Bundle, tmp_path: Path) -> None:
    text = _casefile_layout(good_bundle)
    cut = text.index('"name": "Sviatlana Tikhanovskaya"') + 12
    file = tmp_path / "cut.json"
    file.write_text(text[:cut], encoding="utf-8")
    target = str(tmp_path / "t.db")
    target_cli = Cli(target)
    target_cli.ok("init")
    before = snapshot_database(target)
    result = target_cli("import", "json", str(file))
    assert result.exit_code == 2
    index = next(i for i, e in enumerate(good_bundle["entities"]) if e["name"] == "Sviatlana Tikhanovskaya")
    assert f"at entities[{index}].name:" in result.stderr
    assert "cut short" in result.stderr
    assert snapshot_database(target) == before


def test_a_missing_file_is_one_sentence(cli: Cli, tmp_path: Path) -> None:
    result = cli("import", "json", str(tmp_path / "nope.json"))
    assert result.exit_code == 2
    assert "There is no file" in result.stderr
