"""The decision model (engine/decision.py): four contrasts read as probabilities along a path."""

from __future__ import annotations

import itertools
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.decision import (
    CONTRAST_ORDER,
    DecisionModel,
    Lean,
    clip,
    consideration_values,
    contrast_logits,
    form_probabilities,
    path_probabilities,
    probability_bounds,
    sigmoid,
)
from rules.vocabulary import FORM_IDS

MODEL = DecisionModel(
    contrast_of={"many": "consortium", "ops": "own_body", "ctl": "own_body", "buy": "supply"},
    weights={"many": 1.0, "ops": 2.0, "ctl": 0.5, "buy": 1.5},
    biases={"consortium": -1.0, "own_body": 0.0, "supply": 0.5, "stake": 0.25},
    leans={
        "ops-a": Lean("ops", 0.75),
        "ops-b": Lean("ops", 0.75),
        "ops-against": Lean("ops", -0.5),
        "ctl": Lean("ctl", 1.0),
        "many": Lean("many", -1.0),
        "buy": Lean("buy", 0.5),
    },
)
probabilities = st.floats(0.0, 1.0)
yes_maps = st.fixed_dictionaries({c: probabilities for c in CONTRAST_ORDER})


# path probabilities


def test_each_form_is_reached_by_no_to_every_earlier_contrast_and_yes_to_its_own():
    yes = {"consortium": 0.1, "own_body": 0.2, "supply": 0.3, "stake": 0.4}
    probs = path_probabilities(yes)
    assert probs["consortium"] == pytest.approx(0.1)
    assert probs["joint_venture"] == pytest.approx(0.9 * 0.2)
    assert probs["supply_chain_partnership"] == pytest.approx(0.9 * 0.8 * 0.3)
    assert probs["equity_alliance"] == pytest.approx(0.9 * 0.8 * 0.7 * 0.4)
    assert probs["non_equity_alliance"] == pytest.approx(0.9 * 0.8 * 0.7 * 0.6)


@settings(max_examples=200, deadline=None)
@given(yes=yes_maps)
def test_path_probabilities_always_sum_to_one(yes):
    probs = path_probabilities(yes)
    assert list(probs) == list(FORM_IDS)
    assert all(0.0 <= p <= 1.0 for p in probs.values())
    assert math.fsum(probs.values()) == pytest.approx(1.0)


@settings(max_examples=200, deadline=None)
@given(yes=yes_maps, barred=st.sets(st.sampled_from(FORM_IDS), max_size=4))
def test_an_exclusion_zeroes_its_forms_and_keeps_the_others_proportions(yes, barred):
    before = path_probabilities(yes)
    after = path_probabilities(yes, barred)
    assert all(after[form] == 0.0 for form in barred)
    rest = [form for form in FORM_IDS if form not in barred]
    total = math.fsum(before[form] for form in rest)
    if total > 1e-12:
        assert math.fsum(after.values()) == pytest.approx(1.0)
        for form in rest:
            assert after[form] == pytest.approx(before[form] / total)


def test_excluding_every_form_leaves_every_probability_at_zero():
    assert set(path_probabilities(dict.fromkeys(CONTRAST_ORDER, 0.5), FORM_IDS).values()) == {0.0}


# considerations and logits


def test_clip_holds_a_value_within_minus_one_and_one():
    assert (clip(1.5), clip(-3.0), clip(0.25)) == (1.0, -1.0, 0.25)


def test_a_consideration_with_no_fired_rule_is_zero():
    assert consideration_values(MODEL, []) == {"many": 0.0, "ops": 0.0, "ctl": 0.0, "buy": 0.0}


def test_a_consideration_sums_its_fired_rules_leans_and_is_held_at_one():
    assert consideration_values(MODEL, ["ops-a"])["ops"] == 0.75
    assert consideration_values(MODEL, ["ops-a", "ops-b"])["ops"] == 1.0
    assert consideration_values(MODEL, ["ops-a", "ops-b", "ops-against"])["ops"] == 1.0
    assert consideration_values(MODEL, ["ops-a", "ops-against"])["ops"] == pytest.approx(0.25)


