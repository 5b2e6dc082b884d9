"""What drives the decision: every consideration's signed push, and what separates two forms.

``stage_views`` explains only the path to the first form. The views here cover all four
contrasts and any pair of forms, so a page can draw a contribution chart per contrast
and answer "joint venture or equity alliance: what separates them here?". Every fired
rule that weighs a consideration is named once, under its consideration, with its own
share of that consideration's push (a consideration held within [-1, 1] shares its
clipped value among its rules in proportion to their leans).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

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
from engine.recommendation import RuleRef
from rules.vocabulary import FORM_IDS


class _View(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RuleShare(_View):
    """A fired rule's part in its consideration's push."""

    rule: RuleRef
    lean: float = Field(description="The rule's lean on its consideration (signed).")
    contribution: float = Field(description="Its share of the push, in log-odds (signed).")


class Driver(_View):
    """One consideration's push on a contrast."""

    id: str
    title: str
    weight: float = Field(description="Log-odds per unit value.")
    value: float = Field(description="Sum of its fired rules' leans, held within [-1, 1].")
    contribution: float = Field(description="Weight times value: its push toward yes.")
    rules: list[RuleShare]


class ContrastDrivers(_View):
    """A contrast with its bias, its log-odds and the considerations that pushed it."""

    contrast: str
    title: str
    yes_form: str
    when_yes: str
    when_no: str
    bias: float
    log_odds: float
    probability_yes: float = Field(description="Before any exclusion.")
    drivers: list[Driver] = Field(description="Non-zero pushes, strongest first.")


class PairDriver(_View):
    """A consideration that separates two forms, signed toward the first of them."""

    contrast: str
    id: str
    title: str
    toward_first: float = Field(description="Its push in log-odds; > 0 favours the first form.")
    rules: list[RuleShare]


class PairContrast(_View):
    """What separates two forms in this scenario."""

    first: str
    second: str
    contrasts: list[str] = Field(description="The contrasts on which their paths differ.")
    drivers: list[PairDriver] = Field(description="Strongest first.")


def path_answers(form: str) -> dict[str, str]:
    """The answer each contrast on a form's path must get for the decision to reach it.

    >>> path_answers("joint_venture")
    {'consortium': 'no', 'own_body': 'yes'}
    >>> path_answers("non_equity_alliance")["stake"]
    'no'
    """
    answers: dict[str, str] = {}
    for contrast in CONTRAST_ORDER:
        if YES_FORM[contrast] == form:
            answers[contrast] = "yes"
            return answers
        answers[contrast] = "no"
    if form != LAST_NO_FORM:
        raise ValueError(f"unknown form {form!r}; allowed: {', '.join(FORM_IDS)}")
    return answers


def separating_contrasts(first: str, second: str) -> list[str]:
    """The contrasts on which two forms' paths differ, in decision order.

    >>> separating_contrasts("joint_venture", "equity_alliance")
    ['own_body', 'supply', 'stake']
    >>> separating_contrasts("equity_alliance", "non_equity_alliance")
    ['stake']

    Raises:
        ValueError: the two forms are the same or one is not a form id.
    """
    if first == second:
        raise ValueError(f"compare two different forms (both were {first!r})")
    paths = path_answers(first), path_answers(second)
    return [
        c
        for c in CONTRAST_ORDER
        if (c in paths[0] or c in paths[1]) and paths[0].get(c) != paths[1].get(c)
    ]


def _rule_shares(kb: KnowledgeBase, fired: frozenset[str]) -> dict[str, list[tuple[str, float]]]:
    members: dict[str, list[tuple[str, float]]] = {}
    for rule in kb.rules:
        if rule.id in fired and rule.weighs is not None:
            members.setdefault(rule.weighs.consideration, []).append((rule.id, rule.weighs.lean))
    return members


