"""What would change the answer: single-factor variants and completions of the unknowns.

Both run on the rules compiled to array arithmetic (``engine.compiled``), which give
experta's fired rules and scores exactly: every single-answer variant in one pass, and
every completion of the unknown answers (or a stated sample) in another.
``run_variants`` gives the same variants from experta itself, one run each.
"""

from __future__ import annotations

import dataclasses
import itertools
import math
from collections.abc import Callable, Hashable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from engine.bounds import rule_truths
from engine.compiled import ArrayRules, Encoded, ValueClasses
from engine.knowledge import KnowledgeBase
from engine.reasoner import Reasoner
from engine.scoring import FormScore, lead, rank, score_forms
from rules.conditions import Truth
from rules.schema import RuleSpec
from rules.vocabulary import FACTOR_IDS, FACTORS, FACTORS_BY_ID, FORM_IDS, FactorKind, FactorSpec
from rules.working_memory import JustifyingEngine

_Picks = dict[str, "NDArray[np.int64]"]


@dataclass(frozen=True, slots=True)
class Variant:
    """The ranking when one factor takes another value."""

    factor: str
    value: Any
    scores: dict[str, FormScore]
    first: str | None = None  # the first place, when already known (as ``rank`` orders)

    @property
    def winner(self) -> str:
        """The first place under this variant."""
        return self.first if self.first is not None else rank(self.scores)[0].form

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
    scores = fast.score(fast.fire(fast.encode_changes(values, changes), scoring=True))
    rows = scores.rows()
    firsts = scores.winners(rows.__getitem__).tolist()
    return [
        Variant(factor, value, row, FORM_IDS[first])
        for (factor, value), row, first in zip(changes, rows, firsts, strict=True)
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
    *,
    grouped: bool = True,
) -> FirstPlaces:
    """How often each form comes first across completions of the unknown answers.

    Exact whenever it can be. Only unknown factors that can move the score matter
    (three-valued logic; pass ``truths`` when ``rule_truths`` has been computed for
    ``values``), and of each only its classes of values that the rules' tests tell
    apart, each counted as often as it has values. Those factors fall into groups that
    move the score independently (``independent_groups``); each group's cases are
    evaluated on their own and merged where they move every contrast's log-odds and
    every exclusion alike, and one case per combination of the groups' distinct effects
    is then ranked and weighed by the completions it stands for (``_grouped_cases``).
    When that is beyond ``exact_budget`` cases, every combination of classes is ranked
    if that is within the budget; otherwise ``sample_size`` completions are drawn
    uniformly (seeded), and ``error_bound`` says how close every share then is to the
    exact one (Hoeffding, at ``error_level``). ``budget`` overrides ``exact_budget``;
    ``grouped=False`` skips the groups (to check them against every combination).

    The result is kept in ``reasoner.memo``: the same answers are not counted twice.
    """
    key = _answers_key(values)
    if key is None:
        return _share_first(reasoner, values, truths, budget, grouped)
    found: FirstPlaces = reasoner.memo.get(
        ("share_first", budget, grouped, key),
        lambda: _share_first(reasoner, values, truths, budget, grouped),
    )
    return dataclasses.replace(found, share=dict(found.share), unknown=list(found.unknown))


def _answers_key(values: Mapping[str, Any]) -> Hashable | None:
    """The answers as a key (lists as tuples), or ``None`` if some answer cannot be one."""
    key = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in values.items()))
    try:
        hash(key)
    except TypeError:
        return None
    return key


# Up to this many cases, every combination of classes is ranked at once: cheaper than
# first finding the independent groups.
_SMALL = 4096


