"""Confidence that means something: low when the evidence is close or the decisive answers
are missing, high when every decisive answer points the same way (README, "Confidence").
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from support.strategies import factor_value, scenario_documents

from engine import default_reasoner, recommend, scenario_from_data
from engine.scoring import evidence_weight
from rules.vocabulary import FACTORS

LOW = {"low", "very low"}
CLOSE = 0.149  # the explanation calls a lead under 0.15 (weight of evidence) close
EXCLUDED_SCORE = -1.5

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


def lead(rec):
    """First place's lead over second place in weight of evidence, as the engine ranks them."""
    first, second = rec.ranking[0], rec.ranking[1]
    second_value = EXCLUDED_SCORE if second.excluded else second.score
    return evidence_weight(first.score) - evidence_weight(second_value)


def without(factors, *names):
    return {key: value for key, value in factors.items() if key not in names}


# --- close evidence ----------------------------------------------------------------------


def test_close_evidence_gives_low_confidence_and_a_note_saying_so():
    # The same purchasing deal between just two hospitals that trust each other, want an
    # easy way out, need no control and share no risk: those answers favour a plain
    # contract exactly as much as the pooled purchasing favours the supply-chain partnership.
    rec = run(
        {
            **POOLED_PURCHASING,
            "partner_count": 2,
            "trust": "high",
            "exit_flexibility": "high",
            "control_need": "low",
            "risk_sharing": "low",
        }
    )
    assert {rec.ranking[0].form, rec.ranking[1].form} == {
        "supply_chain_partnership",
        "non_equity_alliance",
    }
    assert lead(rec) < CLOSE
    assert rec.confidence_label in LOW
    assert "close" in rec.confidence_notes[0]
    assert "provisional" in rec.confidence_notes[0]


@settings(max_examples=60, deadline=None)
@given(doc=scenario_documents(unknown=False))
def test_whenever_the_first_two_forms_are_close_confidence_is_low(doc):
    rec = run(doc["factors"])
    if lead(rec) < CLOSE:
        assert rec.confidence_label in LOW
        assert "close" in rec.confidence_notes[0]


# --- decisive answers unknown --------------------------------------------------------------


def test_unknown_decisive_answers_give_low_confidence_and_say_which_to_ask():
    decisive = ("scale_efficiency", "scope", "partner_count")
    rec = run(without(POOLED_PURCHASING, *decisive), analyses=True)
    assert rec.confidence_label in LOW
    assert any("could still change the first place" in note for note in rec.confidence_notes)
    asked = {question.factor for question in rec.next_questions}
    assert asked & set(decisive)


def test_an_all_but_empty_scenario_has_very_low_confidence():
    rec = run({"trust": "high"})
    assert rec.confidence_label == "very low"


def completion(doc, data):
    """The scenario's answers with every unknown or omitted one filled in by hypothesis."""
    factors = dict(doc["factors"])
    for spec in FACTORS:
        if factors.get(spec.id, "unknown") == "unknown":
            factors[spec.id] = data.draw(factor_value(spec, unknown=False), label=spec.id)
    return factors


@settings(max_examples=40, deadline=None)
@given(doc=scenario_documents(), data=st.data())
def test_when_an_unknown_answer_could_change_the_winner_confidence_is_low(doc, data):
    rec = run(doc["factors"])
    if run(completion(doc, data)).recommendation != rec.recommendation:
        assert rec.confidence_label in LOW
        assert any("could still change" in note for note in rec.confidence_notes)


# --- one-way evidence ----------------------------------------------------------------------


def test_pooled_purchasing_with_every_answer_pointing_one_way_gets_high_confidence():
    rec = run(POOLED_PURCHASING)
    assert rec.recommendation == "supply_chain_partnership"
    assert rec.confidence_label == "high"
    assert "leads" in rec.confidence_notes[0]


def test_a_research_licence_with_every_answer_pointing_one_way_gets_high_confidence():
    rec = run(RESEARCH_LICENCE)
    assert rec.recommendation == "non_equity_alliance"
    assert rec.confidence_label == "high"


def test_a_shared_plant_with_every_answer_pointing_one_way_gets_high_confidence():
    rec = run(SHARED_PLANT)
    assert rec.recommendation == "joint_venture"
    assert rec.confidence_label == "high"


def test_unknown_answers_that_cannot_matter_keep_confidence_high():
    rec = run(without(POOLED_PURCHASING, "cultural_distance", "data_sensitivity"))
    assert rec.confidence_label == "high"
    assert any("no combination of them can overturn" in note for note in rec.confidence_notes)


# --- confidence tracks the lead --------------------------------------------------------------


@settings(max_examples=40, deadline=None)
@given(
    first=scenario_documents(unknown=False),
    second=scenario_documents(unknown=False),
)
def test_with_every_answer_known_a_larger_lead_never_means_less_confidence(first, second):
    a, b = run(first["factors"]), run(second["factors"])
    if lead(a) < lead(b) - 0.001:
        assert a.confidence <= b.confidence


@settings(max_examples=60, deadline=None)
@given(doc=st.one_of(scenario_documents(), scenario_documents(unknown=False)), data=st.data())
def test_high_confidence_only_when_no_unknown_answer_can_overturn_the_winner(doc, data):
    rec = run(doc["factors"])
    if rec.confidence_label == "high":
        assert run(completion(doc, data)).recommendation == rec.recommendation
        assert not any("could still change" in note for note in rec.confidence_notes)


# The confidence maths itself (engine/confidence.py), on hand-made bounds.


def _bounds(low, high):
    from engine.bounds import Bounds

    return Bounds(low=low, high=high, definite=frozenset(), possible=frozenset())


def test_coverage_weighs_each_answer_by_how_many_rules_read_it():
    from engine.confidence import coverage

    kb = default_reasoner().kb
    weights = kb.factor_weights
    heaviest = max(weights, key=weights.get)
    assert coverage(kb, {}) == 0
    assert coverage(kb, {heaviest: "x"}) == weights[heaviest] / sum(weights.values())
    assert coverage(kb, dict.fromkeys(weights, "x")) == 1


def test_confidence_grows_with_the_guaranteed_lead_and_stays_in_zero_to_one():
    from engine.confidence import confidence

    kb = default_reasoner().kb
    forms = sorted(kb.forms)
    tied = _bounds(dict.fromkeys(forms, 0.0), dict.fromkeys(forms, 0.0))
    ahead = _bounds({**dict.fromkeys(forms, 0.0), forms[0]: 0.9}, dict.fromkeys(forms, 0.0))
    (tied_value, tied_lead), (ahead_value, ahead_lead) = (
        confidence(kb, tied, 0.5),
        confidence(kb, ahead, 0.5),
    )
    assert tied_lead == 0 and ahead_lead == evidence_weight(0.9)
    assert 0 <= tied_value < ahead_value <= 1
    assert tied_value == kb.scoring.confidence.coverage_weight * 0.5


def test_confidence_label_takes_the_first_threshold_reached():
    from engine.confidence import confidence_label

    kb = default_reasoner().kb
    labels = kb.scoring.confidence.labels
    assert confidence_label(kb, 1.0) == labels[0].label
    assert confidence_label(kb, -1.0) == labels[-1].label
    for item in labels:
        assert confidence_label(kb, item.at_least) == item.label
