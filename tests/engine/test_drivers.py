"""Drivers: every consideration's signed push per contrast, and what separates two forms."""

from __future__ import annotations

import math

import pytest

from engine import (
    FORM_IDS,
    contrast_drivers,
    pair_contrast,
    path_answers,
    recommend,
    scenario_from_data,
)
from engine.decision import CONTRAST_ORDER


@pytest.fixture(scope="module")
def demo_fired(kb):
    rec = recommend(scenario_from_data(kb.demo, "demo"), analyses=False, robustness=False)
    return rec, [rule.id for rule in rec.fired_rules]


def test_every_contrast_is_explained_in_decision_order(kb, demo_fired):
    _, fired = demo_fired
    assert [view.contrast for view in contrast_drivers(kb, fired)] == list(CONTRAST_ORDER)


def test_log_odds_are_the_bias_plus_the_drivers_pushes(kb, demo_fired):
    _, fired = demo_fired
    for view in contrast_drivers(kb, fired):
        total = view.bias + sum(d.contribution for d in view.drivers)
        assert view.log_odds == pytest.approx(total, abs=1e-3)
        assert view.probability_yes == pytest.approx(1 / (1 + math.exp(-view.log_odds)), abs=1e-3)


def test_on_the_path_the_probabilities_match_the_stages(kb, demo_fired):
    rec, fired = demo_fired
    views = {view.contrast: view for view in contrast_drivers(kb, fired)}
    for stage in rec.stages:
        assert views[stage.contrast].probability_yes == pytest.approx(stage.probability_yes)


def test_a_drivers_rule_shares_add_up_to_its_push(kb, demo_fired):
    _, fired = demo_fired
    for view in contrast_drivers(kb, fired):
        for driver in view.drivers:
            assert driver.rules
            assert sum(r.contribution for r in driver.rules) == pytest.approx(
                driver.contribution, abs=1e-3
            )


def test_each_fired_rule_appears_at_most_once(kb, demo_fired):
    _, fired = demo_fired
    named = [
        share.rule.id
        for view in contrast_drivers(kb, fired)
        for driver in view.drivers
        for share in driver.rules
    ]
    assert len(named) == len(set(named))
    assert set(named) <= set(fired)


def test_a_consideration_held_at_one_shares_the_clipped_value():
    from engine import default_reasoner

    kb = default_reasoner().kb
    # two rules of one family each leaning fully: the value is held at 1, each gets half
    families: dict[str, list[str]] = {}
    for rule in kb.rules:
        if rule.weighs is not None and rule.weighs.lean == 1.0:
            families.setdefault(rule.weighs.consideration, []).append(rule.id)
    cid, rules = next((c, r) for c, r in sorted(families.items()) if len(r) >= 2)
    views = contrast_drivers(kb, rules[:2])
    driver = next(d for v in views for d in v.drivers if d.id == cid)
    assert driver.value == 1.0
    # contributions are reported to four decimal places, so halves agree to that precision
    assert [r.contribution for r in driver.rules] == [
        pytest.approx(driver.contribution / 2, abs=1e-4)
    ] * 2


def test_paths_name_the_answer_each_contrast_needs():
    assert path_answers("consortium") == {"consortium": "yes"}
    assert path_answers("equity_alliance") == {
        "consortium": "no",
        "own_body": "no",
        "supply": "no",
        "stake": "yes",
    }
    with pytest.raises(ValueError, match="unknown form 'merger'; allowed: "):
        path_answers("merger")


def test_joint_venture_and_equity_alliance_are_separated_from_own_body_on(kb, demo_fired):
    _, fired = demo_fired
    pair = pair_contrast(kb, fired, "joint_venture", "equity_alliance")
    assert pair.contrasts == ["own_body", "supply", "stake"]
    assert {d.contrast for d in pair.drivers} <= set(pair.contrasts)


def test_a_push_toward_own_body_favours_the_joint_venture(kb, demo_fired):
    _, fired = demo_fired
    views = {view.contrast: view for view in contrast_drivers(kb, fired)}
    pair = pair_contrast(kb, fired, "joint_venture", "equity_alliance")
    for driver in pair.drivers:
        push = next(d for d in views[driver.contrast].drivers if d.id == driver.id).contribution
        # yes on own_body leads to the JV; no on supply and yes on stake lead to equity
        expected = -push if driver.contrast == "stake" else push
        assert driver.toward_first == pytest.approx(expected)


def test_swapping_the_pair_flips_every_sign(kb, demo_fired):
    _, fired = demo_fired
    for first in FORM_IDS:
        for second in FORM_IDS:
            if first == second:
                continue
            ab = pair_contrast(kb, fired, first, second)
            ba = pair_contrast(kb, fired, second, first)
            assert ab.contrasts == ba.contrasts
            assert {d.id: d.toward_first for d in ab.drivers} == {
                d.id: -d.toward_first for d in ba.drivers
            }


def test_a_form_cannot_be_contrasted_with_itself(kb):
    with pytest.raises(ValueError, match="two different forms"):
        pair_contrast(kb, [], "consortium", "consortium")
