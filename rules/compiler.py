"""Compiling the knowledge base's rule specs into an experta ``KnowledgeEngine`` subclass.

Each rule spec becomes one experta ``Rule``. The factor tests of a condition become one
predicate on the ``Answers`` fact; derived-fact tests become ``Derived`` patterns. The
action records the rule and the fact it derives (see ``rules.working_memory``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from rules.conditions import AllOf, Condition, FactorTest, FactTest, iter_factor_tests
from rules.quiet_experta import AND, OR, P, Rule
from rules.schema import RuleSpec
from rules.vocabulary import FACTORS_BY_ID, FactorKind
from rules.working_memory import Answers, Derived, JustifyingEngine

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


def _test(test: FactorTest) -> Callable[[Mapping[str, Any]], bool]:
    check = test.checker(rank_function(test.factor))
    factor = test.factor

    def holds(answers: Mapping[str, Any]) -> bool:
        # An unknown answer never matches; nor does a value of the wrong shape.
        value = answers.get(factor)
        try:
            return value is not None and check(value)
        except (KeyError, TypeError, ValueError):
            return False

    return holds


def _answers_pattern(tests: list[FactorTest], every: bool) -> Any:
    """One pattern on the answers: all of ``tests`` hold (``every``), or any of them."""
    checks = [_test(test) for test in tests]
    combine = all if every else any

    def check(answers: Mapping[str, Any]) -> bool:
        return combine(part(answers) for part in checks)

    return Answers(values=P(checks[0] if len(checks) == 1 else check))


def _pattern(condition: Condition) -> Any:
    """Experta patterns for a condition: its direct factor tests become one check."""
    if isinstance(condition, FactorTest):
        return _answers_pattern([condition], True)
    if isinstance(condition, FactTest):
        return Derived(name=condition.fact)
    every = isinstance(condition, AllOf)
    children = condition.all if isinstance(condition, AllOf) else condition.any
    tests = [child for child in children if isinstance(child, FactorTest)]
    patterns = [_answers_pattern(tests, every)] if tests else []
    patterns += [_pattern(c) for c in children if not isinstance(c, FactorTest)]
    if len(patterns) == 1:
        return patterns[0]
    return AND(*patterns) if every else OR(*patterns)


def _action(spec: RuleSpec) -> Callable[..., None]:
    rule_id, derive = spec.id, spec.derive

    def action(engine: JustifyingEngine) -> None:
        engine.conclude(rule_id, derive)

    action.__name__ = "rule_" + rule_id.replace("-", "_")
    action.__doc__ = spec.title
    return action


def compile_rule(spec: RuleSpec) -> Rule:
    """One experta ``Rule`` for one rule spec."""
    salience = DERIVATION_SALIENCE if spec.is_derivation else SCORING_SALIENCE
    lhs = _pattern(spec.when)
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
    namespace: dict[str, Any] = {
        "rule_" + spec.id.replace("-", "_"): compile_rule(spec) for spec in specs
    }
    namespace["read_factors"] = frozenset(
        test.factor for spec in specs for test in iter_factor_tests(spec.when)
    )
    engine_class = type(name, (JustifyingEngine,), namespace)
    return CompiledRules(engine_class=engine_class, rule_ids=tuple(spec.id for spec in specs))


__all__ = ["CompiledRules", "compile_rule", "compile_rules", "rank_function"]
