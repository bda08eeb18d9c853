"""casefile opens no network socket: in the test process (conftest guard) and as a real process."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import NETWORK_ATTEMPTS, NetworkUsed, run_casefile

GUARD_DIR = Path(__file__).with_name("no_network")


def test_the_session_guard_refuses_inet_sockets_and_allows_unix_ones():
    with pytest.raises(NetworkUsed):
        socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    with pytest.raises(NetworkUsed):
        socket.getaddrinfo("example.org", 443)
    NETWORK_ATTEMPTS.clear()
    left, right = socket.socketpair(socket.AF_UNIX)
    left.close()
    right.close()


@pytest.mark.slow
def test_every_command_runs_with_the_network_refused(tmp_path: Path):
    """A sitecustomize guard refuses (and logs) any inet socket in the real casefile process."""
    log = tmp_path / "network.log"
    db = str(tmp_path / "case.db")
    env = {
        "PYTHONPATH": os.pathsep.join([str(GUARD_DIR), os.environ.get("PYTHONPATH", "")]),
        "CASEFILE_NETLOG": str(log),
        "CASEFILE_PASSPHRASE": "correct horse battery staple",
    }
    probe = run_casefile("--version", env={**env, "PYTHONPATH": str(GUARD_DIR)})
    assert probe.exit_code == 0
    article = tmp_path / "article.html"
    article.write_text(
        "<html><head><title>Release</title><link rel='stylesheet' href='https://example.org/s.css'>"
        "<script src='https://example.org/x.js'></script></head><body><nav>Home</nav>"
        "<article><h1>Release</h1><p>Ales Bialiatski met Natalya Dulina in Minsk on June 21, 2025."
        " <img src='https://example.org/p.png'></p></article></body></html>",
        encoding="utf-8",
    )
    commands = [
        ["init", "--encrypt"],
        [
            "add",
            "source",
            "Report",
            "--url",
            "https://example.org/report",
            "--reliability",
            "B",
            "--publisher",
            "Viasna",
            "--published",
            "2021-07-15",
        ],
        ["add", "person", "Ales Bialiatski", "--alias", "Алесь Бяляцкі@be", "--born", "1962-09-25"],
        ["add", "event", "Arrest", "--date", "2021-07-14"],
        ["link", "E1", "P1", "--role", "arrested", "--source", "S1"],
        ["note", "P1", "Seen at https://example.org/x", "--source", "S1"],
        ["cite", "P1", "S1", "--locator", "p. 2"],
        ["show", "P1", "--json"],
        ["list", "--json"],
        ["search", "Бяляцкі", "--json"],
        ["timeline", "--json"],
        ["graph", "P1", "--depth", "2", "--format", "mermaid"],
        ["graph", "--format", "gexf", "--output", str(tmp_path / "case.gexf")],
        ["claim", "P1", "status", "detained", "--source", "S1"],
        ["claim", "edit", "CL1", "--value", "released", "--as-of", "2025"],
        ["claim", "remove", "CL1", "--yes"],
        ["edit", "P1", "--status", "in exile"],
        ["check"],
        ["backup", str(tmp_path / "backup.db")],
        ["ingest", str(article), "--accept-known", "--accept", "all", "--json"],
        ["attachment", "S2", "--output", str(tmp_path / "copy.html")],
        ["show", "S2", "--text"],
        ["add", "organization", "Viasna Centre"],
        ["add", "place", "Hrodna"],
        ["claim", "add", "P1", "released_count", "13", "--source", "S1"],
        ["claim", "add", "P1", "released_count", "14", "--source", "S1"],
        ["claims", "--conflicts", "--json"],
        ["resolve", "CL2", "--prefer", "CL3"],
        ["add", "person", "Ales Bialiatsky"],
        ["duplicates", "--json"],
        ["distinct", "Ales Bialiatski", "Ales Bialiatsky"],
        ["merge", "Ales Bialiatski", "Ales Bialiatsky", "--yes", "--force"],
        ["unmerge", "Ales Bialiatsky"],
        ["unlink", "L1"],
        ["history", "--limit", "5", "--json"],
        ["undo", "--yes"],
        ["remove", "Hrodna", "--yes"],
        ["restore", "Hrodna"],
        ["purge", "Hrodna", "--yes"],
        ["export", "json", str(tmp_path / "bundle.json")],
        ["export", "markdown", str(tmp_path / "vault")],
        ["import", "json", str(tmp_path / "bundle.json")],
        ["demo", "--no-tui", "--path", str(tmp_path / "demo.db")],
        ["rekey"],
        ["decrypt"],
        ["encrypt"],
    ]
    passphrases = {
        "rekey": {"CASEFILE_NEW_PASSPHRASE": "a new passphrase"},
        "decrypt": {"CASEFILE_PASSPHRASE": "a new passphrase"},
        "encrypt": {"CASEFILE_PASSPHRASE": "a third passphrase"},
    }
    for args in commands:
        result = run_casefile(*args, db=db, env={**env, **passphrases.get(args[0], {})})
        assert result.exit_code == 0, f"{args}: {result.stderr}"
    assert not log.exists(), log.read_text()
    # Every command casefile offers ran above (a new command must be added to this list).
    offered = _leaf_commands()
    ran = {c for args in commands for c in offered if tuple(args[: len(c)]) == c}
    assert offered <= ran, f"not run with the network refused: {sorted(offered - ran)}"
    # The guard itself works in a real process: a deliberate connection is refused and logged.
    code = "import socket; socket.create_connection(('127.0.0.1', 9))"
    proc = subprocess.run(
        [sys.executable, "-c", code], env={**os.environ, **env}, capture_output=True, check=False
    )
    assert proc.returncode != 0
    assert "socket.__new__" in log.read_text() or "getaddrinfo" in log.read_text()


def _leaf_commands() -> set[tuple[str, ...]]:
    """Every command path of the CLI that runs something (``('export', 'json')``, ``('graph',)``...)."""
    import typer.main

    from casefile.cli.app import app

    found: set[tuple[str, ...]] = set()

    def walk(command: object, path: tuple[str, ...]) -> None:
        subs = getattr(command, "commands", {})
        if not subs:
            found.add(path)
        for name, sub in subs.items():
            walk(sub, (*path, name))

    walk(typer.main.get_command(app), ())
    return found
