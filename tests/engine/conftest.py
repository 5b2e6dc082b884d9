"""Fixtures the engine tests share: the advisor's answers on the reference corpus."""

from __future__ import annotations

import pytest

from engine.corpus import load_corpus
from engine.corpus_runs import corpus_outcomes


@pytest.fixture(scope="session")
def corpus():
    return load_corpus()


@pytest.fixture(scope="session")
def dev_outcomes(reasoner, corpus):
    """The shipped advisor's answer on every development-half case (all factors)."""
    return corpus_outcomes(reasoner, [case for case in corpus if case.half == "development"])
