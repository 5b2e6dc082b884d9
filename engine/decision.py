"""How the advisor decides: considerations weighed on four contrasts, read as probabilities.

The five forms are reached by answering four contrasts in order, each between
neighbouring structures on what separates them::

    consortium?  --yes--> consortium
       | no
    own_body?    --yes--> joint_venture
       | no
    supply?      --yes--> supply_chain_partnership
       | no
    stake?       --yes--> equity_alliance
       | no
    non_equity_alliance

Each fired rule leans toward (+) or away from (-) its consideration's contrast. A
consideration's value is the sum of its fired rules' leans held within [-1, 1], so one
answer read by several rules of a family counts once. A contrast's log-odds are its bias
plus the weighted values of its considerations; the probability of "yes" is the logistic
of that. A form's probability is the product along its path, so the five sum to one.
Forms excluded by a legal bar or mandate get probability 0 and the rest are
renormalised (conditioning on the bar).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from rules.vocabulary import FORM_IDS

CONTRAST_ORDER: tuple[str, ...] = ("consortium", "own_body", "supply", "stake")
# The form each contrast's "yes" leads to; the last contrast's "no" is the contract.
YES_FORM: dict[str, str] = {
    "consortium": "consortium",
    "own_body": "joint_venture",
    "supply": "supply_chain_partnership",
    "stake": "equity_alliance",
}
LAST_NO_FORM = "non_equity_alliance"


@dataclass(frozen=True, slots=True)
class Lean:
    """A rule's lean on one consideration (positive: toward the contrast's form)."""

    consideration: str
    lean: float


@dataclass(frozen=True)
class DecisionModel:
    """The considerations, their contrasts and weights, and each rule's lean."""

    contrast_of: Mapping[str, str]
    weights: Mapping[str, float]
    biases: Mapping[str, float]
    leans: Mapping[str, Lean]

    def considerations_of(self, contrast: str) -> list[str]:
        """The considerations bearing on a contrast, in a stable order."""
        return sorted(c for c, k in self.contrast_of.items() if k == contrast)


def sigmoid(x: float) -> float:
    """The logistic function.

    >>> sigmoid(0.0)
    0.5
    """
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)


def clip(value: float) -> float:
    """Hold a consideration's value within [-1, 1].

    >>> clip(1.5), clip(-0.5)
    (1.0, -0.5)
    """
    return max(-1.0, min(1.0, value))


def consideration_values(model: DecisionModel, fired: Iterable[str]) -> dict[str, float]:
    """Each consideration's value from the rules that fired (0 when none of its rules did)."""
    totals: dict[str, float] = dict.fromkeys(model.contrast_of, 0.0)
    for rule_id in sorted(fired):  # sorted: float sums must not depend on set order
        lean = model.leans.get(rule_id)
        if lean is not None:
            totals[lean.consideration] += lean.lean
    return {c: clip(v) for c, v in totals.items()}


def contrast_logits(model: DecisionModel, values: Mapping[str, float]) -> dict[str, float]:
    """Log-odds of "yes" on each contrast."""
    logits = dict(model.biases)
    for consideration, value in sorted(values.items()):
        contrast = model.contrast_of[consideration]
        logits[contrast] = logits.get(contrast, 0.0) + model.weights[consideration] * value
    return {c: logits.get(c, 0.0) for c in CONTRAST_ORDER}


def path_probabilities(yes: Mapping[str, float], excluded: Iterable[str] = ()) -> dict[str, float]:
    """Each form's probability from the probability of "yes" on each contrast.

    >>> p = path_probabilities({"consortium": 0.5, "own_body": 0.5, "supply": 0.5, "stake": 0.5})
    >>> p["consortium"], p["joint_venture"], p["non_equity_alliance"]
    (0.5, 0.25, 0.0625)
    >>> path_probabilities({c: 0.5 for c in CONTRAST_ORDER}, ["consortium"])["joint_venture"]
    0.5
    """
    probs: dict[str, float] = {}
    remaining = 1.0
    for contrast in CONTRAST_ORDER:
        probs[YES_FORM[contrast]] = remaining * yes[contrast]
        remaining *= 1.0 - yes[contrast]
    probs[LAST_NO_FORM] = remaining
    barred = set(excluded)
    if barred:
        total = sum(p for form, p in probs.items() if form not in barred)
        probs = {
            form: 0.0 if form in barred or total <= 0 else p / total for form, p in probs.items()
        }
    return {form: probs[form] for form in FORM_IDS}


def form_probabilities(
    model: DecisionModel, fired: Iterable[str], excluded: Iterable[str] = ()
) -> dict[str, float]:
    """The five forms' probabilities for a set of fired rules."""
    logits = contrast_logits(model, consideration_values(model, fired))
    return path_probabilities({c: sigmoid(z) for c, z in logits.items()}, excluded)


def probability_bounds(
    model: DecisionModel,
    definite: Iterable[str],
    possible: Iterable[str],
    definitely_excluded: Iterable[str],
    possibly_excluded: Iterable[str],
) -> tuple[dict[str, float], dict[str, float]]:
    """Lowest and highest probability of each form whatever the unknown answers turn out to be.

    ``definite`` rules fire for sure, ``possible`` ones might. Each consideration's value
    then lies between its sum with only the negative possible leans and with only the
    positive ones; each contrast's log-odds between the matching extremes. A form's
    probability is monotone in each contrast's probability, so its extremes lie at the
    corners of that box; the corners are enumerated (16 of them), with every subset of
    the possible exclusions.
    """
    low_sum: dict[str, float] = dict.fromkeys(model.contrast_of, 0.0)
    high_sum: dict[str, float] = dict.fromkeys(model.contrast_of, 0.0)
    for rule_id in sorted(definite):
        lean = model.leans.get(rule_id)
        if lean is not None:
            low_sum[lean.consideration] += lean.lean
            high_sum[lean.consideration] += lean.lean
    for rule_id in sorted(possible):
        lean = model.leans.get(rule_id)
        if lean is not None:
            target = high_sum if lean.lean > 0 else low_sum
            target[lean.consideration] += lean.lean
    low_logit = contrast_logits(model, {c: clip(v) for c, v in low_sum.items()})
    high_logit = contrast_logits(model, {c: clip(v) for c, v in high_sum.items()})
    # A contrast whose range is a single point has one corner there, not two alike.
    ranges = [
        (lo,) if lo == hi else (lo, hi)
        for lo, hi in ((sigmoid(low_logit[c]), sigmoid(high_logit[c])) for c in CONTRAST_ORDER)
    ]
    sure = set(definitely_excluded)
    maybe = sorted(set(possibly_excluded) - sure)
    subsets = (c for n in range(len(maybe) + 1) for c in itertools.combinations(maybe, n))
    barred = [sure | set(extra) for extra in subsets]
    low: dict[str, float] = dict.fromkeys(FORM_IDS, 1.0)
    high: dict[str, float] = dict.fromkeys(FORM_IDS, 0.0)
    for corner in itertools.product(*ranges):
        yes = dict(zip(CONTRAST_ORDER, corner, strict=True))
        for excluded in barred:
            for form, p in path_probabilities(yes, excluded).items():
                if p < low[form]:
                    low[form] = p
                if p > high[form]:
                    high[form] = p
    return low, high


__all__ = [
    "CONTRAST_ORDER",
    "LAST_NO_FORM",
    "YES_FORM",
    "DecisionModel",
    "Lean",
    "clip",
    "consideration_values",
    "contrast_logits",
    "form_probabilities",
    "path_probabilities",
    "probability_bounds",
    "sigmoid",
]
