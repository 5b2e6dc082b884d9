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


PACKAGES = ("knowledge_base", "rules", "engine", "ui")

# Which of our packages each package may import (data -> rules -> engine -> interfaces).
ALLOWED = {
    "knowledge_base": set(),
    "rules": {"rules", "knowledge_base"},
    "engine": {"engine", "rules", "knowledge_base"},
    "ui": {"ui", "engine"},
}
# Third-party packages a layer must not touch.
FORBIDDEN_THIRD_PARTY = {
    "knowledge_base": ("experta", "streamlit"),
    "rules": ("streamlit",),
    "engine": ("streamlit",),
    "ui": ("experta",),
}


def top_level(module):
    return module.split(".")[0]


def table_violations(package, path, root=ROOT):
    where = path.relative_to(root)
    for module in imported_modules(path):
        top = top_level(module)
        if top in PACKAGES and top not in ALLOWED[package]:
            yield f"{where} imports {module}: {package} may not import {top}"
        if top in FORBIDDEN_THIRD_PARTY[package]:
            yield f"{where} imports {module}: {package} may not use {top}"


def internal_engine_imports(path):
    """Modules under ``engine.`` that a file imports (only ``engine`` itself is public)."""
    return [m for m in imported_modules(path) if m.startswith("engine.")]


LAYER_FILES = [
    pytest.param(package, path, id=str(path.relative_to(ROOT)))
    for package in ("knowledge_base", "rules", "engine")
    for path in python_files(package)
]


@pytest.mark.parametrize(("package", "path"), LAYER_FILES)
def test_the_lower_layers_import_only_what_the_table_allows(package, path):
    assert list(table_violations(package, path)) == []


@pytest.mark.parametrize("path", python_files("ui"), ids=lambda p: str(p.relative_to(ROOT)))
def test_the_ui_imports_only_what_the_table_allows(path):
    assert list(table_violations("ui", path)) == []


@pytest.mark.parametrize("path", python_files("ui"), ids=lambda p: str(p.relative_to(ROOT)))
def test_the_ui_uses_only_the_engine_packages_public_names(path):
    assert internal_engine_imports(path) == []


def test_the_table_catches_a_wrong_arrow(tmp_path):
    bad = tmp_path / "rules" / "bad.py"
    bad.parent.mkdir()
    bad.write_text("from engine import recommend\nimport streamlit.web\n", encoding="utf-8")
    assert list(table_violations("rules", bad, root=tmp_path)) == [
        "rules/bad.py imports engine: rules may not import engine",
        "rules/bad.py imports streamlit.web: rules may not use streamlit",
    ]


def test_the_engine_public_surface_is_exactly_its_all():
    assert engine.__all__ == sorted(engine.__all__)
    for name in engine.__all__:
        assert getattr(engine, name) is not None
    assert set(engine.__all__) == {
        "AXIS_IDS",
        "AdvisorError",
        "ConsiderationView",
        "ContrastDrivers",
        "DecisionRightView",
        "DIMENSION_IDS",
        "DerivedConclusion",
        "Driver",
        "Exclusion",
        "FACTORS",
        "FACTORS_BY_ID",
        "FACTOR_IDS",
        "FORM_IDS",
        "FactRef",
        "FactorKind",
        "FactorRef",
        "FieldProblem",
        "FiredRule",
        "GovernanceBlueprint",
        "GovernanceModuleView",
        "KnowledgeBase",
        "KnowledgeBaseError",
        "MissingSupport",
        "Need",
        "NextQuestion",
        "PARTNER_TYPES",
        "PairContrast",
        "PairDriver",
        "Reasoner",
        "Recommendation",
        "RiskFlag",
        "RuleRef",
        "RuleShare",
        "Scenario",
        "ScenarioError",
        "SensitivityRow",
        "SourceRef",
        "StageView",
        "UNKNOWN",
        "WeighsView",
        "WhatIf",
        "WhyNot",
        "WorkstreamView",
        "accuracy_report",
        "build_reasoner",
        "contrast_drivers",
        "default_reasoner",
        "dump_scenario",
        "fit_on_corpus",
        "graph_from_data",
        "load_knowledge_base",
        "load_scenario",
        "load_scenario_text",
        "pair_contrast",
        "path_answers",
        "fitted_governance",
        "recommend",
        "scenario_from_data",
        "separating_contrasts",
        "verify_knowledge_base",
        "write_weights",
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
