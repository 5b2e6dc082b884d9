"""The adaptive quick questionnaire's choices: which question next, when to stop, what moved.

Pure functions over the engine's recommendation; the page keeps the session's state.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from engine import Recommendation
from ui.app.questions import Question
from ui.numbers import percent

ENOUGH = ("moderate", "high")
"""Confidence words at which the quick questionnaire says the advice is sure enough."""


@dataclass(frozen=True, slots=True)
class Step:
    """One answer given in the quick questionnaire and what it did to the ranking."""

    label: str
    answer: str
    before: tuple[str, float]
    after: tuple[str, float]
    confidence: str


def sure_enough(rec: Recommendation) -> bool:
    """Whether confidence has reached "moderate" (or better)."""
    return rec.confidence_label in ENOUGH


def _sensitivity_order(rec: Recommendation, unknown: Collection[str]) -> list[str]:
    shifts = {
        row.factor: max(row.shifts.values(), default=0.0)
        for row in rec.sensitivity or []
        if row.factor in unknown
    }
    return sorted((f for f, s in shifts.items() if s > 0), key=lambda f: (-shifts[f], f))


def next_question(
    rec: Recommendation, questions: Sequence[Question], skipped: Collection[str] = ()
) -> Question | None:
    """The most decisive unanswered question not skipped, or ``None`` when none is left.

    The engine's next questions come first (answers that could change the first place,
    most decisive first); then unknown answers by how far they can move any form; then
    the remaining quick questions in questionnaire order.
    """
    by_factor = {q.factor: q for q in questions}
    unknown = {ref.id for ref in rec.unknown_factors} - set(skipped)
    ranked = [q.factor for q in rec.next_questions or [] if q.factor in unknown]
    ranked += [f for f in _sensitivity_order(rec, unknown) if f not in ranked]
    ranked += [q.factor for q in questions if q.quick and q.factor in unknown]
    return next((by_factor[f] for f in ranked if f in by_factor), None)


def first_place(rec: Recommendation) -> tuple[str, float]:
    """The first form's name and probability."""
    return rec.recommendation_name, rec.score_of(rec.recommendation)


def step(question: Question, value: object, before: Recommendation, after: Recommendation) -> Step:
    """Record an answer and the ranking before and after it."""
    return Step(
        label=question.label,
        answer=question.describe(value),
        before=first_place(before),
        after=first_place(after),
        confidence=after.confidence_label,
    )


def _moved(item: Step, *, numbers: bool) -> str:
    (old, old_p), (new, new_p) = item.before, item.after
    if new != old:
        return f"{new} overtook {old}"
    delta = round((new_p - old_p) * 100)
    if delta == 0:
        return "no change"
    if numbers:
        return f"{new} {delta:+d} points"
    return f"{new} {'firmer' if delta > 0 else 'less sure'}"


def step_rows(
    steps: Sequence[Step], *, numbers: bool = True, advice: bool = True
) -> list[dict[str, str]]:
    """One table row per answer: the answer, the first place after it and what moved.

    Args:
        steps: the answers given, in order.
        numbers: show the first place's probability and the points it moved (classroom
            mode says it in words).
        advice: show the first place at all (classroom mode hides it until revealed).
    """
    rows = []
    for item in steps:
        row = {"Question": item.label, "Answer": item.answer}
        if advice:
            name, chance = item.after
            row["First place"] = f"{name} · {percent(chance)}" if numbers else name
            row["What moved"] = _moved(item, numbers=numbers)
            row["Confidence"] = item.confidence
        rows.append(row)
    return rows


def progress_text(rec: Recommendation, answered: int, total: int) -> str:
    """Where the quick questionnaire stands, in one line."""
    return (
        f"Recommended now: {rec.recommendation_name} · confidence {rec.confidence_label}"
        f" · {answered} of {total} answered"
    )


__all__ = [
    "ENOUGH",
    "Step",
    "first_place",
    "next_question",
    "progress_text",
    "step",
    "step_rows",
    "sure_enough",
]
