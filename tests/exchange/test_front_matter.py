"""Vault front matter: whatever the names hold, a YAML reader gets back exactly the data."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from casefile.exchange.markdown_render import front_matter
from tests.conftest import Cli

HOSTILE = [
    "plain name",
    "a\nb\n",
    "key: value",
    "trailing colon:",
    "\"double\" and 'single' quotes",
    "[bold]red[/bold]",
    "[[evil]] | ]] #^",
    "nul\x00inside",
    "\x1b[31mred\x1b[0m and \x9b2J",
    "bell\x07 back\x08space\r\n",
    "- a list item",
    "? a key",
    "# a comment",
    "&anchor *alias !tag %directive @at `tick` |pipe >fold",
    "yes",
    "no",
    "null",
    "~",
    "true",
    "Off",
    "12",
    "-7",
    "1e3",
    "0x1F",
    "0o17",
    "1_000",
    ".inf",
    "2025-06-21",
    "12:30:45",
    "tab\tinside",
    "  leading and trailing spaces  ",
    "",
    "back\\slash \\n not a newline",
    "line\u2028separator\u2029paragraph and next\x85line",
    "non\ufffecharacters\uffff",
    "bom\ufeff",
    "Ціханоўская Тихановская 😀",
    "{flow: map}, [flow, seq]",
]
_STRIPPED = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]")
_FIELDS = {
    "person": {"born_text": "born", "status": "status"},
    "organization": {"category": "type"},
    "place": {"country": "country"},
    "source": {
        "category": "type",
        "url": "url",
        "publisher": "publisher",
        "author": "author",
        "published_text": "published",
        "accessed_text": "accessed",
        "reliability": "reliability",
        "file_path": "file",
        "file_sha256": "file_sha256",
    },
    "event": {"category": "type", "date_text": "date"},
}
_COLUMNS = sorted({column for fields in _FIELDS.values() for column in fields} | {"latitude", "longitude"})


def _expected(text: str) -> str:
    """What the front matter promises: the text minus control characters, ``[[``/``]]`` split."""
    return _STRIPPED.sub("", text).replace("[[", "[ [").replace("]]", "] ]")


def _entity(kind: str, text: str, **extra: Any) -> dict[str, Any]:
    row: dict[str, Any] = dict.fromkeys(_COLUMNS)
    row.update(
        id="00000000-0000-4000-8000-000000000001",
        handle="P1",
        kind=kind,
        name=text,
        private=False,
        created="2025-01-01T00:00:00.000000Z",
        updated="2025-01-02T00:00:00.000000Z",
    )
    row.update(dict.fromkeys(_FIELDS[kind], text))
    row.update(extra)
    return row


def _load(front: str) -> dict[str, Any]:
    assert front.startswith("---\n")
    assert front.endswith("\n---\n")
    data = yaml.safe_load(front[4:-4])
    assert isinstance(data, dict)
    return data


@pytest.mark.parametrize("kind", sorted(_FIELDS))
@pytest.mark.parametrize("text", HOSTILE)
def test_every_text_field_reads_back_exactly(kind: str, text: str) -> None:
    entity = _entity(kind, text)
    front = front_matter(entity, [{"name": text}, {"name": f"{text} 2"}], [text])
    data = _load(front)
    assert data["name"] == _expected(text)
    assert data["aliases"] == [_expected(text), _expected(f"{text} 2")]
    assert data["tags"] == [_expected("-".join(text.split()))]
    for _column, key in _FIELDS[kind].items():
        assert data[key] == _expected(text), key
    assert (data["id"], data["handle"], data["kind"]) == (entity["id"], "P1", kind)
    assert (data["created"], data["updated"]) == (entity["created"], entity["updated"])
    assert "private" not in data
    assert not _STRIPPED.search(front.replace("\n", "")), "a raw control character reached the file"


def test_numbers_and_flags_keep_their_types() -> None:
    entity = _entity("place", "Minsk", latitude=53.9, longitude=-27.5667, private=True)
    data = _load(front_matter(entity, [], []))
    assert data["latitude"] == 53.9
    assert isinstance(data["latitude"], float)
    assert data["longitude"] == -27.5667
    assert data["private"] is True
    assert "aliases" not in data
    assert "tags" not in data
    for value in (0.0, 1e-7, -2.5e-12, 1e16, 123456789.125):
        data = _load(front_matter(_entity("place", "X", latitude=value, longitude=None), [], []))
        assert data["latitude"] == value, value
        assert isinstance(data["latitude"], float), value
        assert "longitude" not in data


def test_the_written_format_is_json_quoted_yaml() -> None:
    """The bytes are part of the contract (stable diffs): one ``key: "json"`` line per field."""
    front = front_matter(_entity("person", 'Ann "A" Lee\tÜ', status="free"), [{"name": "Ann"}], ["a b"])
    assert front == (
        "---\n"
        'id: "00000000-0000-4000-8000-000000000001"\n'
        'handle: "P1"\n'
        'kind: "person"\n'
        'name: "Ann \\"A\\" Lee\\tÜ"\n'
        "aliases:\n"
        '  - "Ann"\n'
        "tags:\n"
        '  - "a-b"\n'
        'born: "Ann \\"A\\" Lee\\tÜ"\n'
        'status: "free"\n'
        'created: "2025-01-01T00:00:00.000000Z"\n'
        'updated: "2025-01-02T00:00:00.000000Z"\n'
        "---\n"
    )


def _fill(case_db: str, names: list[str]) -> None:
    from casefile.services.entities import add_entity
    from casefile.services.fields import EntityFields
    from casefile.storage.engine import open_database

    def add(session: Any) -> None:
        for number, name in enumerate(names):
            fields = EntityFields(name=name, summary=name, status=name)
            add_entity(session, kind="person", data=fields, aliases=[f"{name} {number}"], tags=["yes"])
            org = EntityFields(name=name, type=name)
            add_entity(session, kind="organization", data=org, tags=["no", "null", "12"])

    db = open_database(case_db)
    try:
        db.write(add)
    finally:
        db.dispose()


def test_hostile_names_read_back_from_every_exported_file(cli: Cli, case_db: str, tmp_path: Path) -> None:
    cli.ok("init")
    names = [n for n in HOSTILE if n.strip() and "\x00" not in n]  # refused when typed
    _fill(case_db, names)
    vault = tmp_path / "v"
    cli.ok("export", "markdown", str(vault))
    stored = {e["handle"]: e for e in json.loads(cli.ok("export", "json", "-").stdout)["entities"]}
    paths = sorted((vault / "people").glob("*.md")) + sorted((vault / "organizations").glob("*.md"))
    assert len(paths) == len(stored) == 2 * len(names)
    for path in paths:
        text = path.read_text(encoding="utf-8")
        data = _load(text[: text.index("\n---\n", 3) + 5])
        entity = stored[data["handle"]]
        assert data["name"] == _expected(entity["name"])
        assert data.get("status", data.get("type")) == _expected(entity.get("status", entity.get("type")))
        assert data.get("aliases", []) == [_expected(a["name"]) for a in entity.get("aliases", [])]
        assert data["tags"] == sorted(entity["tags"])
        assert (data["id"], data["created"], data["updated"]) == (
            entity["id"],
            entity["created"],
            entity["updated"],
        )
    for handle in ("P1", f"P{len(names)}"):
        shown = cli.ok("export", "markdown", "-", handle).stdout
        assert shown in {p.read_text(encoding="utf-8") for p in paths}
