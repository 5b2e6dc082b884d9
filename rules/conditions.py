"""Rule conditions: the structured tests a rule's ``when`` is made of.

A condition is data read from the knowledge base. Each one can

* say which factors and derived facts it reads,
* test a known value (``test``), which the rule compiler turns into an experta
  predicate, and
* evaluate itself in three-valued logic (``evaluate``), where a factor that is not
  known gives ``None`` ("could go either way"). The engine uses that to bound what
  the unknown answers could still do to the ranking.

Unknown or missing factors never satisfy a test: every operator below is positive,
so learning a value can only turn a ``None`` into ``True`` or ``False``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    PrivateAttr,
    Tag,
    model_validator,
)

FactorValue = str | bool | int | tuple[str, ...]
Scalar = str | bool | int

_OPERATORS = (
    "is_",
    "in_",
    "not_in",
    "at_least",
    "at_most",
    "includes",
    "includes_any",
    "includes_all",
    "excludes_all",
)


class _Spec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class FactorTest(_Spec):
    """A test on one factor's value; exactly one operator is given.

    * ``is``: equals the value; ``in``/``not_in``: is / is not one of the values;
    * ``at_least``/``at_most``: ordered factors (levels, time horizon, partner count);
    * ``includes``, ``includes_any``, ``includes_all``, ``excludes_all``: list factors
      (``partner_types``, ``scope``).
    """

    factor: str
    is_: Scalar | None = Field(default=None, alias="is")
    in_: tuple[Scalar, ...] | None = Field(default=None, alias="in")
    not_in: tuple[Scalar, ...] | None = None
    at_least: str | int | None = None
    at_most: str | int | None = None
    includes: str | None = None
    includes_any: tuple[str, ...] | None = None
    includes_all: tuple[str, ...] | None = None
    excludes_all: tuple[str, ...] | None = None

    _op: str = PrivateAttr(default="")
    _arg: Any = PrivateAttr(default=None)

    @model_validator(mode="after")
    def _exactly_one_operator(self) -> FactorTest:
        given = [name for name in _OPERATORS if getattr(self, name) is not None]
        if len(given) != 1:
            names = ", ".join(op.rstrip("_") for op in _OPERATORS)
            raise ValueError(
                f"a factor test on {self.factor!r} needs exactly one operator of: {names}"
            )
        # Resolved once here: tests run in the engine's innermost loop.
        self._op, self._arg = given[0].rstrip("_"), getattr(self, given[0])
        return self

    @property
    def operator(self) -> str:
        """The operator's name as written in the knowledge base."""
        return self._op

    @property
    def operand(self) -> Any:
        """The operator's argument."""
        return self._arg

    def test(self, value: FactorValue, rank: Any = None) -> bool:
        """Whether a known value satisfies this test.

        Args:
            value: the factor's value (a tuple for list factors).
            rank: for ordered factors, a function mapping a value to its position.
        """
        return self.checker(rank)(value)

    def mentions(self, member: str) -> bool:
        """Whether a list test names ``member`` (so adding or removing it matters)."""
        arg = self._arg
        return member == arg if isinstance(arg, str) else member in arg

    def checker(self, rank: Any = None) -> Callable[[Any], bool]:
        """A plain function testing a known value (built once by the rule compiler)."""
        return make_checker(self._op, self._arg, rank)


@lru_cache(maxsize=4096)
def make_checker(op: str, arg: Any, rank: Any = None) -> Callable[[Any], bool]:
    """A function testing a known value against one operator and its argument."""
    if op == "is":
        kind = type(arg)
        return lambda value: value == arg and type(value) is kind
    if op == "in":
        return lambda value: value in arg
    if op == "not_in":
        return lambda value: value not in arg
    if op == "at_least":
        floor = rank(arg)
        return lambda value: rank(value) >= floor
    if op == "at_most":
        ceiling = rank(arg)
        return lambda value: rank(value) <= ceiling
    if op == "includes":
        return lambda value: isinstance(value, tuple) and arg in value
    if op == "includes_any":
        return lambda value: isinstance(value, tuple) and any(item in value for item in arg)
    if op == "includes_all":
        return lambda value: isinstance(value, tuple) and all(item in value for item in arg)
    # excludes_all
    return lambda value: isinstance(value, tuple) and not any(item in value for item in arg)


class FactTest(_Spec):
    """Holds when a derived fact has been concluded by another rule."""

    fact: str


class AllOf(_Spec):
    """Holds when every listed condition holds."""

    all: tuple[Condition, ...] = Field(min_length=1)


class AnyOf(_Spec):
    """Holds when at least one listed condition holds."""

    any: tuple[Condition, ...] = Field(min_length=1)


def _condition_tag(data: Any) -> str | None:
    if isinstance(data, Mapping):
        for key in ("all", "any", "fact", "factor"):
            if key in data:
                return key
        return None
    return type(data).__name__.lower()


