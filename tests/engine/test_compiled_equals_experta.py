"""The compiled rules give experta's fired rules and scores on over 10,000 scenarios.

The sample is generated once: 360 scenarios fully, partly and sparsely answered, plus
every single-answer variant of 120 of them (about 80 each), over 10,000 in all. experta
reasons on every one of them, a full run each; the compiled rules evaluate all of them in
one vectorised pass. Any difference fails: the analyses never fall back silently to
experta.
"""

from __future__ import annotations

import random
from typing import Any

import pytest
from support.generate import random_document

from engine.advisor import recommend
from engine.analysis import compiled_variants, variant_changes
from engine.bounds import rule_truths
from engine.scenario_io import scenario_from_data
from engine.scoring import rank, score_forms

AT_LEAST = 10_000


@pytest.fixture(scope="module")
def sample(reasoner) -> list[tuple[dict[str, Any], frozenset[str]]]:
    """Scenarios with the rules experta fires for each."""
    rng = random.Random(20261130)
    bases = [
        scenario_from_data(random_document(rng, share)).factor_values()
        for share in (0.0, 0.3, 0.7)
        for _ in range(120)
    ]
    rows = bases + [
        {**values, factor: value}
        for values in bases[::3]
        for factor, value in variant_changes(reasoner.kb, values)
    ]
    return [(values, reasoner.infer(values)) for values in rows]


def test_the_sample_holds_over_10000_scenarios_with_fully_and_partly_answered_ones(sample):
    unknown = [sum(v is None for v in values.values()) for values, _ in sample]
    assert len(sample) >= AT_LEAST
    assert min(unknown) == 0 and max(unknown) >= 20


def test_compiled_fired_rules_equal_experta_on_over_10000_scenarios(reasoner, sample):
    compiled = reasoner.fast.fired_sets([values for values, _ in sample])
    differing = [i for i, (_, fired) in enumerate(sample) if compiled[i] != fired]
    assert not differing, (sample[differing[0]], compiled[differing[0]] ^ sample[differing[0]][1])


def test_compiled_scores_equal_experta_scores_exactly_on_over_10000_scenarios(reasoner, sample):
    compiled = reasoner.fast.score_rows([values for values, _ in sample])
    differing = [
        i for i, (_, fired) in enumerate(sample) if compiled[i] != score_forms(reasoner.kb, fired)
    ]
    assert not differing, sample[differing[0]]


def test_compiled_variants_are_the_engines_variants_in_the_same_order(reasoner):
    values = scenario_from_data(random_document(random.Random(3), 0.3)).factor_values()
    engine = reasoner.engine()
    engine.load(values)
    engine.run()
    expected = []
    for factor, value in variant_changes(reasoner.kb, values):
        engine.change_factor(factor, value)
        engine.run()
        expected.append((factor, value, score_forms(reasoner.kb, engine.fired_rules())))
        engine.change_factor(factor, values.get(factor))
    found = [(v.factor, v.value, v.scores) for v in compiled_variants(reasoner, values)]
    assert found == expected


def test_a_compiled_variants_first_place_is_the_first_its_scores_rank(reasoner):
    for seed in range(20):
        values = scenario_from_data(random_document(random.Random(seed), 0.3)).factor_values()
        for variant in compiled_variants(reasoner, values):
            assert variant.first == rank(variant.scores)[0].form, (seed, variant.factor)


def test_an_answer_outside_its_values_is_refused_by_name(reasoner):
    with pytest.raises(ValueError, match="trust: 'huge' is not one of"):
        reasoner.fast.fired_sets([{"trust": "huge"}])


def test_a_recommendation_from_the_compiled_rules_is_the_one_from_experta(reasoner):
    rng = random.Random(11)
    for share in (0.0, 0.2, 0.5):
        scenario = scenario_from_data(random_document(rng, share))
        from_experta = recommend(scenario, analyses=False, reasoner=reasoner)
        assert recommend(scenario, analyses=False, reasoner=reasoner, compiled=True) == (
            from_experta
        )


def test_compiled_three_valued_truths_equal_rule_truths_on_1000_partly_answered_scenarios(
    reasoner,
):
    rng = random.Random(5)
    for index in range(1000):
        document = random_document(rng, (0.1, 0.4, 0.8)[index % 3])
        values = scenario_from_data(document).factor_values()
        assert reasoner.fast.truths(values) == rule_truths(reasoner, values), document
