"""Fitting the weights (engine/fitting.py): held to the sources' priors, never flipped."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.decision import CONTRAST_ORDER, YES_FORM
from engine.fitting import Example, fit_weights
from rules.vocabulary import FORM_IDS

CONTRAST_OF = {"signal": "own_body", "noise": "own_body", "many": "consortium"}
PRIORS = {"signal": 0.6, "noise": 0.6, "many": 1.2}


def synthetic(n, seed=7):
    """Cases reaching own_body, where a joint venture is chosen exactly when signal > 0."""
    rng = random.Random(seed)
    examples = []
    for index in range(n):
        signal = rng.choice([-1.0, -0.5, 0.5, 1.0])
        noise = rng.choice([-1.0, 0.0, 1.0])
        chosen = "joint_venture" if signal > 0 else "non_equity_alliance"
        examples.append(
            Example(f"case-{index}", chosen, {"signal": signal, "noise": noise}, frozenset())
        )
    return examples


def test_fit_recovers_a_known_sign_and_strengthens_a_clear_signal():
    result = fit_weights(CONTRAST_OF, PRIORS, synthetic(80))
    assert result.weights["signal"] > PRIORS["signal"] * 2
    assert result.weights["signal"] > result.weights["noise"]
    assert result.cases == 80


def test_a_consideration_pointing_the_other_way_in_the_data_is_held_at_zero_not_flipped():
    flipped = [
        Example(ex.case_id, ex.chosen, {"signal": -ex.values["signal"]}, ex.excluded)
        for ex in synthetic(80)
    ]
    result = fit_weights(CONTRAST_OF, PRIORS, flipped)
    assert result.weights["signal"] == 0.0


@settings(max_examples=30, deadline=None)
@given(
    rows=st.lists(
        st.tuples(
            st.sampled_from(FORM_IDS),
            st.floats(-1.0, 1.0),
            st.floats(-1.0, 1.0),
            st.floats(-1.0, 1.0),
        ),
        max_size=30,
    )
)
def test_weights_are_never_negative(rows):
    examples = [
        Example(f"c{i}", form, {"signal": a, "noise": b, "many": c}, frozenset())
        for i, (form, a, b, c) in enumerate(rows)
    ]
    result = fit_weights(CONTRAST_OF, PRIORS, examples)
    assert all(weight >= 0.0 for weight in result.weights.values())


def test_with_no_data_the_weights_are_the_priors_and_the_biases_zero():
    result = fit_weights(CONTRAST_OF, PRIORS, [])
    assert result.weights == PRIORS
    assert result.biases == dict.fromkeys(CONTRAST_ORDER, 0.0)


def test_with_little_data_the_weights_stay_near_their_priors():
    few = fit_weights(CONTRAST_OF, PRIORS, synthetic(4), prior_precision=50.0)
    assert few.weights["signal"] == pytest.approx(PRIORS["signal"], abs=0.2)
    assert few.weights["noise"] == pytest.approx(PRIORS["noise"], abs=0.2)


def test_a_contrast_no_case_reaches_keeps_its_priors():
    # A case that chose a consortium stops at the first contrast: own_body sees no case.
    only_consortia = [Example("c", "consortium", {"many": 1.0}, frozenset())]
    result = fit_weights(CONTRAST_OF, PRIORS, only_consortia)
    assert result.weights["signal"] == PRIORS["signal"]
    assert result.biases["own_body"] == 0.0


def test_a_case_whose_yes_form_is_excluded_does_not_count_against_that_contrast():
    barred = [
        Example(f"c{i}", "non_equity_alliance", {"signal": 1.0}, frozenset({"joint_venture"}))
        for i in range(40)
    ]
    result = fit_weights(CONTRAST_OF, PRIORS, barred)
    assert result.weights["signal"] == PRIORS["signal"]
    assert YES_FORM["own_body"] == "joint_venture"


def test_with_no_data_a_bias_is_its_contrasts_base_rate():
    result = fit_weights(CONTRAST_OF, PRIORS, [], bias_priors={"stake": -1.1})
    assert result.biases["stake"] == -1.1
    assert result.biases["own_body"] == 0.0


def test_a_bias_is_held_toward_its_base_rate_not_toward_even_odds():
    # Half the cases choose a joint venture: a free bias would sit near 0; a base rate of -2
    # held with high precision keeps it near -2, and with low precision lets the data speak.
    even = [
        Example(f"c{i}", "joint_venture" if i % 2 else "non_equity_alliance", {}, frozenset())
        for i in range(40)
    ]
    firm = fit_weights(
        CONTRAST_OF, PRIORS, even, bias_precision=100.0, bias_priors={"own_body": -2}
    )
    loose = fit_weights(
        CONTRAST_OF, PRIORS, even, bias_precision=0.01, bias_priors={"own_body": -2}
    )
    assert firm.biases["own_body"] == pytest.approx(-2.0, abs=0.2)
    assert loose.biases["own_body"] == pytest.approx(0.0, abs=0.1)


def test_a_contrasts_own_bias_precision_applies_to_that_contrast_only():
    even = [
        Example(f"c{i}", "joint_venture" if i % 2 else "non_equity_alliance", {}, frozenset())
        for i in range(40)
    ]
    result = fit_weights(
        CONTRAST_OF,
        PRIORS,
        even,
        bias_precision=0.01,
        bias_priors={"own_body": -2},
        bias_precisions={"own_body": 100.0},
    )
    assert result.biases["own_body"] == pytest.approx(-2.0, abs=0.2)
