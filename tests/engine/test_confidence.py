"""Confidence that means something (README, "Confidence"): the calibrated chance that the
first form is right, the product of its probability and the share of completions of the
unknown answers in which it stays first; low when the first two are close or the decisive
answers are missing, high when the answers point one way.
"""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from support.strategies import factor_value, scenario_documents

from engine import default_reasoner, recommend, scenario_from_data
from engine.confidence import (
    calibrate,
    confidence,
    confidence_label,
    coverage,
    raw_confidence,
)
from engine.scoring import FormScore
from rules.vocabulary import FACTORS

LOW = {"low", "very low"}

# Twelve hospitals pooling purchases of commodity supplies; every answer points to a
# supply-chain partnership and none of the relational answers tilts toward a contract.
POOLED_PURCHASING = {
    "market_access": "low",
    "competitive_overlap": "low",
    "scale_efficiency": "high",
    "complementarity": "low",
    "synergy_type": "modular",
    "resource_type": "hard",
    "asset_specificity": "low",
    "integration_depth": "low",
    "innovation_pace": "low",
    "ip_sensitivity": "low",
    "results_openness": "members",
    "uncertainty": "low",
    "regulatory_complexity": "low",
    "antitrust_exposure": "low",
    "data_sensitivity": "low",
    "local_entity_required": False,
    "equity_restricted": False,
    "partner_count": 12,
    "partner_types": ["provider"],
    "scope": ["procurement_logistics"],
    "control_need": "medium",
    "risk_sharing": "medium",
    "capital_commitment": "medium",
    "time_horizon": "long",
    "exit_flexibility": "medium",
    "trust": "medium",
    "cultural_distance": "low",
}

# A two-party research licence that either side may end: every answer points to a contract.
RESEARCH_LICENCE = {
    "market_access": "medium",
    "competitive_overlap": "low",
    "scale_efficiency": "low",
    "complementarity": "high",
    "synergy_type": "modular",
    "resource_type": "soft",
    "asset_specificity": "low",
    "integration_depth": "low",
    "innovation_pace": "high",
    "ip_sensitivity": "low",
    "results_openness": "proprietary",
    "uncertainty": "high",
    "regulatory_complexity": "medium",
    "antitrust_exposure": "low",
    "data_sensitivity": "low",
    "local_entity_required": False,
    "equity_restricted": False,
    "partner_count": 2,
    "partner_types": ["pharma", "biotech"],
    "scope": ["research_development"],
    "control_need": "low",
    "risk_sharing": "low",
    "capital_commitment": "low",
    "time_horizon": "short",
    "exit_flexibility": "high",
    "trust": "high",
    "cultural_distance": "low",
    # Revision 2 answered too: a well-funded partner, no acquisition in view, experienced
    # alliance makers. Left unknown, these answers could each still point to a stake, and
    # the robustness share (0.6 with the weights fitted on 98 development cases) says so.
    "size_asymmetry": "medium",
    "financing_need": "low",
    "alliance_experience": "high",
    "acquisition_intent": "low",
    "vendor_relationship": False,
    "jurisdictions": ["us"],
    "cross_border": False,
    "tax_exempt_party": False,
    "referral_relationship": False,
}

# A shared, dedicated manufacturing plant two firms build and run together for decades:
# every answer points to a joint venture.
SHARED_PLANT = {
    "market_access": "medium",
    "competitive_overlap": "low",
    "scale_efficiency": "high",
    "complementarity": "high",
    "synergy_type": "reciprocal",
    "resource_type": "hard",
    "asset_specificity": "high",
    "integration_depth": "high",
    "innovation_pace": "low",
    "ip_sensitivity": "low",
    "results_openness": "proprietary",
    "uncertainty": "low",
    "regulatory_complexity": "low",
    "antitrust_exposure": "low",
    "data_sensitivity": "low",
    "local_entity_required": False,
    "equity_restricted": False,
    "partner_count": 2,
    "partner_types": ["medtech", "pharma"],
    "scope": ["manufacturing"],
    "control_need": "high",
    "risk_sharing": "high",
    "capital_commitment": "high",
    "time_horizon": "long",
    "exit_flexibility": "low",
    "trust": "medium",
    "cultural_distance": "low",
}


