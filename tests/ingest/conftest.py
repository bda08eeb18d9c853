"""Ingest tests: the real ``casefile.ingest`` when present, else the test stand-in."""

from __future__ import annotations

import importlib.util

import pytest

REAL_INGEST = importlib.util.find_spec("casefile.ingest") is not None
if not REAL_INGEST:
    from tests.ingest.standin import install

    install()

needs_real_ingest = pytest.mark.skipif(not REAL_INGEST, reason="casefile.ingest (branch nlp) has not landed")
