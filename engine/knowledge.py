"""The knowledge base: loading it from ``knowledge_base/`` into one immutable object.

Checks that look across files live in ``engine.kb_checks``; the loader runs them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import TypeAdapter, ValidationError

import knowledge_base
from engine.decision import CONTRAST_ORDER, LAST_NO_FORM, YES_FORM, DecisionModel
from engine.decision_data import (
    ConsiderationsDoc,
    FittedWeights,
    build_decision_model,
    check_decision_documents,
)
from engine.errors import KnowledgeBaseError, KnowledgeBaseProblem
from engine.kb_checks import check_examples, check_references
from engine.kb_models import (
    Axis,
    DerivedFact,
    Dimension,
    FactorText,
    Form,
    GovernanceModule,
    Meta,
    Risk,
    ScoringParams,
    Source,
    Stakeholder,
    TeachingCase,
)
from rules.conditions import iter_fact_tests, iter_factor_tests
from rules.schema import RuleFile, RuleSpec
from rules.vocabulary import FACTOR_IDS

_KEYED_DOCUMENTS: tuple[tuple[str, Any, str], ...] = (
    ("sources", list[Source], "id"),
    ("dimensions", list[Dimension], "id"),
    ("factors", list[FactorText], "id"),
    ("forms", list[Form], "id"),
    ("axes", list[Axis], "id"),
    ("derived", list[DerivedFact], "id"),
    ("risks", list[Risk], "id"),
    ("stakeholders", list[Stakeholder], "type"),
    ("governance", list[GovernanceModule], "id"),
)
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True, slots=True)
class Pull:
    """A fired rule's pull on one form, in log-odds (positive raises the form)."""

    form: str
    weight: float

    @property
    def effect(self) -> str:
        """``+`` or ``-``."""
        return "+" if self.weight > 0 else "-"


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
    governance: dict[str, GovernanceModule]
    rules: tuple[RuleSpec, ...]
    rule_themes: dict[str, str]
    cases: dict[str, TeachingCase]
    scoring: ScoringParams
    considerations: ConsiderationsDoc
    fitted: FittedWeights | None
    demo: dict[str, Any] = field(repr=False)

    @cached_property
    def decision(self) -> DecisionModel:
        """The decision model: contrasts, considerations, weights and each rule's lean."""
        return build_decision_model(self.considerations, self.fitted, self.rules)

    @cached_property
    def pulls(self) -> dict[str, tuple[Pull, ...]]:
        """For each rule id, what its lean does to the forms of its contrast.

        A lean toward a contrast raises the form its "yes" leads to (and, on the last
        contrast, lowers the contract); a lean away does the reverse. The size is the
        rule's share of log-odds: the consideration's weight times the lean.
        """
        model = self.decision
        table: dict[str, tuple[Pull, ...]] = {}
        for rule in self.rules:
            if rule.weighs is None:
                table[rule.id] = ()
                continue
            contrast = model.contrast_of[rule.weighs.consideration]
            size = model.weights[rule.weighs.consideration] * rule.weighs.lean
            pulls = [Pull(YES_FORM[contrast], size)]
            if contrast == CONTRAST_ORDER[-1]:
                pulls.append(Pull(LAST_NO_FORM, -size))
            table[rule.id] = tuple(pulls)
        return table

    @cached_property
    def rules_by_id(self) -> dict[str, RuleSpec]:
        """Rules keyed by id."""
        return {rule.id: rule for rule in self.rules}

    @cached_property
    def raisers_by_form(self) -> dict[str, tuple[RuleSpec, ...]]:
        """For each form, the rules that can raise it, strongest pull first, then by id."""
        table: dict[str, list[tuple[float, str, RuleSpec]]] = {}
        for rule in self.rules:
            for pull in self.pulls[rule.id]:
                if pull.weight > 0:
                    table.setdefault(pull.form, []).append((-pull.weight, rule.id, rule))
        return {
            form: tuple(r for *_, r in sorted(rows, key=lambda row: row[:2]))
            for form, rows in table.items()
        }

    @cached_property
    def excluding_rules(self) -> tuple[RuleSpec, ...]:
        """The rules that exclude some form, in knowledge-base order."""
        return tuple(rule for rule in self.rules if rule.exclude)

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
        """For each rule id: its signed pull per form, and the forms it excludes."""
        return {
            rule.id: (tuple((p.form, p.weight) for p in self.pulls[rule.id]), rule.exclude)
            for rule in self.rules
        }

    def factors_read_by(self, rule: RuleSpec) -> tuple[str, ...]:
        """Factor ids a rule's condition reads, in order, without repeats."""
        found = self._factors_read.get(rule.id)
        if found is None or self.rules_by_id.get(rule.id) is not rule:  # not one of ours
            return tuple(dict.fromkeys(t.factor for t in iter_factor_tests(rule.when)))
        return found

    @cached_property
    def _factors_read(self) -> dict[str, tuple[str, ...]]:
        """``factors_read_by`` of each rule of this knowledge base, listed once."""
        return {
            rule.id: tuple(dict.fromkeys(t.factor for t in iter_factor_tests(rule.when)))
            for rule in self.rules
        }

    def facts_read_by(self, rule: RuleSpec) -> tuple[str, ...]:
        """Derived fact ids a rule's condition reads, in order, without repeats."""
        found = self._facts_read.get(rule.id)
        if found is None or self.rules_by_id.get(rule.id) is not rule:  # not one of ours
            return tuple(dict.fromkeys(iter_fact_tests(rule.when)))
        return found

    @cached_property
    def _facts_read(self) -> dict[str, tuple[str, ...]]:
        """``facts_read_by`` of each rule of this knowledge base, listed once."""
        return {rule.id: tuple(dict.fromkeys(iter_fact_tests(rule.when))) for rule in self.rules}

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


