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

from engine.decision import probability_bounds
from engine.knowledge import KnowledgeBase
from engine.reasoner import Reasoner
from engine.scoring import FormScore
from rules.conditions import ABSENT, Toggled, Truth, evaluate
from rules.vocabulary import FORM_IDS


@dataclass(frozen=True, slots=True)
class Bounds:
    """Lowest and highest score each form can reach, whatever the unknowns turn out to be."""

    low: dict[str, float]
    high: dict[str, float]
    definite: frozenset[str]
    possible: frozenset[str]

    def guaranteed_lead(self, form: str) -> float:
        """How far ``form`` stays ahead of every other form in the worst case (score units)."""
        rivals = max(self.high[other] for other in FORM_IDS if other != form)
        return self.low[form] - rivals


def exact_bounds(scores: Mapping[str, FormScore], fired: frozenset[str]) -> Bounds:
    """Bounds when every answer is known: each form's range is its score."""
    point = {form: item.sort_value for form, item in scores.items()}
    return Bounds(low=point, high=dict(point), definite=fired, possible=frozenset())


def _or(left: Truth, right: Truth) -> Truth:
    if left is True or right is True:
        return True
    return None if (left is None or right is None) else False


def rule_truths(reasoner: Reasoner, values: Mapping[str, Any]) -> dict[str, Truth]:
    """Three-valued truth of every rule's condition for these (partly unknown) values."""
    facts: dict[str, Truth] = {}
    truths: dict[str, Truth] = {}
    for rule in reasoner.derivation_order:
        truth = evaluate(rule.when, values, facts, reasoner.rank_of)
        truths[rule.id] = truth
        if rule.derive:
            facts[rule.derive] = _or(facts.get(rule.derive, False), truth)
    return truths


def bounds_from_truths(kb: KnowledgeBase, truths: Mapping[str, Truth]) -> Bounds:
    """Probability bounds of every form given each rule's three-valued truth."""
    definite = frozenset(r for r, t in truths.items() if t is True)
    possible = frozenset(r for r, t in truths.items() if t is None)
    sure: set[str] = set()
    maybe: set[str] = set()
    for rule in kb.rules:
        if rule.exclude and truths.get(rule.id) is not False:
            (sure if truths[rule.id] else maybe).update(rule.exclude)
    low, high = probability_bounds(kb.decision, definite, possible, sure, maybe)
    for form in sure:
        low[form] = high[form] = -1.0
    for form in maybe:
        low[form] = -1.0
    return Bounds(low=low, high=high, definite=definite, possible=possible)


def score_bounds(reasoner: Reasoner, values: Mapping[str, Any]) -> Bounds:
    """Score bounds of every form for these (partly unknown) values."""
    return bounds_from_truths(reasoner.kb, rule_truths(reasoner, values))


def can_change_first_place(
    reasoner: Reasoner,
    values: Mapping[str, Any],
    fired: frozenset[str],
    factor: str,
    winner: str,
    member: str | None = None,
) -> bool:
    """Whether some value of ``factor`` alone could take first place from ``winner``.

    Only the rules downstream of the factor are re-evaluated, with the factor free and
    every other unknown answer matching nothing, as in the engine. ``False`` is a proof
    that no value of the factor changes the first place; ``True`` means it may. With
    ``member``, the factor is a known list and only adding or removing that member is
    considered: tests that do not name it keep their result.
    """
    kb = reasoner.kb
    affected = reasoner.rules_downstream_of.get(factor, frozenset())
    if not affected:
        return False
    truths: dict[str, Truth] = {rule.id: rule.id in fired for rule in kb.rules}
    facts: dict[str, Truth] = {}
    for rule in kb.rules:
        if rule.derive and rule.id in fired and rule.id not in affected:
            facts[rule.derive] = True
    masked = {k: ABSENT if v is None else v for k, v in values.items()}
    masked[factor] = None if member is None else Toggled(values[factor], member)
    for rule in reasoner.derivation_order:
        if rule.id not in affected:
            continue
        truth = evaluate(rule.when, masked, facts, reasoner.rank_of)
        truths[rule.id] = truth
        if rule.derive:
            facts[rule.derive] = _or(facts.get(rule.derive, False), truth)
    # Ranking compares scores rounded to 9 places, so a lead below that is a tie.
    return bounds_from_truths(kb, truths).guaranteed_lead(winner) <= 1e-9


__all__ = [
    "Bounds",
    "bounds_from_truths",
    "can_change_first_place",
    "exact_bounds",
    "rule_truths",
    "score_bounds",
]
