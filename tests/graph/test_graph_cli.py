"""``casefile graph`` on the sample article's case: depth, filters, privacy, files and refusals."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Cli, fresh_case_target, run_casefile, snapshot_database
from tests.graph.tools import mermaid_parse
from tests.sample_case import record_sample_article


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, str]]]:
    with fresh_case_target(tmp_path_factory.mktemp("sample")) as target:
        cli = Cli(target)
        handles = record_sample_article(cli)
        secret = cli.json("add", "person", "Hidden Witness", "--private")["handle"]
        cli.ok("link", handles["tikhanovskaya"], secret, "--role", "spoke to")
        handles["secret"] = secret
        yield target, handles


@pytest.fixture
def cli(sample: tuple[str, dict[str, str]]) -> Cli:
    return Cli(sample[0])


@pytest.fixture
def h(sample: tuple[str, dict[str, str]]) -> dict[str, str]:
    return sample[1]


def _json(cli: Cli, *args: str) -> Any:
    return json.loads(cli.ok("graph", *args, "--format", "json").stdout)


def test_json_nodes_and_edges_match_show(cli: Cli, h: dict[str, str]) -> None:
    person = h["tikhanovskaya"]
    drawn = _json(cli, person)
    shown = cli.json("show", person)
    public_links = [link for link in shown["links"] if not link["other"]["private"]]
    assert sorted(e["handle"] for e in drawn["edges"]) == sorted(link["handle"] for link in public_links)
    for link in public_links:
        edge = next(e for e in drawn["edges"] if e["handle"] == link["handle"])
        assert (edge["source"], edge["target"], edge["role"], edge["date"]) == (
            link["source"]["handle"],
            link["target"]["handle"],
            link["role"],
            link["date"],
        )
    others = {link["other"]["handle"]: link["other"] for link in public_links}
    nodes = {n["handle"]: n for n in drawn["nodes"]}
    assert set(nodes) == {person, *others}
    for handle, other in others.items():
        assert (nodes[handle]["name"], nodes[handle]["kind"], nodes[handle]["hops"]) == (
            other["name"],
            other["kind"],
            1,
        )
    assert drawn["center"] == person
    assert nodes[person]["hops"] == 0


def test_depth_reaches_further(cli: Cli, h: dict[str, str]) -> None:
    one = {n["handle"] for n in _json(cli, h["tikhanovskaya"])["nodes"]}
    two = {n["handle"]: n["hops"] for n in _json(cli, h["tikhanovskaya"], "--depth", "2")["nodes"]}
    assert h["dulina"] not in one
    assert two[h["dulina"]] == 2  # released in the same event
    assert h["viasna"] in two
    assert h["kellogg"] not in two  # three links away


def test_role_and_kind_filters(cli: Cli, h: dict[str, str]) -> None:
    released = _json(cli, h["release"], "--role", "released")
    assert {e["role"] for e in released["edges"]} == {"released"}
    assert h["viasna"] not in {n["handle"] for n in released["nodes"]}
    people = _json(cli, h["release"], "--kind", "person")
    kinds = {n["kind"] for n in people["nodes"] if n["handle"] != h["release"]}
    assert kinds == {"person"}  # the centre is drawn whatever its kind


def test_date_window_keeps_dated_links_and_says_what_it_left_out(cli: Cli, h: dict[str, str]) -> None:
    result = cli.ok("graph", "--since", "2025-06", "--until", "2025-06-30", "--format", "json")
    drawn = json.loads(result.stdout)
    assert [e["role"] for e in drawn["edges"]] == ["met with"]
    assert "undated link(s) left out" in result.stderr
    assert cli.ok("graph", "--since", "2026", "--format", "json").stdout.count('"role"') == 0


def test_private_entities_stay_out_unless_asked(cli: Cli, h: dict[str, str]) -> None:
    names = [n["name"] for n in _json(cli)["nodes"]]
    assert "Hidden Witness" not in names
    assert "Hidden Witness" not in cli.ok("graph", h["tikhanovskaya"], "--format", "mermaid").stdout
    shown = _json(cli, h["tikhanovskaya"], "--include-private")
    assert any(n["name"] == "Hidden Witness" and n["private"] for n in shown["nodes"])
    refused = cli("graph", h["secret"])
    assert refused.exit_code != 0
    assert "private" in refused.stderr


def test_output_file_follows_its_suffix_and_is_private(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "case.dot"
    result = cli.ok("graph", "--output", str(target))
    assert target.read_text(encoding="utf-8").startswith("digraph casefile {")
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    assert "Wrote" in result.stderr
    assert result.stdout == ""


def test_mermaid_of_the_sample_case_parses(cli: Cli, h: dict[str, str], tmp_path: Path) -> None:
    files = []
    for args in ([], [h["tikhanovskaya"], "--depth", "3"], [h["kellogg"], "--include-private"]):
        path = tmp_path / f"g{len(files)}.mmd"
        cli.ok("graph", *args, "--output", str(path))
        files.append(path)
    checked = mermaid_parse(files)
    assert checked.returncode == 0, checked.stdout + checked.stderr


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["graph", "P999"], "P999"),
        (["graph", "--format", "svg"], "--format"),
        (["graph", "P1", "--depth", "9"], "--depth"),
        (["graph", "--since", "yesterday"], "yesterday"),
        (["graph", "--since", "2025", "--until", "2024"], "after"),
        (["graph", "--kind", "planet"], "planet"),
        (["graph", "--output", ""], "--output"),
    ],
)
def test_bad_input_is_one_sentence(sample: tuple[str, dict[str, str]], args: list[str], words: str) -> None:
    before = snapshot_database(sample[0])
    result = run_casefile(*args, db=sample[0])
    assert result.exit_code != 0
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert words in lines[0]
    assert "Traceback" not in result.stderr
    assert "Internal error" not in result.stderr
    assert snapshot_database(sample[0]) == before


def test_whole_case_is_capped_and_says_so(tmp_path: Path) -> None:
    from casefile.services.graph import build_graph
    from casefile.storage.engine import open_database

    with fresh_case_target(tmp_path) as target:
        cli = Cli(target)
        hub = cli.json("add", "organization", "Hub")["handle"]
        for index in range(12):
            person = cli.json("add", "person", f"Member {index}")["handle"]
            cli.ok("link", person, hub, "--role", "member of")
            if 0 < index < 4:
                cli.ok("link", person, "P1", "--role", "knows")
        db = open_database(target)
        try:
            drawn = db.read(lambda s: build_graph(s, limit=4))
        finally:
            db.dispose()
    handles = [n.handle for n in drawn.nodes]
    assert len(handles) == 4
    assert handles[:2] == ["O1", "P1"]  # the two most-linked
    assert drawn.capped
    assert drawn.total_nodes == 13
    assert "4 most-linked of 13 entities" in drawn.notes[0]