_UNREADABLE = object()


class _Loader:
    """Reads the files of one knowledge-base folder, collecting every problem it meets."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[KnowledgeBaseProblem] = []

    def read(self, name: str) -> Any:
        """The parsed YAML of ``name``, or ``_UNREADABLE`` (and a problem) if it cannot be."""
        file = self.path / name
        try:
            # libyaml's safe loader: the knowledge base is trusted data, parsed at every start.
            return yaml.load(file.read_text(encoding="utf-8"), Loader=_YAML_LOADER)  # noqa: S506
        except FileNotFoundError:
            self.problems.append(KnowledgeBaseProblem(file.name, "missing"))
        except yaml.YAMLError as exc:
            self.problems.append(KnowledgeBaseProblem(file.name, f"not valid YAML: {exc}"))
        return _UNREADABLE

    def parse(self, model: Any, name: str) -> Any:
        """The file ``name`` validated as ``model``; ``None`` when it is missing or invalid."""
        data = self.read(name)
        if data is _UNREADABLE:
            return None
        try:
            return TypeAdapter(model).validate_python(data)
        except ValidationError as exc:
            self.problems += [
                KnowledgeBaseProblem(f"{name} {'.'.join(str(p) for p in e['loc'])}", e["msg"])
                for e in exc.errors(include_url=False)
            ]
            return None

    def keyed(self, items: Iterable[Any] | None, where: str, key: str = "id") -> dict[str, Any]:
        """Items by their ``key``; an id given twice is a problem."""
        table: dict[str, Any] = {}
        for item in items or ():
            ident = getattr(item, key)
            if ident in table:
                self.problems.append(KnowledgeBaseProblem(where, f"id {ident!r} appears twice"))
            table[ident] = item
        return table

    def unread_files(self) -> None:
        """Files in the folders of rules and cases that the loader would pass over."""
        for folder in ("rules", "cases"):
            for file in sorted((self.path / folder).glob("*")):
                if file.suffix != ".yaml":
                    self.problems.append(
                        KnowledgeBaseProblem(
                            f"{folder}/{file.name}", "not read", allowed="files ending in .yaml"
                        )
                    )

    def stop_if_any(self) -> None:
        """Raise every problem found so far, if there is one."""
        if self.problems:
            raise KnowledgeBaseError(self.problems)


# The reference corpus measures the rules; it is not part of them.
_NOT_RULE_SET = ("corpus",)


def _content_hash(path: Path) -> str:
    digest = hashlib.sha256()
    for file in sorted(path.rglob("*.yaml")):
        if file.relative_to(path).parts[0] in _NOT_RULE_SET:
            continue
        digest.update(file.relative_to(path).as_posix().encode())
        digest.update(b"\0")
        digest.update(file.read_bytes())
    return digest.hexdigest()[:12]


def load_knowledge_base_from(path: Path) -> KnowledgeBase:
    """Load and validate a knowledge base folder.

    Every file is read and every problem reported at once; then references across
    files are checked, and the demo and teaching cases validated as scenarios.

    Raises:
        KnowledgeBaseError: a file is missing or malformed, a reference does not resolve,
            or an example is not a valid scenario.
    """
    load = _Loader(path)
    load.unread_files()
    meta = load.parse(Meta, "meta.yaml")
    rules: list[RuleSpec] = []
    themes: dict[str, str] = {}
    for file in sorted((path / "rules").glob("*.yaml")):
        parsed = load.parse(RuleFile, f"rules/{file.name}")
        if parsed is not None:
            rules.extend(parsed.rules)
            themes.update({rule.id: parsed.theme for rule in parsed.rules})
    cases = [
        load.parse(TeachingCase, f"cases/{file.name}")
        for file in sorted((path / "cases").glob("*.yaml"))
    ]
    documents = {
        name: load.keyed(load.parse(model, f"{name}.yaml"), f"{name}.yaml", key)
        for name, model, key in _KEYED_DOCUMENTS
    }
    cases_by_id = load.keyed([case for case in cases if case is not None], "cases")
    load.keyed(rules, "rules")
    scoring = load.parse(ScoringParams, "scoring.yaml")
    considerations = load.parse(ConsiderationsDoc, "considerations.yaml")
    fitted = load.parse(FittedWeights, "weights.yaml") if (path / "weights.yaml").exists() else None
    demo = load.read("demo.yaml")
    load.stop_if_any()
    kb = KnowledgeBase(
        path=path,
        meta=meta,
        version=f"{meta.release}+{_content_hash(path)}",
        **documents,
        rules=tuple(rules),
        rule_themes=themes,
        cases=cases_by_id,
        scoring=scoring,
        considerations=considerations,
        fitted=fitted,
        demo=demo,
    )
    load.problems += [
        KnowledgeBaseProblem("decision", problem)
        for problem in check_decision_documents(considerations, fitted, kb.rules)
    ]
    load.stop_if_any()
    load.problems += check_references(kb)
    load.stop_if_any()
    load.problems += check_examples(kb)
    load.stop_if_any()
    return kb


@lru_cache(maxsize=4)
def load_knowledge_base(path: Path | None = None) -> KnowledgeBase:
    """The knowledge base shipped with the advisor (or at ``path``), loaded once per process."""
    return load_knowledge_base_from(Path(path) if path else knowledge_base.PATH)


__all__ = [
    "KnowledgeBase",
    "Pull",
    "load_knowledge_base",
    "load_knowledge_base_from",
]
