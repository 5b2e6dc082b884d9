"""The typed result of a recommendation: what the engine concluded and why."""

from __future__ import annotations

import json
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class _View(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RankedForm(_View):
    """A form's place in the ranking."""

    form: str
    name: str
    rank: int
    score: float = Field(description="Probability in [0, 1] that this form is right.")
    excluded: bool = False
    lowest_possible: float = Field(description="Lowest score the unknown answers allow.")
    highest_possible: float = Field(description="Highest score the unknown answers allow.")


class EvidenceView(_View):
    """One pull of a fired rule on a form."""

    form: str
    effect: str
    weight: float = Field(description="The pull in log-odds on its contrast; signed.")


class RuleRef(_View):
    """A rule named with its words, so readers need not look it up."""

    id: str
    title: str
    because: str


class FactorRef(_View):
    """A factor named with its label."""

    id: str
    label: str


class FactRef(_View):
    """A derived fact named with its label."""

    id: str
    label: str


class Need(_View):
    """What a rule that did not fire reads: a factor (answer) or a derived fact (conclusion)."""

    kind: Literal["factor", "fact"]
    id: str
    label: str


class SourceRef(_View):
    """A cited source with its full citation, so memos need no look-up."""

    id: str
    citation: str
    url: str | None = None


class ConsiderationView(_View):
    """One consideration's part in a stage of the decision."""

    id: str
    title: str
    value: float = Field(description="Sum of its fired rules' leans, held within [-1, 1].")
    weight: float = Field(description="Its weight on the contrast (log-odds per unit value).")
    contribution: float = Field(description="Value times weight: its push in log-odds.")
    pushes: str = Field(description="'yes' or 'no': which answer of the stage it favours.")
    rules: list[RuleRef]


class StageView(_View):
    """One contrast of the decision path and how it was answered."""

    contrast: str
    title: str
    yes_form: str
    reached: float = Field(description="Probability that the decision reaches this stage.")
    probability_yes: float = Field(description="Probability of yes, once reached.")
    answer: str = Field(description="'yes' or 'no' on the path to the first form.")
    meaning: str = Field(description="What the answer means, in plain words.")
    bias: float
    considerations: list[ConsiderationView]


class WeighsView(_View):
    """The consideration a rule bears on, and which way it leans, in words."""

    consideration: str
    title: str
    lean: float = Field(description="Toward (> 0) or away from (< 0) the stage's yes form.")
    stage: str = Field(description="The title of the consideration's contrast.")
    toward: str = Field(description="The form the stage's yes leads to.")
    toward_name: str


class FiredRule(_View):
    """A rule that fired, with its reason and sources."""

    id: str
    title: str
    because: str
    theme: str
    strength: str
    sources: list[str] = Field(description="Ids of its sources, cited in ``sources``.")
    reads: list[FactorRef] = Field(description="Factors the rule read.")
    reads_facts: list[FactRef] = Field(description="Derived facts the rule read.")
    derives: FactRef | None = None
    weighs: WeighsView | None = Field(default=None, description="The consideration it bears on.")
    evidence: list[EvidenceView] = []
    excludes: list[str] = []
    risks: list[str] = []


class DerivedConclusion(_View):
    """An intermediate conclusion reached on the way."""

    id: str
    label: str
    meaning: str
    derived_by: list[RuleRef]


class Exclusion(_View):
    """A form ruled out, and the rules that rule it out."""

    form: str
    name: str
    rules: list[RuleRef]


class MissingSupport(_View):
    """A rule that would have raised a form but did not fire."""

    rule: str
    title: str
    needs: list[Need] = Field(description="The factors and derived facts it reads.")


class WhyNot(_View):
    """Why a form is not first."""

    form: str
    name: str
    score: float
    gap: float = Field(description="How far its score is behind the first place.")
    excluded_by: list[RuleRef] = []
    against: list[RuleRef] = Field(description="Fired rules that pull away from it.")
    winner_advantages: list[RuleRef] = Field(
        description="Fired rules that raise the first place but not this form."
    )
    missing_support: list[MissingSupport] = []


class Outcome(_View):
    """What the first place would be if a factor took a value."""

    value: Any
    recommendation: str
    margin: float


class NextQuestion(_View):
    """An unknown factor whose answer could change the first place."""

    factor: str
    label: str
    question: str
    dimension: str
    decisiveness: float = Field(description="Share of its answers that change the first place.")
    largest_shift: float = Field(description="Largest change of any form's score it can cause.")
    outcomes: list[Outcome]


class WhatIf(_View):
    """A single change of a known answer that would change the first place."""

    factor: str
    label: str
    current: Any
    alternative: Any
    recommendation: str
    margin: float


class RiskFlag(_View):
    """A risk worth managing, and how."""

    id: str
    title: str
    description: str
    mitigations: list[str]
    raised_by: list[RuleRef] = Field(
        description="Rules that raised it; empty if typical of the form."
    )
    sources: list[str]


class SensitivityRow(_View):
    """How far another answer to one factor can move each form's score."""

    factor: str
    label: str
    shifts: dict[str, float] = Field(description="Per form, the largest score change.")


class DecisionRightView(_View):
    """Who decides what."""

    decision: str
    owner: str


class WorkstreamView(_View):
    """A workstream a deal's scope adds, with what it covers for the recommended form."""

    title: str
    detail: str


class GovernanceModuleView(_View):
    """Workstreams and decision rights added because of what the deal covers."""

    id: str
    title: str
    because: str = Field(description="The scope answer (and partner types) that call for it.")
    workstreams: list[WorkstreamView]
    decision_rights: list[DecisionRightView]
    sources: list[str]


class GovernanceBlueprint(_View):
    """How the chosen form should be run and ended, fitted to what the deal covers."""

    form: str
    workstreams: list[str] = Field(
        description="The form's own workstreams, then each module's, by title."
    )
    decision_rights: list[DecisionRightView] = Field(
        description="The form's own decision rights, then each module's."
    )
    ip_background: str
    ip_foreground: str
    escalation: list[str]
    exit_triggers: list[str]
    transition_services: list[str]
    modules: list[GovernanceModuleView] = Field(
        default=[], description="What the deal's scope adds to the form's own blueprint."
    )
    scope_known: bool = Field(
        default=True, description="False when the scope is unanswered, so no module is chosen."
    )


class Robustness(_View):
    """How often each form comes first across completions of the unknown answers."""

    unknown_factors: list[str]
    completions: int = Field(description="Completions counted: all of them, or the sample.")
    exhaustive: bool
    share_first: dict[str, float]
    error_bound: float = Field(
        default=0.0,
        description="How close a sampled share is to the exact one, at ``error_level``.",
    )
    error_level: float = Field(default=0.95, description="Confidence level of the bound.")


class Recommendation(_View):
    """The advisor's answer for one scenario. Deterministic for a scenario and knowledge base."""

    recommendation: str
    recommendation_name: str
    ranking: list[RankedForm]
    confidence: float = Field(ge=0.0, le=1.0)
    confidence_label: str
    confidence_notes: list[str]
    fired_rules: list[FiredRule]
    knowledge_base_version: str
    scenario_name: str | None = None
    winner_support: list[RuleRef] = Field(
        default=[], description="Fired rules that raise the first place, strongest first."
    )
    stages: list[StageView] = []
    derived_facts: list[DerivedConclusion] = []
    excluded: list[Exclusion] = []
    why_not: list[WhyNot] = []
    unknown_factors: list[FactorRef] = []
    coverage: float = Field(ge=0.0, le=1.0, description="Weighted share of factors answered.")
    risks: list[RiskFlag] = []
    governance: GovernanceBlueprint
    next_questions: list[NextQuestion] | None = None
    what_if: list[WhatIf] | None = None
    sensitivity: list[SensitivityRow] | None = Field(
        default=None, description="Per factor, the largest score change it can cause per form."
    )
    robustness: Robustness | None = None
    sources: list[SourceRef] = Field(
        default=[], description="Every source the recommendation cites, with its citation."
    )
    trace: dict[str, Any] = Field(
        default_factory=dict, description="Derivation graph, networkx node-link data."
    )

    def to_json(self) -> str:
        """Stable JSON text: the contract's keys first, then the rest."""
        return json.dumps(self.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"

    def trace_graph(self) -> Any:
        """The derivation trace as a ``networkx.DiGraph``."""
        from engine.trace import graph_from_data

        return graph_from_data(self.trace)

    def score_of(self, form: str) -> float:
        """A form's score."""
        return next(item.score for item in self.ranking if item.form == form)

    def form_name(self, form: str) -> str:
        """A ranked form's name (its id if it is not ranked)."""
        return next((item.name for item in self.ranking if item.form == form), form)

    def fired_rule(self, rule_id: str) -> FiredRule:
        """A fired rule's view by id."""
        return next(rule for rule in self.fired_rules if rule.id == rule_id)


__all__ = [
    "ConsiderationView",
    "DecisionRightView",
    "DerivedConclusion",
    "EvidenceView",
    "Exclusion",
    "FactRef",
    "FactorRef",
    "FiredRule",
    "GovernanceBlueprint",
    "GovernanceModuleView",
    "MissingSupport",
    "Need",
    "NextQuestion",
    "Outcome",
    "RankedForm",
    "Recommendation",
    "RiskFlag",
    "Robustness",
    "RuleRef",
    "SensitivityRow",
    "SourceRef",
    "StageView",
    "WeighsView",
    "WhatIf",
    "WhyNot",
    "WorkstreamView",
]