def run(factors, **options):
    options.setdefault("analyses", False)
    options.setdefault("robustness", False)
    document = {"schema_version": 1, "factors": factors}
    return recommend(scenario_from_data(document), reasoner=default_reasoner(), **options)


def gap(rec):
    """First place's lead over second place in probability (an excluded form counts as -1)."""
    first, second = rec.ranking[0], rec.ranking[1]
    return first.score - (-1.0 if second.excluded else second.score)


def without(factors, *names):
    return {key: value for key, value in factors.items() if key not in names}


def completion(doc, data):
    """The scenario's answers with every unknown or omitted one filled in by hypothesis."""
    factors = dict(doc["factors"])
    for spec in FACTORS:
        if factors.get(spec.id, "unknown") == "unknown":
            factors[spec.id] = data.draw(factor_value(spec, unknown=False), label=spec.id)
    return factors


# --- close first places ---------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(doc=st.one_of(scenario_documents(), scenario_documents(unknown=False)))
def test_whenever_the_first_two_forms_are_close_confidence_is_low_and_a_note_says_so(doc):
    # Two probabilities within 0.1 of each other cap confidence at the first's share of the
    # two (README "Confidence"), which keeps it below "moderate".
    rec = run(doc["factors"])
    if (
        not rec.ranking[0].excluded
        and gap(rec) < default_reasoner().kb.scoring.confidence.close_below
    ):
        assert rec.confidence_label in LOW
        assert any("close" in note and "provisional" in note for note in rec.confidence_notes)


# --- decisive answers unknown --------------------------------------------------------------


def test_unknown_decisive_answers_give_low_confidence_and_say_which_to_ask():
    decisive = ("scale_efficiency", "scope", "partner_count")
    rec = run(without(POOLED_PURCHASING, *decisive), analyses=True)
    assert rec.confidence_label in LOW
    assert any("settle the next questions" in note for note in rec.confidence_notes)
    asked = {question.factor for question in rec.next_questions}
    assert asked & set(decisive)


def test_an_all_but_empty_scenario_has_very_low_confidence():
    rec = run({"trust": "high"})
    assert rec.confidence_label == "very low"


@settings(max_examples=30, deadline=None)
@given(doc=scenario_documents())
def test_confidence_never_exceeds_the_calibrated_share_of_completions_kept(doc):
    # README: the product of probability and share, calibrated and capped at the share;
    # a first place most completions overturn reads "very low".
    rec = run(doc["factors"], robustness=True)
    kb = default_reasoner().kb
    share = rec.robustness.share_first[rec.recommendation]
    assert rec.confidence <= min(calibrate(kb, share), share) + 1e-3
    if share < 0.45:
        assert rec.confidence_label == "very low"


# --- answers pointing one way ----------------------------------------------------------------


# Was a strict xfail (confidence 'low' 0.61 after the refit on 154 development cases). After
# the refit on the grown development half (210 cases, the fifth wave included; 237 with the
# sixth) the supply-chain partnership reads 62% and confidence 'moderate' (0.70), so the xfail
# is removed.
def test_pooled_purchasing_with_every_answer_pointing_one_way_gets_a_confident_supply_chain():
    rec = run(POOLED_PURCHASING)
    assert rec.recommendation == "supply_chain_partnership"
    assert rec.confidence_label in {"high", "moderate"}
    assert "Supply-chain partnership" in rec.confidence_notes[0]


@pytest.mark.xfail(
    strict=True,
    reason="issue 9: twelve hospitals read as a party-count lean toward a consortium (26%"
    " after the refit on 237 development cases), so the supply-chain partnership's probability"
    " is 62% and confidence 'moderate' (0.70)",
)
def test_pooled_purchasing_with_every_answer_pointing_one_way_gets_high_confidence():
    assert run(POOLED_PURCHASING).confidence_label == "high"


# The calibration fitted on leave-one-out answers of the 69 development cases is flat
# (slope 0.30, README "The reference corpus and accuracy"), so even clear-cut scenarios
# read "moderate" or "high"; both clear-cut scenarios must be well above a near tie.
def test_a_research_licence_with_every_answer_pointing_one_way_gets_a_confident_contract():
    rec = run(RESEARCH_LICENCE)
    assert rec.recommendation == "non_equity_alliance"
    assert rec.confidence_label in ("high", "moderate")
    assert rec.confidence >= 0.8


