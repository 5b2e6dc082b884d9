"""Robustness counts completions of the unknown answers exactly, or says how close it is."""

from __future__ import annotations

import itertools

import pytest
from support.paths import CONTRACT_EXAMPLES

from engine import load_scenario
from engine.analysis import completion_values, hoeffding_bound, independent_groups, share_first
from engine.scoring import rank, score_forms
from rules.conditions import iter_factor_tests
from rules.vocabulary import FACTORS_BY_ID, FORM_IDS

# Three unknowns of every shape: a list, a count and a level.
SMALL_UNKNOWN = ("scope", "partner_count", "trust")


def _scenario(kb, unknown):
    """The fully answered contract example with the ``unknown`` answers taken away."""
    full = load_scenario(CONTRACT_EXAMPLES / "cardiac-monitoring-rev2.yaml").factor_values()
    assert all(value is not None for value in full.values())
    return {k: None if k in unknown else v for k, v in full.items()}


def _count_by_hand(reasoner, values, unknown):
    """Every completion, each run through the rules' plain predicates one by one."""
    wins = dict.fromkeys(FORM_IDS, 0)
    domains = [completion_values(FACTORS_BY_ID[f], reasoner.kb) for f in unknown]
    for combo in itertools.product(*domains):
        full = {**values, **dict(zip(unknown, combo, strict=True))}
        facts: dict[str, bool] = {}
        fired = set()
        for rule in reasoner.derivation_order:
            if reasoner.predicates[rule.id](full, facts):
                fired.add(rule.id)
                if rule.derive:
                    facts[rule.derive] = True
        wins[rank(score_forms(reasoner.kb, fired))[0].form] += 1
    total = sum(wins.values())
    return {form: count / total for form, count in wins.items()}, total


def test_exact_shares_equal_counting_every_completion_one_by_one(reasoner, kb):
    values = _scenario(kb, SMALL_UNKNOWN)
    expected, total = _count_by_hand(reasoner, values, list(SMALL_UNKNOWN))
    found = share_first(reasoner, values)
    assert found.exhaustive and found.error_bound == 0.0
    assert found.completions == total
    assert found.share == pytest.approx(expected, abs=1e-12)


def test_a_sample_states_its_size_and_hoeffding_bound(reasoner, kb):
    values = _scenario(kb, tuple(FACTORS_BY_ID))  # every answer unknown
    found = share_first(reasoner, values)
    params = kb.scoring.robustness
    assert not found.exhaustive
    assert found.completions == params.sample_size
    assert found.error_bound == hoeffding_bound(params.sample_size, params.error_level)


def test_a_sampled_share_lies_within_its_bound_of_the_exact_share(reasoner, kb):
    unknown = ("scope", "partner_types", "jurisdictions", "trust", "partner_count")
    values = _scenario(kb, unknown)
    exact = share_first(reasoner, values, budget=10**7)
    sampled = share_first(reasoner, values, budget=1)
    assert exact.exhaustive and not sampled.exhaustive
    for form in FORM_IDS:
        assert abs(sampled.share[form] - exact.share[form]) <= sampled.error_bound


def test_the_same_scenario_gives_the_same_sample(reasoner, kb):
    values = _scenario(kb, tuple(FACTORS_BY_ID))
    assert share_first(reasoner, values) == share_first(reasoner, values)


# Fifteen unknowns: 944,784 combinations of classes, beyond the default budget, but the
# factors fall into groups that move the score independently.
MANY_UNKNOWN = (
    "competitive_overlap scale_efficiency complementarity synergy_type resource_type"
    " asset_specificity integration_depth innovation_pace ip_sensitivity results_openness"
    " uncertainty regulatory_complexity antitrust_exposure cross_border data_sensitivity"
).split()


def test_grouped_shares_equal_ranking_every_combination_of_classes(reasoner, kb):
    values = _scenario(kb, MANY_UNKNOWN)
    every = share_first(reasoner, values, budget=10**6, grouped=False)
    grouped = share_first(reasoner, values)
    assert every.exhaustive and grouped.exhaustive
    assert grouped.evaluated < kb.scoring.robustness.exact_budget < every.evaluated
    assert grouped.completions == every.completions
    assert grouped.share == pytest.approx(every.share, abs=1e-12)


def test_no_part_of_the_score_depends_on_two_groups(reasoner, kb):
    values = _scenario(kb, MANY_UNKNOWN)
    truths = reasoner.fast.truths(values)
    groups = independent_groups(reasoner.fast, reasoner.derivation_order, truths, MANY_UNKNOWN)
    group_of = {factor: n for n, group in enumerate(groups) for factor in group}
    assert len(groups) > 1
    for rule in reasoner.derivation_order:
        if truths[rule.id] is None and not rule.derive and (rule.exclude or rule.weighs):
            tested = {t.factor for t in iter_factor_tests(rule.when)} & set(group_of)
            assert len({group_of[f] for f in tested}) <= 1, rule.id


def test_answers_seen_before_give_the_same_figures_from_the_memo(reasoner, kb):
    values = _scenario(kb, SMALL_UNKNOWN)
    first = share_first(reasoner, values)
    first.share["consortium"] = 2.0  # a caller changing its copy changes no later answer
    again = share_first(reasoner, values)
    reasoner.memo.clear()
    assert again == share_first(reasoner, values)
    assert again.share["consortium"] != 2.0
