"""Encryption at rest with real SQLCipher files: init, every command, wrong keys, rekey/encrypt/decrypt."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from casefile.storage.encryption import forget_passphrases
from tests.conftest import Cli, run_casefile
from tests.sample_case import record_sample_article

pytestmark = pytest.mark.sqlite_only
PASSPHRASE = "tea at 'five' o’clock"
SECRET_NAME = "Zmitser Quillfeather"


@pytest.fixture
def encrypted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Cli:
    """An encrypted case file (passphrase in CASEFILE_PASSPHRASE) and an in-process runner on it."""
    monkeypatch.setenv("CASEFILE_PASSPHRASE", PASSPHRASE)
    cli = Cli(str(tmp_path / "secret.db"))
    assert cli.json("init", "--encrypt") == {"database": cli.db, "encrypted": True}
    return cli


def _file_bytes(path: Path) -> bytes:
    return path.read_bytes() if path.exists() else b""


def _holds(data: bytes, text: str) -> bool:
    return any(form in data for form in (text.encode(), text.lower().encode(), text.encode("utf-16-le")))


def test_an_encrypted_file_has_no_sqlite_header_and_no_readable_names(encrypted: Cli):
    from casefile.storage.engine import open_database

    path = Path(encrypted.db)
    encrypted.ok(
        "add", "person", SECRET_NAME, "--alias", "Зміцер Пёрышка@be", "--summary", "Detained in Hrodna."
    )
    assert not path.read_bytes().startswith(b"SQLite format 3\x00")
    # Keep a reader open so the WAL survives while another connection writes into it.
    db = open_database(encrypted.db)
    try:
        with db.reader() as session:
            session.connection()
            encrypted.ok("note", "P1", "Lawyer: Quillfeather-Hrodna contact", "--private")
            wal = Path(encrypted.db + "-wal")
            assert wal.stat().st_size > 0
            for text in (SECRET_NAME, "Зміцер Пёрышка", "Detained in Hrodna", "Quillfeather-Hrodna"):
                assert not _holds(_file_bytes(path), text), text
                assert not _holds(_file_bytes(wal), text), text
    finally:
        db.dispose()


def test_the_same_steps_on_a_plain_file_do_leave_names_readable(cli: Cli, case_db: str):
    """The control for the test above: the byte search does find names in a plain file."""
    from tests.conftest import BACKEND

    if BACKEND != "sqlite":
        pytest.skip("SQLite files only")
    cli.ok("add", "person", SECRET_NAME)
    assert _holds(Path(case_db).read_bytes() + _file_bytes(Path(case_db + "-wal")), SECRET_NAME)


def test_every_command_works_on_an_encrypted_file(encrypted: Cli, tmp_path: Path):
    h = record_sample_article(encrypted)
    person = encrypted.json("show", "Ціханоўская")
    assert person["handle"] == h["tikhanovskaya"]
    assert encrypted.json("search", "Tsikhanouskaya")
    assert encrypted.json("timeline")
    assert len(encrypted.json("list")) > 10
    encrypted.ok("edit", h["tikhanovskaya"], "--summary", "Edited while encrypted.")
    assert encrypted.json("check")["findings"] is not None
    backup = encrypted.json("backup", str(tmp_path / "copy.db"))
    assert backup["verified"] is True
    assert "encrypted" in backup["method"]
    copy = Path(backup["path"])
    assert not copy.read_bytes().startswith(b"SQLite format 3")
    assert not _holds(copy.read_bytes(), "Tikhanovskaya")
    assert Cli(str(copy)).json("show", h["tikhanovskaya"])["summary"] == "Edited while encrypted."


def _one_sentence(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("casefile: ")
    assert "Traceback" not in stderr
    assert "ERROR CORE" not in stderr  # SQLCipher's own log lines are switched off
    return lines[0]


def test_a_wrong_or_missing_passphrase_is_one_sentence_in_a_real_process(tmp_path: Path):
    db = str(tmp_path / "secret.db")
    assert run_casefile("init", "--encrypt", db=db, env={"CASEFILE_PASSPHRASE": PASSPHRASE}).exit_code == 0
    wrong = run_casefile("list", db=db, env={"CASEFILE_PASSPHRASE": "not it"})
    assert wrong.exit_code == 3
    assert "passphrase is wrong" in _one_sentence(wrong.stderr)
    # No passphrase and no terminal: a sentence at once, never a prompt that hangs.
    env = {k: v for k, v in os.environ.items() if k != "CASEFILE_PASSPHRASE"}
    proc = subprocess.run(
        [sys.executable, "-m", "casefile", "--db", db, "show", "P1"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 3
    assert "CASEFILE_PASSPHRASE" in _one_sentence(proc.stderr)


def test_the_passphrase_is_never_a_command_line_argument(tmp_path: Path):
    result = Cli(str(tmp_path / "x.db"))("init", "--encrypt", "--passphrase", "oops")
    assert result.exit_code == 2
    assert not (tmp_path / "x.db").exists()


def test_an_empty_passphrase_is_refused_and_nothing_is_created(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    from casefile.storage.encryption import set_passphrase_prompt

    set_passphrase_prompt(lambda prompt, new: "")
    try:
        result = Cli(str(tmp_path / "x.db"))("init", "--encrypt")
    finally:
        set_passphrase_prompt(None)
    assert result.exit_code == 2
    assert "cannot be empty" in result.stderr
    assert not (tmp_path / "x.db").exists()


def test_init_encrypt_refuses_an_existing_plain_file(cli: Cli, case_db: str):
    from tests.conftest import BACKEND

    if BACKEND != "sqlite":
        pytest.skip("SQLite files only")
    cli.ok("add", "person", "Someone")
    result = cli("init", "--encrypt")
    assert result.exit_code == 2
    assert "casefile encrypt" in result.stderr


def test_rekey_encrypt_and_decrypt_keep_every_row_and_keep_a_private_backup(
    encrypted: Cli, monkeypatch: pytest.MonkeyPatch
):
    path = Path(encrypted.db)
    h = record_sample_article(encrypted)
    before = encrypted.json("show", h["tikhanovskaya"])

    monkeypatch.setenv("CASEFILE_NEW_PASSPHRASE", "a new and longer passphrase")
    rekeyed = encrypted.json("rekey")
    assert rekeyed["encrypted"] is True
    assert Path(rekeyed["backup"]).stat().st_mode & 0o777 == 0o600
    forget_passphrases()  # what a new process knows
    wrong = encrypted("list")
    assert wrong.exit_code == 3
    assert "passphrase is wrong" in wrong.stderr

    monkeypatch.setenv("CASEFILE_PASSPHRASE", "a new and longer passphrase")
    assert encrypted.json("show", h["tikhanovskaya"]) == before
    same = encrypted("rekey")
    assert same.exit_code == 2
    assert "same as the old one" in same.stderr

    decrypted = encrypted.json("decrypt")
    assert decrypted["encrypted"] is False
    assert path.read_bytes().startswith(b"SQLite format 3\x00")
    monkeypatch.delenv("CASEFILE_PASSPHRASE")
    forget_passphrases()
    assert encrypted.json("show", h["tikhanovskaya"]) == before
    assert encrypted("decrypt").exit_code == 2

    monkeypatch.setenv("CASEFILE_PASSPHRASE", "third")
    again = encrypted.json("encrypt")
    assert again["encrypted"] is True
    assert again["rows"] == decrypted["rows"]
    assert not _holds(path.read_bytes(), "Tikhanovskaya")
    assert encrypted.json("show", h["tikhanovskaya"]) == before
    assert encrypted("encrypt").exit_code == 2
    assert encrypted.json("check")["findings"] == Cli(encrypted.db).json("check")["findings"]
    assert path.stat().st_mode & 0o777 == 0o600
    backups = sorted(path.parent.glob("secret.db.before-*.bak"))
    assert [b.name.split(".")[2] for b in backups] == ["before-decrypt", "before-encrypt", "before-rekey"]
    assert all(b.stat().st_mode & 0o777 == 0o600 for b in backups)


def test_hidden_prompt_asks_twice_at_init_and_once_afterwards(tmp_path: Path):
    """A real terminal (a pty): nothing is echoed, a mismatch creates nothing."""
    from tests.safety.terminal import run_in_terminal

    db = tmp_path / "typed.db"
    env = {k: v for k, v in os.environ.items() if k != "CASEFILE_PASSPHRASE"}
    mismatch = run_in_terminal(["--db", str(db), "init", "--encrypt"], ["first one", "second one"], env)
    assert mismatch.exit_code == 2
    assert "differ" in mismatch.output
    assert not db.exists()

    made = run_in_terminal(["--db", str(db), "init", "--encrypt"], ["s3cret pass", "s3cret pass"], env)
    assert made.exit_code == 0, made.output
    assert made.prompts == 2
    assert "s3cret" not in made.output
    assert "(encrypted)" in made.output

    listed = run_in_terminal(["--db", str(db), "add", "person", "Typed Name"], ["s3cret pass"], env)
    assert listed.exit_code == 0, listed.output
    assert listed.prompts == 1


def test_encryption_is_recognised_by_the_header_not_guessed_from_junk(encrypted: Cli, tmp_path: Path):
    from casefile.storage.encryption import is_encrypted

    text = tmp_path / "notes.txt"
    text.write_bytes(b"just some text, not a database\n" * 512)
    short = tmp_path / "short.bin"
    short.write_bytes(os.urandom(100))
    plain = tmp_path / "plain.db"
    Cli(str(plain)).ok("init")
    assert is_encrypted(Path(encrypted.db))
    assert not any(is_encrypted(p) for p in (text, short, plain, tmp_path / "missing.db", tmp_path))


def test_the_file_opens_with_the_plain_passphrase_in_any_sqlcipher_4_tool(encrypted: Cli):
    """casefile derives the raw key itself; the result must equal SQLCipher's own derivation."""
    import sqlcipher3

    encrypted.ok("add", "person", SECRET_NAME)
    conn = sqlcipher3.connect(encrypted.db)
    try:
        conn.execute("PRAGMA key = '" + PASSPHRASE.replace("'", "''") + "'")
        assert conn.execute("SELECT name FROM entity").fetchall() == [(SECRET_NAME,)]
    finally:
        conn.close()
