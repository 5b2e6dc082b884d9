"""Every rule in the knowledge base fires in some scenario, and exclusions do what they say."""

from __future__ import annotations

import pytest
from support.witness import witnesses

from engine import default_reasoner, recommend, scenario_from_data
from rules.vocabulary import FACTOR_IDS

KB = default_reasoner().kb


def _document(values):
    factors = {k: list(v) if isinstance(v, tuple) else v for k, v in values.items()}
    return {"schema_version": 1, "factors": factors}


def firing_scenario(rule):
    reasoner = default_reasoner()
    for values in witnesses(KB, rule):
        full = {factor_id: values.get(factor_id) for factor_id in FACTOR_IDS}
        if rule.id in reasoner.infer(full):
            return values
    return None


@pytest.mark.parametrize("rule", KB.rules, ids=lambda r: r.id)
def test_rule_fires_in_a_scenario_built_from_its_conditions(rule):
    assert firing_scenario(rule) is not None, f"no scenario makes {rule.id} fire"


EXCLUSION_RULES = [rule for rule in KB.rules if rule.exclude]


def test_the_knowledge_base_has_exclusion_rules():
    assert EXCLUSION_RULES


@pytest.mark.parametrize("rule", EXCLUSION_RULES, ids=lambda r: r.id)
def test_exclusion_rule_sinks_its_forms_and_gives_its_reason(rule):
    rec = recommend(
        scenario_from_data(_document(firing_scenario(rule))), analyses=False, robustness=False
    )
    excluded = {item.form: item for item in rec.excluded}
    for form in rule.exclude:
        assert rule.id in [r.id for r in excluded[form].rules]
        assert rule.because in [r.because for r in excluded[form].rules]
    allowed = [item for item in rec.ranking if not item.excluded]
    ranks = {item.form: item.rank for item in rec.ranking}
    assert all(ranks[form] > len(allowed) for form in rule.exclude)
    assert rec.recommendation not in rule.exclude or not allowed
