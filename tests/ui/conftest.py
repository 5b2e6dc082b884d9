"""Fixtures for the app's tests: a throw-away library and the app on its first page."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from engine import Recommendation, Scenario, recommend, scenario_from_data
from ui.app.questions import Question, build_questions

sys.path.insert(0, str(Path(__file__).resolve().parent))  # makes app_support importable

from app_support import start_app  # noqa: E402


@pytest.fixture
def library_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A fresh SQLite library for one test, so the user's own library is never touched."""
    url = f"sqlite:///{tmp_path / 'library.db'}"
    monkeypatch.setenv("ALLIANCE_ADVISOR_DB_URL", url)
    return url


@pytest.fixture
def demo(kb) -> Scenario:
    return scenario_from_data(kb.demo, "demo")


@pytest.fixture
def demo_rec(demo: Scenario) -> Recommendation:
    return recommend(demo, robustness=False)


@pytest.fixture(scope="session")
def questions(kb) -> dict[str, Question]:
    """The questionnaire's questions by factor id."""
    return {q.factor: q for q in build_questions(kb)}


@pytest.fixture(scope="session")
def blank_rec() -> Recommendation:
    """The recommendation for a scenario with every answer unknown."""
    return recommend(scenario_from_data({"schema_version": 1}, "blank"), robustness=False)


@pytest.fixture
def app(library_url: str) -> AppTest:
    """The app on its default page (the recommendation), on the demo scenario."""
    return start_app()
