"""Shared fixtures: the shipped reasoner, contract examples, and test-support imports."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))  # makes tests/support importable


@pytest.fixture(scope="session")
def reasoner():
    from engine import default_reasoner

    return default_reasoner()


@pytest.fixture(scope="session")
def kb(reasoner):
    return reasoner.kb