Condition = Annotated[
    Annotated[AllOf, Tag("all")]
    | Annotated[AnyOf, Tag("any")]
    | Annotated[FactTest, Tag("fact")]
    | Annotated[FactorTest, Tag("factor")]
    | Annotated[AllOf, Tag("allof")]
    | Annotated[AnyOf, Tag("anyof")]
    | Annotated[FactTest, Tag("facttest")]
    | Annotated[FactorTest, Tag("factortest")],
    Discriminator(
        _condition_tag,
        custom_error_type="condition",
        custom_error_message="a condition is a mapping with one of: all, any, fact, factor",
    ),
]
AllOf.model_rebuild()
AnyOf.model_rebuild()


def iter_factor_tests(condition: Condition) -> list[FactorTest]:
    """Every factor test inside a condition tree, depth first."""
    if isinstance(condition, FactorTest):
        return [condition]
    if isinstance(condition, FactTest):
        return []
    children = condition.all if isinstance(condition, AllOf) else condition.any
    return [test for child in children for test in iter_factor_tests(child)]


def iter_fact_tests(condition: Condition) -> list[str]:
    """Every derived fact a condition tree reads, depth first."""
    if isinstance(condition, FactTest):
        return [condition.fact]
    if isinstance(condition, FactorTest):
        return []
    children = condition.all if isinstance(condition, AllOf) else condition.any
    return [fact for child in children for fact in iter_fact_tests(child)]


Truth = bool | None


class _Absent:
    """An unknown answer treated as matching nothing (as the engine itself treats it)."""

    def __repr__(self) -> str:
        return "ABSENT"


ABSENT = _Absent()


@dataclass(frozen=True, slots=True)
class Toggled:
    """A known list answer with one member about to be added or removed.

    Tests that mention the member could go either way; all others keep their result.
    """

    current: tuple[str, ...]
    member: str


def evaluate(
    condition: Condition,
    values: Mapping[str, FactorValue | _Absent | Toggled | None],
    facts: Mapping[str, Truth],
    rank_of: Mapping[str, Any],
) -> Truth:
    """Kleene three-valued evaluation of a condition.

    Args:
        condition: the condition tree.
        values: known factor values; a missing key or ``None`` means unknown (could go
            either way); ``ABSENT`` means unknown and matching nothing.
        facts: derived facts: ``True`` concluded, ``None`` possible, ``False`` ruled out.
        rank_of: for ordered factors, the function giving a value's position.

    Returns:
        ``True`` or ``False`` when the known values decide it, else ``None``.
    """
    if isinstance(condition, FactorTest):
        value = values.get(condition.factor)
        if value is None:
            return None
        if isinstance(value, _Absent):
            return False
        if isinstance(value, Toggled):
            if condition.mentions(value.member):
                return None
            value = value.current
        return condition.test(value, rank_of.get(condition.factor))
    if isinstance(condition, FactTest):
        return facts.get(condition.fact, False)
    if isinstance(condition, AllOf):
        result: Truth = True
        for child in condition.all:
            truth = evaluate(child, values, facts, rank_of)
            if truth is False:
                return False
            if truth is None:
                result = None
        return result
    result = False
    for child in condition.any:
        truth = evaluate(child, values, facts, rank_of)
        if truth is True:
            return True
        if truth is None:
            result = None
    return result


Predicate = Callable[[Mapping[str, Any], Mapping[str, Truth]], bool]


def compile_predicate(condition: Condition, rank_of: Mapping[str, Any]) -> Predicate:
    """A plain function deciding a condition when every answer it reads is known.

    The same result as ``evaluate`` on fully known values, without walking the models on
    every call: used where one rule set is evaluated on many completions.

    >>> test = FactorTest.model_validate({"factor": "trust", "is": "high"})
    >>> compile_predicate(test, {})({"trust": "high"}, {})
    True
    """
    if isinstance(condition, FactorTest):
        check = condition.checker(rank_of.get(condition.factor))
        factor = condition.factor

        def factor_holds(values: Mapping[str, Any], facts: Mapping[str, Truth]) -> bool:
            value = values.get(factor)
            return value is not None and check(value)

        return factor_holds
    if isinstance(condition, FactTest):
        fact = condition.fact
        return lambda values, facts: facts.get(fact, False) is True
    if isinstance(condition, AllOf):
        parts = [compile_predicate(child, rank_of) for child in condition.all]
        return lambda values, facts: all(part(values, facts) for part in parts)
    options = [compile_predicate(child, rank_of) for child in condition.any]
    return lambda values, facts: any(part(values, facts) for part in options)


__all__ = [
    "ABSENT",
    "Predicate",
    "compile_predicate",
    "Toggled",
    "AllOf",
    "AnyOf",
    "Condition",
    "FactTest",
    "FactorTest",
    "FactorValue",
    "Truth",
    "evaluate",
    "iter_fact_tests",
    "iter_factor_tests",
]
