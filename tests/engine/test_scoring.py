"""Scoring: certainty factors combined per form, the evidence scale, exclusions and ranking."""

from __future__ import annotations

import dataclasses
import math

import pytest

from engine import FORM_IDS
from engine.scoring import (
    EXCLUDED_SCORE,
    EXCLUDED_WEIGHT,
    FormScore,
    combine,
    evidence_weight,
    excluded_forms,
    lead,
    rank,
    score_forms,
)
from rules.schema import RuleSpec

# scoring.yaml: a strong "++" pull carries 0.55, a strong "+" 0.3, a moderate "+" 0.2.
STRONG_PLUS_PLUS = 0.55
STRONG_PLUS = 0.3
MODERATE_PLUS = 0.2


def rule(rule_id, *, evidence=(), exclude=(), strength="strong"):
    return RuleSpec.model_validate(
        {
            "id": rule_id,
            "title": f"Rule {rule_id}",
            "because": "A reason long enough to pass the schema's minimum.",
            "when": [{"factor": "trust", "is": "high"}],
            "evidence": [{"form": form, "effect": effect} for form, effect in evidence],
            "exclude": list(exclude),
            "strength": strength,
            "sources": ["test-source"],
        }
    )


@pytest.fixture
def small_kb(kb):
    """The shipped knowledge base's scoring parameters with five hand-made rules."""
    rules = (
        rule("raises-jv", evidence=[("joint_venture", "++")]),
        rule("raises-jv-again", evidence=[("joint_venture", "+")]),
        rule(
            "mixed-pulls",
            evidence=[("joint_venture", "+"), ("consortium", "-")],
            strength="moderate",
        ),
        rule("excludes-consortium", exclude=["consortium"]),
        rule("also-excludes-consortium", exclude=["consortium", "equity_alliance"]),
    )
    return dataclasses.replace(kb, rules=rules)


def score(form, value, excluded=False):
    return FormScore(form, value, excluded)


# combine


def test_combine_with_no_evidence_is_zero():
    assert combine([], []) == 0.0


def test_combine_of_one_supporting_factor_is_that_factor():
    assert combine([0.3], []) == pytest.approx(0.3)


def test_combine_of_one_opposing_factor_is_its_negation():
    assert combine([], [0.3]) == pytest.approx(-0.3)


def test_combine_accumulates_agreeing_evidence_with_diminishing_returns():
    assert combine([0.5, 0.5], []) == pytest.approx(0.75)
    assert combine([0.5, 0.5, 0.5], []) == pytest.approx(0.875)


def test_combine_nets_belief_against_disbelief_mycin_style():
    # (0.6 - 0.3) / (1 - 0.3)
    assert combine([0.6], [0.3]) == pytest.approx(0.3 / 0.7)


def test_combine_of_equal_support_and_opposition_is_zero():
    assert combine([0.4], [0.4]) == 0.0


def test_combine_of_certain_support_and_certain_opposition_is_zero_not_a_division_error():
    assert combine([1.0], [1.0]) == 0.0


def test_combine_does_not_depend_on_the_order_of_the_factors():
    assert combine([0.1, 0.55, 0.3], [0.2]) == pytest.approx(combine([0.3, 0.1, 0.55], [0.2]))


# evidence_weight


def test_evidence_weight_of_zero_is_zero():
    assert evidence_weight(0.0) == 0.0


def test_evidence_weight_adds_up_independent_supporting_reasons():
    together = evidence_weight(combine([0.5, 0.3], []))
    assert together == pytest.approx(evidence_weight(0.5) + evidence_weight(0.3))


def test_evidence_weight_is_symmetric_about_zero():
    assert evidence_weight(-0.4) == pytest.approx(-evidence_weight(0.4))


def test_evidence_weight_keeps_the_order_of_scores():
    scores = [-0.99, -0.5, -0.1, 0.0, 0.1, 0.5, 0.99]
    weights = [evidence_weight(s) for s in scores]
    assert weights == sorted(weights)
    assert len(set(weights)) == len(weights)


def test_evidence_weight_of_an_excluded_score_is_the_excluded_weight():
    assert evidence_weight(EXCLUDED_SCORE) == EXCLUDED_WEIGHT


def test_evidence_weight_of_certainty_is_finite():
    assert evidence_weight(1.0) == -EXCLUDED_WEIGHT
    assert evidence_weight(-1.0) == EXCLUDED_WEIGHT
    assert math.isfinite(evidence_weight(0.999999))


# FormScore and lead


