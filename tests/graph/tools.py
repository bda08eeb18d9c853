"""The real checkers of the diagrams: Mermaid's own parser (Node.js) and Graphviz's ``dot``.

.ci/run installs both and sets CASEFILE_REQUIRE_GRAPH_TOOLS=1, so there a missing tool fails
the test instead of skipping it; on a laptop without them the tests say why they skip.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

MERMAID_DIR = Path(__file__).parent / "mermaid"


def _missing(what: str) -> None:
    if os.environ.get("CASEFILE_REQUIRE_GRAPH_TOOLS"):
        pytest.fail(f"{what} is required here (CASEFILE_REQUIRE_GRAPH_TOOLS is set) but missing.")
    pytest.skip(f"{what} is not installed (.ci/run installs it).")


def mermaid_parse(files: list[Path]) -> subprocess.CompletedProcess[str]:
    """Run Mermaid's parser over ``files``; the result's stdout says ok/FAIL per file."""
    node = shutil.which("node")
    if node is None or not (MERMAID_DIR / "node_modules" / "mermaid").is_dir():
        _missing("Node.js with the mermaid package (npm install in tests/graph/mermaid)")
    return subprocess.run(
        [str(node), str(MERMAID_DIR / "check.mjs"), *map(str, files)],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


def dot_run(path: Path, fmt: str = "json") -> subprocess.CompletedProcess[str]:
    """Graphviz ``dot -T<fmt>`` over ``path``."""
    dot = shutil.which("dot")
    if dot is None:
        _missing("Graphviz (dot)")
    return subprocess.run(
        [str(dot), f"-T{fmt}", str(path)], capture_output=True, text=True, timeout=120, check=False
    )
