"""The decision model's documents: ``considerations.yaml`` and ``weights.yaml``.

``considerations.yaml`` names the four contrasts and the considerations bearing on each,
with the strength of their sources (the prior weight). ``weights.yaml`` holds the weights
and biases fitted on the development half of the reference corpus
(``alliance-advisor kb fit`` writes it); without it the prior weights are used.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from engine.decision import CONTRAST_ORDER, DecisionModel, Lean
from rules.schema import RuleSpec, Strength
from rules.vocabulary import FormId

ContrastId = Literal["consortium", "own_body", "supply", "stake"]


class _Doc(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class BaseRate(_Doc):
    """How often the sources find "yes" on a contrast when nothing else is known."""

    log_odds: float = Field(description="The prior bias: log-odds of yes before any evidence.")
    precision: float = Field(
        gt=0, description="How firmly kb fit holds the bias to it (1 / variance in log-odds)."
    )
    sources: tuple[str, ...] = Field(min_length=1)
    reading: str = Field(description="What the sources report and how it gives the figure.")


class Contrast(_Doc):
    """One of the four contrasts the decision is made of."""

    id: ContrastId
    toward: FormId
    away: FormId | None = None
    title: str
    when_yes: str = Field(description="What answering yes means, in plain words.")
    when_no: str = Field(description="What answering no means, in plain words.")
    base_rate: BaseRate | None = Field(
        default=None, description="The sources' base rate; without one the prior bias is 0."
    )


class Consideration(_Doc):
    """A family of rules reading the same situation, bearing on one contrast."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    contrast: ContrastId
    strength: Strength
    title: str


class ConsiderationsDoc(_Doc):
    """``considerations.yaml``."""

    prior_weight: dict[Strength, float]
    contrasts: tuple[Contrast, ...] = Field(min_length=4, max_length=4)
    considerations: tuple[Consideration, ...]


class FittedWeights(_Doc):
    """``weights.yaml``: what ``kb fit`` found, and on what."""

    fitted_on: str = Field(description="Which cases the weights were fitted on.")
    cases: int
    prior_precision: float
    bias_precision: float
    leave_one_out_lenient_top1: float | None = None
    calibration_slope: float = 1.0
    calibration_intercept: float = 0.0
    biases: dict[ContrastId, float]
    weights: dict[str, float]


def prior_weights(doc: ConsiderationsDoc) -> dict[str, float]:
    """Each consideration's prior weight, from the strength of its sources."""
    return {c.id: doc.prior_weight[c.strength] for c in doc.considerations}


def prior_biases(doc: ConsiderationsDoc) -> dict[str, float]:
    """Each contrast's prior bias: its sources' base rate in log-odds, 0 where none is given."""
    return {c.id: c.base_rate.log_odds if c.base_rate else 0.0 for c in doc.contrasts}


def bias_precisions(doc: ConsiderationsDoc) -> dict[str, float]:
    """How firmly each contrast with a base rate holds its bias to it."""
    return {c.id: c.base_rate.precision for c in doc.contrasts if c.base_rate}


def build_decision_model(
    doc: ConsiderationsDoc, fitted: FittedWeights | None, rules: Iterable[RuleSpec]
) -> DecisionModel:
    """The decision model: fitted weights where there are any, priors otherwise."""
    weights = prior_weights(doc)
    biases: dict[str, float] = dict.fromkeys(CONTRAST_ORDER, 0.0)
    if fitted is not None:
        weights.update({k: v for k, v in fitted.weights.items() if k in weights})
        biases.update({str(k): v for k, v in fitted.biases.items()})
    leans = {
        rule.id: Lean(rule.weighs.consideration, rule.weighs.lean)
        for rule in rules
        if rule.weighs is not None
    }
    return DecisionModel(
        contrast_of={c.id: c.contrast for c in doc.considerations},
        weights=weights,
        biases=biases,
        leans=leans,
    )


def check_decision_documents(
    doc: ConsiderationsDoc, fitted: FittedWeights | None, rules: Iterable[RuleSpec]
) -> list[str]:
    """Problems that tie the documents together: unknown ids, orphans, flipped weights."""
    problems = []
    known = {c.id for c in doc.considerations}
    if [c.id for c in doc.contrasts] != list(CONTRAST_ORDER):
        problems.append(
            f"considerations.yaml: contrasts must be {', '.join(CONTRAST_ORDER)} in that order"
        )
    used = set()
    for rule in rules:
        if rule.weighs is None:
            continue
        used.add(rule.weighs.consideration)
        if rule.weighs.consideration not in known:
            problems.append(
                f"rule {rule.id}: weighs unknown consideration {rule.weighs.consideration!r}"
            )
    for consideration in sorted(known - used):
        problems.append(f"considerations.yaml: {consideration} is weighed by no rule")
    if fitted is not None:
        for name, weight in fitted.weights.items():
            if weight < 0:
                problems.append(f"weights.yaml: {name} has a negative weight ({weight})")
    return problems


def stale_weights(doc: ConsiderationsDoc, fitted: FittedWeights | None) -> list[str]:
    """Fitted weights out of step with the considerations (``kb fit`` was not re-run).

    Not a load error, so that ``kb fit`` itself can run; ``kb check`` reports them.
    """
    if fitted is None:
        return []
    known = {c.id for c in doc.considerations}
    return [
        f"weights.yaml names {name}, which is not a consideration: re-run kb fit"
        for name in sorted(set(fitted.weights) - known)
    ] + [
        f"weights.yaml has no weight for {name}: re-run kb fit"
        for name in sorted(known - set(fitted.weights))
    ]


__all__ = [
    "BaseRate",
    "Consideration",
    "ConsiderationsDoc",
    "Contrast",
    "ContrastId",
    "FittedWeights",
    "bias_precisions",
    "build_decision_model",
    "check_decision_documents",
    "prior_biases",
    "prior_weights",
    "stale_weights",
]
