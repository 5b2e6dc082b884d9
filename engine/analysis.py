"""What would change the answer: single-factor variants and completions of the unknowns.

Both run on the rules compiled to array arithmetic (``engine.compiled``), which give
experta's fired rules and scores exactly: every single-answer variant in one pass, and
every completion of the unknown answers (or a stated sample) in another.
``run_variants`` gives the same variants from experta itself, one run each.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from engine.bounds import rule_truths
from engine.compiled import ValueClasses
from engine.knowledge import KnowledgeBase
from engine.reasoner import Reasoner
from engine.scoring import FormScore, lead, rank, score_forms
from rules.conditions import Truth, iter_factor_tests
from rules.vocabulary import FACTOR_IDS, FACTORS, FACTORS_BY_ID, FORM_IDS, FactorKind, FactorSpec
from rules.working_memory import JustifyingEngine


@dataclass(frozen=True, slots=True)
class Variant:
    """The ranking when one factor takes another value."""

    factor: str
    value: Any
    scores: dict[str, FormScore]

    @property
    def winner(self) -> str:
        """The first place under this variant."""
        return rank(self.scores)[0].form

    @property
    def margin(self) -> float:
        """Lead of the first place over the second."""
        first, second = rank(self.scores)[:2]
        return lead(first, second)


def candidate_values(spec: FactorSpec, current: Any, kb: KnowledgeBase) -> list[Any]:
    """Values worth trying for a factor instead of ``current``.

    For list factors: from unknown, each single member; from a known list, the list
    with one member added or removed (never emptied).
    """
    if spec.kind is FactorKind.COUNT:
        options: list[Any] = list(kb.scoring.robustness.partner_count_levels)
    elif spec.kind is FactorKind.SET:
        if current is None:
            return [(member,) for member in spec.values]
        options = []
        for member in spec.values:
            if member in current:
                if len(current) > 1:
                    options.append(tuple(m for m in current if m != member))
            else:
                options.append(tuple(m for m in spec.values if m in current or m == member))
        return options
    else:
        options = list(spec.values)
    return [value for value in options if value != current]


def run_variants(
    engine: JustifyingEngine,
    kb: KnowledgeBase,
    values: Mapping[str, Any],
    keep: Callable[[str, Any], bool] | None = None,
) -> Iterator[Variant]:
    """Every single-factor variant of ``values`` that ``keep(factor, value)`` admits, by experta.

    Evaluated on a loaded engine that has run; each variant is one experta run. The
    engine is left as it was found (holding ``values``).
    """
    for spec in FACTORS:
        current = values.get(spec.id)
        candidates = [
            value
            for value in candidate_values(spec, current, kb)
            if keep is None or keep(spec.id, value)
        ]
        for value in candidates:
            engine.change_factor(spec.id, value)
            engine.run()
            yield Variant(spec.id, value, score_forms(kb, engine.fired_rules()))
        if candidates:
            engine.change_factor(spec.id, current)
    engine.run()


def variant_changes(
    kb: KnowledgeBase,
    values: Mapping[str, Any],
    keep: Callable[[str, Any], bool] | None = None,
) -> list[tuple[str, Any]]:
    """Every single-answer change ``run_variants`` tries, in the same order."""
    return [
        (spec.id, value)
        for spec in FACTORS
        for value in candidate_values(spec, values.get(spec.id), kb)
        if keep is None or keep(spec.id, value)
    ]


def compiled_variants(
    reasoner: Reasoner,
    values: Mapping[str, Any],
    keep: Callable[[str, Any], bool] | None = None,
) -> list[Variant]:
    """The same variants as ``run_variants``, from the compiled rules in one pass."""
    changes = variant_changes(reasoner.kb, values, keep)
    if not changes:
        return []
    fast = reasoner.fast
    scores = fast.score(fast.fire(fast.encode_changes(values, changes)))
    return [
        Variant(factor, value, row)
        for (factor, value), row in zip(changes, scores.rows(), strict=True)
    ]


def completion_values(spec: FactorSpec, kb: KnowledgeBase) -> list[Any]:
    """Every value an unknown factor could take (every non-empty list for list factors)."""
    if spec.kind is FactorKind.COUNT:
        return list(kb.scoring.robustness.partner_count_levels)
    if spec.kind is FactorKind.SET:
        return [
            combo
            for n in range(1, len(spec.values) + 1)
            for combo in itertools.combinations(spec.values, n)
        ]
    return list(spec.values)


@dataclass(frozen=True, slots=True)
class FirstPlaces:
    """How often each form comes first across completions of the unknown answers."""

    share: dict[str, float]  # per form, the share of completions it wins
    completions: int  # completions counted: all of them, or the sample's size
    exhaustive: bool  # every completion counted, not a sample
    unknown: list[str]  # the factor ids completed
    error_bound: float = 0.0  # a sampled share is this close to the exact one (stated level)
    evaluated: int = 1  # cases the compiled rules evaluated (classes of values, or draws)


def hoeffding_bound(draws: int, level: float) -> float:
    """Half-width within which a share from ``draws`` uniform draws holds at ``level``.

    Hoeffding: P(|sample share - share| >= e) <= 2 exp(-2 n e^2), for every form.

    >>> round(hoeffding_bound(20_000, 0.95), 4)
    0.0096
    """
    return math.sqrt(math.log(2.0 / (1.0 - level)) / (2.0 * draws))


def share_first(
    reasoner: Reasoner,
    values: Mapping[str, Any],
    truths: Mapping[str, Truth] | None = None,
    budget: int | None = None,
) -> FirstPlaces:
    """How often each form comes first across completions of the unknown answers.

    Exact whenever it can be: only unknown factors read by a rule the known answers
    leave open matter (three-valued logic; pass ``truths`` when ``rule_truths`` has
    been computed for ``values``), and of each only its classes of values that the
    rules' tests tell apart, each counted as often as it has values. When those classes
    combine into at most ``exact_budget`` cases, every one is evaluated at once by the
    compiled rules and weighed; otherwise ``sample_size`` completions are drawn
    uniformly (seeded), and ``error_bound`` says how close every share then is to the
    exact one (Hoeffding, at ``error_level``). ``budget`` overrides ``exact_budget``.
    """
    kb = reasoner.kb
    params = kb.scoring.robustness
    unknown = [factor_id for factor_id in FACTOR_IDS if values.get(factor_id) is None]
    base = rule_truths(reasoner, values) if truths is None else truths
    pending = [rule for rule in kb.rules if base[rule.id] is None]
    read = {test.factor for rule in pending for test in iter_factor_tests(rule.when)}
    relevant = [factor_id for factor_id in unknown if factor_id in read]
    total = math.prod(len(completion_values(FACTORS_BY_ID[f], kb)) for f in unknown)
    fast = reasoner.fast
    classes = {f: fast.value_classes(f, completion_values(FACTORS_BY_ID[f], kb)) for f in relevant}
    cases = math.prod(len(c.representatives) for c in classes.values())
    exhaustive = cases <= (params.exact_budget if budget is None else budget)
    weights: NDArray[np.float64] | None = None
    if exhaustive:
        picks, weights = _every_case(classes, cases)
    else:
        picks = _sample(classes, params.sample_size, params.seed)
    columns: dict[str, Any] = {f: v for f, v in values.items() if f not in classes}
    palettes = {f: c.representatives for f, c in classes.items()}
    encoded = fast.encode_columns(columns, palettes, picks)
    fired = fast.fire(encoded)
    scores = fast.score(fired, approximate=True)
    winners = scores.winners(lambda row: score_forms(kb, fired.row(row)))
    wins = np.bincount(winners, weights=weights, minlength=len(FORM_IDS))
    counted = float(wins.sum())
    return FirstPlaces(
        share={form: float(wins[i]) / counted for i, form in enumerate(FORM_IDS)},
        completions=total if exhaustive else params.sample_size,
        exhaustive=exhaustive,
        unknown=unknown,
        error_bound=0.0 if exhaustive else hoeffding_bound(params.sample_size, params.error_level),
        evaluated=encoded.size,
    )


_Picks = dict[str, "NDArray[np.int64]"]


def _every_case(
    classes: Mapping[str, ValueClasses], cases: int
) -> tuple[_Picks, NDArray[np.float64]]:
    """Every combination of classes (mixed radix), weighed by how many completions it is."""
    index = np.arange(cases, dtype=np.int64)
    picks: _Picks = {}
    weights = np.ones(cases)
    stride = 1
    for factor, found in classes.items():
        count = len(found.representatives)
        picks[factor] = (index // stride) % count
        weights = weights * found.sizes[picks[factor]]
        stride *= count
    return picks, weights


def _sample(classes: Mapping[str, ValueClasses], draws: int, seed: int) -> _Picks:
    """``draws`` uniform completions: a value of each factor drawn uniformly, then its class."""
    rng = np.random.default_rng(seed)
    picks: _Picks = {}
    for factor, found in classes.items():
        picks[factor] = found.class_of[rng.integers(0, len(found.class_of), size=draws)]
    return picks


__all__ = [
    "FirstPlaces",
    "Variant",
    "candidate_values",
    "compiled_variants",
    "completion_values",
    "hoeffding_bound",
    "run_variants",
    "share_first",
    "variant_changes",
]
