"""Every graph format on a case of hostile names: real parsers accept it and read back the names."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from casefile.text import one_line
from tests.conftest import Cli, fresh_case_target
from tests.graph.tools import dot_run, mermaid_parse

HOSTILE = [
    'He said "hi"',
    "a --> b",
    "x; y",
    "%% not a comment",
    "end",
    "graph TD",
    "subgraph",
    "digraph { node }",
    "style P1 fill:#f00",
    "[bold]x[/]",
    "<script>alert(1)</script>",
    "back\\slash",
    "pipe | char",
    "hash #35; literal",
    "brace {{x}} (y)",
    "click P1 call alert()",
    "Ціханоўская",
    "dove 🕊",
    "esc \x1b[31mred",
    "amp & ; ` backtick",
]
ROLES = ["member of", 'said "no"', "a --> b |x|", "end", "%%"]


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, str]]]:
    """A hub person linked to an entity per hostile name, with hostile roles (built once)."""
    with fresh_case_target(tmp_path_factory.mktemp("hostile")) as target:
        yield target, _record(Cli(target))


@pytest.fixture
def cli(hostile_db: tuple[str, dict[str, str]]) -> Cli:
    return Cli(hostile_db[0])


@pytest.fixture
def hostile_case(hostile_db: tuple[str, dict[str, str]]) -> dict[str, str]:
    return hostile_db[1]


def _record(cli: Cli) -> dict[str, str]:
    hub = cli.json("add", "person", "Hub Person")["handle"]
    handles = {"hub": hub}
    for index, name in enumerate(HOSTILE):
        kind = ("person", "organization", "place", "event")[index % 4]
        handle = cli.json("add", kind, name)["handle"]
        handles[name] = handle
        cli.ok("link", hub, handle, "--role", ROLES[index % len(ROLES)])
    return handles


def _graph(cli: Any, fmt: str, *args: str) -> str:
    result = cli.ok("graph", *args, "--format", fmt)
    return result.stdout


def _mermaid_labels(text: str) -> dict[str, str]:
    labels = {}
    for match in re.finditer(r'^  n_(\w+)\W*"([^"]*)"', text, re.MULTILINE):
        labels[match.group(1)] = re.sub(r"#(\d+);", lambda m: chr(int(m.group(1))), match.group(2))
    return labels


def test_mermaid_of_hostile_names_parses_and_reads_back(
    cli: Any, hostile_case: dict[str, str], tmp_path: Path
) -> None:
    text = _graph(cli, "mermaid", hostile_case["hub"])
    labels = _mermaid_labels(text)
    for name in HOSTILE:
        handle = hostile_case[name]
        assert labels[handle] == f"{one_line(name, 80)} · {handle}"
    for line in text.splitlines()[1:]:  # every line is a node, an edge, a class or a style: nothing else
        assert re.match(
            r"^  (n_\w+[\[\(\{/]|n_\w+ -->\|\"[^\"]*\"\| n_\w+$|classDef \w+ |style n_\w+ )", line
        ), line
    whole = tmp_path / "whole.mmd"
    whole.write_text(_graph(cli, "mermaid"), encoding="utf-8")
    ego = tmp_path / "ego.mmd"
    ego.write_text(text, encoding="utf-8")
    checked = mermaid_parse([ego, whole])
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.count("ok ") == 2


def test_mermaid_parser_rejects_a_broken_diagram(tmp_path: Path) -> None:
    """The checker itself can fail: an unquoted bracket in a label is a parse error."""
    bad = tmp_path / "bad.mmd"
    bad.write_text("flowchart LR\n  n_P1[a ] b] --> n_P2\n", encoding="utf-8")
    checked = mermaid_parse([bad])
    assert checked.returncode == 1
    assert "FAIL" in checked.stdout


def test_dot_of_hostile_names_is_accepted_by_graphviz(
    cli: Any, hostile_case: dict[str, str], tmp_path: Path
) -> None:
    path = tmp_path / "case.dot"
    path.write_text(_graph(cli, "dot", hostile_case["hub"]), encoding="utf-8")
    drawn = dot_run(path, "svg")
    assert drawn.returncode == 0, drawn.stderr
    import xml.etree.ElementTree as ET

    shown = [t.text for t in ET.fromstring(drawn.stdout).iter("{http://www.w3.org/2000/svg}text")]
    for name in HOSTILE:
        handle = hostile_case[name]
        assert f"{one_line(name, 80)} · {handle}" in shown
    roles = sorted(t for t in shown if t in ROLES)
    assert roles == sorted(ROLES[i % len(ROLES)] for i in range(len(HOSTILE)))


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_gexf_and_graphml_read_back_to_the_same_graph(
    cli: Any, hostile_case: dict[str, str], fmt: str
) -> None:
    expected = json.loads(_graph(cli, "json", hostile_case["hub"]))
    text = _graph(cli, fmt, hostile_case["hub"])
    reader = nx.read_gexf if fmt == "gexf" else nx.read_graphml
    from io import BytesIO

    graph = reader(BytesIO(text.encode("utf-8")))
    assert sorted(graph.nodes) == sorted(n["handle"] for n in expected["nodes"])
    names = {n: graph.nodes[n]["label"] for n in graph.nodes}
    assert names == {n["handle"]: one_line(n["name"]) for n in expected["nodes"]}
    edges = sorted((u, v, d["role"]) for u, v, d in graph.edges(data=True))
    assert edges == sorted((e["source"], e["target"], one_line(e["role"])) for e in expected["edges"])


def test_output_order_is_stable(cli: Any, hostile_case: dict[str, str]) -> None:
    first = [_graph(cli, fmt) for fmt in ("mermaid", "dot", "json", "gexf", "graphml")]
    second = [_graph(cli, fmt) for fmt in ("mermaid", "dot", "json", "gexf", "graphml")]
    assert first == second
    nodes = [n["handle"] for n in json.loads(first[2])["nodes"]]
    numbers = [int(h[1:]) for h in nodes if re.fullmatch(r"P\d+", h)]
    assert numbers == sorted(numbers)  # P2 before P10