def test_rules_without_a_lean_are_ignored():
    assert consideration_values(MODEL, ["derives-a-fact"]) == consideration_values(MODEL, [])


def test_one_family_read_by_many_rules_counts_once_on_the_log_odds():
    once = contrast_logits(MODEL, consideration_values(MODEL, ["ops-a", "ops-b"]))
    assert once["own_body"] == pytest.approx(0.0 + 2.0 * 1.0)


def test_a_contrasts_log_odds_are_its_bias_plus_the_weighted_values():
    logits = contrast_logits(MODEL, consideration_values(MODEL, ["ops-a", "ctl", "many", "buy"]))
    assert logits == pytest.approx(
        {
            "consortium": -1.0 - 1.0,
            "own_body": 2.0 * 0.75 + 0.5 * 1.0,
            "supply": 0.5 + 1.5 * 0.5,
            "stake": 0.25,
        }
    )


def test_form_probabilities_read_the_logits_along_the_path():
    probs = form_probabilities(MODEL, ["ops-a"])
    assert probs["consortium"] == pytest.approx(sigmoid(-1.0))
    assert probs["joint_venture"] == pytest.approx((1 - sigmoid(-1.0)) * sigmoid(1.5))


def test_sigmoid_is_stable_far_from_zero():
    assert sigmoid(-800.0) == 0.0 and sigmoid(800.0) == 1.0
    assert sigmoid(2.0) == pytest.approx(1 - sigmoid(-2.0))


# bounds


def test_with_nothing_possible_the_bounds_are_the_point_probabilities():
    low, high = probability_bounds(MODEL, ["ops-a", "many"], [], [], [])
    point = form_probabilities(MODEL, ["ops-a", "many"])
    assert low == pytest.approx(point) and high == pytest.approx(point)


@settings(max_examples=60, deadline=None)
@given(
    definite=st.sets(st.sampled_from(sorted(MODEL.leans))),
    possible=st.sets(st.sampled_from(sorted(MODEL.leans))),
    maybe_barred=st.sets(st.sampled_from(FORM_IDS), max_size=2),
)
def test_the_bounds_contain_every_subset_of_the_possible_rules(definite, possible, maybe_barred):
    possible = possible - definite
    low, high = probability_bounds(MODEL, definite, possible, [], maybe_barred)
    for n in range(len(possible) + 1):
        for extra in itertools.combinations(sorted(possible), n):
            for k in range(len(maybe_barred) + 1):
                for barred in itertools.combinations(sorted(maybe_barred), k):
                    probs = form_probabilities(MODEL, definite | set(extra), barred)
                    for form in FORM_IDS:
                        assert low[form] - 1e-12 <= probs[form] <= high[form] + 1e-12


def test_the_bounds_are_reached_at_the_corners():
    # ops-a and ops-against both possible: own_body ranges from -0.5 to 0.75 (times 2).
    low, high = probability_bounds(MODEL, [], ["ops-a", "ops-against"], [], [])
    stay = 1 - sigmoid(-1.0)
    assert low["joint_venture"] == pytest.approx(stay * sigmoid(2.0 * -0.5))
    assert high["joint_venture"] == pytest.approx(stay * sigmoid(2.0 * 0.75))
    # The last form's extremes pair the opposite corner of its path with each contrast.
    assert high["non_equity_alliance"] == pytest.approx(
        stay * (1 - sigmoid(2.0 * -0.5)) * (1 - sigmoid(0.5)) * (1 - sigmoid(0.25))
    )


def test_a_definite_exclusion_holds_its_form_at_zero_in_both_bounds():
    low, high = probability_bounds(MODEL, [], ["ops-a"], ["consortium"], [])
    assert low["consortium"] == high["consortium"] == 0.0
    assert low["joint_venture"] == pytest.approx(sigmoid(0.0))
