"""Probability bounds in three-valued logic: what the unknown answers could still do to each form.

The hand-made rules below run without fitted weights, so every bias is 0 and the
considerations weigh their priors: joint_operations and party_count 1.2, control 0.6.
An excluded form's bound is -1 (below any probability), as it sorts.
"""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support.strategies import factor_value, partial_values

from engine import FORM_IDS, build_reasoner
from engine.bounds import can_change_first_place, exact_bounds, rule_truths, score_bounds
from engine.decision import sigmoid
from engine.scoring import score_forms
from rules.schema import RuleSpec
from rules.vocabulary import FACTORS_BY_ID

MODERATE = 1.2
WEAK = 0.6
FEW = sigmoid(-MODERATE)  # the consortium contrast when only two parties take part


def rule(rule_id, when, *, weighs=None, exclude=(), derive=None):
    return RuleSpec.model_validate(
        {
            "id": rule_id,
            "title": f"Rule {rule_id}",
            "because": "A reason long enough to pass the schema's minimum.",
            "when": when,
            "weighs": None if weighs is None else {"consideration": weighs[0], "lean": weighs[1]},
            "exclude": list(exclude),
            "derive": derive,
            "strength": "strong",
            "sources": ["test-source"],
        }
    )


RULES = (
    rule(
        "high-trust-favours-jv",
        [{"factor": "trust", "is": "high"}],
        weighs=("joint_operations", 1.0),
    ),
    rule("control-favours-jv", [{"factor": "control_need", "is": "high"}], weighs=("control", 0.5)),
    rule("low-trust-opposes-jv", [{"factor": "trust", "is": "low"}], weighs=("control", -1.0)),
    rule(
        "restricted-equity-excludes",
        [{"factor": "equity_restricted", "is": True}],
        exclude=["equity_alliance"],
    ),
    rule("many-parties", [{"factor": "partner_count", "at_least": 3}], derive="multi_party"),
    rule(
        "many-parties-favour-consortium",
        [{"fact": "multi_party"}],
        weighs=("party_count", 1.0),
    ),
    rule(
        "two-parties-oppose-consortium",
        [{"factor": "partner_count", "at_most": 2}],
        weighs=("party_count", -1.0),
    ),
)


@pytest.fixture(scope="module")
def small(reasoner):
    return build_reasoner(dataclasses.replace(reasoner.kb, rules=RULES, fitted=None))


def test_with_every_answer_that_matters_known_the_bounds_are_the_scores(small):
    values = {"trust": "high", "control_need": "low", "equity_restricted": True, "partner_count": 5}
    bounds = score_bounds(small, values)
    scores = score_forms(small.kb, small.infer(values))
    for form in FORM_IDS:
        assert bounds.low[form] == pytest.approx(scores[form].sort_value)
        assert bounds.high[form] == pytest.approx(scores[form].sort_value)


def test_exact_bounds_pin_every_form_to_its_score(small):
    values = {"trust": "high", "partner_count": 2}
    fired = small.infer(values)
    bounds = exact_bounds(score_forms(small.kb, fired), fired)
    assert bounds.low == bounds.high
    assert bounds.low["joint_venture"] == pytest.approx((1 - FEW) * sigmoid(MODERATE))
    assert (bounds.definite, bounds.possible) == (fired, frozenset())


def test_an_unknown_answer_lifts_the_highest_probability_by_the_lean_it_could_add(small):
    bounds = score_bounds(small, {"trust": "high", "partner_count": 2, "equity_restricted": False})
    assert bounds.high["joint_venture"] == pytest.approx((1 - FEW) * sigmoid(MODERATE + 0.5 * WEAK))
    assert bounds.low["joint_venture"] == pytest.approx((1 - FEW) * sigmoid(MODERATE))


def test_an_unknown_answer_lowers_the_lowest_probability_by_the_lean_against_it_could_add(small):
    values = {"control_need": "low", "partner_count": 2, "equity_restricted": False}
    bounds = score_bounds(small, values)
    assert bounds.low["joint_venture"] == pytest.approx((1 - FEW) * sigmoid(-WEAK))
    assert bounds.high["joint_venture"] == pytest.approx((1 - FEW) * sigmoid(MODERATE))


def test_a_possible_exclusion_sinks_only_the_lowest_bound(small):
    bounds = score_bounds(small, {})
    assert bounds.low["equity_alliance"] == -1.0
    assert bounds.high["equity_alliance"] > 0.0


