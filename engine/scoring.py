"""Turning fired rules into per-form scores with certainty factors, and ranking the forms.

Each rule that fires carries a certainty factor for or against some forms, sized by
the strength of its source evidence. For each form, supporting factors combine as
``1 - prod(1 - cf)`` (agreeing evidence accumulates with diminishing returns), opposing
factors likewise, and the score is MYCIN's net belief
``(for - against) / (1 - min(for, against))``, in [-1, 1].
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from engine.knowledge import KnowledgeBase
from rules.vocabulary import FORM_IDS

# An excluded form is placed below every score a form can reach.
EXCLUDED_SCORE = -1.5


# The evidence weight of an excluded form: far below any score a form can reach.
EXCLUDED_WEIGHT = -20.0


def evidence_weight(score: float) -> float:
    """A score on the additive scale of evidence: ``-ln(1 - s)`` above 0, ``ln(1 + s)`` below.

    Certainty factors saturate: many reasons for two forms push both scores toward 1 and
    squeeze the gap between them. For supporting evidence alone ``-ln(1 - s)`` is the sum
    of ``-ln(1 - cf)`` over the reasons, so on this scale independent reasons add up
    again. The transform is increasing, so it never changes an order.

    >>> round(evidence_weight(0.75), 4)  # two reasons of 0.5 each
    1.3863
    >>> evidence_weight(EXCLUDED_SCORE)
    -20.0
    """
    if score <= -1.0:
        return EXCLUDED_WEIGHT
    if score >= 1.0:
        return -EXCLUDED_WEIGHT
    return -math.log1p(-score) if score >= 0 else math.log1p(score)


def combine(positive: Iterable[float], negative: Iterable[float]) -> float:
    """Net certainty from supporting (> 0) and opposing (< 0 given as magnitudes) factors.

    >>> combine([0.5, 0.5], [])
    0.75
    >>> round(combine([0.6], [0.3]), 4)
    0.4286
    """
    belief = 1.0
    for cf in positive:
        belief *= 1.0 - cf
    disbelief = 1.0
    for cf in negative:
        disbelief *= 1.0 - cf
    mb, md = 1.0 - belief, 1.0 - disbelief
    denominator = 1.0 - min(mb, md)
    return 0.0 if denominator == 0 else (mb - md) / denominator


@dataclass(frozen=True, slots=True)
class FormScore:
    """A form's combined score and whether some fired rule excludes it."""

    form: str
    score: float
    excluded: bool

    @property
    def sort_value(self) -> float:
        """The value forms are ranked by (exclusions sink to the bottom)."""
        return EXCLUDED_SCORE if self.excluded else self.score


def excluded_forms(kb: KnowledgeBase, rule_ids: Iterable[str]) -> dict[str, list[str]]:
    """For each excluded form, the ids of the fired rules that exclude it."""
    table: dict[str, list[str]] = {}
    fired = set(rule_ids)
    for rule in kb.rules:
        if rule.id in fired:
            for form in rule.exclude:
                table.setdefault(form, []).append(rule.id)
    return table


def score_forms(kb: KnowledgeBase, rule_ids: Iterable[str]) -> dict[str, FormScore]:
    """Each form's combined score from the rules that fired."""
    positive: dict[str, list[float]] = {form: [] for form in FORM_IDS}
    negative: dict[str, list[float]] = {form: [] for form in FORM_IDS}
    excluded: set[str] = set()
    effects = kb.rule_effects
    # Knowledge-base order, not set order: float products must not depend on hashing.
    for rule_id in sorted(rule_ids, key=kb.rule_position.__getitem__):
        pulls, exclusions = effects[rule_id]
        for form, cf in pulls:
            if cf > 0:
                positive[form].append(cf)
            else:
                negative[form].append(-cf)
        excluded.update(exclusions)
    return {
        form: FormScore(form, combine(positive[form], negative[form]), form in excluded)
        for form in FORM_IDS
    }


def lead(ahead: FormScore, behind: FormScore) -> float:
    """How far one form is ahead of another, an excluded form counting as -1."""
    return max(ahead.sort_value, -1.0) - max(behind.sort_value, -1.0)


def rank(scores: dict[str, FormScore]) -> list[FormScore]:
    """Forms best first: not excluded before excluded, then by score, ties by form id."""
    return sorted(scores.values(), key=lambda s: (s.excluded, -round(s.score, 9), s.form))


__all__ = [
    "EXCLUDED_SCORE",
    "EXCLUDED_WEIGHT",
    "FormScore",
    "combine",
    "evidence_weight",
    "excluded_forms",
    "lead",
    "rank",
    "score_forms",
]