def _share_first(
    reasoner: Reasoner,
    values: Mapping[str, Any],
    truths: Mapping[str, Truth] | None,
    budget: int | None,
    grouped: bool,
) -> FirstPlaces:
    """``share_first`` without the memo."""
    kb = reasoner.kb
    params = kb.scoring.robustness
    limit = params.exact_budget if budget is None else budget
    unknown = [factor_id for factor_id in FACTOR_IDS if values.get(factor_id) is None]
    base = rule_truths(reasoner, values) if truths is None else truths
    fast = reasoner.fast
    pending = [rule for rule in kb.rules if base[rule.id] is None]
    read = set().union(*(fast.reads[rule.id][0] for rule in pending))
    classes = {f: _value_classes(reasoner, f) for f in unknown if f in read}
    cases = math.prod(len(c.representatives) for c in classes.values())
    columns: dict[str, Any] = {f: v for f, v in values.items() if f not in classes}
    counted: _Counted | None = None
    if grouped and cases > min(limit, _SMALL):
        groups = independent_groups(fast, reasoner.derivation_order, base, unknown)
        parts = [{f: classes[f] for f in group} for group in groups]
        counted = _grouped_cases(reasoner, values, parts, limit)
    if counted is None and cases <= limit:
        picks, weights = _every_case(classes, cases)
        counted = _count_wins(reasoner, _encode(fast, columns, classes, picks), weights)
    exhaustive = counted is not None
    if counted is None:
        drawn = fast.encode_sample(columns, classes, params.sample_size, params.seed)
        counted = _count_wins(reasoner, drawn, None)
    assert counted is not None  # near ties are settled unless ties=False
    total = float(counted.wins.sum())
    return FirstPlaces(
        share={form: float(counted.wins[i]) / total for i, form in enumerate(FORM_IDS)},
        completions=(
            math.prod(len(_value_classes(reasoner, f).class_of) for f in unknown)
            if exhaustive
            else params.sample_size
        ),
        exhaustive=exhaustive,
        unknown=unknown,
        error_bound=0.0 if exhaustive else hoeffding_bound(params.sample_size, params.error_level),
        evaluated=counted.evaluated,
    )


def _value_classes(reasoner: Reasoner, factor: str) -> ValueClasses:
    """The classes of an unknown factor's completion values (listed once per reasoner)."""
    fast = reasoner.fast
    kept = fast.kept_classes(factor)
    if kept is not None:
        return kept
    return fast.value_classes(factor, completion_values(FACTORS_BY_ID[factor], reasoner.kb))


def independent_groups(
    fast: ArrayRules,
    order: Sequence[RuleSpec],
    truths: Mapping[str, Truth],
    unknown: Sequence[str],
) -> list[list[str]]:
    """The unknown factors that can move the score, in groups that move it independently.

    ``order`` is the rules in derivation order, ``truths`` their three-valued truth on
    the known answers. An open rule depends on the unknown factors it tests and, through
    the facts it reads, on those the open rules deriving them depend on. The score
    depends on the fired rules through the contrasts' log-odds and the forms'
    exclusions. An exclusion is an "or" of its rules, and a consideration's pull is the
    sum of its rules' leans, clipped to [-1, 1]: unless the clip can bite (the open
    leans could take the sum past it), each rule adds its own part. Two factors share
    a group when one such part depends on both, so the groups move the log-odds by
    amounts that add up and the exclusions by flags that "or" together. A factor no open
    part depends on is left out: it cannot change the ranking.

    >>> from engine import default_reasoner
    >>> reasoner = default_reasoner()
    >>> truths = dict.fromkeys((r.id for r in reasoner.derivation_order), False)
    >>> independent_groups(reasoner.fast, reasoner.derivation_order, truths, ["trust"])
    []
    """
    open_unknown = set(unknown)
    reads: dict[str, set[str]] = {}
    through: dict[str, set[str]] = {}
    for rule in order:
        if truths[rule.id] is not None:
            continue
        tested, facts = fast.reads[rule.id]
        found = set(tested & open_unknown)
        for fact in facts:
            found |= through.get(fact, set())
        reads[rule.id] = found
        if rule.derive:
            through.setdefault(rule.derive, set()).update(found)
    parts: list[tuple[str, ...]] = [(r,) for rules in fast.excluders.values() for r in rules]
    for leans in fast.leaning.values():
        certain = sum(lean for rule_id, lean in leans if truths[rule_id])
        open_leans = [lean for rule_id, lean in leans if rule_id in reads]
        low = certain + sum(lean for lean in open_leans if lean < 0)
        high = certain + sum(lean for lean in open_leans if lean > 0)
        if -1.0 <= low and high <= 1.0:
            parts.extend((rule_id,) for rule_id, _ in leans)
        else:
            parts.append(tuple(rule_id for rule_id, _ in leans))
    return _joined([set().union(*(reads.get(r, set()) for r in part)) for part in parts], unknown)


