"""Loading the knowledge base from ``knowledge_base/`` and checking every reference in it."""

from __future__ import annotations

import difflib
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, TypeAdapter, ValidationError

import knowledge_base
from engine.errors import KnowledgeBaseError
from engine.kb_models import (
    AXIS_IDS,
    Axis,
    DerivedFact,
    Dimension,
    FactorText,
    Form,
    Meta,
    Risk,
    Source,
    Stakeholder,
    TeachingCase,
)
from rules.conditions import FactorTest, iter_fact_tests, iter_factor_tests
from rules.schema import RuleFile, RuleSpec, Strength
from rules.vocabulary import (
    DIMENSION_IDS,
    FACTOR_IDS,
    FACTORS_BY_ID,
    FORM_IDS,
    FactorKind,
)

T = TypeVar("T")
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class ConfidenceLabel(BaseModel):
    """A word for confidence at or above a threshold."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    at_least: float
    label: str


class ConfidenceParams(BaseModel):
    """How the guaranteed lead and the coverage become a confidence."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    margin_scale: float
    close_below: float
    coverage_weight: float
    labels: tuple[ConfidenceLabel, ...]


class RobustnessParams(BaseModel):
    """How the unknown factors are completed for the robustness analysis."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    max_completions: int
    seed: int
    walk_redraws: int
    partner_count_levels: tuple[int, ...]


class ScoringParams(BaseModel):
    """The numbers of ``scoring.yaml``."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    certainty: dict[Strength, dict[str, float]]
    confidence: ConfidenceParams
    robustness: RobustnessParams

    def certainty_of(self, strength: Strength, effect: str) -> float:
        """Signed certainty factor of one pull (``+``, ``++``, ``-``, ``--``)."""
        magnitude = self.certainty[strength][effect.replace("-", "+")]
        return magnitude if effect.startswith("+") else -magnitude


@dataclass(frozen=True, repr=False)
class KnowledgeBase:
    """The parsed, validated, immutable knowledge base."""

    def __repr__(self) -> str:
        return f"KnowledgeBase(version={self.version!r}, rules={len(self.rules)})"

    path: Path
    meta: Meta
    version: str
    sources: dict[str, Source]
    dimensions: dict[str, Dimension]
    factors: dict[str, FactorText]
    forms: dict[str, Form]
    axes: dict[str, Axis]
    derived: dict[str, DerivedFact]
    risks: dict[str, Risk]
    stakeholders: dict[str, Stakeholder]
    rules: tuple[RuleSpec, ...]
    rule_themes: dict[str, str]
    cases: dict[str, TeachingCase]
    scoring: ScoringParams
    demo: dict[str, Any] = field(repr=False)

    @cached_property
    def rules_by_id(self) -> dict[str, RuleSpec]:
        """Rules keyed by id."""
        return {rule.id: rule for rule in self.rules}

    @cached_property
    def raisers_by_form(self) -> dict[str, tuple[RuleSpec, ...]]:
        """For each form, the rules that can raise it, strongest pull first, then by id."""
        table: dict[str, list[tuple[float, str, RuleSpec]]] = {}
        for rule in self.rules:
            for item in rule.evidence:
                if item.effect.startswith("+"):
                    cf = self.scoring.certainty_of(rule.strength, item.effect)
                    table.setdefault(item.form, []).append((-cf, rule.id, rule))
        return {
            form: tuple(r for *_, r in sorted(rows, key=lambda row: row[:2]))
            for form, rows in table.items()
        }

    @cached_property
    def factor_weights(self) -> dict[str, int]:
        """How many rules read each factor: its weight in the answered share."""
        return {factor_id: len(rules) for factor_id, rules in self.rules_reading_factor.items()}

    @cached_property
    def rule_position(self) -> dict[str, int]:
        """Each rule's position in the knowledge base (a stable order for combining)."""
        return {rule.id: index for index, rule in enumerate(self.rules)}

    @cached_property
    def rule_effects(self) -> dict[str, tuple[tuple[tuple[str, float], ...], tuple[str, ...]]]:
        """For each rule id: its signed certainty factor per form, and the forms it excludes."""
        return {
            rule.id: (
                tuple(
                    (item.form, self.scoring.certainty_of(rule.strength, item.effect))
                    for item in rule.evidence
                ),
                rule.exclude,
            )
            for rule in self.rules
        }

    def factors_read_by(self, rule: RuleSpec) -> tuple[str, ...]:
        """Factor ids a rule's condition reads, in order, without repeats."""
        return tuple(dict.fromkeys(t.factor for t in iter_factor_tests(rule.when)))

    def facts_read_by(self, rule: RuleSpec) -> tuple[str, ...]:
        """Derived fact ids a rule's condition reads, in order, without repeats."""
        return tuple(dict.fromkeys(iter_fact_tests(rule.when)))

    @cached_property
    def rules_reading_factor(self) -> dict[str, tuple[str, ...]]:
        """For each factor, the ids of the rules that read it."""
        table: dict[str, list[str]] = {factor_id: [] for factor_id in FACTOR_IDS}
        for rule in self.rules:
            for factor_id in self.factors_read_by(rule):
                table[factor_id].append(rule.id)
        return {k: tuple(v) for k, v in table.items()}

    def cite(self, source_ids: Iterable[str]) -> list[Source]:
        """The bibliography entries for some source ids, in order, without repeats."""
        return [self.sources[s] for s in dict.fromkeys(source_ids)]