def test_a_possible_exclusion_can_raise_the_other_forms_by_renormalising(small):
    values = {"trust": "high", "control_need": "low", "partner_count": 2}
    open_bar = score_bounds(small, values)
    no_bar = score_bounds(small, {**values, "equity_restricted": False})
    assert open_bar.high["non_equity_alliance"] > no_bar.high["non_equity_alliance"]


def test_a_definite_exclusion_sinks_both_bounds(small):
    bounds = score_bounds(small, {"equity_restricted": True})
    assert bounds.low["equity_alliance"] == bounds.high["equity_alliance"] == -1.0


def test_a_rule_that_cannot_fire_adds_nothing_to_either_bound(small):
    bounds = score_bounds(small, {"partner_count": 2, "equity_restricted": False})
    assert bounds.low["consortium"] == pytest.approx(FEW)
    assert bounds.high["consortium"] == pytest.approx(FEW)


def test_an_unknown_answer_reaches_rules_through_derived_facts(small):
    truths = rule_truths(small, {})
    assert truths["many-parties"] is None
    assert truths["many-parties-favour-consortium"] is None


def test_a_known_answer_decides_rules_through_derived_facts(small):
    truths = rule_truths(small, {"partner_count": 4})
    assert truths["many-parties-favour-consortium"] is True


def test_bounds_name_the_rules_that_fire_and_those_that_might(small):
    bounds = score_bounds(small, {"trust": "high", "equity_restricted": False, "partner_count": 2})
    assert bounds.definite == {"high-trust-favours-jv", "two-parties-oppose-consortium"}
    assert bounds.possible == {"control-favours-jv"}


def test_learning_an_answer_only_narrows_the_bounds(small):
    before = score_bounds(small, {"equity_restricted": False})
    after = score_bounds(small, {"equity_restricted": False, "trust": "low"})
    for form in FORM_IDS:
        assert before.low[form] <= after.low[form] + 1e-12
        assert after.low[form] <= after.high[form] <= before.high[form] + 1e-12


def test_guaranteed_lead_is_the_lowest_bound_minus_the_best_rivals_highest(small):
    bounds = score_bounds(small, {"trust": "high", "partner_count": 2})
    rivals = max(bounds.high[f] for f in FORM_IDS if f != "joint_venture")
    assert bounds.guaranteed_lead("joint_venture") == pytest.approx(
        bounds.low["joint_venture"] - rivals
    )


def test_guaranteed_lead_is_positive_when_no_rival_can_catch_up(small):
    values = {"partner_count": 5, "equity_restricted": False}
    # consortium is at least sigmoid(1.2) = 0.77; every other form shares the rest.
    assert score_bounds(small, values).guaranteed_lead("consortium") > 0


def test_a_factor_no_rule_reads_cannot_change_first_place(small):
    values = {"trust": "high", "partner_count": 2}
    fired = small.infer(values)
    assert not can_change_first_place(small, values, fired, "cultural_distance", "joint_venture")


def test_an_answer_that_could_lift_a_rival_above_the_winner_can_change_first_place(small):
    values = {"trust": "high", "partner_count": 2}
    fired = small.infer(values)
    assert can_change_first_place(small, values, fired, "partner_count", "joint_venture")


def test_an_answer_that_cannot_close_the_gap_cannot_change_first_place(small):
    values = {"trust": "high", "control_need": "high", "partner_count": 2}
    fired = small.infer(values)
    assert not can_change_first_place(small, values, fired, "control_need", "joint_venture")


# The promise bounds make: whatever the unknown answers turn out to be, every form's
# probability (or -1 if excluded) lies within them. Checked on the shipped knowledge base.


@settings(max_examples=60, deadline=None)
@given(values=partial_values(), data=st.data())
def test_bounds_contain_every_completions_probability(reasoner, values, data):
    bounds = score_bounds(reasoner, values)
    completion = {
        factor: value
        if value is not None
        else data.draw(
            factor_value(FACTORS_BY_ID[factor], unknown=False).map(
                lambda v: tuple(v) if isinstance(v, list) else v
            ),
            label=factor,
        )
        for factor, value in values.items()
    }
    scores = score_forms(reasoner.kb, reasoner.infer(completion))
    for form in FORM_IDS:
        value = scores[form].sort_value
        assert bounds.low[form] - 1e-9 <= value <= bounds.high[form] + 1e-9, form
