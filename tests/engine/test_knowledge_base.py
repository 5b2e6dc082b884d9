"""Loading the knowledge base: everything is checked at load, with suggestions."""

from __future__ import annotations

import shutil

import pytest
import yaml

import knowledge_base
from engine import KnowledgeBaseError
from engine.errors import KnowledgeBaseProblem
from engine.knowledge import load_knowledge_base_from
from engine.reasoner import build_reasoner
from engine.verify import verify_knowledge_base
from rules.vocabulary import FACTOR_IDS, FORM_IDS


@pytest.fixture
def kb_copy(tmp_path):
    target = tmp_path / "kb"
    shutil.copytree(
        knowledge_base.PATH, target, ignore=shutil.ignore_patterns("*.py", "__pycache__")
    )
    return target


def add_rule(folder, rule):
    path = folder / "rules" / "zz_test.yaml"
    path.write_text(yaml.safe_dump({"theme": "test", "rules": [rule]}))


BASE_RULE = {
    "id": "test-rule",
    "title": "A test rule",
    "because": "Used only to check that the loader refuses bad rules.",
    "when": [{"factor": "trust", "is": "high"}],
    "weighs": {"consideration": "prior_ties", "lean": -0.5},
    "strength": "weak",
    "sources": ["gulati-1995"],
}


def load_problems(folder):
    with pytest.raises(KnowledgeBaseError) as caught:
        load_knowledge_base_from(folder)
    return "\n".join(caught.value.problems)


def test_the_shipped_knowledge_base_loads_and_has_a_version(kb):
    assert kb.version.startswith(kb.meta.release + "+")
    assert set(kb.forms) == set(FORM_IDS)
    assert set(kb.factors) == set(FACTOR_IDS)


def test_the_version_changes_when_the_knowledge_changes(kb_copy, kb):
    add_rule(kb_copy, BASE_RULE)
    assert load_knowledge_base_from(kb_copy).version != kb.version


def test_a_rule_naming_an_unknown_factor_fails_with_a_suggestion(kb_copy):
    add_rule(kb_copy, {**BASE_RULE, "when": [{"factor": "trusst", "is": "high"}]})
    assert "unknown factor 'trusst' (did you mean 'trust'?)" in load_problems(kb_copy)


def test_a_rule_naming_an_unknown_level_fails_with_a_suggestion(kb_copy):
    add_rule(kb_copy, {**BASE_RULE, "when": [{"factor": "trust", "is": "hihg"}]})
    assert "'hihg' is not a value of trust" in load_problems(kb_copy)


def test_a_rule_citing_an_unknown_source_fails(kb_copy):
    add_rule(kb_copy, {**BASE_RULE, "sources": ["gulati-1959"]})
    assert "unknown source 'gulati-1959'" in load_problems(kb_copy)


def test_a_rule_without_a_source_fails(kb_copy):
    add_rule(kb_copy, {**BASE_RULE, "sources": []})
    assert "sources" in load_problems(kb_copy)


def test_a_rule_with_no_effect_fails(kb_copy):
    add_rule(kb_copy, {key: value for key, value in BASE_RULE.items() if key != "weighs"})
    assert "has no effect" in load_problems(kb_copy)


def test_comparisons_need_an_ordered_factor(kb_copy):
    add_rule(kb_copy, {**BASE_RULE, "when": [{"factor": "synergy_type", "at_least": "modular"}]})
    assert "at_least needs an ordered factor" in load_problems(kb_copy)


def test_two_rules_with_one_id_fail(kb_copy, kb):
    add_rule(kb_copy, {**BASE_RULE, "id": kb.rules[0].id})
    assert "appears twice" in load_problems(kb_copy)


