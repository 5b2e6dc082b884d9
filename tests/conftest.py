"""Shared fixtures: the shipped reasoner, contract examples, and test-support imports."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
sys.path.insert(0, str(TESTS))  # makes tests/support importable as `support`

CONTRACT_EXAMPLES = TESTS / "fixtures" / "contract"


@pytest.fixture(scope="session")
def reasoner():
    from engine import default_reasoner

    return default_reasoner()


@pytest.fixture(scope="session")
def kb(reasoner):
    return reasoner.kb