def test_an_excluded_form_sorts_below_every_reachable_score():
    assert score("consortium", 0.9, excluded=True).sort_value == EXCLUDED_SCORE
    assert EXCLUDED_SCORE < -1.0


def test_a_form_that_is_not_excluded_sorts_by_its_score():
    assert score("consortium", -0.2).sort_value == -0.2


def test_lead_is_the_difference_of_scores():
    assert lead(score("joint_venture", 0.6), score("consortium", 0.2)) == pytest.approx(0.4)


def test_lead_over_an_excluded_form_counts_it_as_minus_one():
    ahead = score("joint_venture", 0.5)
    assert lead(ahead, score("consortium", 0.9, excluded=True)) == pytest.approx(1.5)


# rank


def test_rank_puts_the_highest_score_first():
    ranked = rank({"a": score("a", 0.1), "b": score("b", 0.7), "c": score("c", -0.3)})
    assert [s.form for s in ranked] == ["b", "a", "c"]


def test_rank_breaks_ties_by_form_id():
    ranked = rank({f: score(f, 0.25) for f in ("joint_venture", "consortium", "equity_alliance")})
    assert [s.form for s in ranked] == ["consortium", "equity_alliance", "joint_venture"]


def test_rank_treats_scores_equal_to_nine_places_as_tied():
    ranked = rank({"b": score("b", 0.3 + 1e-12), "a": score("a", 0.3)})
    assert [s.form for s in ranked] == ["a", "b"]


def test_rank_puts_excluded_forms_last_whatever_their_score():
    ranked = rank({"a": score("a", 0.9, excluded=True), "b": score("b", -0.8)})
    assert [s.form for s in ranked] == ["b", "a"]


def test_rank_orders_excluded_forms_among_themselves_by_score_then_id():
    ranked = rank(
        {
            "c": score("c", 0.1, excluded=True),
            "b": score("b", 0.5, excluded=True),
            "a": score("a", 0.1, excluded=True),
        }
    )
    assert [s.form for s in ranked] == ["b", "a", "c"]


# excluded_forms and score_forms


def test_excluded_forms_lists_every_fired_rule_that_excludes_each_form(small_kb):
    table = excluded_forms(small_kb, ["also-excludes-consortium", "excludes-consortium"])
    assert table == {
        "consortium": ["excludes-consortium", "also-excludes-consortium"],
        "equity_alliance": ["also-excludes-consortium"],
    }


def test_excluded_forms_ignores_rules_that_did_not_fire(small_kb):
    assert excluded_forms(small_kb, ["raises-jv"]) == {}


def test_score_forms_scores_every_form(small_kb):
    assert list(score_forms(small_kb, [])) == list(FORM_IDS)


def test_score_forms_with_no_fired_rules_gives_zero_and_no_exclusions(small_kb):
    scores = score_forms(small_kb, [])
    assert {s.score for s in scores.values()} == {0.0}
    assert not any(s.excluded for s in scores.values())


def test_score_forms_uses_the_certainty_of_the_rules_strength_and_effect(small_kb):
    scores = score_forms(small_kb, ["raises-jv"])
    assert scores["joint_venture"].score == pytest.approx(STRONG_PLUS_PLUS)


def test_score_forms_combines_every_fired_rules_pull_on_a_form(small_kb):
    scores = score_forms(small_kb, ["raises-jv", "raises-jv-again", "mixed-pulls"])
    expected = combine([STRONG_PLUS_PLUS, STRONG_PLUS, MODERATE_PLUS], [])
    assert scores["joint_venture"].score == pytest.approx(expected)
    assert scores["consortium"].score == pytest.approx(-MODERATE_PLUS)


def test_score_forms_marks_excluded_forms_and_keeps_their_score(small_kb):
    scores = score_forms(small_kb, ["mixed-pulls", "excludes-consortium"])
    assert scores["consortium"] == FormScore("consortium", pytest.approx(-MODERATE_PLUS), True)
    assert not scores["joint_venture"].excluded


def test_score_forms_does_not_depend_on_the_order_rules_are_given(small_kb):
    fired = ["raises-jv", "raises-jv-again", "mixed-pulls", "excludes-consortium"]
    assert score_forms(small_kb, fired) == score_forms(small_kb, list(reversed(fired)))


def test_score_forms_ranks_an_excluded_form_last(small_kb):
    ranked = rank(score_forms(small_kb, ["raises-jv", "excludes-consortium"]))
    assert [s.form for s in ranked][0] == "joint_venture"
    assert [s.form for s in ranked][-1] == "consortium"