def _joined(links: Sequence[set[str]], factors: Sequence[str]) -> list[list[str]]:
    """``factors`` that some link joins, in groups closed under the links (in order)."""
    parent = {factor: factor for factor in factors}

    def root(factor: str) -> str:
        while parent[factor] != factor:
            parent[factor] = parent[parent[factor]]
            factor = parent[factor]
        return factor

    linked: set[str] = set()
    for link in links:
        ordered = sorted(link)
        linked.update(ordered)
        for factor in ordered[1:]:
            parent[root(factor)] = root(ordered[0])
    groups: dict[str, list[str]] = {}
    for factor in factors:
        if factor in linked:
            groups.setdefault(root(factor), []).append(factor)
    return list(groups.values())


@dataclass(frozen=True)
class _Counted:
    wins: NDArray[np.float64]  # weighed first places per form, in FORM_IDS order
    evaluated: int  # cases the compiled rules evaluated


def _encode(
    fast: ArrayRules,
    columns: Mapping[str, Any],
    classes: Mapping[str, ValueClasses],
    picks: _Picks,
) -> Encoded:
    """The cases where each factor of ``classes`` takes its picked class's representative."""
    return fast.encode_columns(columns, {f: c.representatives for f, c in classes.items()}, picks)


def _count_wins(
    reasoner: Reasoner,
    encoded: Encoded,
    weights: NDArray[np.float64] | None,
    spread: int = 0,
    *,
    ties: bool = True,
) -> _Counted | None:
    """First places of the encoded cases, weighed (or one each, for a sample).

    Near ties (some case's first two places within 1e-8, not all ruled out) are
    settled the scalar way, or with ``ties=False`` give ``None``.
    """
    fired = reasoner.fast.fire(encoded, scoring=True)
    leaders = reasoner.fast.leaders(fired)
    if not ties and np.any(leaders.close & leaders.ranked):
        return None
    winners = leaders.first
    for index in np.flatnonzero(leaders.close):  # rounding could reorder a near tie
        scores = score_forms(reasoner.kb, fired.row(int(index)))
        winners[index] = FORM_IDS.index(rank(scores)[0].form)
    wins = np.bincount(winners, weights=weights, minlength=len(FORM_IDS)).astype(np.float64)
    return _Counted(wins, spread + encoded.size)


