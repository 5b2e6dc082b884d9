"""The rule set compiled to array arithmetic: many scenarios evaluated in one pass.

experta stays the engine of every recommendation; this module answers the analyses that
ask thousands of "what if" questions (single-answer variants, completions of the unknown
answers, corpus runs). It is generated at load from the same rule specs and gives the
same fired rules and the same probabilities, bit for bit (``tests/engine/
test_compiled_equals_experta.py`` checks that on more than 10,000 scenarios).

How it works:

* every answer is encoded as an integer code: its position among the factor's values
  (a bit mask of the members for list factors, an index into the values seen for
  counts); ``-1`` is unknown, and an unknown answer satisfies no test;
* every distinct factor test becomes a lookup table from code to truth, built by the
  very checker the experta rules use, so both agree on every value;
* conditions combine those truths with ``&`` and ``|`` in derivation order. An answer
  that is the same for every scenario may be passed as a plain code: its tests, and
  every rule decided by such answers alone, stay plain booleans and cost nothing per
  scenario;
* scores follow ``engine.decision`` operation by operation (leans summed per
  consideration in rule-id order, clipped, weighed in consideration order); the logistic
  is taken with ``math`` on each distinct log-odds value, so every figure equals the
  scalar path's exactly.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from operator import itemgetter
from typing import Any, TypeAlias

import numpy as np
from numpy.typing import NDArray

from engine.decision import CONTRAST_ORDER, LAST_NO_FORM, YES_FORM, sigmoid
from engine.knowledge import KnowledgeBase
from engine.scoring import FormScore, rank
from rules.conditions import AllOf, Condition, FactorTest, FactTest, iter_factor_tests
from rules.schema import RuleSpec
from rules.vocabulary import FACTOR_IDS, FACTORS, FACTORS_BY_ID, FORM_IDS, FactorKind, FactorSpec

Bools: TypeAlias = NDArray[np.bool_]
Floats: TypeAlias = NDArray[np.float64]
Codes: TypeAlias = NDArray[np.int64]
# A truth, a code or a figure shared by every scenario stays a plain Python value.
Truths: TypeAlias = "bool | Bools"
Figures: TypeAlias = "float | Floats"
Column: TypeAlias = "int | Codes"

UNKNOWN = -1
_PATH_ORDER: tuple[str, ...] = (*(YES_FORM[c] for c in CONTRAST_ORDER), LAST_NO_FORM)
_COLUMN: dict[str, int] = {form: column for column, form in enumerate(FORM_IDS)}


def _holds(check: Callable[[Any], bool], value: Any) -> bool:
    """A test on a known value, exactly as the experta rules apply it (``rules.compiler``)."""
    try:
        return value is not None and check(value)
    except (KeyError, TypeError, ValueError):
        return False


def set_members(spec: FactorSpec, mask: int) -> tuple[str | bool, ...]:
    """The list answer a bit mask stands for (members in vocabulary order).

    >>> set_members(FACTORS_BY_ID["scope"], 0b101)[0] == FACTORS_BY_ID["scope"].values[0]
    True
    """
    return tuple(member for bit, member in enumerate(spec.values) if mask >> bit & 1)


@cache
def _every_value(spec: FactorSpec) -> tuple[Any, ...]:
    """A factor's values in code order (every non-empty list, by bit mask, for lists)."""
    if spec.kind is FactorKind.SET:
        return tuple(set_members(spec, mask) for mask in range(1, 2 ** len(spec.values)))
    return tuple(spec.values)


_LIST_OPERATORS = frozenset({"includes", "includes_any", "includes_all", "excludes_all"})


def _list_table(spec: FactorSpec, operator: str, operand: Any) -> Bools:
    """A list test's truth for code + 1 (index 0: unknown), from the lists' bit masks.

    The list of code ``c`` has the members of the bits of ``c + 1``; a member ``item``
    is in it when one of its members equals ``item`` (as ``item in value`` finds), so
    each operand item stands for the bits of the vocabulary members equal to it.
    Gives the same truths as applying the test to each list (``_holds``).
    """
    items = (operand,) if operator == "includes" else tuple(operand)
    masks = np.arange(2 ** len(spec.values), dtype=np.int64)  # index = code + 1
    holds = [
        (masks & sum(1 << bit for bit, member in enumerate(spec.values) if member == item)) != 0
        for item in items
    ]
    if operator == "includes_all":
        table = np.logical_and.reduce(holds) if holds else np.ones_like(masks, dtype=np.bool_)
    else:
        table = np.logical_or.reduce(holds) if holds else np.zeros_like(masks, dtype=np.bool_)
        if operator == "excludes_all":
            table = ~table
    table[0] = False  # unknown
    return table.astype(np.bool_)


