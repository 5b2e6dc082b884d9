"""The incremental engine, the three-valued bounds and experta agree with each other."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from support.strategies import complete_values, partial_values, scenario_documents

from engine import recommend, scenario_from_data
from engine.analysis import candidate_values, run_variants
from engine.bounds import rule_truths, score_bounds
from engine.scoring import score_forms
from rules.vocabulary import FACTORS

SETTINGS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@SETTINGS
@given(values=partial_values())
def test_experta_fires_exactly_the_rules_three_valued_logic_calls_true(reasoner, values):
    definite = {rule for rule, truth in rule_truths(reasoner, values).items() if truth is True}
    assert reasoner.infer(values) == definite


@SETTINGS
@given(values=partial_values())
def test_every_score_lies_within_its_bounds(reasoner, values):
    scores = score_forms(reasoner.kb, reasoner.infer(values))
    bounds = score_bounds(reasoner, values)
    for form, item in scores.items():
        assert bounds.low[form] - 1e-9 <= item.sort_value <= bounds.high[form] + 1e-9


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(values=partial_values())
def test_incremental_variants_match_running_each_variant_from_scratch(reasoner, values):
    engine = reasoner.engine()
    engine.load(values)
    engine.run()
    variants = list(run_variants(engine, reasoner.kb, values))
    assert engine.fired_rules() == reasoner.infer(values)  # engine restored
    for variant in variants[::3]:
        fresh = reasoner.infer({**values, variant.factor: variant.value})
        assert variant.scores == score_forms(reasoner.kb, fresh)


@settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(values=complete_values())
def test_changing_an_answer_and_back_restores_the_conclusions(reasoner, values):
    engine = reasoner.engine()
    engine.load(values)
    engine.run()
    before = engine.fired_rules()
    for spec in FACTORS:
        for value in candidate_values(spec, values[spec.id], reasoner.kb)[:1]:
            engine.change_factor(spec.id, value)
            engine.run()
        engine.change_factor(spec.id, values[spec.id])
        engine.run()
    assert engine.fired_rules() == before


@settings(max_examples=25, deadline=None)
@given(document=scenario_documents())
def test_pruned_analysis_finds_exactly_the_same_what_ifs_and_next_questions(document):
    scenario = scenario_from_data(document)
    full = recommend(scenario, robustness=False)
    pruned = recommend(scenario, robustness=False, sensitivity=False)
    assert pruned.what_if == full.what_if
    assert pruned.next_questions == full.next_questions
    assert pruned.sensitivity is None
