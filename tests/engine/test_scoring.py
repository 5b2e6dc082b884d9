"""Scoring: each form's probability along the decision path, exclusions and ranking (issue 9).

The hand-made knowledge base below has no fitted weights, so every contrast's bias is 0
and each consideration weighs its prior (scoring maths checked by hand, not by calling
the model again): joint_operations and party_count are moderate (1.2), control weak (0.6).
"""

from __future__ import annotations

import dataclasses
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine import FORM_IDS
from engine.decision import sigmoid
from engine.scoring import FormScore, excluded_forms, lead, rank, score_forms
from rules.schema import RuleSpec

MODERATE = 1.2
WEAK = 0.6


def rule(rule_id, *, weighs=None, exclude=()):
    return RuleSpec.model_validate(
        {
            "id": rule_id,
            "title": f"Rule {rule_id}",
            "because": "A reason long enough to pass the schema's minimum.",
            "when": [{"factor": "trust", "is": "high"}],
            "weighs": None if weighs is None else {"consideration": weighs[0], "lean": weighs[1]},
            "exclude": list(exclude),
            "strength": "moderate",
            "sources": ["test-source"],
        }
    )


@pytest.fixture
def small_kb(kb):
    """The shipped considerations at their prior weights, with hand-made rules."""
    rules = (
        rule("raises-jv", weighs=("joint_operations", 1.0)),
        rule("raises-jv-again", weighs=("joint_operations", 0.5)),
        rule("control-jv", weighs=("control", 0.5)),
        rule("against-consortium", weighs=("party_count", -0.5)),
        rule("excludes-consortium", exclude=["consortium"]),
        rule("also-excludes-consortium", exclude=["consortium", "equity_alliance"]),
        rule("excludes-everything", exclude=list(FORM_IDS)),
    )
    return dataclasses.replace(kb, rules=rules, fitted=None)


def score(form, value, excluded=False):
    return FormScore(form, value, excluded)


def probabilities(kb, fired):
    return {form: item.score for form, item in score_forms(kb, fired).items()}


# FormScore and lead


def test_an_excluded_form_sorts_below_every_probability():
    assert score("consortium", 0.9, excluded=True).sort_value == -1.0


def test_a_form_that_is_not_excluded_sorts_by_its_probability():
    assert score("consortium", 0.2).sort_value == 0.2


def test_lead_is_the_difference_of_probabilities():
    assert lead(score("joint_venture", 0.6), score("consortium", 0.2)) == pytest.approx(0.4)


def test_lead_over_an_excluded_form_counts_it_as_minus_one():
    ahead = score("joint_venture", 0.5)
    assert lead(ahead, score("consortium", 0.9, excluded=True)) == pytest.approx(1.5)


# rank


def test_rank_puts_the_highest_probability_first():
    ranked = rank({"a": score("a", 0.1), "b": score("b", 0.7), "c": score("c", 0.0)})
    assert [s.form for s in ranked] == ["b", "a", "c"]


def test_rank_breaks_ties_by_form_id():
    ranked = rank({f: score(f, 0.25) for f in ("joint_venture", "consortium", "equity_alliance")})
    assert [s.form for s in ranked] == ["consortium", "equity_alliance", "joint_venture"]


def test_rank_treats_probabilities_equal_to_nine_places_as_tied():
    ranked = rank({"b": score("b", 0.3 + 1e-12), "a": score("a", 0.3)})
    assert [s.form for s in ranked] == ["a", "b"]


def test_rank_puts_excluded_forms_last_whatever_their_probability():
    ranked = rank({"a": score("a", 0.9, excluded=True), "b": score("b", 0.01)})
    assert [s.form for s in ranked] == ["b", "a"]


def test_rank_orders_excluded_forms_among_themselves_by_probability_then_id():
    ranked = rank(
        {
            "c": score("c", 0.1, excluded=True),
            "b": score("b", 0.5, excluded=True),
            "a": score("a", 0.1, excluded=True),
        }
    )
    assert [s.form for s in ranked] == ["b", "a", "c"]