def test_a_shared_plant_with_every_answer_pointing_one_way_gets_a_confident_joint_venture():
    rec = run(SHARED_PLANT)
    assert rec.recommendation == "joint_venture"
    assert rec.confidence_label in ("high", "moderate")
    assert rec.confidence >= 0.8


def test_unknown_answers_that_cannot_matter_keep_confidence_where_it_was():
    full = run(POOLED_PURCHASING)
    rec = run(without(POOLED_PURCHASING, "cultural_distance", "data_sensitivity"))
    assert rec.confidence == full.confidence


# --- the confidence maths (engine/confidence.py) ---------------------------------------------


def test_coverage_weighs_each_answer_by_how_many_rules_read_it(kb):
    weights = kb.factor_weights
    heaviest = max(weights, key=weights.get)
    assert coverage(kb, {}) == 0
    assert coverage(kb, {heaviest: "x"}) == weights[heaviest] / sum(weights.values())
    assert coverage(kb, dict.fromkeys(weights, "x")) == 1


def test_raw_confidence_is_the_probability_times_the_share_kept():
    assert raw_confidence(0.8, 0.5) == pytest.approx(0.4)
    assert raw_confidence(0.8, 1.0) == pytest.approx(0.8)


def test_without_a_fitted_calibration_confidence_is_the_raw_figure(kb):
    bare = dataclasses.replace(kb, fitted=None)
    assert calibrate(bare, 0.3) == pytest.approx(0.3)
    assert confidence(bare, FormScore("joint_venture", 0.6, False), 0.5) == pytest.approx(0.3)


def test_the_shipped_calibration_keeps_the_order_of_raw_figures(kb):
    values = [calibrate(kb, r / 20) for r in range(21)]
    assert values == sorted(values)
    assert all(0.0 < v < 1.0 for v in values)


@settings(max_examples=100, deadline=None)
@given(
    probability=st.floats(0.01, 1.0),
    share=st.floats(0.0, 1.0),
    lower=st.floats(0.0, 1.0),
)
def test_confidence_falls_when_the_share_of_completions_kept_falls(kb, probability, share, lower):
    assume(lower < share - 1e-6)
    first = FormScore("joint_venture", probability, False)
    assert confidence(kb, first, lower) <= confidence(kb, first, share)


@settings(max_examples=100, deadline=None)
@given(share=st.floats(0.01, 1.0), low=st.floats(0.0, 1.0), high=st.floats(0.0, 1.0))
def test_confidence_rises_with_the_first_forms_probability(kb, share, low, high):
    assume(low < high)
    assert confidence(kb, FormScore("consortium", low, False), share) <= confidence(
        kb, FormScore("consortium", high, False), share
    )


def test_an_excluded_first_place_has_zero_confidence(kb):
    assert confidence(kb, FormScore("consortium", 0.9, True), 1.0) == 0.0


def test_confidence_label_takes_the_first_threshold_reached(kb):
    labels = kb.scoring.confidence.labels
    assert confidence_label(kb, 1.0) == labels[0].label
    assert confidence_label(kb, 0.0) == labels[-1].label
    for item in labels:
        assert confidence_label(kb, item.at_least) == item.label


def test_the_labels_are_thresholds_on_a_chance_highest_first(kb):
    thresholds = [item.at_least for item in kb.scoring.confidence.labels]
    assert thresholds == sorted(thresholds, reverse=True)
    assert thresholds[0] == 0.9 and thresholds[-1] == 0.0


def test_a_high_label_is_right_at_least_nine_times_in_ten_on_the_development_half(dev_outcomes):
    # Calibrated label semantics (README): "high" promises at least 9 in 10 right. The
    # calibration is fitted on this half, so this checks the fit delivers what it says.
    # "high" is rare since the calibration is fitted on leave-one-out answers (README).
    high = [o.lenient for o in dev_outcomes if o.label == "high"]
    assert len(high) >= 1
    assert sum(high) / len(high) >= 0.9


def test_a_moderate_label_is_right_at_least_seven_times_in_ten_on_the_development_half(
    dev_outcomes,
):
    moderate = [o.lenient for o in dev_outcomes if o.label == "moderate"]
    assert len(moderate) >= 5
    assert sum(moderate) / len(moderate) >= 0.7
