"""The recommendation in plain words: the structure, how sure, what decides it, what changes it.

Everything comes from the engine's recommendation; numbers are kept to one: the share of
plausible answers that agree. Scores, ranges and pushes are left to the details.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from engine import KnowledgeBase, Recommendation, separating_contrasts
from ui.app.presenters.next_steps import realistic_changes
from ui.app.presenters.ranking import form_names
from ui.app.questions import Question
from ui.numbers import percent

MOST_DRIVERS = 3
LOW_LABELS = ("low", "very low")


@dataclass(frozen=True, slots=True)
class Headline:
    """The four parts of the headline, as plain text (no Markdown)."""

    structure: str
    sureness: str
    drivers: tuple[str, ...]
    change: str


def agreement(rec: Recommendation) -> float | None:
    """The share of plausible completions of the unknown answers that keep the first place."""
    if rec.robustness is None:
        return None
    return rec.robustness.share_first.get(rec.recommendation, 0.0)


def sureness_text(rec: Recommendation) -> str:
    """How sure the advisor is, in words, with the share of plausible answers that agree.

    Every answer known means one plausible completion, which either agrees or not.
    """
    share = agreement(rec)
    label = rec.confidence_label.capitalize()
    if share is None:
        text = f"{label} confidence."
    elif not rec.unknown_factors:
        text = f"{label} confidence; every question is answered."
    else:
        text = (
            f"{label} confidence: {percent(share)} of the ways the"
            f" {len(rec.unknown_factors)} unanswered questions could turn out keep it first."
        )
    return text + close_call(rec)


def close_call(rec: Recommendation) -> str:
    """Why confidence is low although the unknowns cannot overturn the first place.

    Confidence is also held down when the first form's own chance is modest; saying so
    keeps "low confidence" beside "100% keep it first" from reading as a contradiction.
    """
    if rec.confidence_label not in LOW_LABELS or len(rec.ranking) < 2:
        return ""
    first, second = rec.ranking[0], rec.ranking[1]
    if second.excluded or second.score <= 0:
        return ""
    name = form_names(rec).get(second.form, second.form)
    return (
        f" On what is known it is a {percent(first.score)} chance against"
        f" {percent(second.score)} for {name}."
    )


def plain_sureness(rec: Recommendation) -> str:
    """How sure the advisor is, in words only (classroom mode shows no numbers).

    >>> from types import SimpleNamespace
    >>> plain_sureness(SimpleNamespace(confidence_label="moderate"))
    'Moderate confidence.'
    """
    return f"{rec.confidence_label.capitalize()} confidence."


def driver_texts(rec: Recommendation, most: int = MOST_DRIVERS) -> tuple[str, ...]:
    """The considerations that push the decision toward the first place, strongest first.

    Only pushes that agree with the answer each stage on the path got are drivers; each
    says which structure it speaks for or against.
    """
    names = form_names(rec)
    deciding = set(_contested_contrasts(rec))
    pushes = []
    for stage in rec.stages:
        for item in stage.considerations:
            if item.pushes != stage.answer:
                continue
            yes_name = names.get(stage.yes_form, stage.yes_form)
            side = f"for {yes_name}" if item.pushes == "yes" else f"against {yes_name}"
            # Pushes on the questions that separate the first form from its closest rival
            # come first: a question every contender answers alike decides nothing between them.
            rank = (stage.contrast not in deciding, -abs(item.contribution))
            pushes.append((rank, f"{item.title} (speaks {side})"))
    pushes.sort(key=lambda pair: pair[0])
    return tuple(text for _, text in pushes[:most])


def _contested_contrasts(rec: Recommendation) -> list[str]:
    """The contrasts on which the first form's path and its closest rival's differ."""
    rivals = [item for item in rec.ranking[1:] if not item.excluded]
    if not rivals:
        return []
    return separating_contrasts(rec.recommendation, rivals[0].form)


def change_text(kb: KnowledgeBase, rec: Recommendation, questions: Mapping[str, Question]) -> str:
    """What would change the recommendation: an open question first, else a known answer.

    Among known answers a change of substance comes before a change of legal constraint.
    """
    names = form_names(rec)
    if rec.next_questions:
        entry = rec.next_questions[0]
        question = questions.get(entry.factor)
        flip = next((o for o in entry.outcomes if o.recommendation != rec.recommendation), None)
        if question is not None and flip is not None:
            return (
                f"Still open: “{question.label}”. Answered"
                f" “{question.describe(flip.value)}”, it would make"
                f" {names.get(flip.recommendation, flip.recommendation)} first."
            )
    changes = realistic_changes(kb, rec)
    if changes:
        change = changes[0]
        question = questions.get(change.factor)
        if question is not None:
            return (
                f"If “{question.label}” were “{question.describe(change.alternative)}” instead of"
                f" “{question.describe(change.current)}”,"
                f" {names.get(change.recommendation, change.recommendation)} would come first."
            )
    if rec.what_if is None:
        return "What would change it is worked out in the What if tab."
    return "No single answer, known or open, would change it."


def headline(kb: KnowledgeBase, rec: Recommendation, questions: Mapping[str, Question]) -> Headline:
    """The plain-language headline of a recommendation."""
    return Headline(
        structure=rec.recommendation_name,
        sureness=sureness_text(rec),
        drivers=driver_texts(rec),
        change=change_text(kb, rec, questions),
    )


__all__ = [
    "MOST_DRIVERS",
    "Headline",
    "agreement",
    "plain_sureness",
    "change_text",
    "driver_texts",
    "headline",
    "sureness_text",
]