def _driver(kb: KnowledgeBase, cid: str, value: float, members: list[tuple[str, float]]) -> Driver:
    weight = kb.decision.weights[cid]
    total = sum(lean for _, lean in members)
    scale = value / total if total else 0.0
    shares = [
        RuleShare(
            rule=rule_ref(kb.rules_by_id[rule_id]),
            lean=rounded(lean),
            contribution=rounded(weight * lean * scale),
        )
        for rule_id, lean in members
    ]
    shares.sort(key=lambda share: (-abs(share.contribution), share.rule.id))
    return Driver(
        id=cid,
        title=_title(kb, cid),
        weight=rounded(weight),
        value=rounded(value),
        contribution=rounded(weight * value),
        rules=shares,
    )


def _title(kb: KnowledgeBase, cid: str) -> str:
    return next(c.title for c in kb.considerations.considerations if c.id == cid)


def contrast_drivers(kb: KnowledgeBase, fired: Iterable[str]) -> list[ContrastDrivers]:
    """All four contrasts, in decision order, with what pushed each.

    Args:
        kb: the knowledge base.
        fired: ids of the rules that fired.

    Returns:
        One view per contrast; its drivers are the considerations with a non-zero push,
        strongest first, each naming its fired rules with their shares.
    """
    model = kb.decision
    fired_set = frozenset(fired)
    values = consideration_values(model, fired_set)
    logits = contrast_logits(model, values)
    members = _rule_shares(kb, fired_set)
    texts: dict[str, Any] = {c.id: c for c in kb.considerations.contrasts}
    views = []
    for contrast in CONTRAST_ORDER:
        drivers = [
            _driver(kb, cid, values[cid], members.get(cid, []))
            for cid in model.considerations_of(contrast)
            if values[cid] != 0 and model.weights[cid] != 0
        ]
        drivers.sort(key=lambda d: (-abs(d.contribution), d.id))
        views.append(
            ContrastDrivers(
                contrast=contrast,
                title=texts[contrast].title,
                yes_form=YES_FORM[contrast],
                when_yes=texts[contrast].when_yes,
                when_no=texts[contrast].when_no,
                bias=rounded(model.biases.get(contrast, 0.0)),
                log_odds=rounded(logits[contrast]),
                probability_yes=rounded(sigmoid(logits[contrast])),
                drivers=drivers,
            )
        )
    return views


def _sign_toward_first(first: dict[str, str], second: dict[str, str], contrast: str) -> int:
    """+1 when a push toward yes on ``contrast`` favours the first form, -1 when the second."""
    if first.get(contrast) == "yes" or second.get(contrast) == "no":
        return 1
    return -1


def pair_contrast(kb: KnowledgeBase, fired: Iterable[str], first: str, second: str) -> PairContrast:
    """What separates two forms: the pushes on the contrasts where their paths differ.

    A contrast separates two forms when one path needs "yes" and the other "no", or when
    only one path reaches it (joint venture against equity alliance: own body, supply
    and stake). A push toward "yes" favours the form whose path needs "yes" there, or the
    other form when the only path reaching it needs "no".

    Raises:
        ValueError: the two forms are the same or one is not a form id.
    """
    separating = separating_contrasts(first, second)
    paths = path_answers(first), path_answers(second)
    drivers = [
        PairDriver(
            contrast=view.contrast,
            id=driver.id,
            title=driver.title,
            toward_first=rounded(driver.contribution * sign),
            rules=[
                share.model_copy(update={"contribution": rounded(share.contribution * sign)})
                for share in driver.rules
            ],
        )
        for view in contrast_drivers(kb, fired)
        if view.contrast in separating
        for sign in [_sign_toward_first(*paths, view.contrast)]
        for driver in view.drivers
    ]
    drivers.sort(key=lambda d: (-abs(d.toward_first), d.id))
    return PairContrast(first=first, second=second, contrasts=separating, drivers=drivers)


__all__ = [
    "ContrastDrivers",
    "Driver",
    "PairContrast",
    "PairDriver",
    "RuleShare",
    "contrast_drivers",
    "pair_contrast",
    "path_answers",
    "separating_contrasts",
]
