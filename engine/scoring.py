"""Turning fired rules into the five forms' probabilities, and ranking the forms.

The fired rules' leans are summed per consideration, weighed on the four contrasts and
read as probabilities along the decision path (``engine.decision``). Forms a fired rule
excludes get probability 0; the others are renormalised, so the five always sum to one
(or are all 0 when every form is excluded).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from engine.decision import form_probabilities
from engine.knowledge import KnowledgeBase
from rules.vocabulary import FORM_IDS


@dataclass(frozen=True, slots=True)
class FormScore:
    """A form's probability and whether some fired rule excludes it."""

    form: str
    score: float
    excluded: bool

    @property
    def sort_value(self) -> float:
        """The value forms are ranked by (an excluded form counts as -1, below any score)."""
        return -1.0 if self.excluded else self.score


def excluded_forms(kb: KnowledgeBase, rule_ids: Iterable[str]) -> dict[str, list[str]]:
    """For each excluded form, the ids of the fired rules that exclude it."""
    table: dict[str, list[str]] = {}
    fired = set(rule_ids)
    for rule in kb.excluding_rules:
        if rule.id in fired:
            for form in rule.exclude:
                table.setdefault(form, []).append(rule.id)
    return table


def score_forms(kb: KnowledgeBase, rule_ids: Iterable[str]) -> dict[str, FormScore]:
    """Each form's probability from the rules that fired."""
    fired = frozenset(rule_ids)
    excluded = excluded_forms(kb, fired)
    probs = form_probabilities(kb.decision, fired, excluded)
    return {form: FormScore(form, probs[form], form in excluded) for form in FORM_IDS}


def lead(ahead: FormScore, behind: FormScore) -> float:
    """How far one form is ahead of another, an excluded form counting as -1."""
    return ahead.sort_value - behind.sort_value


def rank(scores: dict[str, FormScore]) -> list[FormScore]:
    """Forms best first: not excluded before excluded, then by probability, ties by form id."""
    return sorted(scores.values(), key=lambda s: (s.excluded, -round(s.score, 9), s.form))


__all__ = ["FormScore", "excluded_forms", "lead", "rank", "score_forms"]