@dataclass(frozen=True)
class Encoded:
    """Answers of many scenarios as codes, one column per factor.

    ``counts`` lists the count values the codes of count factors index.
    """

    size: int
    columns: Mapping[str, Column]
    counts: Mapping[str, tuple[int, ...]]
    unknown_holds: bool = False  # an unknown answer satisfies every test (upper bound)
    tested: Mapping[int, Truths] = dataclasses.field(default_factory=dict)  # truths known


_Check: TypeAlias = Callable[[Sequence[Truths], Mapping[str, Truths]], Truths]


def _test_key(test: FactorTest) -> tuple[str, str, Any]:
    return (test.factor, test.operator, test.operand)


def _and(parts: Iterable[Truths]) -> Truths:
    result: Truths = True
    for part in parts:
        if part is False:
            return False
        if part is not True:
            result = part if result is True else result & part
    return result


def _or(parts: Iterable[Truths]) -> Truths:
    result: Truths = False
    for part in parts:
        if part is True:
            return True
        if part is not False:
            result = part if result is False else result | part
    return result


@dataclass(frozen=True)
class Fired:
    """Which rules fire in each of ``size`` scenarios (a plain bool when it is the same)."""

    size: int
    rules: Mapping[str, Truths]

    def row(self, index: int) -> frozenset[str]:
        """The fired rule ids of one scenario."""
        return frozenset(
            rule_id
            for rule_id, truth in self.rules.items()
            if (truth if isinstance(truth, bool) else truth[index])
        )

    def sets(self) -> list[frozenset[str]]:
        """The fired rule ids of every scenario."""
        return [self.row(i) for i in range(self.size)]


@dataclass(frozen=True)
class Scores:
    """The five forms' probabilities (``probs[:, i]`` is ``FORM_IDS[i]``) and exclusions."""

    probs: Floats
    excluded: Bools

    def row(self, index: int) -> dict[str, FormScore]:
        """One scenario's scores, as ``engine.scoring.score_forms`` gives them."""
        return self._scores(self.probs[index].tolist(), self.excluded[index].tolist())

    def rows(self) -> list[dict[str, FormScore]]:
        """Every scenario's scores, as ``engine.scoring.score_forms`` gives them."""
        return [
            self._scores(probs, excluded)
            for probs, excluded in zip(self.probs.tolist(), self.excluded.tolist(), strict=True)
        ]

    @staticmethod
    def _scores(probs: list[float], excluded: list[bool]) -> dict[str, FormScore]:
        return {form: FormScore(form, probs[i], excluded[i]) for i, form in enumerate(FORM_IDS)}

    def winners(self, exact_row: Callable[[int], dict[str, FormScore]]) -> NDArray[np.intp]:
        """Index into ``FORM_IDS`` of each scenario's first place, as ``rank`` orders them.

        ``exact_row(i)`` gives scenario ``i``'s scores the scalar way; it decides the rows
        whose first two places are within 1e-8 (ranking rounds to 9 places): rounding of
        the figures cannot reorder them.
        """
        leaders = _leaders(list(np.where(self.excluded, -1.0, self.probs).T))
        first = leaders.first
        # Ranking compares probabilities rounded to 9 places: near ties go the scalar way.
        for index in np.flatnonzero(leaders.close):
            first[index] = FORM_IDS.index(rank(exact_row(int(index)))[0].form)
        return first


@dataclass(frozen=True)
class Leaders:
    """Each scenario's first place, and whether the scalar way must confirm it."""

    first: NDArray[np.intp]  # index into ``FORM_IDS``, as ``rank`` orders the figures
    close: Bools  # the first two figures are within 1e-8: a near tie
    ranked: Bools  # the first place is not excluded (some form is left)


_BY_ID: tuple[int, ...] = tuple(sorted(range(len(FORM_IDS)), key=FORM_IDS.__getitem__))


def _leaders(value: Sequence[Floats] | Floats, work: Floats | None = None) -> Leaders:
    """First places given each form's figures (an excluded form's is -1), in ``FORM_IDS``.

    The best and second best figure of each row, column by column; the first place is
    the column holding the best, the smallest form id among equals. ``work``: three
    rows to work in (fresh ones if not given).
    """
    top, second, lower = np.empty((3, len(value[0]))) if work is None else work[:3]
    top[...] = value[0]
    second.fill(-np.inf)
    for figures in value[1:]:
        np.minimum(top, figures, out=lower)
        np.maximum(second, lower, out=second)
        np.maximum(top, figures, out=top)
    first = np.zeros(len(top), np.intp)
    for column in reversed(_BY_ID):  # the last one written is the smallest id
        np.putmask(first, value[column] == top, column)
    return Leaders(first, np.subtract(top, second, out=lower) < 1e-8, top >= 0)


@dataclass(frozen=True)
class ValueClasses:
    """A factor's values in classes: a representative and the size of each class."""

    representatives: tuple[Any, ...]
    sizes: Floats
    class_of: Codes  # the class of each value of the domain, in the domain's order


_KEPT_ROWS = 32_768


