"""Checking a loaded knowledge base: every reference resolves and every example is valid.

The loader (``engine.knowledge``) reads and parses the files; these checks then look
across them. Each problem names where it is, what is wrong and, where it helps, what is
allowed and the closest known name.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from engine.errors import KnowledgeBaseProblem, ScenarioError
from engine.kb_models import AXIS_IDS
from engine.scenario_io import scenario_from_data
from rules.conditions import FactorTest, iter_fact_tests, iter_factor_tests
from rules.schema import RuleSpec
from rules.vocabulary import DIMENSION_IDS, FACTOR_IDS, FACTORS_BY_ID, FORM_IDS, FactorKind

if TYPE_CHECKING:
    from engine.knowledge import KnowledgeBase

_SET_OPERATORS = ("includes", "includes_any", "includes_all", "excludes_all")


def closest(name: str, known: Iterable[str]) -> str | None:
    """The known name closest to ``name``, if any is close."""
    close = difflib.get_close_matches(name, list(known), n=1)
    return close[0] if close else None


def _unknown(where: str, kind: str, name: str, known: Iterable[str]) -> KnowledgeBaseProblem:
    return KnowledgeBaseProblem(where, f"unknown {kind} {name!r}", suggestion=closest(name, known))


def _is_count(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def check_factor_test(test: FactorTest, where: str) -> list[KnowledgeBaseProblem]:
    """Problems with one factor test of a rule: the factor, the operator and the values."""
    spec = FACTORS_BY_ID.get(test.factor)
    if spec is None:
        return [_unknown(where, "factor", test.factor, FACTOR_IDS)]
    op, arg = test.operator, test.operand
    args = list(arg) if isinstance(arg, tuple) else [arg]
    problems = []
    if op in ("at_least", "at_most") and not spec.ordered:
        problems.append(
            KnowledgeBaseProblem(
                where, f"{op} needs an ordered factor; {spec.id} is {spec.kind.value}"
            )
        )
    if (op in _SET_OPERATORS) != (spec.kind is FactorKind.SET):
        problems.append(
            KnowledgeBaseProblem(
                where, f"operator {op} does not apply to {spec.kind.value} factor {spec.id}"
            )
        )
    if spec.kind is FactorKind.COUNT:
        problems += [
            KnowledgeBaseProblem(where, f"{spec.id} compares with integers, not {value!r}")
            for value in args
            if not _is_count(value)
        ]
        return problems
    allowed = ", ".join(str(v) for v in spec.values)
    for value in args:
        if value not in spec.values or type(value) is not type(spec.values[0]):
            problems.append(
                KnowledgeBaseProblem(
                    where,
                    f"{value!r} is not a value of {spec.id}",
                    allowed=allowed,
                    suggestion=closest(str(value), [str(v) for v in spec.values]),
                )
            )
    return problems


def _check_ids(
    ids: Iterable[str], known: Mapping[str, Any], kind: str, where: str
) -> list[KnowledgeBaseProblem]:
    return [_unknown(where, kind, ident, known) for ident in ids if ident not in known]


def _check_rule(kb: KnowledgeBase, rule: RuleSpec) -> list[KnowledgeBaseProblem]:
    where = f"rule {rule.id}"
    problems = []
    for test in iter_factor_tests(rule.when):
        problems += check_factor_test(test, where)
    facts = [*iter_fact_tests(rule.when), *([rule.derive] if rule.derive else [])]
    problems += _check_ids(facts, kb.derived, "derived fact", where)
    problems += _check_ids(rule.sources, kb.sources, "source", where)
    problems += _check_ids(rule.risks, kb.risks, "risk", where)
    return problems


def _check_forms(kb: KnowledgeBase) -> list[KnowledgeBaseProblem]:
    problems = []
    for form in kb.forms.values():
        where = f"form {form.id}"
        problems += _check_ids(form.sources, kb.sources, "source", where)
        problems += _check_ids(form.typical_risks, kb.risks, "risk", where)
        missing_axes = set(AXIS_IDS) - set(form.profile)
        if missing_axes:
            problems.append(
                KnowledgeBaseProblem(where, f"no profile value for {sorted(missing_axes)}")
            )
        if any(not 1 <= v <= 5 for v in form.profile.values()):
            problems.append(KnowledgeBaseProblem(where, "profile values must be from 1 to 5"))
    return problems


def _check_citations(kb: KnowledgeBase) -> list[KnowledgeBaseProblem]:
    problems = []
    for risk in kb.risks.values():
        problems += _check_ids(risk.sources, kb.sources, "source", f"risk {risk.id}")
    for stakeholder in kb.stakeholders.values():
        where = f"stakeholder {stakeholder.type}"
        problems += _check_ids(stakeholder.sources, kb.sources, "source", where)
    for case in kb.cases.values():
        problems += _check_ids(case.sources, kb.sources, "source", f"case {case.id}")
    for module in kb.governance.values():
        where = f"governance module {module.id}"
        problems += _check_ids(module.sources, kb.sources, "source", where)
    for contrast in kb.considerations.contrasts:
        if contrast.base_rate is not None:
            where = f"considerations.yaml contrast {contrast.id} base_rate"
            problems += _check_ids(contrast.base_rate.sources, kb.sources, "source", where)
    return problems


def _check_factor_text(kb: KnowledgeBase, factor_id: str) -> list[KnowledgeBaseProblem]:
    text = kb.factors.get(factor_id)
    if text is None:
        return [KnowledgeBaseProblem("factors.yaml", f"no text for factor {factor_id!r}")]
    spec = FACTORS_BY_ID[factor_id]
    where = f"factors.yaml {factor_id}"
    if spec.kind in (FactorKind.LEVEL, FactorKind.CHOICE, FactorKind.BOOLEAN):
        expected = {str(v).lower() for v in spec.values}
        if set(text.levels) != expected:
            return [KnowledgeBaseProblem(where, f"levels must explain exactly {sorted(expected)}")]
    if spec.kind is FactorKind.SET and set(text.options) != set(spec.values):
        return [KnowledgeBaseProblem(where, f"options must label exactly {list(spec.values)}")]
    return []


def _check_vocabulary_words(kb: KnowledgeBase) -> list[KnowledgeBaseProblem]:
    """Every form, dimension and factor of the vocabulary has its words, and no more."""
    problems = [
        KnowledgeBaseProblem("forms.yaml", f"no entry for form {missing!r}")
        for missing in set(FORM_IDS) - set(kb.forms)
    ]
    problems += [
        KnowledgeBaseProblem("dimensions.yaml", f"no entry for dimension {dimension!r}")
        for dimension in set(DIMENSION_IDS) - set(kb.dimensions)
    ]
    for factor_id in FACTOR_IDS:
        problems += _check_factor_text(kb, factor_id)
    problems += [
        KnowledgeBaseProblem(
            "factors.yaml", f"{extra!r} is not a factor", suggestion=closest(extra, FACTOR_IDS)
        )
        for extra in set(kb.factors) - set(FACTOR_IDS)
    ]
    return problems


def check_references(kb: KnowledgeBase) -> list[KnowledgeBaseProblem]:
    """Every reference in the knowledge base that does not resolve."""
    problems = []
    for rule in kb.rules:
        problems += _check_rule(kb, rule)
    return problems + _check_forms(kb) + _check_citations(kb) + _check_vocabulary_words(kb)


def _scenario_problems(data: object, where: str) -> list[KnowledgeBaseProblem]:
    try:
        scenario_from_data(data, where)
    except ScenarioError as exc:
        return [
            KnowledgeBaseProblem(
                f"{where} {p.path}".rstrip(), p.message, allowed=p.allowed, suggestion=p.suggestion
            )
            for p in exc.problems
        ]
    return []


def check_examples(kb: KnowledgeBase) -> list[KnowledgeBaseProblem]:
    """The demo and every teaching case's scenario, validated as the advisor's input."""
    problems = _scenario_problems(kb.demo, "demo.yaml")
    for case in kb.cases.values():
        problems += _scenario_problems(case.scenario, f"case {case.id} scenario")
    return problems


__all__ = ["check_examples", "check_factor_test", "check_references", "closest"]
