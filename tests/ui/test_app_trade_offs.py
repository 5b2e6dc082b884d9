"""The trade-offs page: the axes chart and the teaching cases."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from app_support import first_place, main_text, open_page, rerun, seen, start_app, url_document

from engine import default_reasoner, recommend, scenario_from_data
from ui.app.advisor import KB_ENV


def test_axes_chart_highlights_the_recommended_form(app, demo_rec):
    open_page(app, "trade_offs")
    assert app.selectbox(key="tradeoff_highlight").value == demo_rec.recommendation
    assert app.main.get("vega_lite_chart")
    assert f"#### {demo_rec.recommendation_name}" in main_text(app)


def test_highlight_can_show_another_form(app, kb):
    open_page(app, "trade_offs")
    app.selectbox(key="tradeoff_highlight").set_value("joint_venture")
    rerun(app)
    assert f"#### {kb.forms['joint_venture'].name}" in main_text(app)


@pytest.fixture
def kb_with_a_case(kb, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The shipped knowledge base if it has teaching cases, else a copy with one added."""
    if kb.cases:
        return kb
    copy = tmp_path / "kb"
    shutil.copytree(kb.path, copy)
    scenario = kb.demo | {"name": "Remote monitoring pilot (test case)"}
    expected = recommend(scenario_from_data(scenario), analyses=False, robustness=False)
    case = {
        "id": "test-remote-monitoring",
        "title": "Remote monitoring pilot",
        "basis": "composite",
        "expected": expected.recommendation,
        "teaching_note": "A composite used by the app's tests to check that cases load.",
        "sources": [next(iter(kb.sources))],
        "scenario": scenario,
    }
    (copy / "cases" / "test-remote-monitoring.yaml").write_text(yaml.safe_dump(case))
    monkeypatch.setenv(KB_ENV, str(copy))
    return default_reasoner(copy).kb


def test_a_teaching_case_loads_as_the_current_scenario(library_url, kb_with_a_case):
    at = start_app()
    open_page(at, "trade_offs")
    case = next(iter(kb_with_a_case.cases.values()))
    at.selectbox(key="case_choice").set_value(case.id)
    rerun(at)
    assert case.title in seen(main_text(at))
    at.button(key="case_load").click()
    rerun(at)
    loaded = scenario_from_data(url_document(at))
    assert loaded == scenario_from_data(case.scenario)
    reasoner = default_reasoner(kb_with_a_case.path)
    assert first_place(at) == recommend(loaded, reasoner=reasoner).recommendation_name


@pytest.fixture
def kb_without_cases(kb, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A copy of the shipped knowledge base with its teaching cases taken out."""
    copy = tmp_path / "kb"
    shutil.copytree(
        kb.path, copy, ignore=lambda folder, names: names if folder.endswith("cases") else []
    )
    monkeypatch.setenv(KB_ENV, str(copy))
    return default_reasoner(copy).kb


def test_no_cases_is_said_plainly(library_url, kb_without_cases):
    assert not kb_without_cases.cases
    at = start_app()
    open_page(at, "trade_offs")
    assert any("no teaching cases yet" in i.value for i in at.info)
