"""How sure the advisor is, in one figure that says what it measures.

The raw figure multiplies two things: the first form's probability given what is known
(the decision model's own estimate that it is the structure an expert would choose) and
the share of completions of the unknown answers in which it stays first (how the
unknowns could fall). Platt scaling, fitted on the development half of the reference
corpus, turns the raw figure into the chance of being right, capped at the share of
completions in which the first form stays first; the labels are thresholds on that
chance. A first place that most completions overturn can therefore never be called more
than "very low".
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from engine.knowledge import KnowledgeBase
from engine.scoring import FormScore
from rules.vocabulary import FACTOR_IDS

_EPSILON = 1e-6


def coverage(kb: KnowledgeBase, values: Mapping[str, Any]) -> float:
    """Share of the questionnaire answered, each factor weighted by how many rules read it."""
    weights = kb.factor_weights
    total = sum(weights.values())
    known = sum(w for factor_id, w in weights.items() if values.get(factor_id) is not None)
    return known / total if total else 1.0


def raw_confidence(first_probability: float, share_first: float) -> float:
    """The first form's probability times the share of completions it stays first in.

    >>> raw_confidence(0.8, 0.5)
    0.4
    """
    return first_probability * share_first


def calibrate(kb: KnowledgeBase, raw: float) -> float:
    """The raw figure as a chance of being right (Platt scaling fitted on the corpus).

    With the identity calibration the figure is unchanged.
    """
    slope, intercept = (
        (kb.fitted.calibration_slope, kb.fitted.calibration_intercept) if kb.fitted else (1.0, 0.0)
    )
    p = min(max(raw, _EPSILON), 1.0 - _EPSILON)
    z = slope * math.log(p / (1.0 - p)) + intercept
    return 1.0 / (1.0 + math.exp(-z))


def confidence(
    kb: KnowledgeBase, first: FormScore, share_first: float, runner_up: float = 0.0
) -> float:
    """Confidence in [0, 1]: the calibrated chance that the first form is right.

    Never more than the share of completions of the unknown answers in which the first
    form stays first (answering them could only confirm it that often), nor than its
    share of the first two places' probability (a near tie is a coin toss between them).
    """
    if first.excluded:
        return 0.0
    head_to_head = first.score / (first.score + runner_up) if first.score > 0 else 0.0
    calibrated = calibrate(kb, raw_confidence(first.score, share_first))
    return min(calibrated, share_first, head_to_head)


def confidence_label(kb: KnowledgeBase, value: float) -> str:
    """Confidence in words."""
    for item in kb.scoring.confidence.labels:
        if value >= item.at_least:
            return item.label
    return kb.scoring.confidence.labels[-1].label


def confidence_notes(
    kb: KnowledgeBase,
    ranked: list[FormScore],
    shares: Mapping[str, float],
    unknown: list[str],
    value: float,
) -> list[str]:
    """Plain sentences on what the confidence measures and rests on."""
    first, second = ranked[0], ranked[1]
    names = {form: kb.forms[form].name for form in kb.forms}
    notes = []
    if first.excluded:
        notes.append(
            "Every form is ruled out by at least one rule: the constraints conflict, so the"
            " ranking only orders forms that all need a legal or structural workaround."
        )
        return notes
    notes.append(
        f"Confidence {value:.0%} is the estimated chance that {names[first.form]} is the"
        " structure an experienced alliance executive would choose here, judged against"
        " documented alliances: its probability given what is known"
        f" ({first.score:.0%}) times the share of ways the unknown answers could turn out"
        f" in which it stays first ({shares[first.form]:.0%}), calibrated on the reference"
        " corpus."
    )
    if first.score - second.score < kb.scoring.confidence.close_below:
        notes.append(
            f"{names[first.form]} and {names[second.form]} are close"
            f" ({first.score:.0%} and {second.score:.0%}); treat the order as provisional."
        )
    rival = max(shares, key=lambda form: (shares[form], form == first.form))
    if rival != first.form:
        notes.append(
            f"In most completions of the unknown answers {names[rival]} would come first"
            f" ({shares[rival]:.0%}); settle the next questions before relying on this answer."
        )
    if unknown:
        notes.append(
            f"{len(unknown)} of {len(FACTOR_IDS)} answers are unknown; the next questions say"
            " which of them matter most."
        )
    else:
        notes.append("Every question is answered.")
    return notes


__all__ = [
    "calibrate",
    "confidence",
    "confidence_label",
    "confidence_notes",
    "coverage",
    "raw_confidence",
]
