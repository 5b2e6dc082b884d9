"""Compiling the knowledge base's rule specs into an experta ``KnowledgeEngine`` subclass.

Each rule spec becomes one experta ``Rule``. Factor tests become ``Factor`` patterns
with predicate tests; derived-fact tests become ``Derived`` patterns. Every pattern is
bound to a name so the action knows which facts supported the conclusion: the
engine keeps those justifications (see ``rules.working_memory``) so a changed
answer can retract exactly what depended on it.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from experta import AND, OR, P, Rule

from rules.conditions import AllOf, AnyOf, Condition, FactorTest, FactTest
from rules.schema import RuleSpec
from rules.vocabulary import FACTORS_BY_ID, FactorKind
from rules.working_memory import Derived, Factor, JustifyingEngine

DERIVATION_SALIENCE = 10
SCORING_SALIENCE = 0


def rank_function(factor_id: str) -> Callable[[Any], int] | None:
    """The function giving a value's position on an ordered factor's scale."""
    spec = FACTORS_BY_ID.get(factor_id)
    if spec is None or not spec.ordered:
        return None
    if spec.kind is FactorKind.COUNT:
        return int
    positions = {value: index for index, value in enumerate(spec.values)}
    return positions.__getitem__


def _predicate(test: FactorTest) -> Callable[[Any], bool]:
    check = test.checker(rank_function(test.factor))

    def holds(value: Any) -> bool:
        # experta tests the fact's name before its value, so only this factor's values
        # arrive here; a value of the wrong shape still never matches.
        try:
            return value is not None and check(value)
        except (KeyError, TypeError, ValueError):
            return False

    return holds


def _pattern(condition: Condition, names: itertools.count[int]) -> Any:
    if isinstance(condition, FactorTest):
        return f"f{next(names)}" << Factor(name=condition.factor, value=P(_predicate(condition)))
    if isinstance(condition, FactTest):
        return f"f{next(names)}" << Derived(name=condition.fact)
    if isinstance(condition, AllOf):
        return AND(*(_pattern(child, names) for child in condition.all))
    assert isinstance(condition, AnyOf)
    return OR(*(_pattern(child, names) for child in condition.any))


def _action(spec: RuleSpec) -> Callable[..., None]:
    rule_id, derive = spec.id, spec.derive

    def action(engine: JustifyingEngine, **bound: Any) -> None:
        engine.conclude(rule_id, derive, tuple(bound.values()))

    action.__name__ = "rule_" + rule_id.replace("-", "_")
    action.__doc__ = spec.title
    return action


def compile_rule(spec: RuleSpec) -> Rule:
    """One experta ``Rule`` for one rule spec."""
    salience = DERIVATION_SALIENCE if spec.is_derivation else SCORING_SALIENCE
    lhs = _pattern(spec.when, itertools.count())
    return Rule(lhs, salience=salience)(_action(spec))


@dataclass(frozen=True)
class CompiledRules:
    """The generated engine class, plus what the engine needs to know about the rules."""

    engine_class: type[JustifyingEngine]
    rule_ids: tuple[str, ...]


def compile_rules(
    specs: tuple[RuleSpec, ...], name: str = "AllianceAdvisorEngine"
) -> CompiledRules:
    """Generate a ``KnowledgeEngine`` subclass holding one experta rule per spec.

    Instances of the class are independent; one instance must not be shared by threads.
    """
    namespace: Mapping[str, Any] = {
        "rule_" + spec.id.replace("-", "_"): compile_rule(spec) for spec in specs
    }
    engine_class = type(name, (JustifyingEngine,), dict(namespace))
    return CompiledRules(engine_class=engine_class, rule_ids=tuple(spec.id for spec in specs))


__all__ = ["CompiledRules", "compile_rule", "compile_rules", "rank_function"]
