"""Evidence safety: encrypted at rest, kept by bundles, bad files refused with one sentence."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import Cli, run_casefile, snapshot_database, sqlite_only

PASSPHRASE = "correct horse battery staple"
SECRET = "Quillfeather met Ondraszkiewicz behind the Hrodna tannery"


@sqlite_only("file encryption is a SQLite feature")
def test_an_encrypted_case_file_holds_no_plaintext_of_an_ingested_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CASEFILE_PASSPHRASE", PASSPHRASE)
    cli = Cli(str(tmp_path / "secret.db"))
    cli.ok("init", "--encrypt")
    article = tmp_path / "leak.txt"
    article.write_text(f"Testimony\n\n{SECRET}.\n", encoding="utf-8")
    cli.ok("ingest", str(article))
    article.unlink()
    data = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.name.startswith("secret.db"))
    for form in (SECRET.encode(), SECRET.lower().encode(), b"ondraszkiewicz", b"quillfeather"):
        assert form not in data
    assert SECRET in cli.ok("attachment", "S1").stdout


def test_a_bundle_round_trip_keeps_the_attachment(cli: Cli, tmp_path: Path) -> None:
    data = b"Testimony\n\nAles Bialiatski was seen in Minsk.\n"
    article = tmp_path / "t.txt"
    article.write_bytes(data)
    cli.ok("ingest", str(article), "--accept", "all")
    bundle = tmp_path / "case.json"
    cli.ok("export", "json", str(bundle))
    other = Cli(str(tmp_path / "other.db")) if not cli.db.startswith("postgresql") else None
    if other is None:
        pytest.skip("the round trip into a second database runs on SQLite")
    other.ok("import", "json", str(bundle))
    out = tmp_path / "back.txt"
    other.ok("attachment", "S1", "--output", str(out))
    assert out.read_bytes() == data
    assert other.json("search", "seen")[0]["handle"] == "S1"
    person = other.json("show", "Ales Bialiatski")
    assert person["mentioned_in"][0]["handle"] == "S1"


def _bad_files(tmp_path: Path) -> dict[str, tuple[str, str]]:
    """name -> (path, a word the sentence must hold)."""
    folder = tmp_path / "folder"
    folder.mkdir()
    unreadable = tmp_path / "locked.txt"
    unreadable.write_text("secret", encoding="utf-8")
    unreadable.chmod(0)
    junk = tmp_path / "junk.bin"
    junk.write_bytes(bytes(range(256)) * 64)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    scanned = tmp_path / "scan.pdf"
    from tests.ingest.pdf_writer import make_pdf

    scanned.write_bytes(make_pdf([[]]))  # a page with no text layer, as a scan has
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * 2048)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    return {
        "missing": (str(tmp_path / "nope.txt"), "no file"),
        "folder": (str(folder), "folder"),
        "unreadable": (str(unreadable), "permission"),
        "junk": (str(junk), "binary"),
        "empty": (str(empty), "empty"),
        "scanned": (str(scanned), "pdf"),
        "fifo": (str(fifo), "regular"),
        "big": (str(big), "limit"),
    }


@pytest.mark.parametrize(
    "case", ["missing", "folder", "unreadable", "junk", "empty", "scanned", "fifo", "big"]
)
def test_bad_files_get_one_sentence_and_nothing_is_written(cli: Cli, tmp_path: Path, case: str) -> None:
    if case == "unreadable" and os.geteuid() == 0:
        pytest.skip("root reads any file")
    cli.ok("add", "person", "Ales Bialiatski")
    path, word = _bad_files(tmp_path)[case]
    before = snapshot_database(cli.db)
    env = {"CASEFILE_MAX_ATTACHMENT": "1KB"} if case == "big" else None
    result = cli("ingest", path, env=env)
    assert result.exit_code != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("casefile: "), result.stderr
    assert word in lines[0].lower(), lines[0]
    assert "Traceback" not in result.stderr
    assert "Internal error" not in result.stderr
    assert snapshot_database(cli.db) == before


def test_a_bad_file_in_a_real_process_is_one_sentence(case_db: str, tmp_path: Path) -> None:
    junk = tmp_path / "junk.bin"
    junk.write_bytes(os.urandom(4096))
    result = run_casefile("ingest", str(junk), db=case_db)
    assert result.exit_code != 0
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("casefile: ")


def test_the_size_limit_is_configurable_and_checked(cli: Cli, tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("Ales Bialiatski. " * 200, encoding="utf-8")
    refused = cli("add", "source", "Big", "--file", str(big), env={"CASEFILE_MAX_ATTACHMENT": "1KB"})
    assert refused.exit_code == 2
    assert "limit" in refused.stderr
    wrong = cli("ingest", str(big), env={"CASEFILE_MAX_ATTACHMENT": "lots"})
    assert wrong.exit_code == 2
    assert "CASEFILE_MAX_ATTACHMENT" in wrong.stderr
    cli.ok("ingest", str(big))


def test_a_ten_megabyte_text_finishes(cli: Cli, tmp_path: Path) -> None:
    paragraph = (
        "On June 21 the regime released 14 political prisoners, including Sviatlana Tikhanovskaya, "
        "Natalya Dulina and Ihor Korney; Viasna said they were taken to Lithuania.\n\n"
    )
    big = tmp_path / "big.txt"
    big.write_text(paragraph * (10_000_000 // len(paragraph) + 1), encoding="utf-8")
    cli.ok("add", "person", "Natalya Dulina")
    out = cli.json("ingest", str(big))
    assert out["source"]["handle"] == "S1"
    assert len(out["mentions"]) > 10_000
    assert out["candidates"]
