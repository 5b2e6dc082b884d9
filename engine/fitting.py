"""Fitting the considerations' weights on documented alliances, anchored to their sources.

Because a form's probability is a product along its path, the likelihood of a set of
chosen forms splits into one logistic regression per contrast, over the cases that
reach it. Each regression is penalised toward the prior weights (the sources' direction
and strength), and a weight is kept non-negative: a consideration may turn out weaker
than its sources say, never point the other way.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from engine.decision import CONTRAST_ORDER, LAST_NO_FORM, YES_FORM


@dataclass(frozen=True, slots=True)
class Example:
    """One documented alliance as the fit sees it."""

    case_id: str
    chosen: str
    values: Mapping[str, float]
    excluded: frozenset[str]


@dataclass(frozen=True, slots=True)
class FitResult:
    """Fitted weights and biases, with what they were fitted on."""

    weights: dict[str, float]
    biases: dict[str, float]
    cases: int
    prior_precision: float


def _forms_from(contrast: str) -> set[str]:
    """The forms still possible when a contrast is reached."""
    index = CONTRAST_ORDER.index(contrast)
    return {YES_FORM[c] for c in CONTRAST_ORDER[index:]} | {LAST_NO_FORM}


def _fit_contrast(
    contrast: str,
    considerations: Sequence[str],
    priors: Mapping[str, float],
    examples: Sequence[Example],
    prior_precision: float,
    bias_precision: float,
    bias_prior: float = 0.0,
) -> tuple[float, dict[str, float]]:
    # numpy and scipy are imported here: only fitting needs them, and they are slow to load.
    import numpy as np
    from scipy.optimize import minimize

    reach = _forms_from(contrast)
    rows = [
        (ex, 1.0 if ex.chosen == YES_FORM[contrast] else 0.0)
        for ex in examples
        if ex.chosen in reach and YES_FORM[contrast] not in ex.excluded
    ]
    prior = np.array([priors[c] for c in considerations], dtype=float)
    if not rows:
        return bias_prior, dict(zip(considerations, prior.tolist(), strict=True))
    x = np.array([[ex.values.get(c, 0.0) for c in considerations] for ex, _ in rows], dtype=float)
    y = np.array([label for _, label in rows], dtype=float)

    def loss(params: Any) -> tuple[float, Any]:
        bias, weights = params[0], params[1:]
        z = bias + x @ weights
        # log(1 + e^z) - y z, computed stably
        nll = float(np.sum(np.logaddexp(0.0, z) - y * z))
        p = 1.0 / (1.0 + np.exp(-z))
        grad_z = p - y
        diff = weights - prior
        shift = bias - bias_prior
        value = nll + 0.5 * prior_precision * float(diff @ diff) + 0.5 * bias_precision * shift**2
        grad = np.concatenate(
            [[grad_z.sum() + bias_precision * shift], x.T @ grad_z + prior_precision * diff]
        )
        return value, grad

    start = np.concatenate([[bias_prior], prior])
    bounds = [(None, None)] + [(0.0, None)] * len(considerations)
    result = minimize(loss, start, jac=True, method="L-BFGS-B", bounds=bounds)
    params = result.x
    return float(params[0]), {c: float(w) for c, w in zip(considerations, params[1:], strict=True)}


def fit_weights(
    contrast_of: Mapping[str, str],
    priors: Mapping[str, float],
    examples: Sequence[Example],
    prior_precision: float = 1.0,
    bias_precision: float = 0.25,
    bias_priors: Mapping[str, float] | None = None,
    bias_precisions: Mapping[str, float] | None = None,
) -> FitResult:
    """Fit every contrast's bias and its considerations' weights.

    Args:
        contrast_of: each consideration's contrast.
        priors: each consideration's prior weight (from its sources' strength).
        examples: the development cases.
        prior_precision: how strongly weights are held to their priors (1 / variance on
            the log-odds scale).
        bias_precision: the same for each contrast's bias, held toward its prior.
        bias_priors: each contrast's prior bias (log-odds of "yes" when no consideration
            speaks), from a base rate in the sources; 0 (even odds) where none is given.
        bias_precisions: a contrast's own precision for its bias where its base rate gives
            one; ``bias_precision`` elsewhere.
    """
    weights: dict[str, float] = {}
    biases: dict[str, float] = {}
    for contrast in CONTRAST_ORDER:
        considerations = sorted(c for c, k in contrast_of.items() if k == contrast)
        bias, fitted = _fit_contrast(
            contrast,
            considerations,
            priors,
            examples,
            prior_precision,
            (bias_precisions or {}).get(contrast, bias_precision),
            (bias_priors or {}).get(contrast, 0.0),
        )
        biases[contrast] = round(bias, 4)
        weights.update({c: round(w, 4) for c, w in fitted.items()})
    return FitResult(weights, biases, len(examples), prior_precision)


__all__ = ["Example", "FitResult", "fit_weights"]