def test_kb_check_finds_a_derivation_cycle(kb_copy):
    first = {
        **BASE_RULE,
        "id": "cycle-a",
        "when": [{"fact": "appropriation_hazard"}],
        "derive": "relational_risk",
    }
    del first["weighs"]
    second = {
        **first,
        "id": "cycle-b",
        "when": [{"fact": "relational_risk"}],
        "derive": "appropriation_hazard",
    }
    (kb_copy / "rules" / "zz_test.yaml").write_text(
        yaml.safe_dump({"theme": "t", "rules": [first, second]})
    )
    report = verify_knowledge_base(build_reasoner(load_knowledge_base_from(kb_copy)))
    assert any("derivation cycle" in error for error in report.errors)


def test_kb_check_finds_rules_with_the_same_conditions_and_opposite_effects(kb_copy):
    twin = {
        **BASE_RULE,
        "id": "test-twin",
        "weighs": {"consideration": "prior_ties", "lean": 0.5},
    }
    (kb_copy / "rules" / "zz_test.yaml").write_text(
        yaml.safe_dump({"theme": "t", "rules": [BASE_RULE, twin]})
    )
    # The check reads each rule's pull on the forms, which goes through the consideration's
    # weight; on the prior weights, so that a fit that finds prior_ties weightless (it did on
    # 154 development cases) cannot hide the clash this test plants.
    (kb_copy / "weights.yaml").unlink()
    report = verify_knowledge_base(build_reasoner(load_knowledge_base_from(kb_copy)))
    # A lean on the stake contrast pulls both of its forms (equity up, contract down).
    assert any(
        "opposite effects on equity_alliance, non_equity_alliance" in error
        for error in report.errors
    )


def test_kb_check_reports_a_derived_fact_nobody_uses(kb_copy):
    path = kb_copy / "derived.yaml"
    facts = yaml.safe_load(path.read_text())
    facts.append(
        {"id": "orphan_fact", "label": "Orphan", "meaning": "Nothing concludes or reads it."}
    )
    path.write_text(yaml.safe_dump(facts))
    report = verify_knowledge_base(build_reasoner(load_knowledge_base_from(kb_copy)))
    assert any("'orphan_fact' is never concluded" in error for error in report.errors)


def _undated_source_warnings(kb_copy, citation):
    path = kb_copy / "sources.yaml"
    sources = yaml.safe_load(path.read_text())
    entry = next(source for source in sources if source["id"] == "gulati-1995")
    del entry["year"]
    entry["citation"] = citation
    path.write_text(yaml.safe_dump(sources))
    report = verify_knowledge_base(build_reasoner(load_knowledge_base_from(kb_copy)))
    return [warning for warning in report.warnings if "gulati-1995 has no year" in warning]


def test_kb_check_warns_about_a_source_without_a_year(kb_copy):
    assert _undated_source_warnings(kb_copy, "Gulati, R. Does familiarity breed trust?")


def test_kb_check_accepts_a_source_marked_as_undated(kb_copy):
    assert (
        _undated_source_warnings(kb_copy, "Gulati, R. (n.d.). Does familiarity breed trust?") == []
    )


def test_the_shipped_knowledge_base_passes_every_check(reasoner):
    report = verify_knowledge_base(reasoner)
    assert report.errors == []
    assert set(report.winning_scenarios) == set(FORM_IDS)


def test_every_form_can_come_first_in_the_scenario_kb_check_found(reasoner):
    from engine import recommend, scenario_from_data

    report = verify_knowledge_base(reasoner)
    for form, values in report.winning_scenarios.items():
        factors = {k: list(v) if isinstance(v, tuple) else v for k, v in values.items()}
        rec = recommend(
            scenario_from_data({"schema_version": 1, "factors": factors}),
            analyses=False,
            robustness=False,
        )
        assert rec.recommendation == form


