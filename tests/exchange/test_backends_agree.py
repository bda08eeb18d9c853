"""The same data gives the same bytes from a SQLite file and from the backend under test.

On the PostgreSQL pass this is the team's guarantee: a bundle or vault exported from the
server is byte-identical to one exported from a SQLite file holding the same records.
"""

from __future__ import annotations

from pathlib import Path

from tests.conftest import BACKEND, Cli
from tests.exchange.rich_case import build_rich_case


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_bundles_and_vaults_are_byte_identical_across_backends(case_db: str, tmp_path: Path) -> None:
    sqlite_db = str(tmp_path / "laptop.db")
    build_rich_case(sqlite_db)
    laptop, server = Cli(sqlite_db), Cli(case_db)
    bundle = tmp_path / "laptop.json"
    laptop.ok("export", "json", str(bundle), "--include-private")

    server.ok("import", "json", str(bundle))
    for extra in ([], ["--include-private"]):
        from_laptop = laptop.ok("export", "json", "-", *extra).stdout
        from_server = server.ok("export", "json", "-", *extra).stdout
        assert from_server == from_laptop, f"{BACKEND} bundle differs from SQLite's ({extra})"

    laptop.ok("export", "markdown", str(tmp_path / "laptop-vault"), "--include-private")
    server.ok("export", "markdown", str(tmp_path / "server-vault"), "--include-private")
    assert _tree(tmp_path / "server-vault") == _tree(tmp_path / "laptop-vault")