def _read_yaml(path: Path) -> Any:
    try:
        # libyaml's safe loader: the knowledge base is trusted data, parsed at every start.
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER)  # noqa: S506
    except FileNotFoundError as exc:
        raise KnowledgeBaseError([f"{path.name}: missing"]) from exc
    except yaml.YAMLError as exc:
        raise KnowledgeBaseError([f"{path.name}: not valid YAML: {exc}"]) from exc


def _validate(model: Any, data: Any, where: str) -> Any:
    try:
        return TypeAdapter(model).validate_python(data)
    except ValidationError as exc:
        problems = [
            f"{where} {'.'.join(str(p) for p in e['loc'])}: {e['msg']}"
            for e in exc.errors(include_url=False)
        ]
        raise KnowledgeBaseError(problems) from exc


def _keyed(items: Iterable[Any], where: str, key: str = "id") -> dict[str, Any]:
    table: dict[str, Any] = {}
    duplicates = []
    for item in items:
        ident = getattr(item, key)
        if ident in table:
            duplicates.append(f"{where}: id {ident!r} appears twice")
        table[ident] = item
    if duplicates:
        raise KnowledgeBaseError(duplicates)
    return table


def _did_you_mean(name: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(name, list(known), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _check_factor_test(test: FactorTest, where: str) -> list[str]:
    spec = FACTORS_BY_ID.get(test.factor)
    if spec is None:
        return [f"{where}: unknown factor {test.factor!r}{_did_you_mean(test.factor, FACTOR_IDS)}"]
    op, arg = test.operator, test.operand
    args = list(arg) if isinstance(arg, tuple) else [arg]
    problems = []
    if op in ("at_least", "at_most") and not spec.ordered:
        problems.append(f"{where}: {op} needs an ordered factor; {spec.id} is {spec.kind.value}")
    set_ops = ("includes", "includes_any", "includes_all", "excludes_all")
    if (op in set_ops) != (spec.kind is FactorKind.SET):
        problems.append(
            f"{where}: operator {op} does not apply to {spec.kind.value} factor {spec.id}"
        )
    if spec.kind is FactorKind.COUNT:
        for value in args:
            if not isinstance(value, int) or isinstance(value, bool):
                problems.append(f"{where}: {spec.id} compares with integers, not {value!r}")
    else:
        for value in args:
            if value not in spec.values or type(value) is not type(spec.values[0]):
                allowed = ", ".join(str(v) for v in spec.values)
                hint = _did_you_mean(str(value), [str(v) for v in spec.values])
                problems.append(
                    f"{where}: {value!r} is not a value of {spec.id} (allowed: {allowed}){hint}"
                )
    return problems


def check_references(kb: KnowledgeBase) -> list[str]:
    """Every reference in the knowledge base that does not resolve, as readable problems."""
    problems: list[str] = []

    def sources_ok(ids: Iterable[str], where: str) -> None:
        for source_id in ids:
            if source_id not in kb.sources:
                hint = _did_you_mean(source_id, kb.sources)
                problems.append(f"{where}: unknown source {source_id!r}{hint}")

    def risks_ok(ids: Iterable[str], where: str) -> None:
        for risk_id in ids:
            if risk_id not in kb.risks:
                problems.append(
                    f"{where}: unknown risk {risk_id!r}{_did_you_mean(risk_id, kb.risks)}"
                )

    for rule in kb.rules:
        where = f"rule {rule.id}"
        for test in iter_factor_tests(rule.when):
            problems.extend(_check_factor_test(test, where))
        for fact in [*iter_fact_tests(rule.when), *([rule.derive] if rule.derive else [])]:
            if fact not in kb.derived:
                problems.append(
                    f"{where}: unknown derived fact {fact!r}{_did_you_mean(fact, kb.derived)}"
                )
        sources_ok(rule.sources, where)
        risks_ok(rule.risks, where)
    for form in kb.forms.values():
        sources_ok(form.sources, f"form {form.id}")
        risks_ok(form.typical_risks, f"form {form.id}")
        missing_axes = set(AXIS_IDS) - set(form.profile)
        if missing_axes:
            problems.append(f"form {form.id}: no profile value for {sorted(missing_axes)}")
        if any(not 1 <= v <= 5 for v in form.profile.values()):
            problems.append(f"form {form.id}: profile values must be from 1 to 5")
    for risk in kb.risks.values():
        sources_ok(risk.sources, f"risk {risk.id}")
    for stakeholder in kb.stakeholders.values():
        sources_ok(stakeholder.sources, f"stakeholder {stakeholder.type}")
    for case in kb.cases.values():
        sources_ok(case.sources, f"case {case.id}")
    for missing in set(FORM_IDS) - set(kb.forms):
        problems.append(f"forms.yaml: no entry for form {missing!r}")
    for dimension in set(DIMENSION_IDS) - set(kb.dimensions):
        problems.append(f"dimensions.yaml: no entry for dimension {dimension!r}")
    for factor_id in FACTOR_IDS:
        text = kb.factors.get(factor_id)
        if text is None:
            problems.append(f"factors.yaml: no text for factor {factor_id!r}")
            continue
        spec = FACTORS_BY_ID[factor_id]
        if spec.kind in (FactorKind.LEVEL, FactorKind.CHOICE, FactorKind.BOOLEAN):
            expected = {str(v).lower() for v in spec.values}
            if set(text.levels) != expected:
                problems.append(
                    f"factors.yaml {factor_id}: levels must explain exactly {sorted(expected)}"
                )
        if spec.kind is FactorKind.SET and set(text.options) != set(spec.values):
            problems.append(
                f"factors.yaml {factor_id}: options must label exactly {list(spec.values)}"
            )
    for extra in set(kb.factors) - set(FACTOR_IDS):
        problems.append(
            f"factors.yaml: {extra!r} is not a factor{_did_you_mean(extra, FACTOR_IDS)}"
        )
    return problems


def _content_hash(path: Path) -> str:
    digest = hashlib.sha256()
    for file in sorted(path.rglob("*.yaml")):
        digest.update(file.relative_to(path).as_posix().encode())
        digest.update(b"\0")
        digest.update(file.read_bytes())
    return digest.hexdigest()[:12]


def load_knowledge_base_from(path: Path) -> KnowledgeBase:
    """Load and validate a knowledge base folder.

    Raises:
        KnowledgeBaseError: a file is missing or malformed, or a reference does not resolve.
    """
    meta = _validate(Meta, _read_yaml(path / "meta.yaml"), "meta.yaml")
    rule_files = sorted((path / "rules").glob("*.yaml"))
    rules: list[RuleSpec] = []
    themes: dict[str, str] = {}
    for file in rule_files:
        parsed = _validate(RuleFile, _read_yaml(file), f"rules/{file.name}")
        rules.extend(parsed.rules)
        themes.update({rule.id: parsed.theme for rule in parsed.rules})
    cases = [
        _validate(TeachingCase, _read_yaml(file), f"cases/{file.name}")
        for file in sorted((path / "cases").glob("*.yaml"))
    ]
    kb = KnowledgeBase(
        path=path,
        meta=meta,
        version=f"{meta.release}+{_content_hash(path)}",
        sources=_keyed(
            _validate(list[Source], _read_yaml(path / "sources.yaml"), "sources.yaml"),
            "sources.yaml",
        ),
        dimensions=_keyed(
            _validate(list[Dimension], _read_yaml(path / "dimensions.yaml"), "dimensions.yaml"),
            "dimensions.yaml",
        ),
        factors=_keyed(
            _validate(list[FactorText], _read_yaml(path / "factors.yaml"), "factors.yaml"),
            "factors.yaml",
        ),
        forms=_keyed(
            _validate(list[Form], _read_yaml(path / "forms.yaml"), "forms.yaml"), "forms.yaml"
        ),
        axes=_keyed(
            _validate(list[Axis], _read_yaml(path / "axes.yaml"), "axes.yaml"), "axes.yaml"
        ),
        derived=_keyed(
            _validate(list[DerivedFact], _read_yaml(path / "derived.yaml"), "derived.yaml"),
            "derived.yaml",
        ),
        risks=_keyed(
            _validate(list[Risk], _read_yaml(path / "risks.yaml"), "risks.yaml"), "risks.yaml"
        ),
        stakeholders=_keyed(
            _validate(
                list[Stakeholder], _read_yaml(path / "stakeholders.yaml"), "stakeholders.yaml"
            ),
            "stakeholders.yaml",
            key="type",
        ),
        rules=tuple(rules),
        rule_themes=themes,
        cases=_keyed(cases, "cases"),
        scoring=_validate(ScoringParams, _read_yaml(path / "scoring.yaml"), "scoring.yaml"),
        demo=_read_yaml(path / "demo.yaml"),
    )
    _keyed(rules, "rules")
    problems = check_references(kb)
    if problems:
        raise KnowledgeBaseError(problems)
    return kb


@lru_cache(maxsize=4)
def load_knowledge_base(path: Path | None = None) -> KnowledgeBase:
    """The knowledge base shipped with the advisor (or at ``path``), loaded once per process."""
    return load_knowledge_base_from(Path(path) if path else knowledge_base.PATH)


__all__ = [
    "KnowledgeBase",
    "ScoringParams",
    "check_references",
    "load_knowledge_base",
    "load_knowledge_base_from",
]