# excluded_forms


def test_excluded_forms_lists_every_fired_rule_that_excludes_each_form(small_kb):
    table = excluded_forms(small_kb, ["also-excludes-consortium", "excludes-consortium"])
    assert table == {
        "consortium": ["excludes-consortium", "also-excludes-consortium"],
        "equity_alliance": ["also-excludes-consortium"],
    }


def test_excluded_forms_ignores_rules_that_did_not_fire(small_kb):
    assert excluded_forms(small_kb, ["raises-jv"]) == {}


# score_forms


def test_score_forms_scores_every_form(small_kb):
    assert list(score_forms(small_kb, [])) == list(FORM_IDS)


def test_with_no_fired_rules_each_contrast_is_even_and_the_path_halves(small_kb):
    probs = probabilities(small_kb, [])
    assert probs == {
        "consortium": 0.5,
        "joint_venture": 0.25,
        "supply_chain_partnership": 0.125,
        "equity_alliance": 0.0625,
        "non_equity_alliance": 0.0625,
    }
    assert not any(s.excluded for s in score_forms(small_kb, []).values())


def test_a_lean_moves_its_contrast_by_weight_times_lean(small_kb):
    probs = probabilities(small_kb, ["raises-jv"])
    assert probs["joint_venture"] == pytest.approx(0.5 * sigmoid(MODERATE))
    assert probs["consortium"] == pytest.approx(0.5)


def test_a_lean_away_lowers_its_contrasts_form(small_kb):
    probs = probabilities(small_kb, ["against-consortium"])
    assert probs["consortium"] == pytest.approx(sigmoid(-0.5 * MODERATE))


def test_rules_of_one_family_count_once(small_kb):
    # joint_operations: 1.0 + 0.5 is held at 1, so the second rule adds nothing.
    both = probabilities(small_kb, ["raises-jv", "raises-jv-again"])
    assert both == pytest.approx(probabilities(small_kb, ["raises-jv"]))


def test_considerations_of_one_contrast_add_on_the_log_odds(small_kb):
    probs = probabilities(small_kb, ["raises-jv", "control-jv"])
    assert probs["joint_venture"] == pytest.approx(0.5 * sigmoid(MODERATE + 0.5 * WEAK))


def test_an_excluded_form_gets_zero_and_the_rest_are_renormalised(small_kb):
    scores = score_forms(small_kb, ["excludes-consortium"])
    assert scores["consortium"] == FormScore("consortium", 0.0, True)
    assert scores["joint_venture"].score == pytest.approx(0.5)
    assert sum(s.score for s in scores.values()) == pytest.approx(1.0)


def test_when_every_form_is_excluded_every_probability_is_zero(small_kb):
    scores = score_forms(small_kb, ["excludes-everything"])
    assert all(s.excluded and s.score == 0.0 for s in scores.values())


def test_score_forms_does_not_depend_on_the_order_rules_are_given(small_kb):
    fired = ["raises-jv", "raises-jv-again", "against-consortium", "excludes-consortium"]
    assert score_forms(small_kb, fired) == score_forms(small_kb, list(reversed(fired)))


def test_score_forms_ranks_an_excluded_form_last(small_kb):
    ranked = rank(score_forms(small_kb, ["raises-jv", "excludes-consortium"]))
    assert ranked[0].form == "joint_venture"
    assert ranked[-1].form == "consortium"


@settings(max_examples=80, deadline=None)
@given(data=st.data())
def test_for_any_fired_rules_the_probabilities_sum_to_one_and_excluded_forms_get_zero(kb, data):
    fired = data.draw(st.sets(st.sampled_from([r.id for r in kb.rules]), max_size=25))
    scores = score_forms(kb, fired)
    excluded = set(excluded_forms(kb, fired))
    assert all(0.0 <= s.score <= 1.0 for s in scores.values())
    assert all(scores[form].score == 0.0 and scores[form].excluded for form in excluded)
    total = math.fsum(s.score for s in scores.values())
    assert total == pytest.approx(0.0 if excluded == set(FORM_IDS) else 1.0)
