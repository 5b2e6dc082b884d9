"""Paths the tests share."""

from __future__ import annotations

from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent
ROOT = TESTS.parent
CONTRACT_EXAMPLES = TESTS / "fixtures" / "contract"
