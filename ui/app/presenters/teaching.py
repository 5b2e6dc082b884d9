"""Teaching views worked out: the tipping points between two forms, a case's answers in words.

A tipping point is one change of an answer that the engine says would put one of the
two chosen forms first (or take it off first place). Known answers come from the
engine's what-if list (changes of substance first), open ones from its next questions.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from engine import KnowledgeBase, Recommendation, Scenario
from ui.app.presenters.next_steps import realistic_changes
from ui.app.questions import Question
from ui.numbers import percent


@dataclass(frozen=True, slots=True)
class Toggle:
    """One change a class can switch on: the factor, its new answer and what it is said to do."""

    factor: str
    value: Any
    text: str
    leads_to: str


def _concerns(pair: Sequence[str], before: str, after: str) -> bool:
    return before in pair or after in pair


def tipping_points(
    kb: KnowledgeBase,
    rec: Recommendation,
    questions: Mapping[str, Question],
    pair: Sequence[str],
) -> list[Toggle]:
    """The single changes that move first place to or from either form of ``pair``.

    Known answers first (changes of substance before legal gates), then open ones; one
    toggle per factor (its first listed change).
    """
    names = {item.form: item.name for item in rec.ranking}
    toggles: dict[str, Toggle] = {}
    for change in realistic_changes(kb, rec):
        if change.factor in toggles or not _concerns(
            pair, rec.recommendation, change.recommendation
        ):
            continue
        question = questions[change.factor]
        toggles[change.factor] = Toggle(
            factor=change.factor,
            value=change.alternative,
            text=f"{question.label}: {question.describe(change.current)} →"
            f" {question.describe(change.alternative)}",
            leads_to=names.get(change.recommendation, change.recommendation),
        )
    for entry in rec.next_questions or []:
        question = questions[entry.factor]
        for outcome in entry.outcomes:
            if entry.factor in toggles:
                break
            if outcome.recommendation == rec.recommendation:
                continue
            if not _concerns(pair, rec.recommendation, outcome.recommendation):
                continue
            toggles[entry.factor] = Toggle(
                factor=entry.factor,
                value=outcome.value,
                text=f"{question.label}: unknown → {question.describe(outcome.value)}",
                leads_to=names.get(outcome.recommendation, outcome.recommendation),
            )
    return list(toggles.values())


def with_toggles(scenario: Scenario, toggles: Sequence[Toggle]) -> Scenario:
    """The scenario with every switched-on change applied at once."""
    if not toggles:
        return scenario
    return scenario.with_factors(**{t.factor: t.value for t in toggles})


def pair_standing(rec: Recommendation, pair: Sequence[str], *, numbers: bool) -> str:
    """Which of the two forms is ahead, with their probabilities unless numbers are hidden."""
    first, second = sorted(pair, key=lambda form: -rec.score_of(form))
    names = {item.form: item.name for item in rec.ranking}
    if not numbers:
        lead = "first overall" if rec.recommendation == first else "ahead of the other"
        return f"{names[first]} is {lead}"
    return (
        f"{names[first]} {percent(rec.score_of(first))}"
        f" · {names[second]} {percent(rec.score_of(second))}"
        f" · first overall: {rec.recommendation_name}"
    )


def case_answers(
    questions: Sequence[Question], scenario: Mapping[str, Any]
) -> list[tuple[str, str]]:
    """A case's known answers as (question label, answer in words), in questionnaire order."""
    factors: Mapping[str, Any] = scenario.get("factors") or {}
    return [
        (q.label, q.describe(factors[q.factor]))
        for q in questions
        if factors.get(q.factor) not in (None, "unknown", [], ())
    ]


__all__ = ["Toggle", "case_answers", "pair_standing", "tipping_points", "with_toggles"]
