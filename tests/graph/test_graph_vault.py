"""The vault draws each dossier's one-hop network and a capped whole-case network in index.md."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import Cli
from tests.graph.tools import mermaid_parse
from tests.sample_case import record_sample_article

_BLOCK = re.compile(r"```mermaid\n(.*?)```", re.DOTALL)


def test_dossiers_and_index_carry_diagrams_that_parse(cli: Cli, tmp_path: Path) -> None:
    h = record_sample_article(cli)
    cli.ok("add", "person", 'Odd "name" --> [x] %% end;')
    cli.ok("link", h["tikhanovskaya"], 'Odd "name" --> [x] %% end;', "--role", 'said "no" | end')
    vault = tmp_path / "vault"
    cli.ok("export", "markdown", str(vault))
    dossier = (vault / "people" / "sviatlana-tikhanovskaya.md").read_text(encoding="utf-8")
    links_at, network_at = dossier.index("## Links"), dossier.index("### Network")
    assert links_at < network_at < dossier.index("## Timeline")
    blocks = _BLOCK.findall(dossier)
    assert len(blocks) == 1
    assert f'n_{h["tikhanovsky"]}(["Sergei Tikhanovsky · {h["tikhanovsky"]}"])' in blocks[0]
    assert '-->|"spouse of"|' in blocks[0]
    files = []
    for page in sorted(vault.rglob("*.md")):
        for index, block in enumerate(_BLOCK.findall(page.read_text(encoding="utf-8"))):
            path = tmp_path / f"{page.stem}-{index}.mmd"
            path.write_text(block, encoding="utf-8")
            files.append(path)
    assert len(files) >= 15  # every linked dossier and the index
    checked = mermaid_parse(files)
    assert checked.returncode == 0, checked.stdout


def test_index_diagram_is_capped_and_says_by_how_much(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from casefile.exchange import markdown_vault

    monkeypatch.setattr(markdown_vault, "INDEX_DIAGRAM_LIMIT", 5)
    record_sample_article(cli)
    vault = tmp_path / "vault"
    cli.ok("export", "markdown", str(vault))
    index = (vault / "index.md").read_text(encoding="utf-8")
    assert "Capped: the 5 most-linked of 19 entities and 3 of 13 links are drawn." in index
    diagram = _BLOCK.findall(index)[0]
    assert len(re.findall(r"^  n_\w+[\[\(\{/]", diagram, re.MULTILINE)) == 5
    assert 'n_E1[/"Release of 14 political prisoners · E1"/]' in diagram  # the most-linked entity
