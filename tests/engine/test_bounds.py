"""Score bounds in three-valued logic: what the unknown answers could still do to each form."""

from __future__ import annotations

import dataclasses

import pytest

from engine import FORM_IDS, build_reasoner
from engine.bounds import can_change_first_place, exact_bounds, rule_truths, score_bounds
from engine.scoring import EXCLUDED_SCORE, combine, score_forms
from rules.schema import RuleSpec

# scoring.yaml: strong "++" 0.55, strong "+" 0.3.
STRONG_PLUS_PLUS = 0.55
STRONG_PLUS = 0.3


def rule(rule_id, when, *, evidence=(), exclude=(), derive=None):
    return RuleSpec.model_validate(
        {
            "id": rule_id,
            "title": f"Rule {rule_id}",
            "because": "A reason long enough to pass the schema's minimum.",
            "when": when,
            "evidence": [{"form": form, "effect": effect} for form, effect in evidence],
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
        evidence=[("joint_venture", "++")],
    ),
    rule(
        "control-favours-jv",
        [{"factor": "control_need", "is": "high"}],
        evidence=[("joint_venture", "+")],
    ),
    rule(
        "low-trust-opposes-jv",
        [{"factor": "trust", "is": "low"}],
        evidence=[("joint_venture", "-")],
    ),
    rule(
        "restricted-equity-excludes",
        [{"factor": "equity_restricted", "is": True}],
        exclude=["equity_alliance"],
    ),
    rule("many-parties", [{"factor": "partner_count", "at_least": 3}], derive="multi_party"),
    rule(
        "many-parties-favour-consortium", [{"fact": "multi_party"}], evidence=[("consortium", "++")]
    ),
)


@pytest.fixture(scope="module")
def small(reasoner):
    return build_reasoner(dataclasses.replace(reasoner.kb, rules=RULES))


def test_with_every_answer_that_matters_known_the_bounds_are_the_scores(small):
    values = {"trust": "high", "control_need": "low", "equity_restricted": True, "partner_count": 5}
    bounds = score_bounds(small, values)
    scores = score_forms(small.kb, small.infer(values))
    for form in FORM_IDS:
        assert bounds.low[form] == bounds.high[form] == pytest.approx(scores[form].sort_value)


def test_exact_bounds_pin_every_form_to_its_score(small):
    values = {"trust": "high"}
    fired = small.infer(values)
    bounds = exact_bounds(score_forms(small.kb, fired), fired)
    assert bounds.low == bounds.high
    assert bounds.low["joint_venture"] == pytest.approx(STRONG_PLUS_PLUS)
    assert (bounds.definite, bounds.possible) == (fired, frozenset())


def test_an_unknown_answer_lifts_the_highest_score_by_the_support_it_could_add(small):
    bounds = score_bounds(small, {"trust": "high"})
    assert bounds.high["joint_venture"] == pytest.approx(
        combine([STRONG_PLUS_PLUS, STRONG_PLUS], [])
    )
    assert bounds.low["joint_venture"] == pytest.approx(STRONG_PLUS_PLUS)


def test_an_unknown_answer_lowers_the_lowest_score_by_the_opposition_it_could_add(small):
    bounds = score_bounds(small, {"control_need": "low"})
    assert bounds.low["joint_venture"] == pytest.approx(-STRONG_PLUS)
    assert bounds.high["joint_venture"] == pytest.approx(STRONG_PLUS_PLUS)


def test_a_possible_exclusion_sinks_only_the_lowest_score(small):
    bounds = score_bounds(small, {})
    assert bounds.low["equity_alliance"] == EXCLUDED_SCORE
    assert bounds.high["equity_alliance"] == 0.0


def test_a_definite_exclusion_sinks_both_bounds(small):
    bounds = score_bounds(small, {"equity_restricted": True})
    assert bounds.low["equity_alliance"] == bounds.high["equity_alliance"] == EXCLUDED_SCORE


def test_a_rule_that_cannot_fire_adds_nothing_to_either_bound(small):
    bounds = score_bounds(small, {"partner_count": 2})
    assert bounds.low["consortium"] == bounds.high["consortium"] == 0.0


def test_an_unknown_answer_reaches_rules_through_derived_facts(small):
    truths = rule_truths(small, {})
    assert truths["many-parties"] is None
    assert truths["many-parties-favour-consortium"] is None


def test_a_known_answer_decides_rules_through_derived_facts(small):
    truths = rule_truths(small, {"partner_count": 4})
    assert truths["many-parties-favour-consortium"] is True


def test_bounds_name_the_rules_that_fire_and_those_that_might(small):
    bounds = score_bounds(small, {"trust": "high", "equity_restricted": False, "partner_count": 2})
    assert bounds.definite == {"high-trust-favours-jv"}
    assert bounds.possible == {"control-favours-jv"}


def test_learning_an_answer_only_narrows_the_bounds(small):
    before = score_bounds(small, {})
    after = score_bounds(small, {"trust": "low"})
    for form in FORM_IDS:
        assert before.low[form] <= after.low[form] <= after.high[form] <= before.high[form]


def test_guaranteed_lead_is_the_lowest_score_minus_the_best_rivals_highest(small):
    bounds = score_bounds(small, {"trust": "high", "partner_count": 2})
    rivals = max(bounds.high[f] for f in FORM_IDS if f != "joint_venture")
    assert bounds.guaranteed_lead("joint_venture") == pytest.approx(STRONG_PLUS_PLUS - rivals)


def test_guaranteed_evidence_lead_is_positive_when_no_rival_can_catch_up(small):
    values = {"trust": "high", "partner_count": 2, "equity_restricted": False}
    assert score_bounds(small, values).guaranteed_evidence_lead("joint_venture") > 0


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
