"""The explanation by stages: each contrast on the way to the first form, and why.

"A body of its own is not needed because ...; a stake rather than a contract because ..."
Each stage names the considerations that pushed its answer, with the rules behind them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from engine.decision import (
    CONTRAST_ORDER,
    LAST_NO_FORM,
    YES_FORM,
    consideration_values,
    contrast_logits,
    sigmoid,
)
from engine.explain import rounded, rule_ref
from engine.knowledge import KnowledgeBase
from engine.recommendation import ConsiderationView, RuleRef, StageView


def _path(winner: str) -> tuple[str, ...]:
    """The contrasts answered on the way to ``winner``."""
    if winner == LAST_NO_FORM:
        return CONTRAST_ORDER
    index = [YES_FORM[c] for c in CONTRAST_ORDER].index(winner)
    return CONTRAST_ORDER[: index + 1]


def _probability_yes(contrast: str, logit: float, excluded: set[str]) -> float:
    if YES_FORM[contrast] in excluded:
        return 0.0
    if contrast == CONTRAST_ORDER[-1] and LAST_NO_FORM in excluded:
        return 1.0
    return sigmoid(logit)


def stage_views(
    kb: KnowledgeBase, fired: Iterable[str], excluded: Iterable[str], winner: str
) -> list[StageView]:
    """The stages on the path to ``winner``, each with its considerations, strongest first."""
    model = kb.decision
    fired_set = frozenset(fired)
    barred = set(excluded)
    values = consideration_values(model, fired_set)
    logits = contrast_logits(model, values)
    titles = {c.id: c.title for c in kb.considerations.considerations}
    texts: dict[str, Any] = {c.id: c for c in kb.considerations.contrasts}
    members: dict[str, list[RuleRef]] = {}
    for rule in kb.rules:
        if rule.id in fired_set and rule.weighs is not None:
            members.setdefault(rule.weighs.consideration, []).append(rule_ref(rule))
    views = []
    reached = 1.0
    for contrast in _path(winner):
        yes = YES_FORM[contrast] == winner
        considerations = [
            ConsiderationView(
                id=cid,
                title=titles[cid],
                value=rounded(values[cid]),
                weight=rounded(model.weights[cid]),
                contribution=rounded(model.weights[cid] * values[cid]),
                pushes="yes" if values[cid] > 0 else "no",
                rules=members.get(cid, []),
            )
            for cid in model.considerations_of(contrast)
            if values[cid] != 0 and model.weights[cid] != 0
        ]
        considerations.sort(key=lambda view: (-abs(view.contribution), view.id))
        p_yes = _probability_yes(contrast, logits[contrast], barred)
        views.append(
            StageView(
                contrast=contrast,
                title=texts[contrast].title,
                yes_form=YES_FORM[contrast],
                reached=rounded(reached),
                probability_yes=rounded(p_yes),
                answer="yes" if yes else "no",
                meaning=texts[contrast].when_yes if yes else texts[contrast].when_no,
                bias=rounded(model.biases.get(contrast, 0.0)),
                considerations=considerations,
            )
        )
        reached *= 1.0 - p_yes
    return views


__all__ = ["stage_views"]
