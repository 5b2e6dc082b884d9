"""Models of the knowledge-base documents other than rules (all validated at load)."""

from __future__ import annotations

from datetime import date
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, model_validator

from rules.vocabulary import DimensionId, FormId, PartnerType, ScopeItem

AxisId = Literal[
    "control",
    "flexibility",
    "resource_commitment",
    "risk_reward_sharing",
    "ip_protection",
    "speed_to_launch",
    "coordination_capacity",
]
AXIS_IDS: tuple[AxisId, ...] = get_args(AxisId)
SourceKind = Literal["seed", "academic", "regulatory", "industry"]
SourceSupport = Literal["replicated", "empirical", "framework", "legal", "case", "opinion"]
"""What kind of evidence a source is: ``replicated`` (several empirical studies or a
meta-analysis or review of them), ``empirical`` (one solid empirical study), ``framework``
(established theory or practitioner framework with partial evidence), ``legal`` (statute,
regulation, agency rule or court decision), ``case`` (a single case or press release),
``opinion`` (practitioner opinion, seed article, blog)."""


class _Doc(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Meta(_Doc):
    """Name and release of the knowledge base."""

    name: str
    release: str = Field(pattern=r"^\d+\.\d+\.\d+$")
    description: str


class Source(_Doc):
    """One entry of the bibliography."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    title: str
    authors: str
    year: int | None = None
    kind: SourceKind
    citation: str = Field(description="Full citation as it should appear in a memo.")
    url: str | None = None
    support: SourceSupport = Field(description="What kind of evidence the source is.")
    as_of: date | None = Field(
        default=None,
        description="For regulatory sources: the date up to which the legal position and figures"
        " cited are stated (the effective date of the latest instrument cited; the first of the"
        " month or year when only that is known). Re-check the source after this date.",
    )

    @model_validator(mode="after")
    def _regulatory_sources_are_dated(self) -> Source:
        if self.kind == "regulatory" and self.as_of is None:
            raise ValueError(f"regulatory source {self.id} needs an as_of date")
        return self


class Dimension(_Doc):
    """A rationale dimension the questionnaire groups its questions by."""

    id: DimensionId
    title: str
    description: str


class FactorText(_Doc):
    """The words for one factor: the question, its help and what each value means."""

    id: str
    label: str = Field(description="Short name for tables and charts.")
    question: str
    help: str
    levels: dict[str, str] = Field(
        default_factory=dict,
        description="Meaning of each allowed value (keys as in the contract; booleans as"
        " 'true'/'false'). Empty for counts and lists.",
    )
    options: dict[str, str] = Field(
        default_factory=dict, description="For list factors: label of each member."
    )
    quick: bool = Field(description="Asked in the quick questionnaire.")


class DecisionRight(_Doc):
    """Who decides what in the governance blueprint."""

    decision: str
    owner: str


class IpRegime(_Doc):
    """How background and foreground IP are handled."""

    background: str
    foreground: str


class Governance(_Doc):
    """The governance blueprint for a form."""

    workstreams: tuple[str, ...] = Field(min_length=2)
    decision_rights: tuple[DecisionRight, ...] = Field(min_length=3)
    ip: IpRegime
    escalation: tuple[str, ...] = Field(min_length=2)
    exit_triggers: tuple[str, ...] = Field(min_length=2)
    transition_services: tuple[str, ...] = Field(min_length=1)


class ModuleWorkstream(_Doc):
    """A workstream a governance module adds; its detail may differ by form."""

    title: str
    detail: str
    by_form: dict[FormId, str] = Field(default_factory=dict)


class ModuleRight(_Doc):
    """A decision right a governance module adds; its owner may differ by form."""

    decision: str
    owner: str
    by_form: dict[FormId, str] = Field(default_factory=dict)


class GovernanceModule(_Doc):
    """Workstreams and decision rights a deal needs because of what it covers."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    title: str
    scope_any: tuple[ScopeItem, ...] = Field(min_length=1)
    partner_types_any: tuple[PartnerType, ...] = Field(
        default=(), description="When given, a partner must be of one of these types."
    )
    forms: tuple[FormId, ...] = Field(
        default=(), description="The forms it applies to; all five when empty."
    )
    workstreams: tuple[ModuleWorkstream, ...] = Field(min_length=1)
    decision_rights: tuple[ModuleRight, ...] = Field(min_length=1)
    sources: tuple[str, ...] = Field(min_length=1)


class Form(_Doc):
    """One of the five alliance forms."""

    id: FormId
    name: str
    summary: str
    description: str
    healthcare_uses: tuple[str, ...] = Field(min_length=2)
    strengths: tuple[str, ...] = Field(min_length=2)
    weaknesses: tuple[str, ...] = Field(min_length=2)
    profile: dict[AxisId, int] = Field(description="1 (low) to 5 (high) on every axis.")
    typical_risks: tuple[str, ...] = ()
    governance: Governance
    sources: tuple[str, ...] = Field(min_length=1)


class Axis(_Doc):
    """A trade-off axis on which forms are profiled."""

    id: AxisId
    label: str
    low: str
    high: str
    better: Literal["high", "low"] = Field(
        default="high", description="Which end a partner would usually prefer."
    )
    outward: str | None = Field(
        default=None,
        description="The axis's name when drawn with its better end outward (for 'low' axes).",
    )


class DerivedFact(_Doc):
    """An intermediate conclusion that rules derive and other rules consume."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str
    meaning: str = Field(description="What an expert would say when this holds.")


class Risk(_Doc):
    """A risk flag with its mitigations."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    title: str
    description: str
    mitigations: tuple[str, ...] = Field(min_length=2)
    sources: tuple[str, ...] = Field(min_length=1)


class Stakeholder(_Doc):
    """Interests and concerns of one partner type."""

    type: str
    label: str
    interests: tuple[str, ...] = Field(min_length=2)
    concerns: tuple[str, ...] = Field(min_length=2)
    sources: tuple[str, ...] = Field(min_length=1)


class TeachingCase(_Doc):
    """A scenario with the form a well-informed expert would choose."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    title: str
    basis: Literal["public", "composite"] = Field(
        description="'public': a real, documented alliance in our own words; 'composite':"
        " a labelled composite of typical situations."
    )
    expected: FormId
    teaching_note: str
    sources: tuple[str, ...] = Field(min_length=1)
    scenario: dict[str, object]


class ConfidenceLabel(_Doc):
    """A word for confidence at or above a threshold."""

    at_least: float
    label: str


class ConfidenceParams(_Doc):
    """How the first form's probability and the robustness share become a confidence.

    The raw figure is the first form's probability times the share of completions of the
    unknown answers in which it stays first; its log-odds are mapped linearly (Platt
    scaling) by the slope and intercept that ``kb fit`` writes to ``weights.yaml``.
    """

    close_below: float = Field(description="A probability gap below this is called close.")
    labels: tuple[ConfidenceLabel, ...]


class RobustnessParams(_Doc):
    """How the unknown factors are completed for the robustness analysis."""

    exact_budget: int = Field(gt=0, description="Count exactly up to this many cases.")
    sample_size: int = Field(gt=0, description="Completions drawn when there are more.")
    error_level: float = Field(gt=0.0, lt=1.0, description="Level of the sampling bound.")
    seed: int
    partner_count_levels: tuple[int, ...]


class ScoringParams(_Doc):
    """The numbers of ``scoring.yaml``."""

    confidence: ConfidenceParams
    robustness: RobustnessParams


__all__ = [
    "AXIS_IDS",
    "ConfidenceLabel",
    "ConfidenceParams",
    "Axis",
    "DecisionRight",
    "DerivedFact",
    "Dimension",
    "FactorText",
    "Form",
    "Governance",
    "GovernanceModule",
    "IpRegime",
    "Meta",
    "ModuleRight",
    "ModuleWorkstream",
    "Risk",
    "RobustnessParams",
    "ScoringParams",
    "Source",
    "Stakeholder",
    "TeachingCase",
]