class _Scratch:
    """Arrays ``leaders`` works in, kept per thread and reused while the row count holds.

    Fresh arrays of many rows are each a fresh mapping of memory, whose first writes
    fault every page in: on the 20,000-row sample that was about a third of the work.
    """

    def __init__(self, size: int) -> None:
        self.size = size
        self.logits = np.empty((len(CONTRAST_ORDER), size))
        self.figures = np.empty((len(FORM_IDS), size))
        self.rows = np.empty((6, size))  # a chunk's pulls, then leaders' working rows


class ArrayRules:
    """The knowledge base's rules as array arithmetic over many scenarios at once."""

    def __init__(self, kb: KnowledgeBase, derivation_order: Sequence[RuleSpec]) -> None:
        self.kb = kb
        self.order = tuple(derivation_order)
        self._tests: dict[tuple[str, str, Any], int] = {}
        self._classes: dict[str, ValueClasses] = {}
        self._test_list: list[FactorTest] = []
        self._conditions = {rule.id: self._compile(rule.when) for rule in self.order}
        self._samples: dict[tuple[str, int, int], tuple[Codes, dict[int, Truths]]] = {}
        self._tables: dict[int, Bools] = {
            number: self._table(test)
            for number, test in enumerate(self._test_list)
            if FACTORS_BY_ID[test.factor].kind is not FactorKind.COUNT
        }
        model = kb.decision
        self._leans: dict[str, list[tuple[str, float]]] = {c: [] for c in model.contrast_of}
        for rule_id in sorted(model.leans):
            lean = model.leans[rule_id]
            self._leans[lean.consideration].append((rule_id, lean.lean))
        self.reads: dict[str, tuple[frozenset[str], tuple[str, ...]]] = {
            rule.id: (frozenset(kb.factors_read_by(rule)), kb.facts_read_by(rule))
            for rule in self.order
        }  # each rule's tested factors and read facts
        self._excluders: dict[str, list[str]] = {
            form: [rule.id for rule in kb.excluding_rules if form in rule.exclude]
            for form in FORM_IDS
        }
        self._pull_tables: dict[tuple[str, tuple[bool, ...], tuple[bool, ...]], Floats] = {}
        self._local = threading.local()  # each thread's ``_Scratch``
        self._chunk_tables: dict[
            tuple[tuple[str, tuple[bool, ...], tuple[bool, ...]], ...], Floats
        ] = {}
        self._scoring = self._scoring_rules()
        self._scoring_tests = sorted(
            {
                self._tests[_test_key(test)]
                for rule in self._scoring
                for test in iter_factor_tests(rule.when)
            }
        )
        self._tests_of: dict[str, list[int]] = {}  # each factor's tests a score depends on
        for number in self._scoring_tests:
            self._tests_of.setdefault(self._test_list[number].factor, []).append(number)

    def _scoring_rules(self) -> tuple[RuleSpec, ...]:
        """The rules a score depends on, in derivation order.

        Those that lean or exclude, and those deriving a fact they read (directly or
        through other facts).
        """
        needed = set(self.kb.decision.leans) | {
            r for rules in self._excluders.values() for r in rules
        }
        derivers: dict[str, list[str]] = {}
        for rule in self.order:
            if rule.derive:
                derivers.setdefault(rule.derive, []).append(rule.id)
        for rule in reversed(self.order):  # consumers come after the rules they read
            if rule.id in needed:
                for fact in self.reads[rule.id][1]:
                    needed.update(derivers.get(fact, ()))
        return tuple(rule for rule in self.order if rule.id in needed)

    # --- compiling -----------------------------------------------------------------------

    def _compile(self, condition: Condition) -> _Check:
        """A condition as a function of every test's truth and the facts derived so far."""
        if isinstance(condition, FactorTest):
            key = _test_key(condition)
            if key not in self._tests:
                self._tests[key] = len(self._test_list)
                self._test_list.append(condition)
            number = self._tests[key]
            return lambda tests, facts: tests[number]
        if isinstance(condition, FactTest):
            fact = condition.fact
            return lambda tests, facts: facts.get(fact, False)
        children = condition.all if isinstance(condition, AllOf) else condition.any
        combine = _and if isinstance(condition, AllOf) else _or
        simple = [child for child in children if isinstance(child, FactorTest)]
        if len(simple) == len(children) > 1:  # only factor tests: one lookup for all
            for child in simple:
                self._compile(child)  # registers the test
            getter = itemgetter(*(self._tests[_test_key(c)] for c in simple))
            return lambda tests, facts: combine(getter(tests))
        parts = [self._compile(child) for child in children]
        return lambda tests, facts: combine([part(tests, facts) for part in parts])

    def _checker(self, test: FactorTest) -> Callable[[Any], bool]:
        from rules.compiler import rank_function

        return test.checker(rank_function(test.factor))

    def _table(self, test: FactorTest) -> Bools:
        """Truth of a test for code + 1 (index 0: unknown)."""
        spec = FACTORS_BY_ID[test.factor]
        if spec.kind is FactorKind.SET and test.operator in _LIST_OPERATORS:
            return _list_table(spec, test.operator, test.operand)
        check = self._checker(test)
        values = _every_value(spec)
        return np.array([False] + [_holds(check, value) for value in values], dtype=np.bool_)

    def _test_truths(self, encoded: Encoded, numbers: Iterable[int]) -> list[Truths]:
        """The truth of the tests ``numbers`` (others ``False``), indexed by test number.

        One shift of codes per factor serves all its tests.
        """
        shifted: dict[str, Column] = {}
        truths: list[Truths] = [False] * len(self._test_list)
        for number in numbers:
            known = encoded.tested.get(number)
            if known is not None:
                truths[number] = known
                continue
            test = self._test_list[number]
            table = self._tables.get(number)
            if table is None:  # a count: the table covers the values this batch holds
                check = self._checker(test)
                values = encoded.counts.get(test.factor, ())
                table = np.array([False] + [_holds(check, v) for v in values], dtype=np.bool_)
            if encoded.unknown_holds:
                table = table.copy()
                table[0] = True
            codes = shifted.get(test.factor)
            if codes is None:
                codes = shifted[test.factor] = encoded.columns.get(test.factor, UNKNOWN) + 1
            found = table[codes]
            truths[number] = found if isinstance(found, np.ndarray) else bool(found)
        return truths

    # --- encoding ------------------------------------------------------------------------

    def encode(
        self, rows: Sequence[Mapping[str, Any]], shared: Mapping[str, Any] | None = None
    ) -> Encoded:
        """Codes for ``rows`` of answers (``None`` = unknown); ``shared`` answers hold for all.

        Raises:
            ValueError: an answer outside its factor's values, naming both.
        """
        shared = shared or {}
        counts: dict[str, list[int]] = {}
        columns: dict[str, Column] = {}
        for spec in FACTORS:
            if spec.id in shared:
                columns[spec.id] = self._code(spec, shared[spec.id], counts)
            elif rows and any(spec.id in row for row in rows):
                columns[spec.id] = np.array(
                    [self._code(spec, row.get(spec.id), counts) for row in rows], dtype=np.int64
                )
        return Encoded(len(rows), columns, {k: tuple(v) for k, v in counts.items()})

    def encode_changes(
        self, values: Mapping[str, Any], changes: Sequence[tuple[str, Any]]
    ) -> Encoded:
        """Codes for ``values`` with one answer changed per row.

        Row ``i`` sets ``changes[i] = (factor, value)`` and keeps every other answer.
        """
        counts: dict[str, list[int]] = {}
        base = {spec.id: self._code(spec, values.get(spec.id), counts) for spec in FACTORS}
        columns: dict[str, Column] = dict(base)
        for row, (factor, value) in enumerate(changes):
            column = columns[factor]
            if not isinstance(column, np.ndarray):
                column = columns[factor] = np.full(len(changes), column, dtype=np.int64)
            column[row] = self._code(FACTORS_BY_ID[factor], value, counts)
        return Encoded(len(changes), columns, {k: tuple(v) for k, v in counts.items()})

    def encode_columns(
        self,
        shared: Mapping[str, Any],
        palettes: Mapping[str, Sequence[Any]],
        picks: Mapping[str, Codes],
    ) -> Encoded:
        """Codes where each factor of ``palettes`` takes ``palettes[f][picks[f][i]]`` in row i.

        Every other factor keeps its ``shared`` answer in every row. The truth of each
        test a score depends on is worked out per palette entry and then picked for
        each row (``_picked``), cheaper than looking every row's code up.
        """
        counts, columns = self._shared_columns(shared, palettes)
        tested: dict[int, Truths] = {}
        size = 1
        for factor, palette in palettes.items():
            spec = FACTORS_BY_ID[factor]
            codes = np.array([self._code(spec, v, counts) for v in palette], dtype=np.int64)
            chosen = picks[factor]
            columns[factor] = codes[chosen]
            size = len(chosen)
            for number in self._tests_of.get(factor, ()):
                table = self._tables.get(number)
                if table is not None:  # not a count (whose codes depend on the batch)
                    tested[number] = _picked(table[codes + 1], chosen)
        return Encoded(size, columns, {k: tuple(v) for k, v in counts.items()}, tested=tested)

    def _shared_columns(
        self, shared: Mapping[str, Any], varying: Collection[str]
    ) -> tuple[dict[str, list[int]], dict[str, Column]]:
        """Count codes, and a column per factor not in ``varying`` at its ``shared`` answer."""
        counts: dict[str, list[int]] = {}
        columns: dict[str, Column] = {
            spec.id: self._code(spec, shared.get(spec.id), counts)
            for spec in FACTORS
            if spec.id not in varying
        }
        return counts, columns

    def encode_sample(
        self,
        shared: Mapping[str, Any],
        classes: Mapping[str, ValueClasses],
        draws: int,
        seed: int,
    ) -> Encoded:
        """Codes of ``draws`` completions drawn uniformly: each factor of ``classes`` at random.

        In each row every factor of ``classes`` takes a value drawn uniformly from the
        domain its classes cover, encoded as the representative of that value's class;
        every other factor keeps its ``shared`` answer. Each factor is drawn from its own
        stream (seeded with ``seed`` and the factor's place in the vocabulary), so its
        draws are the same whichever other answers are unknown: they are drawn once per
        process and kept with the truth of every test a score depends on (``fire`` with
        ``scoring``), and a scenario's sample then costs only the rules' evaluation; other
        tests are looked up from the codes as usual. The rows are independent uniform
        draws for every scenario all the same.
        """
        counts, columns = self._shared_columns(shared, classes)
        tested: dict[int, Truths] = {}
        for factor, found in classes.items():
            columns[factor], truths = self._sampled(factor, found, draws, seed)
            tested.update(truths)
            if FACTORS_BY_ID[factor].kind is FactorKind.COUNT:  # codes index the classes
                counts[factor] = [int(value) for value in found.representatives]
        return Encoded(draws, columns, {k: tuple(v) for k, v in counts.items()}, tested=tested)

    def _sampled(
        self, factor: str, found: ValueClasses, draws: int, seed: int
    ) -> tuple[Codes, dict[int, Truths]]:
        """A factor's codes in ``draws`` uniform draws, and its scoring tests' truths (kept).

        Each test's truth is worked out per class and then picked for each draw.
        """
        key = (factor, draws, seed)
        kept = self._samples.get(key)
        if kept is None:
            spec = FACTORS_BY_ID[factor]
            stream = np.random.default_rng((seed, FACTOR_IDS.index(factor)))
            drawn = found.class_of[stream.integers(0, len(found.class_of), size=draws)]
            numbers = self._tests_of.get(factor, ())
            if spec.kind is FactorKind.COUNT:  # a class's code is its number
                codes = np.arange(len(found.representatives), dtype=np.int64)
                checks = {n: self._checker(self._test_list[n]) for n in numbers}
                by_class = {
                    n: np.array([_holds(check, v) for v in found.representatives], dtype=np.bool_)
                    for n, check in checks.items()
                }
            else:
                codes = np.array(
                    [self._code(spec, value, {}) for value in found.representatives], np.int64
                )
                by_class = {n: self._tables[n][codes + 1] for n in numbers}
            kept = self._samples[key] = (
                codes[drawn],
                {n: _picked(truths, drawn) for n, truths in by_class.items()},
            )
        return kept

    def kept_classes(self, factor: str) -> ValueClasses | None:
        """The classes ``value_classes`` has listed for ``factor``, if it has."""
        return self._classes.get(factor)

    def value_classes(self, factor: str, domain: Sequence[Any]) -> ValueClasses:
        """``domain`` grouped by what every test the rules make on ``factor`` says.

        Values no test tells apart give every rule the same truth, so one stands for
        all. Computed once per factor (the domain of a factor does not change).
        """
        found = self._classes.get(factor)
        if found is None:
            groups: dict[tuple[bool, ...], int] = {}
            representatives: list[Any] = []
            class_of: list[int] = []
            for value, signature in zip(domain, self._signatures(factor, domain), strict=True):
                if signature not in groups:
                    groups[signature] = len(representatives)
                    representatives.append(value)
                class_of.append(groups[signature])
            found = self._classes[factor] = ValueClasses(
                tuple(representatives),
                np.bincount(class_of, minlength=len(representatives)).astype(np.float64),
                np.asarray(class_of, dtype=np.int64),
            )
        return found

    def _signatures(self, factor: str, domain: Sequence[Any]) -> list[tuple[bool, ...]]:
        """What each test on ``factor`` says of each value of ``domain``, in test order.

        Read from the tests' tables (each value's code) where they cover the factor;
        a count factor's tests are applied to its values one by one.
        """
        numbers = [n for n, test in enumerate(self._test_list) if test.factor == factor]
        if not all(n in self._tables for n in numbers):
            checks = [self._checker(self._test_list[n]) for n in numbers]
            return [tuple(_holds(check, value) for check in checks) for value in domain]
        spec = FACTORS_BY_ID[factor]
        rows = np.array([self._code(spec, value, {}) + 1 for value in domain], dtype=np.int64)
        truths = np.zeros((len(domain), len(numbers)), dtype=np.bool_)
        for column, number in enumerate(numbers):
            truths[:, column] = self._tables[number][rows]
        return [tuple(row) for row in truths.tolist()]

    @staticmethod
    def _code(spec: FactorSpec, value: Any, counts: dict[str, list[int]]) -> int:
        if value is None:
            return UNKNOWN
        if spec.kind is FactorKind.SET:
            if not isinstance(value, tuple | list) or not set(value) <= set(spec.values):
                raise ValueError(
                    f"{spec.id}: {value!r} is not a list of {', '.join(map(str, spec.values))}"
                )
            mask = sum(1 << spec.values.index(member) for member in set(value))
            return mask - 1 if mask else UNKNOWN
        if spec.kind is FactorKind.COUNT:
            if not isinstance(value, int) or isinstance(value, bool):
                raise ValueError(f"{spec.id}: {value!r} is not a whole number")
            seen = counts.setdefault(spec.id, [])
            if value not in seen:
                seen.append(value)
            return seen.index(value)
        for index, allowed in enumerate(spec.values):
            if value == allowed and type(value) is type(allowed):
                return index
        raise ValueError(f"{spec.id}: {value!r} is not one of {', '.join(map(str, spec.values))}")

    # --- evaluating ----------------------------------------------------------------------

    def fire(self, encoded: Encoded, *, scoring: bool = False) -> Fired:
        """Which rules fire for each encoded scenario.

        With ``scoring``, only the rules a score depends on are evaluated (about two
        thirds of them): enough for ``score`` and the first places, not for a list of
        fired rules.
        """
        order = self._scoring if scoring else self.order
        numbers = self._scoring_tests if scoring else range(len(self._test_list))
        tests = self._test_truths(encoded, numbers)
        facts: dict[str, Truths] = {}
        fired: dict[str, Truths] = {}
        for rule in order:
            truth = self._conditions[rule.id](tests, facts)
            fired[rule.id] = truth
            if rule.derive:
                facts[rule.derive] = _or((facts.get(rule.derive, False), truth))
        return Fired(encoded.size, fired)

    def truths(self, values: Mapping[str, Any]) -> dict[str, bool | None]:
        """Three-valued truth of every rule, as ``engine.bounds.rule_truths`` gives it.

        ``None`` means the unknown answers could go either way. Every condition is
        positive, so a rule is true for sure when it fires with every unknown answer
        failing its tests, and false for sure when it does not fire even with every
        unknown answer passing them.
        """
        encoded = self.encode_columns(values, {}, {})
        low = self.fire(encoded).rules
        high = self.fire(dataclasses.replace(encoded, unknown_holds=True)).rules
        return {
            rule.id: True if low[rule.id] else (None if high[rule.id] else False)
            for rule in self.order
        }

    def fired_sets(self, rows: Sequence[Mapping[str, Any]]) -> list[frozenset[str]]:
        """The fired rule ids for each row of answers."""
        return self.fire(self.encode(rows)).sets()

    def pulls(self, fired: Fired) -> dict[str, Figures]:
        """Each consideration's pull: its fired rules' leans summed in rule-id order, clipped.

        In the order ``score`` adds them up (sorted considerations); a pull the same in
        every scenario stays a plain float. Where rules differ between scenarios, each
        scenario's pattern of them (one bit a rule) picks its pull from a table of every
        pattern's pull, each summed in rule-id order as the scalar path sums it.
        """
        found: dict[str, Figures] = {}
        for consideration in sorted(self._leans):
            leans = self._leans[consideration]
            truths = [fired.rules.get(rule_id, False) for rule_id, _ in leans]
            varying = [t for t in truths if not isinstance(t, bool)]
            if len(varying) > _PATTERN_BITS:  # too many for a table: add them up in place
                found[consideration] = _summed(leans, truths, fired.size)
                continue
            if not varying:
                found[consideration] = _clip(
                    sum(
                        (lean for (_, lean), truth in zip(leans, truths, strict=True) if truth), 0.0
                    )
                )
                continue
            pattern = np.zeros(fired.size, np.uint16)
            for bit, truth in enumerate(varying):
                pattern |= truth.astype(np.uint16) << bit
            table = self._pull_table(consideration, tuple(t is True for t in truths), truths)
            found[consideration] = np.take(table, pattern)
        return found

    def _pull_table(
        self, consideration: str, certain: tuple[bool, ...], truths: Sequence[Truths]
    ) -> Floats:
        """A consideration's clipped pull for each pattern of its varying rules (memoised)."""
        varying = tuple(not isinstance(t, bool) for t in truths)
        key = (consideration, certain, varying)
        table = self._pull_tables.get(key)
        if table is None:
            leans = self._leans[consideration]
            figures = []
            for pattern in range(2 ** sum(varying)):
                total, bit = 0.0, 0
                for (_, lean), fixed, varies in zip(leans, certain, varying, strict=True):
                    if varies:
                        if pattern >> bit & 1:
                            total = total + lean
                        bit += 1
                    elif fixed:
                        total = total + lean
                figures.append(_clip(total))
            table = self._pull_tables[key] = np.array(figures, dtype=np.float64)
        return table

    @property
    def leaning(self) -> Mapping[str, Sequence[tuple[str, float]]]:
        """Each consideration's rules and their leans, in the order they are summed."""
        return self._leans

    @property
    def excluders(self) -> Mapping[str, Sequence[str]]:
        """Each form's rules that rule it out."""
        return self._excluders

    def _approximate_logits(self, fired: Fired) -> dict[str, Floats]:
        """Each contrast's log-odds as ``logits`` gives them, up to rounding (another order).

        A contrast's considerations whose rules vary between scenarios are read in chunks
        of up to ``_PATTERN_BITS`` varying rules: each scenario's pattern of a chunk's
        rules picks the chunk's weighed pulls, summed, from one table (memoised), so a
        contrast costs a lookup per chunk rather than one per consideration.
        """
        model = self.kb.decision
        size = fired.size
        work = self._scratch(size)  # added up in place, in arrays kept for reuse
        logits = dict(zip(CONTRAST_ORDER, work.logits, strict=True))
        for contrast, row in logits.items():
            row.fill(model.biases.get(contrast, 0.0))
        scratch = work.rows[0]
        chunks: dict[str, list[tuple[str, tuple[bool, ...], list[Truths]]]] = {}
        for consideration in sorted(self._leans):
            contrast = model.contrast_of[consideration]
            leans = self._leans[consideration]
            truths = [fired.rules.get(rule_id, False) for rule_id, _ in leans]
            varying = sum(not isinstance(t, bool) for t in truths)
            if varying > _PATTERN_BITS:
                pull: Figures = _summed(leans, truths, size)
            elif not varying:
                pull = _clip(
                    sum((lean for (_, lean), t in zip(leans, truths, strict=True) if t), 0.0)
                )
            else:
                members = chunks.setdefault(contrast, [])
                if sum(_varying(m[2]) for m in members) + varying > _PATTERN_BITS:
                    logits[contrast] += self._chunk(members, scratch)
                    members.clear()
                members.append((consideration, tuple(t is True for t in truths), truths))
                continue
            logits[contrast] += model.weights[consideration] * pull
        for contrast, members in chunks.items():
            if members:
                logits[contrast] += self._chunk(members, scratch)
        return logits

    def _scratch(self, size: int) -> _Scratch:
        """This thread's working arrays for ``size`` rows (made anew when the size changes).

        Kept only up to ``_KEPT_ROWS`` rows (the sample's size), so that a thread keeps
        at most about 4 MB; larger batches work in fresh arrays.
        """
        if size > _KEPT_ROWS:
            return _Scratch(size)
        found: _Scratch | None = getattr(self._local, "scratch", None)
        if found is None or found.size != size:
            found = self._local.scratch = _Scratch(size)
        return found

    def _chunk(
        self, members: Sequence[tuple[str, tuple[bool, ...], list[Truths]]], out: Floats
    ) -> Floats:
        """The weighed pulls of a few considerations, summed, for each scenario (in ``out``)."""
        key = tuple(
            (c, certain, tuple(not isinstance(t, bool) for t in truths))
            for c, certain, truths in members
        )
        table = self._chunk_tables.get(key)
        if table is None:
            index = np.arange(2 ** sum(_varying(truths) for _, _, truths in members))
            table = np.zeros(len(index))
            offset = 0
            for consideration, certain, truths in members:
                count = _varying(truths)
                pulls = self._pull_table(consideration, certain, truths)
                weight = self.kb.decision.weights[consideration]
                table = table + weight * pulls[(index >> offset) & ((1 << count) - 1)]
                offset += count
            self._chunk_tables[key] = table
        pattern = np.zeros(len(out), np.uint16)
        bit = 0
        for _, _, truths in members:
            for truth in truths:
                if not isinstance(truth, bool):
                    pattern |= truth.astype(np.uint16) << bit
                    bit += 1
        return np.take(table, pattern, out=out)

    def logits(self, fired: Fired) -> dict[str, Figures]:
        """Each contrast's log-odds: its bias plus its considerations' weighed pulls."""
        model = self.kb.decision
        logits: dict[str, Figures] = {c: model.biases.get(c, 0.0) for c in CONTRAST_ORDER}
        for consideration, value in self.pulls(fired).items():
            contrast = model.contrast_of[consideration]
            logits[contrast] = logits[contrast] + model.weights[consideration] * value
        return logits

    def barred(self, fired: Fired) -> dict[str, Truths]:
        """Whether some fired rule rules out each form."""
        return {form: _or(fired.rules[r] for r in rules) for form, rules in self._excluders.items()}

    def leaders(self, fired: Fired) -> Leaders:
        """Each scenario's first place, from figures within rounding of ``score``'s.

        Faster on very many rows: log-odds summed in chunks (``_approximate_logits``),
        the logistic by numpy. The figures are within far less than 1e-8 of the exact
        ones, so a first place is exact unless ``close`` marks a near tie (the first two
        within 1e-8), which the caller settles the scalar way.
        """
        size = fired.size
        logits = self._approximate_logits(fired)
        work = self._scratch(size)  # in place, in arrays kept for reuse
        figures = work.figures
        remaining, yes, total = work.rows[1], work.rows[2], work.rows[3]
        remaining.fill(1.0)
        with np.errstate(over="ignore"):
            for contrast in CONTRAST_ORDER:
                np.negative(logits[contrast], out=yes)
                np.exp(yes, out=yes)
                yes += 1.0
                np.reciprocal(yes, out=yes)
                row = figures[_COLUMN[YES_FORM[contrast]]]
                np.multiply(remaining, yes, out=row)
                remaining -= row
        figures[_COLUMN[LAST_NO_FORM]] = remaining
        barred = self.barred(fired)
        if any(truth is not False for truth in barred.values()):
            # Renormalised over the forms left; a ruled-out form's figure is -1 (the
            # kept total is floored so that with nothing left every figure is 0 or -1).
            total.fill(0.0)
            for form in _PATH_ORDER:
                row = figures[_COLUMN[form]]
                if barred[form] is not False:
                    row *= ~np.asarray(barred[form])
                total += row
            np.maximum(total, _TINY, out=total)
            figures *= np.reciprocal(total, out=total)
            for form, truth in barred.items():
                if truth is not False:
                    figures[_COLUMN[form]] -= truth
        return _leaders(figures, work.rows[3:])

    def score(self, fired: Fired) -> Scores:
        """Each scenario's five probabilities, exactly as ``engine.scoring.score_forms``."""
        size = fired.size
        logits = self.logits(fired)
        yes = {c: _sigmoid(logits[c], size) for c in CONTRAST_ORDER}
        probs: dict[str, Floats] = {}
        remaining: Floats = np.ones(size)
        for contrast in CONTRAST_ORDER:
            probs[YES_FORM[contrast]] = remaining * yes[contrast]
            remaining = remaining * (1.0 - yes[contrast])
        probs[LAST_NO_FORM] = remaining
        barred = {
            form: np.broadcast_to(truth, (size,)) for form, truth in self.barred(fired).items()
        }
        any_barred = np.logical_or.reduce([barred[form] for form in FORM_IDS])
        if any_barred.any():
            kept_total: Floats = np.zeros(size)
            for form in _PATH_ORDER:
                kept_total = kept_total + np.where(barred[form], 0.0, probs[form])
            with np.errstate(divide="ignore", invalid="ignore"):
                for form in FORM_IDS:
                    ruled_out = barred[form] | (kept_total <= 0)
                    share = np.where(ruled_out, 0.0, probs[form] / kept_total)
                    probs[form] = np.where(any_barred, share, probs[form])
        return Scores(
            probs=np.stack([probs[form] for form in FORM_IDS], axis=1),
            excluded=np.stack([barred[form] for form in FORM_IDS], axis=1),
        )

    def score_rows(self, rows: Sequence[Mapping[str, Any]]) -> list[dict[str, FormScore]]:
        """``score_forms`` of the fired rules of each row of answers."""
        scores = self.score(self.fire(self.encode(rows), scoring=True))
        return scores.rows()


