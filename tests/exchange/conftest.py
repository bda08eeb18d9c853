"""Fixtures for export and import tests: a rich case file and bundle helpers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.exchange.rich_case import build_rich_case


@pytest.fixture
def rich_case(case_db: str) -> dict[str, str]:
    """The test's case file filled with every kind of record; handles by key."""
    return build_rich_case(case_db)


def load_bundle(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data
