"""What the unknown answers could still do: score bounds in three-valued logic.

A rule whose condition is decided by the known answers either fires (``True``) or
cannot (``False``); one that depends on an unknown answer might (``None``). Taking
every "might" rule's support but none of its opposition gives a form's highest
possible score; the reverse gives its lowest. Because every condition is positive,
learning an answer can only narrow these bounds.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from engine.reasoner import Reasoner
from engine.scoring import EXCLUDED_SCORE, FormScore, combine
from engine.vocabulary import FORM_IDS
from rules.conditions import Truth, evaluate


@dataclass(frozen=True, slots=True)
class Bounds:
    """Lowest and highest score each form can reach, whatever the unknowns turn out to be."""

    low: dict[str, float]
    high: dict[str, float]
    definite: frozenset[str]
    possible: frozenset[str]

    def guaranteed_lead(self, form: str) -> float:
        """How far ``form`` stays ahead of every other form in the worst case."""
        rivals = max(self.high[other] for other in FORM_IDS if other != form)
        return self.low[form] - rivals


def exact_bounds(scores: Mapping[str, FormScore], fired: frozenset[str]) -> Bounds:
    """Bounds when every answer is known: each form's range is its score."""
    point = {form: item.sort_value for form, item in scores.items()}
    return Bounds(low=point, high=dict(point), definite=fired, possible=frozenset())


def rule_truths(reasoner: Reasoner, values: Mapping[str, Any]) -> dict[str, Truth]:
    """Three-valued truth of every rule's condition for these (partly unknown) values."""
    facts: dict[str, Truth] = {}
    truths: dict[str, Truth] = {}
    for rule in reasoner.derivation_order:
        truth = evaluate(rule.when, values, facts, reasoner.rank_of)
        truths[rule.id] = truth
        if rule.derive:
            before = facts.get(rule.derive, False)
            facts[rule.derive] = (
                True
                if (before is True or truth is True)
                else (None if (before is None or truth is None) else False)
            )
    return truths


def score_bounds(reasoner: Reasoner, values: Mapping[str, Any]) -> Bounds:
    """Score bounds of every form for these (partly unknown) values."""
    kb = reasoner.kb
    truths = rule_truths(reasoner, values)
    definite = frozenset(r for r, t in truths.items() if t is True)
    possible = frozenset(r for r, t in truths.items() if t is None)
    pos_sure = {f: [] for f in FORM_IDS}
    pos_maybe = {f: [] for f in FORM_IDS}
    neg_sure = {f: [] for f in FORM_IDS}
    neg_maybe = {f: [] for f in FORM_IDS}
    excluded_sure: set[str] = set()
    excluded_maybe: set[str] = set()
    for rule in kb.rules:
        truth = truths[rule.id]
        if truth is False:
            continue
        for item in rule.evidence:
            cf = kb.scoring.certainty_of(rule.strength, item.effect)
            table = (
                (pos_sure if cf > 0 else neg_sure)
                if truth
                else (pos_maybe if cf > 0 else neg_maybe)
            )
            table[item.form].append(abs(cf))
        (excluded_sure if truth else excluded_maybe).update(rule.exclude)
    low, high = {}, {}
    for form in FORM_IDS:
        if form in excluded_sure:
            low[form] = high[form] = EXCLUDED_SCORE
            continue
        high[form] = combine(pos_sure[form] + pos_maybe[form], neg_sure[form])
        low[form] = (
            EXCLUDED_SCORE
            if form in excluded_maybe
            else combine(pos_sure[form], neg_sure[form] + neg_maybe[form])
        )
    return Bounds(low=low, high=high, definite=definite, possible=possible)


__all__ = ["Bounds", "rule_truths", "score_bounds"]