_PATTERN_BITS = 12  # a consideration's varying rules read as one number up to this many


def _summed(leans: Sequence[tuple[str, float]], truths: Sequence[Truths], size: int) -> Floats:
    """The leans of the fired rules added in order for each scenario, clipped."""
    total = np.zeros(size)
    for (_, lean), truth in zip(leans, truths, strict=True):
        if truth is True:
            total += lean
        elif truth is not False:
            np.add(total, lean, out=total, where=truth)  # in place, in the same order
    return np.clip(total, -1.0, 1.0, out=total)


def _picked(truths: Bools, picks: Codes) -> Truths:
    """``truths[picks]``, a plain bool when every entry says the same.

    Where only one or two entries hold (or fail), by comparing the picks with them:
    cheaper than indexing.
    """
    held = np.flatnonzero(truths)
    if len(held) in (0, len(truths)):
        return bool(len(held))
    failed = np.flatnonzero(~truths)
    if min(len(held), len(failed)) > 2:
        found: Bools = np.take(truths, picks)
        return found
    minority, value = (held, True) if len(held) <= len(failed) else (failed, False)
    result: Bools = picks == minority[0]
    for entry in minority[1:]:
        result |= picks == entry
    return result if value else ~result


_TINY = float(np.finfo(np.float64).tiny)


def _varying(truths: Sequence[Truths]) -> int:
    return sum(not isinstance(t, bool) for t in truths)


def _clip(value: float) -> float:
    return max(-1.0, min(1.0, value))


def _sigmoid(logit: Figures, size: int) -> Floats:
    """The logistic of every log-odds value, with ``math`` as the scalar path takes it."""
    if not isinstance(logit, np.ndarray):
        return np.full(size, sigmoid(float(logit)))
    distinct, inverse = np.unique(logit, return_inverse=True)
    figures: Floats = np.array([sigmoid(float(x)) for x in distinct])
    return figures[inverse]


__all__ = [
    "UNKNOWN",
    "ArrayRules",
    "Encoded",
    "Fired",
    "Leaders",
    "Scores",
    "ValueClasses",
    "set_members",
]
