"""``kill -9`` in the middle of decrypt, rekey, encrypt and a stdin import: no plaintext outlives it.

Real processes on a 20,000-entity case file whose every name carries a canary. After the
kill, the whole temporary folder of the process and the case file's folder are searched
for the canary; the only file allowed to hold it is a case file that was plain already.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from casefile.storage.encryption import is_encrypted
from tests.conftest import run_casefile, sqlite_only
from tests.hostile.kill import (
    CANARY,
    PASSPHRASE,
    build_canary_case,
    copy_case,
    encrypt_in_process,
    holding_canary,
    kill,
    start,
    wait_until,
    writing_beside,
)

pytestmark = [pytest.mark.slow, sqlite_only("encryption at rest and temporary files are SQLite matters")]
MB = 1 << 20


@pytest.fixture(scope="module")
def templates(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A plain and an encrypted copy of the same 20,000-entity canary case file."""
    folder = tmp_path_factory.mktemp("kill-templates")
    plain = folder / "plain" / "case.db"
    plain.parent.mkdir()
    build_canary_case(plain)
    encrypted = folder / "encrypted" / "case.db"
    encrypted.parent.mkdir()
    shutil.copyfile(plain, encrypted)
    encrypt_in_process(encrypted)
    return plain, encrypted


def _leftover_names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith((".tmp", "-journal")))


def test_decrypt_killed_midway_leaves_no_plaintext(templates: tuple[Path, Path], tmp_path: Path) -> None:
    case = copy_case(templates[1], tmp_path / "case")
    proc = start(["decrypt"], case, tmp_path / "tmp", {"CASEFILE_PASSPHRASE": PASSPHRASE})
    wait_until(
        lambda: writing_beside(proc, case.parent, case, 2 * MB),
        "decrypt to write its copy",
        proc,
        case.parent,
    )
    kill(proc)
    assert holding_canary(tmp_path) == []
    assert is_encrypted(case)
    assert _leftover_names(case.parent) == []
    # The next decrypt works and leaves nothing but the result and the encrypted backup.
    done = run_casefile("decrypt", db=str(case), env={"CASEFILE_PASSPHRASE": PASSPHRASE}, timeout=300)
    assert done.exit_code == 0, done.stderr
    assert holding_canary(tmp_path) == [str(case)]


def test_rekey_killed_midway_leaves_no_copy(templates: tuple[Path, Path], tmp_path: Path) -> None:
    case = copy_case(templates[1], tmp_path / "case")
    env = {"CASEFILE_PASSPHRASE": PASSPHRASE, "CASEFILE_NEW_PASSPHRASE": "another passphrase"}
    proc = start(["rekey"], case, tmp_path / "tmp", env)
    wait_until(
        lambda: writing_beside(proc, case.parent, case, 2 * MB), "rekey to write its copy", proc, case.parent
    )
    kill(proc)
    assert holding_canary(tmp_path) == []
    assert sorted(p.name for p in case.parent.iterdir()) == ["case.db"]
    listed = run_casefile("list", "--limit", "1", db=str(case), env={"CASEFILE_PASSPHRASE": PASSPHRASE})
    assert listed.exit_code == 0, listed.stderr


def test_encrypt_killed_midway_leaves_no_copy(templates: tuple[Path, Path], tmp_path: Path) -> None:
    case = copy_case(templates[0], tmp_path / "case")
    proc = start(["encrypt"], case, tmp_path / "tmp", {"CASEFILE_PASSPHRASE": PASSPHRASE})
    wait_until(
        lambda: writing_beside(proc, case.parent, case, 2 * MB),
        "encrypt to write its copy",
        proc,
        case.parent,
    )
    kill(proc)
    # The plain case file itself holds the canary, as it did before; nothing else does.
    assert holding_canary(tmp_path) == [str(case)]
    assert not is_encrypted(case)
    assert _leftover_names(case.parent) == []


def test_stdin_import_killed_midway_spools_nothing(templates: tuple[Path, Path], tmp_path: Path) -> None:
    source = copy_case(templates[0], tmp_path / "source")
    exported = run_casefile("export", "json", str(tmp_path / "bundle.json"), db=str(source), timeout=300)
    assert exported.exit_code == 0, exported.stderr
    bundle = (tmp_path / "bundle.json").read_bytes()
    (tmp_path / "bundle.json").unlink()
    shutil.rmtree(source.parent)
    assert CANARY in bundle
    assert len(json.loads(bundle)["entities"]) == 20_000
    case = tmp_path / "case" / "case.db"
    case.parent.mkdir()
    made = run_casefile("init", "--encrypt", db=str(case), env={"CASEFILE_PASSPHRASE": PASSPHRASE})
    assert made.exit_code == 0, made.stderr
    proc = start(["import", "json", "-"], case, tmp_path / "tmp", {"CASEFILE_PASSPHRASE": PASSPHRASE})
    assert proc.stdin is not None
    proc.stdin.write(bundle)  # returns once casefile has taken all but the pipe's last buffer
    proc.stdin.close()
    kill(proc)
    assert holding_canary(tmp_path) == []
    assert is_encrypted(case)
