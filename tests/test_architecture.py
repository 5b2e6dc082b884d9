"""The layers stay apart: the UI calls the engine's public surface; the engine knows no UI."""

from __future__ import annotations

import ast

import pytest
from support.paths import ROOT

import engine


def imported_modules(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module


def python_files(folder):
    return sorted((ROOT / folder).rglob("*.py"))


@pytest.mark.parametrize("path", python_files("ui"), ids=lambda p: str(p.relative_to(ROOT)))
def test_ui_never_touches_experta_or_rule_internals(path):
    for module in imported_modules(path):
        assert not module.startswith(("experta", "rules")), f"{path} imports {module}"


@pytest.mark.parametrize(
    "path", python_files("engine") + python_files("rules"), ids=lambda p: str(p.relative_to(ROOT))
)
def test_engine_and_rules_never_import_streamlit_or_the_ui(path):
    for module in imported_modules(path):
        assert not module.startswith(("streamlit", "ui")), f"{path} imports {module}"


def test_the_engine_public_surface_is_exactly_its_all():
    assert engine.__all__ == sorted(engine.__all__)
    for name in engine.__all__:
        assert getattr(engine, name) is not None
    assert set(engine.__all__) == {
        "AXIS_IDS",
        "AdvisorError",
        "DIMENSION_IDS",
        "FACTORS",
        "FACTORS_BY_ID",
        "FACTOR_IDS",
        "FORM_IDS",
        "FactorKind",
        "FieldProblem",
        "FiredRule",
        "KnowledgeBase",
        "KnowledgeBaseError",
        "PARTNER_TYPES",
        "Reasoner",
        "Recommendation",
        "Scenario",
        "ScenarioError",
        "UNKNOWN",
        "build_reasoner",
        "default_reasoner",
        "dump_scenario",
        "graph_from_data",
        "load_knowledge_base",
        "load_scenario",
        "load_scenario_text",
        "recommend",
        "scenario_from_data",
        "verify_knowledge_base",
    }


def test_no_code_evaluates_knowledge_base_text():
    for folder in ("engine", "rules", "ui"):
        for path in python_files(folder):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            calls = [
                node.func.id
                for node in ast.walk(tree)
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
            ]
            assert "eval" not in calls and "exec" not in calls, path


def test_nothing_reads_the_shared_folder_outside_the_project():
    for folder in ("engine", "rules", "ui", "tests", "benchmarks"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            if path.name != "test_architecture.py":
                assert "../" + "shared" not in path.read_text(encoding="utf-8"), path
