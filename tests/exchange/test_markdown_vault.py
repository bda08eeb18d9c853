"""The Markdown vault: links resolve, output is stable and private, names cannot escape DIR."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

import pytest
import yaml
from sqlalchemy import insert

from casefile.exchange.slugs import slugify
from tests.conftest import Cli, sqlite_only
from tests.exchange.rich_case import PRIVATE_NAME, PRIVATE_NOTE

WIKI = re.compile(r"\[\[([^\]|]+)(?:\|[^\]]*)?\]\]")
HOSTILE = [
    "../../x",
    "/etc/passwd",
    "CON",
    "N" * 300,
    "!!!",
    "..",
    "a\nb",
    "[[evil]] | ]] #^",
    "Ціханоўская",
]


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _links(root: Path) -> list[tuple[str, str]]:
    out = []
    for path in root.rglob("*.md"):
        for target in WIKI.findall(path.read_text(encoding="utf-8")):
            out.append((str(path.relative_to(root)), target))
    return out


def test_every_wiki_link_resolves_inside_the_vault(
    cli: Cli, rich_case: dict[str, str], tmp_path: Path
) -> None:
    for extra in ([], ["--include-private"]):
        vault = tmp_path / f"vault{len(extra)}"
        cli.ok("export", "markdown", str(vault), *extra)
        links = _links(vault)
        assert len(links) > 50
        for source, target in links:
            assert (vault / f"{target}.md").is_file(), f"{source} links to missing {target}"
        assert {p.name for p in vault.iterdir()} >= {
            "people",
            "organizations",
            "places",
            "sources",
            "events",
            "index.md",
        }


def test_the_dossier_shows_front_matter_links_claims_timeline_notes_and_footnotes(
    cli: Cli, rich_case: dict[str, str], tmp_path: Path
) -> None:
    vault = tmp_path / "v"
    cli.ok("export", "markdown", str(vault))
    text = (vault / "events" / "release-of-14-political-prisoners.md").read_text(encoding="utf-8")
    front = yaml.safe_load(text.split("---\n")[1])
    assert front["handle"] == rich_case["release"]
    assert front["kind"] == "event"
    assert front["date"] == "2025-06-21"
    for heading in ("## Claims", "## Links", "### released", "## Timeline", "## Notes"):
        assert heading in text
    assert "[[people/sviatlana-tikhanovskaya|Sviatlana Tikhanovskaya]]" in text
    assert "[^1]: [[sources/" in text
    person = (vault / "people" / "sviatlana-tikhanovskaya.md").read_text(encoding="utf-8")
    assert yaml.safe_load(person.split("---\n")[1])["aliases"] == [
        "Sviatlana Tsikhanouskaya",
        "Тихановская",
        "Ціханоўская",
    ]


def test_identical_data_gives_identical_files_with_private_modes(
    cli: Cli, rich_case: dict[str, str], tmp_path: Path
) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    cli.ok("export", "markdown", str(first))
    cli.ok("export", "markdown", str(second))
    assert _files(first) == _files(second)
    for path in first.rglob("*"):
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o700 if path.is_dir() else 0o600), path
    assert stat.S_IMODE(first.stat().st_mode) == 0o700
    again = cli.ok("export", "markdown", str(first))
    assert "Wrote 0 files" in again.stderr


def test_private_records_stay_out_of_the_vault_by_default(
    cli: Cli, rich_case: dict[str, str], tmp_path: Path
) -> None:
    vault = tmp_path / "public"
    cli.ok("export", "markdown", str(vault))
    everything = b"".join(_files(vault).values()).decode("utf-8")
    assert PRIVATE_NAME not in everything
    assert PRIVATE_NOTE not in everything
    assert "Contact details kept offline." not in everything
    assert "secret-witness-zed" not in everything
    full = tmp_path / "full"
    cli.ok("export", "markdown", str(full), "--include-private")
    assert (full / "people" / "secret-witness-zed.md").is_file()
    cli.ok("edit", rich_case["tikhanovsky"], "--private")
    cli.ok("export", "markdown", str(vault))
    assert not (vault / "people" / "sergei-tikhanovsky.md").exists()  # stale private file removed
    assert "sergei-tikhanovsky" not in b"".join(_files(vault).values()).decode("utf-8")


def test_one_dossier_goes_to_stdout(cli: Cli, rich_case: dict[str, str]) -> None:
    result = cli.ok("export", "markdown", "-", rich_case["tikhanovskaya"])
    assert result.stdout.startswith("---\nid: ")
    assert "# Sviatlana Tikhanovskaya" in result.stdout
    assert "[[events/release-of-14-political-prisoners|" in result.stdout
    refused = cli("export", "markdown", "-", rich_case["secret"])
    assert refused.exit_code == 2
    assert PRIVATE_NAME not in refused.stdout


def test_a_ref_export_writes_only_those_dossiers(cli: Cli, rich_case: dict[str, str], tmp_path: Path) -> None:
    vault = tmp_path / "two"
    cli.ok("export", "markdown", str(vault), rich_case["kellogg"], rich_case["visit"])
    written = sorted(k for k in _files(vault) if k.endswith(".md"))
    assert written == ["events/keith-kellogg-s-visit-to-minsk.md", "people/keith-kellogg.md"]


def test_other_files_in_the_folder_are_left_alone(
    cli: Cli, rich_case: dict[str, str], tmp_path: Path
) -> None:
    vault = tmp_path / "shared"
    (vault / "people").mkdir(parents=True)
    mine = vault / "people" / "keith-kellogg.md"
    mine.write_text("my own notes\n", encoding="utf-8")
    (vault / "README.txt").write_text("keep me\n", encoding="utf-8")
    result = cli.ok("export", "markdown", str(vault))
    assert mine.read_text(encoding="utf-8") == "my own notes\n"
    assert (vault / "README.txt").read_text(encoding="utf-8") == "keep me\n"
    assert "left alone 1 files" in result.stderr
    assert "people/keith-kellogg.md" in result.stderr
    written = vault / "people" / "john-coul.md"
    written.write_text("edited by hand\n", encoding="utf-8")
    again = cli.ok("export", "markdown", str(vault))
    assert written.read_text(encoding="utf-8") == "edited by hand\n"
    assert "people/john-coul.md" in again.stderr


def test_hostile_names_never_escape_the_vault(cli: Cli, tmp_path: Path) -> None:
    for name in HOSTILE:
        cli.ok("add", "person", name)
        cli.ok("add", "organization", name)
    vault = tmp_path / "deep" / "vault"
    cli.ok("export", "markdown", str(vault))
    outside = {p for p in tmp_path.rglob("*") if vault not in p.parents and p != vault}
    assert {p.name for p in outside} <= {"deep", "case.db", "case.db-wal", "case.db-shm", "home"} | {
        p.name for p in (tmp_path / "home").rglob("*")
    }
    people = sorted(p.name for p in (vault / "people").iterdir())
    assert len(people) == len(HOSTILE)
    for name in people:
        assert re.fullmatch(r"[a-z0-9-]+\.md", name), name
        assert len(name) <= 100
    for _source, target in _links(vault):
        assert (vault / f"{target}.md").is_file()


@sqlite_only("writes a NUL byte straight into the SQLite file")
def test_a_nul_in_a_stored_name_does_not_break_the_export(cli: Cli, case_db: str, tmp_path: Path) -> None:
    from casefile.storage.engine import open_database
    from casefile.storage.tables import Entity

    cli.ok("init")
    db = open_database(case_db)
    db.write(
        lambda s: s.execute(
            insert(Entity.__table__),  # type: ignore[attr-defined]
            [
                {
                    "id": "00000000-0000-4000-8000-000000000001",
                    "handle": "P90",
                    "kind": "person",
                    "name": "nul\x00name",
                    "summary": "",
                    "private": False,
                    "created": "2025-01-01T00:00:00.000000Z",
                    "updated": "2025-01-01T00:00:00.000000Z",
                }
            ],
        )
    )
    db.dispose()
    vault = tmp_path / "v"
    cli.ok("export", "markdown", str(vault))
    assert (vault / "people" / "nul-name.md").is_file()


def test_slugs_are_safe_and_ascii() -> None:
    assert slugify("../../x", "P1") == "x"
    assert slugify("/etc/passwd", "P1") == "etc-passwd"
    assert slugify("CON", "P7") == "con-p7"
    assert slugify("!!!", "P3") == "p3"
    assert slugify("Ціханоўская", "P1") == "tsikhanouskaya"
    assert len(slugify("a" * 300, "P1")) == 80


def test_a_symlinked_folder_is_never_written_through(
    cli: Cli, rich_case: dict[str, str], tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    vault = tmp_path / "v"
    vault.mkdir()
    os.symlink(elsewhere, vault / "people")
    result = cli("export", "markdown", str(vault))
    assert result.exit_code == 2
    assert list(elsewhere.iterdir()) == []


def test_a_symlink_planted_where_a_dossier_goes_is_never_followed(
    cli: Cli, rich_case: dict[str, str], tmp_path: Path
) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("precious\n", encoding="utf-8")
    vault = tmp_path / "v"
    (vault / "people").mkdir(parents=True)
    os.symlink(outside, vault / "people" / "keith-kellogg.md")
    os.symlink(tmp_path / "missing.txt", vault / "people" / "john-coul.md")  # dangling
    result = cli.ok("export", "markdown", str(vault))
    assert outside.read_text(encoding="utf-8") == "precious\n"
    assert not (tmp_path / "missing.txt").exists()
    assert "people/keith-kellogg.md" in result.stderr
    assert "people/john-coul.md" in result.stderr
    assert (vault / "people" / "keith-kellogg.md").is_symlink()


def test_a_changed_dossier_replaces_the_file_casefile_wrote(
    cli: Cli, rich_case: dict[str, str], tmp_path: Path
) -> None:
    vault = tmp_path / "v"
    cli.ok("export", "markdown", str(vault))
    path = vault / "people" / "keith-kellogg.md"
    cli.ok("edit", rich_case["kellogg"], "--summary", "Now with a summary.")
    result = cli.ok("export", "markdown", str(vault))
    assert "Wrote 1 files" in result.stderr
    assert "Now with a summary." in path.read_text(encoding="utf-8")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert not list(vault.rglob("*.tmp"))  # no temporary file left behind


def test_a_failed_write_leaves_no_half_written_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from casefile.exchange import markdown_vault

    def broken(fd: int, mode: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(markdown_vault.os, "fchmod", broken)
    folder = tmp_path / "vault"
    folder.mkdir()
    with pytest.raises(OSError, match="No space"):
        markdown_vault._create(str(folder / "new.md"), b"text")
    assert list(folder.iterdir()) == []
    (folder / "old.md").write_bytes(b"mine")
    assert markdown_vault._create(str(folder / "old.md"), b"text") is False
    assert (folder / "old.md").read_bytes() == b"mine"
