"""What would change the answer: single-factor variants and completions of the unknowns.

Both analyses re-run inference on a loaded engine incrementally: one answer is
retracted (with every conclusion that depended on it) and its new value declared,
so only the rules that read it -- and what they feed -- are matched again.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from engine.bounds import rule_truths
from engine.knowledge import KnowledgeBase
from engine.reasoner import Reasoner
from engine.scoring import FormScore, lead, rank, score_forms
from rules.conditions import Truth
from rules.vocabulary import FACTOR_IDS, FACTORS, FORM_IDS, FactorKind, FactorSpec
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
    """Every single-factor variant of ``values`` that ``keep(factor, value)`` admits.

    Evaluated on a loaded engine that has run. The engine is left as it was found
    (holding ``values``). Restoring one factor and changing the next reach the matcher
    together, in one run.
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
        Variant(factor, value, scores.row(index)) for index, (factor, value) in enumerate(changes)
    ]


def _domain(spec: FactorSpec, kb: KnowledgeBase) -> list[Any] | None:
    """Every value of a factor, or ``None`` for list factors (sampled, not enumerated)."""
    if spec.kind is FactorKind.COUNT:
        return list(kb.scoring.robustness.partner_count_levels)
    if spec.kind is FactorKind.SET:
        return None
    return list(spec.values)


def _random_subset(spec: FactorSpec, rng: random.Random) -> tuple[str | bool, ...]:
    chosen = tuple(m for m in spec.values if rng.random() < 0.3)
    return chosen or (rng.choice(spec.values),)


@dataclass(frozen=True, slots=True)
class Completions:
    """Ways to fill in the unknown answers."""

    values: list[dict[str, Any]]  # each maps the unknown factor ids to answers
    exhaustive: bool  # every combination, not a seeded sample


def completions(kb: KnowledgeBase, unknown: list[str]) -> Completions:
    """Completions of the unknown factors: all when few enough, else a seeded sample."""
    params = kb.scoring.robustness
    specs = [spec for spec in FACTORS if spec.id in unknown]
    domains = {spec.id: _domain(spec, kb) for spec in specs}
    size = 1
    for spec in specs:
        domain = domains[spec.id]
        size *= len(domain) if domain is not None else 2 ** len(spec.values) - 1
    if size <= params.max_completions:
        listed: dict[str, list[Any]] = {
            spec.id: domains[spec.id]  # type: ignore[misc]  # not None: checked just here
            if domains[spec.id] is not None
            else [
                combo
                for n in range(1, len(spec.values) + 1)
                for combo in itertools.combinations(spec.values, n)
            ]
            for spec in specs
        }
        product = itertools.product(*(listed[spec.id] for spec in specs))
        return Completions([dict(zip(listed, combo, strict=True)) for combo in product], True)
    # A seeded random walk: the first completion is drawn uniformly, and each next one
    # re-draws a few answers. Every completion is then a uniform draw (the uniform
    # distribution is stationary under re-drawing), while consecutive completions
    # differ in few answers, so the engine re-runs incrementally.
    rng = random.Random(params.seed)

    def draw(spec: FactorSpec) -> Any:
        domain = domains[spec.id]
        return rng.choice(domain) if domain is not None else _random_subset(spec, rng)

    completion = {spec.id: draw(spec) for spec in specs}
    sample = [dict(completion)]
    step = min(params.walk_redraws, len(specs))
    while len(sample) < params.max_completions:
        for spec in rng.sample(specs, step):
            completion[spec.id] = draw(spec)
        sample.append(dict(completion))
    return Completions(sample, exhaustive=False)


@dataclass(frozen=True, slots=True)
class FirstPlaces:
    """How often each form comes first across completions of the unknown answers."""

    share: dict[str, float]  # per form, the share of completions it wins
    completions: int
    exhaustive: bool  # every completion was tried, not a sample
    unknown: list[str]  # the factor ids completed


def share_first(
    reasoner: Reasoner,
    values: Mapping[str, Any],
    truths: Mapping[str, Truth] | None = None,
) -> FirstPlaces:
    """How often each form comes first across completions of the unknown answers.

    The known answers already decide most rules (three-valued logic); only the rules
    they leave open are evaluated again for each completion, in derivation order (pass
    ``truths`` when ``rule_truths`` has already been computed for ``values``). That
    gives the same fired rules as a full run (``tests/engine/test_inference_consistency``
    checks experta against the same logic).
    """
    kb = reasoner.kb
    unknown = [factor_id for factor_id in FACTOR_IDS if values.get(factor_id) is None]
    base = rule_truths(reasoner, values) if truths is None else truths
    definite = frozenset(rule_id for rule_id, truth in base.items() if truth is True)
    if not unknown:
        winner = rank(score_forms(kb, definite))[0].form
        return FirstPlaces(
            share={form: float(form == winner) for form in FORM_IDS},
            completions=1,
            exhaustive=True,
            unknown=[],
        )
    pending = [rule for rule in reasoner.derivation_order if base[rule.id] is None]
    predicates = reasoner.predicates
    known_facts: dict[str, Truth] = {
        rule.derive: True for rule in kb.rules if rule.derive and rule.id in definite
    }
    filled = completions(kb, unknown)
    wins: dict[str, int] = dict.fromkeys(FORM_IDS, 0)
    for completion in filled.values:
        full = {**values, **completion}
        facts = dict(known_facts)
        fired = set(definite)
        for rule in pending:
            if predicates[rule.id](full, facts):
                fired.add(rule.id)
                if rule.derive:
                    facts[rule.derive] = True
        wins[rank(score_forms(kb, fired))[0].form] += 1
    total = len(filled.values)
    return FirstPlaces(
        share={form: wins[form] / total for form in FORM_IDS},
        completions=total,
        exhaustive=filled.exhaustive,
        unknown=unknown,
    )


__all__ = [
    "Completions",
    "FirstPlaces",
    "Variant",
    "candidate_values",
    "compiled_variants",
    "completions",
    "run_variants",
    "share_first",
    "variant_changes",
]
