"""Build a scenario that satisfies a rule's condition, so every rule can be shown to fire."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from engine.knowledge import KnowledgeBase
from rules.compiler import rank_function
from rules.conditions import AllOf, AnyOf, Condition, FactorTest, FactTest
from rules.schema import RuleSpec
from rules.vocabulary import FACTORS_BY_ID, FactorKind

COUNTS = (2, 3, 6, 20, 500)
Assignment = dict[str, Any]


def _holds(test: FactorTest, value: Any) -> bool:
    return test.test(value, rank_function(test.factor))


def _candidates(test: FactorTest, current: Any) -> list[Any]:
    spec = FACTORS_BY_ID[test.factor]
    if current is not None:
        if spec.kind is FactorKind.SET:
            grown = [current] + [
                tuple(m for m in spec.values if m in current or m == extra)
                for extra in spec.values
                if extra not in current
            ]
            return [value for value in grown if _holds(test, value)]
        return [current] if _holds(test, current) else []
    if spec.kind is FactorKind.COUNT:
        options: list[Any] = list(COUNTS)
    elif spec.kind is FactorKind.SET:
        options = [(m,) for m in spec.values] + [tuple(spec.values)]
    else:
        options = list(spec.values)
    return [value for value in options if _holds(test, value)]


def _solve(
    kb: KnowledgeBase, condition: Condition, partial: Assignment, depth: int
) -> Iterator[Assignment]:
    if depth > 12:
        return
    if isinstance(condition, FactorTest):
        for value in _candidates(condition, partial.get(condition.factor)):
            yield {**partial, condition.factor: value}
    elif isinstance(condition, FactTest):
        for producer in kb.rules:
            if producer.derive == condition.fact:
                yield from _solve(kb, producer.when, partial, depth + 1)
    elif isinstance(condition, AllOf):
        yield from _solve_all(kb, list(condition.all), partial, depth)
    else:
        assert isinstance(condition, AnyOf)
        for child in condition.any:
            yield from _solve(kb, child, partial, depth)


def _solve_all(
    kb: KnowledgeBase, children: list[Condition], partial: Assignment, depth: int
) -> Iterator[Assignment]:
    if not children:
        yield partial
        return
    for assignment in _solve(kb, children[0], partial, depth):
        yield from _solve_all(kb, children[1:], assignment, depth)


def witnesses(kb: KnowledgeBase, rule: RuleSpec, limit: int = 50) -> Iterator[Assignment]:
    """Factor values (others unknown) under which the rule's condition can hold."""
    for count, assignment in enumerate(_solve(kb, rule.when, {}, 0)):
        if count >= limit:
            return
        yield assignment
