"""What would change the answer, as the recommendation reports it.

``engine.analysis`` runs the single-factor variants; the functions here turn them into
the what-if changes, the next questions to ask and the per-factor sensitivity table.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from engine.analysis import Variant
from engine.explain import rounded
from engine.knowledge import KnowledgeBase
from engine.reasoner import Reasoner
from engine.recommendation import NextQuestion, Outcome, SensitivityRow, WhatIf
from engine.scoring import FormScore
from rules.vocabulary import FACTOR_IDS, FACTORS_BY_ID, FORM_IDS


def _json_value(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def sensitivity_table(
    kb: KnowledgeBase, base: dict[str, FormScore], variants: list[Variant]
) -> list[SensitivityRow]:
    """Per factor, the largest change of each form's score any of its variants causes.

    Rounded once per factor and form: rounding keeps order, so the rounded largest
    change is the largest rounded change.
    """
    by_factor: dict[str, list[dict[str, FormScore]]] = {}
    for variant in variants:
        by_factor.setdefault(variant.factor, []).append(variant.scores)
    return [
        SensitivityRow(
            factor=factor_id,
            label=kb.factors[factor_id].label,
            shifts={
                form: rounded(max(abs(scores[form].score - base[form].score) for scores in rows))
                for form in FORM_IDS
            },
        )
        for factor_id in FACTOR_IDS
        if (rows := by_factor.get(factor_id))
    ]


def what_if_views(
    reasoner: Reasoner, values: Mapping[str, Any], winner: str, variants: list[Variant]
) -> list[WhatIf]:
    """Single changes of a known answer that change the first place, widest margin first."""
    kb = reasoner.kb
    changes = [
        WhatIf(
            factor=v.factor,
            label=kb.factors[v.factor].label,
            current=_json_value(values[v.factor]),
            alternative=_json_value(v.value),
            recommendation=v.winner,
            margin=rounded(v.margin),
        )
        for v in variants
        if values.get(v.factor) is not None and v.winner != winner
    ]
    return sorted(changes, key=lambda w: (-w.margin, w.factor, str(w.alternative)))


def next_question_views(
    reasoner: Reasoner,
    values: Mapping[str, Any],
    winner: str,
    base: dict[str, FormScore],
    variants: list[Variant],
) -> list[NextQuestion]:
    """Unknown factors whose answer could change the first place, most decisive first."""
    kb = reasoner.kb
    by_factor: dict[str, list[Variant]] = {}
    for variant in variants:
        if values.get(variant.factor) is None:
            by_factor.setdefault(variant.factor, []).append(variant)
    questions = []
    for factor_id, options in by_factor.items():
        changers = [v for v in options if v.winner != winner]
        if not changers:
            continue
        shift = max(abs(v.scores[f].score - base[f].score) for v in options for f in FORM_IDS)
        questions.append(
            NextQuestion(
                factor=factor_id,
                label=kb.factors[factor_id].label,
                question=kb.factors[factor_id].question,
                dimension=FACTORS_BY_ID[factor_id].dimension,
                decisiveness=rounded(len(changers) / len(options)),
                largest_shift=rounded(shift),
                outcomes=[
                    Outcome(
                        value=_json_value(v.value),
                        recommendation=v.winner,
                        margin=rounded(v.margin),
                    )
                    for v in options
                ],
            )
        )
    return sorted(questions, key=lambda q: (-q.decisiveness, -q.largest_shift, q.factor))


__all__ = ["next_question_views", "sensitivity_table", "what_if_views"]