def test_a_problem_is_structured_with_path_what_allowed_and_suggestion(kb_copy):
    add_rule(kb_copy, {**BASE_RULE, "when": [{"factor": "trust", "is": "hihg"}]})
    with pytest.raises(KnowledgeBaseError) as caught:
        load_knowledge_base_from(kb_copy)
    assert caught.value.details == (
        KnowledgeBaseProblem(
            "rule test-rule",
            "'hihg' is not a value of trust",
            allowed="low, medium, high",
            suggestion="high",
        ),
    )
    assert caught.value.problems == (
        "rule test-rule: 'hihg' is not a value of trust (allowed: low, medium, high)"
        " (did you mean 'high'?)",
    )


def test_every_broken_file_is_reported_at_once(kb_copy):
    (kb_copy / "meta.yaml").write_text("name: [")
    (kb_copy / "axes.yaml").unlink()
    problems = load_problems(kb_copy)
    assert "meta.yaml: not valid YAML" in problems
    assert "axes.yaml: missing" in problems


def test_a_file_the_loader_would_pass_over_is_a_problem(kb_copy):
    (kb_copy / "rules" / "extra.yml").write_text("theme: t\nrules: []\n")
    assert "rules/extra.yml: not read (allowed: files ending in .yaml)" in load_problems(kb_copy)


def test_a_teaching_case_whose_scenario_is_invalid_fails_at_load(kb_copy, kb):
    case_id = sorted(kb.cases)[0]
    path = kb_copy / "cases" / f"{case_id}.yaml"
    case = yaml.safe_load(path.read_text())
    case["scenario"]["factors"]["trust"] = "total"
    path.write_text(yaml.safe_dump(case))
    assert f"case {case_id} scenario factors.trust: not an allowed value" in load_problems(kb_copy)


def test_an_invalid_demo_fails_at_load(kb_copy):
    path = kb_copy / "demo.yaml"
    demo = yaml.safe_load(path.read_text())
    demo["factors"]["trsut"] = "high"
    path.write_text(yaml.safe_dump(demo))
    problems = load_problems(kb_copy)
    assert "demo.yaml factors.trsut: unknown key" in problems
    assert "(did you mean 'trust'?)" in problems


def edit_first_governance_module(folder, **changes):
    path = folder / "governance.yaml"
    modules = yaml.safe_load(path.read_text())
    modules[0].update(changes)
    path.write_text(yaml.safe_dump(modules))


def test_a_module_with_an_unknown_scope_item_is_refused_at_load(kb_copy):
    edit_first_governance_module(kb_copy, scope_any=["marketing"])
    with pytest.raises(KnowledgeBaseError) as error:
        load_knowledge_base_from(kb_copy)
    assert "governance.yaml 0.scope_any.0" in str(error.value)
    assert "commercialization" in str(error.value)


def test_a_module_citing_an_unknown_source_is_refused_at_load(kb_copy):
    edit_first_governance_module(kb_copy, sources=["no-such-source"])
    with pytest.raises(KnowledgeBaseError) as error:
        load_knowledge_base_from(kb_copy)
    assert "governance module co_promotion" in str(error.value)
    assert "no-such-source" in str(error.value)


def test_a_base_rate_citing_an_unknown_source_is_refused_at_load(kb_copy):
    path = kb_copy / "considerations.yaml"
    doc = yaml.safe_load(path.read_text())
    stake = next(c for c in doc["contrasts"] if c["id"] == "stake")
    stake["base_rate"]["sources"] = ["no-such-source"]
    path.write_text(yaml.safe_dump(doc))
    problems = load_problems(kb_copy)
    assert "contrast stake base_rate" in problems
    assert "no-such-source" in problems


def test_the_stake_contrasts_base_rate_leans_to_the_contract(kb):
    # README "Weights": contracts outnumber stakes in the sources (Hagedoorn 2002; Roijakkers &
    # Hagedoorn 2006), so the stake bias is held toward negative log-odds, not even odds.
    stake = next(c for c in kb.considerations.contrasts if c.id == "stake")
    assert stake.base_rate is not None
    assert stake.base_rate.log_odds < 0
    assert set(stake.base_rate.sources) <= set(kb.sources)
