"""How sure the advisor is: the answered share, the guaranteed lead and confidence in words.

Confidence rests on two measures that can only fall as answers are withdrawn: the
share of the questionnaire answered (weighted by how many rules read each factor) and
the guaranteed lead of the first place on the additive scale of evidence.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from engine.bounds import Bounds
from engine.knowledge import KnowledgeBase
from engine.scoring import FormScore, evidence_weight, lead
from rules.vocabulary import FACTOR_IDS


def coverage(kb: KnowledgeBase, values: Mapping[str, Any]) -> float:
    """Share of the questionnaire answered, each factor weighted by how many rules read it."""
    weights = kb.factor_weights
    total = sum(weights.values())
    known = sum(w for factor_id, w in weights.items() if values.get(factor_id) is not None)
    return known / total if total else 1.0


def confidence(kb: KnowledgeBase, bounds: Bounds, answered: float) -> tuple[float, float]:
    """Confidence in [0, 1] and the guaranteed lead it rests on.

    The guaranteed lead is the best form's lowest possible score minus the highest
    possible score of any rival, measured on the additive scale of evidence
    (``scoring.evidence_weight``). It can only shrink as answers become unknown, as can
    the answered share, so confidence never rises when an answer is withdrawn.
    """
    params = kb.scoring.confidence
    lead = max(bounds.guaranteed_evidence_lead(form) for form in bounds.low)
    lead_part = 1.0 - math.exp(-max(lead, 0.0) / params.margin_scale)
    value = (1.0 - params.coverage_weight) * lead_part + params.coverage_weight * answered
    return min(max(value, 0.0), 1.0), lead


def confidence_label(kb: KnowledgeBase, value: float) -> str:
    """Confidence in words."""
    for item in kb.scoring.confidence.labels:
        if value >= item.at_least:
            return item.label
    return kb.scoring.confidence.labels[-1].label


def evidence_lead(ahead: FormScore, behind: FormScore) -> float:
    """How far one form is ahead of another on the additive scale of evidence."""
    return evidence_weight(ahead.sort_value) - evidence_weight(behind.sort_value)


def confidence_notes(
    kb: KnowledgeBase,
    ranked: list[FormScore],
    guaranteed_lead: float,
    answered: float,
    unknown: list[str],
) -> list[str]:
    """Plain sentences on what the confidence rests on."""
    first, second = ranked[0], ranked[1]
    evidence_gap = evidence_lead(first, second)
    first_name, second_name = kb.forms[first.form].name, kb.forms[second.form].name
    notes = []
    if first.excluded:
        notes.append(
            "Every form is ruled out by at least one rule: the constraints conflict, so the"
            " ranking only orders forms that all need a legal or structural workaround."
        )
    if evidence_gap < kb.scoring.confidence.close_below:
        notes.append(
            f"The evidence for {first_name} and {second_name} is close"
            f" (scores {first.score:.2f} and {second.score:.2f}); treat the order as provisional."
        )
    else:
        notes.append(
            f"{first_name} leads {second_name} by {lead(first, second):.2f} on the score scale"
            f" from -1 to 1, {evidence_gap:.2f} in weight of evidence."
        )
    if unknown:
        if guaranteed_lead <= 0:
            notes.append(
                f"{len(unknown)} of {len(FACTOR_IDS)} answers are unknown, and some of them could"
                " still change the first place; the next questions below say which."
            )
        else:
            notes.append(
                f"{len(unknown)} answers are unknown, but no combination of them can overturn"
                " the first place."
            )
    else:
        notes.append("Every question is answered.")
    notes.append(f"Answered share of the questionnaire, weighted by rule use: {answered:.0%}.")
    return notes


__all__ = [
    "confidence",
    "confidence_label",
    "confidence_notes",
    "coverage",
    "evidence_lead",
]
