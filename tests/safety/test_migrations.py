"""Old files migrate forward after a private backup; files from a newer casefile are refused."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from casefile.storage import migrate, schema
from tests.conftest import Cli
from tests.sample_case import PEOPLE

pytestmark = pytest.mark.sqlite_only
FIXTURE = Path(__file__).parents[1] / "fixtures" / "casefile-0001_baseline.db"
PROBE = "9000_probe"

PROBE_MIGRATION = '''"""probe: a later schema version, for the upgrade tests"""
from alembic import op

revision = "{revision}"
down_revision = "{down}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_probe_entity_updated", "entity", ["updated"])


def downgrade() -> None:
    op.drop_index("ix_probe_entity_updated", table_name="entity")
'''


@pytest.fixture
def old_file(tmp_path: Path) -> Path:
    """A copy of the shipped baseline fixture, world-readable as an old file might be."""
    target = tmp_path / "old.db"
    shutil.copyfile(FIXTURE, target)
    target.chmod(0o644)
    return target


@pytest.fixture
def newer_casefile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """This casefile plus one more migration on top of the real chain (so an upgrade always runs)."""
    migrations = tmp_path / "migrations"
    shutil.copytree(schema.MIGRATIONS_DIR, migrations, ignore=shutil.ignore_patterns("__pycache__"))
    (migrations / "versions" / f"{PROBE}.py").write_text(
        PROBE_MIGRATION.format(revision=PROBE, down=schema.HEAD)
    )
    monkeypatch.setattr(schema, "MIGRATIONS_DIR", migrations)
    monkeypatch.setattr(schema, "REVISIONS", (*schema.REVISIONS, PROBE))
    monkeypatch.setattr(schema, "HEAD", PROBE)
    monkeypatch.setattr(migrate, "HEAD", PROBE)
    return PROBE


def _revision(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return str(conn.execute("SELECT version_num FROM alembic_version").fetchone()[0])
    finally:
        conn.close()


def _content_hash(path: Path) -> str:
    """Schema and rows (the journal-mode byte in the header may change on open)."""
    conn = sqlite3.connect(path)
    try:
        return hashlib.sha256("\n".join(conn.iterdump()).encode()).hexdigest()
    finally:
        conn.close()


def test_the_fixture_is_at_the_baseline_schema():
    assert _revision(FIXTURE) == "0001_baseline"


def test_an_old_file_is_backed_up_migrated_and_the_user_told_once(old_file: Path, newer_casefile: str):
    cli = Cli(str(old_file))
    first = cli("list", "--json")
    assert first.exit_code == 0, first.stderr
    notices = [line for line in first.stderr.splitlines() if "Upgraded" in line]
    assert len(notices) == 1
    assert f"from schema 0001_baseline to {newer_casefile}" in notices[0]
    assert {p[0] for p in PEOPLE} <= {item["name"] for item in first.json()}
    assert _revision(old_file) == newer_casefile

    backups = list(old_file.parent.glob("old.db.0001_baseline.*.bak"))
    assert len(backups) == 1
    assert str(backups[0]) in notices[0]
    assert backups[0].stat().st_mode & 0o777 == 0o600
    assert _revision(backups[0]) == "0001_baseline"
    with sqlite3.connect(backups[0]) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"

    second = cli("list", "--json")
    assert second.exit_code == 0
    assert "Upgraded" not in second.stderr


def test_an_old_encrypted_file_is_backed_up_encrypted_and_migrated(
    old_file: Path, newer_casefile: str, monkeypatch: pytest.MonkeyPatch
):
    from casefile.services.encryption import convert_file
    from casefile.storage.encryption import Cipher

    convert_file(old_file, source=None, target=Cipher("migration passphrase"), action="encrypt")
    for leftover in old_file.parent.glob("old.db.before-*.bak"):
        leftover.unlink()
    monkeypatch.setenv("CASEFILE_PASSPHRASE", "migration passphrase")
    result = Cli(str(old_file))("show", "Ціханоўская", "--json")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.count("Upgraded the case file") == 1
    (backup,) = old_file.parent.glob("old.db.0001_baseline.*.bak")
    assert not backup.read_bytes().startswith(b"SQLite format 3")
    assert b"Tikhanovskaya" not in backup.read_bytes()
    conn = Cipher("migration passphrase").connect(backup)
    try:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001_baseline"
    finally:
        conn.close()


def test_the_fixture_opens_with_this_casefile_as_it_is(old_file: Path):
    result = Cli(str(old_file))("list", "--json")
    assert result.exit_code == 0, result.stderr
    assert _revision(old_file) == schema.HEAD
    upgraded = schema.HEAD != "0001_baseline"
    assert result.stderr.count("Upgraded the case file") == (1 if upgraded else 0)


def test_a_file_from_a_newer_casefile_is_refused_and_left_alone(old_file: Path):
    with sqlite3.connect(old_file) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.close()
    before = _content_hash(old_file)
    result = Cli(str(old_file))("list")
    assert result.exit_code == 3
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "newer casefile" in lines[0]
    assert "9999_from_the_future" in lines[0]
    assert _content_hash(old_file) == before
    assert not list(old_file.parent.glob("*.bak"))