def _grouped_cases(
    reasoner: Reasoner,
    columns: Mapping[str, Any],
    groups: Sequence[Mapping[str, ValueClasses]],
    limit: int,
) -> _Counted | None:
    """First places counted over one case per combination of the groups' distinct effects.

    Each group's cases (every combination of its classes) are evaluated with the other
    groups' factors unknown, which fires none of their open rules: the log-odds and
    exclusions then differ between cases by this group's effect alone (all groups are
    evaluated in one pass, one after the other). Cases with the same log-odds and
    exclusions are one effect, represented by its first case and weighed by all of
    them. A combination stands for completions whose log-odds differ from its case's
    by rounding at most (sums of the same figures), so it counts them all for its
    first place unless the first two places are within 1e-8, where rounding could
    reorder them: then this returns ``None``, as it does beyond ``limit`` cases.
    """
    sizes = [math.prod(len(found.representatives) for found in g.values()) for g in groups]
    if sum(sizes) > limit:
        return None
    every = [_every_case(group, size) for group, size in zip(groups, sizes, strict=True)]
    classes = {f: found for group in groups for f, found in group.items()}
    # One pass over every group's cases; a factor outside its group's rows is unknown
    # (its palette gets None after its classes).
    palettes = {f: (*c.representatives, None) for f, c in classes.items()}
    picks = {f: np.full(sum(sizes), len(c.representatives), np.int64) for f, c in classes.items()}
    starts = np.cumsum([0, *sizes])
    for (group_picks, _), start, end in zip(every, starts, starts[1:], strict=False):
        for factor, column in group_picks.items():
            picks[factor][start:end] = column
    fast = reasoner.fast
    fired = fast.fire(fast.encode_columns(columns, palettes, picks), scoring=True)
    parts = [*fast.logits(fired).values(), *fast.barred(fired).values()]
    key = np.column_stack(
        [np.broadcast_to(np.asarray(p, np.float64), (int(starts[-1]),)) for p in parts]
    )
    effects: list[tuple[_Picks, NDArray[np.float64]]] = []
    for (group_picks, weights), start, end in zip(every, starts, starts[1:], strict=False):
        first, inverse = _distinct_rows(key[start:end])
        distinct = np.bincount(inverse, weights).astype(np.float64)
        effects.append(({f: p[first] for f, p in group_picks.items()}, distinct))
    combinations = math.prod(len(weights) for _, weights in effects)
    if combinations > limit:
        return None
    index = np.arange(combinations, dtype=np.int64)
    chosen: _Picks = {}
    total = np.ones(combinations)
    stride = 1
    for group_picks, weights in effects:
        choice = (index // stride) % len(weights)
        chosen.update({f: p[choice] for f, p in group_picks.items()})
        total = total * weights[choice]
        stride *= len(weights)
    encoded = _encode(fast, columns, classes, chosen)
    return _count_wins(reasoner, encoded, total, int(starts[-1]), ties=False)


def _distinct_rows(key: NDArray[np.float64]) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
    """The first row of each distinct row of ``key``, and each row's distinct number.

    Distinct rows are numbered in the order of their values, column by column (the
    first varying column first), as ``np.unique`` would number whole rows: one stable
    sort of the varying columns, and a new number wherever one of them changes.

    >>> first, inverse = _distinct_rows(np.array([[1.0, 2.0], [1.0, 3.0], [1.0, 2.0]]))
    >>> first.tolist(), inverse.tolist()
    ([0, 1], [0, 1, 0])
    """
    columns = [column for column in key.T if column.min() != column.max()]
    if not columns:
        return np.zeros(1, np.intp), np.zeros(len(key), np.intp)
    order = np.lexsort(columns[::-1])  # lexsort's primary key is its last
    starts = np.zeros(len(key), np.bool_)
    for column in columns:
        ordered = column[order]
        starts[1:] |= ordered[1:] != ordered[:-1]
    starts[0] = True
    inverse = np.empty(len(key), np.intp)
    inverse[order] = np.cumsum(starts) - 1
    return order[starts], inverse


def _every_case(
    classes: Mapping[str, ValueClasses], cases: int
) -> tuple[_Picks, NDArray[np.float64]]:
    """Every combination of classes (mixed radix), weighed by how many completions it is.

    The first factor varies fastest: case ``i`` picks class ``(i // stride) % count`` of
    each factor, built by repeating and tiling rather than dividing. Weights are
    products of whole numbers (exact in any order).

    >>> classes = {f: ValueClasses(("a", "b", "c")[:n], np.arange(1.0, n + 1), np.arange(n))
    ...            for f, n in (("x", 2), ("y", 3))}
    >>> picks, weights = _every_case(classes, 6)
    >>> picks["x"].tolist(), picks["y"].tolist(), weights.tolist()
    ([0, 1, 0, 1, 0, 1], [0, 0, 1, 1, 2, 2], [1.0, 2.0, 2.0, 4.0, 3.0, 6.0])
    """
    picks: _Picks = {}
    weights = np.ones(1)
    stride = 1
    for factor, found in classes.items():
        count = len(found.representatives)
        within = np.repeat(np.arange(count, dtype=np.int64), stride)
        picks[factor] = np.tile(within, cases // (count * stride))
        weights = np.multiply.outer(found.sizes, weights).ravel()
        stride *= count
    weights = np.broadcast_to(weights, (cases,)).copy()
    return picks, weights


__all__ = [
    "FirstPlaces",
    "Variant",
    "candidate_values",
    "compiled_variants",
    "completion_values",
    "hoeffding_bound",
    "independent_groups",
    "run_variants",
    "share_first",
    "variant_changes",
]
