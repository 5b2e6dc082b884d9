"""The closed vocabulary of the scenario contract: form ids, factors and their values.

This is the contract's vocabulary only (ids and allowed values). The words shown to
users -- questions, help, what each level means -- live in ``knowledge_base/``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Final, Literal, get_args

FormId = Literal[
    "non_equity_alliance",
    "equity_alliance",
    "joint_venture",
    "consortium",
    "supply_chain_partnership",
]
FORM_IDS: Final[tuple[FormId, ...]] = get_args(FormId)

DimensionId = Literal[
    "market_positioning",
    "capability_fit",
    "innovation_pace",
    "regulatory_context",
    "partnership",
]
DIMENSION_IDS: Final[tuple[DimensionId, ...]] = get_args(DimensionId)


class FactorKind(StrEnum):
    """How a factor's value is shaped."""

    LEVEL = "level"  # ordered values, e.g. low < medium < high
    CHOICE = "choice"  # unordered values
    BOOLEAN = "boolean"
    COUNT = "count"  # an integer
    SET = "set"  # a list of values from a closed set


@dataclass(frozen=True, slots=True)
class FactorSpec:
    """One factor of the contract: its id, dimension, kind and allowed values."""

    id: str
    dimension: DimensionId
    kind: FactorKind
    values: tuple[str | bool, ...] = ()
    minimum: int | None = None
    maximum: int | None = None

    @property
    def ordered(self) -> bool:
        """Whether ``at_least``/``at_most`` comparisons make sense for this factor."""
        return self.kind in (FactorKind.LEVEL, FactorKind.COUNT)

    def rank(self, value: str | int) -> int:
        """Position of a value on this factor's scale (counts are their own rank)."""
        if self.kind is FactorKind.COUNT:
            return int(value)
        return self.values.index(value)


LEVELS: Final = ("low", "medium", "high")
PartnerType = Literal[
    "provider",
    "payer",
    "pharma",
    "biotech",
    "medtech",
    "technology",
    "academic",
    "government",
    "nonprofit",
    "distributor",
    "retail",
    "other",
]
PARTNER_TYPES: Final[tuple[PartnerType, ...]] = get_args(PartnerType)
ScopeItem = Literal[
    "research_development",
    "manufacturing",
    "commercialization",
    "care_delivery",
    "procurement_logistics",
    "data_analytics",
    "technology_platform",
]
SCOPES: Final[tuple[ScopeItem, ...]] = get_args(ScopeItem)
Jurisdiction = Literal["us", "eu", "uk", "china", "india", "japan", "other"]
JURISDICTIONS: Final[tuple[Jurisdiction, ...]] = get_args(Jurisdiction)

UNKNOWN: Final = "unknown"
PARTNER_COUNT_RANGE: Final = (2, 500)


def _level(factor_id: str, dimension: DimensionId) -> FactorSpec:
    return FactorSpec(factor_id, dimension, FactorKind.LEVEL, LEVELS)


FACTORS: Final[tuple[FactorSpec, ...]] = (
    _level("market_access", "market_positioning"),
    _level("competitive_overlap", "market_positioning"),
    _level("scale_efficiency", "market_positioning"),
    _level("complementarity", "capability_fit"),
    FactorSpec(
        "synergy_type", "capability_fit", FactorKind.CHOICE, ("modular", "sequential", "reciprocal")
    ),
    FactorSpec("resource_type", "capability_fit", FactorKind.CHOICE, ("hard", "soft", "mixed")),
    _level("asset_specificity", "capability_fit"),
    _level("integration_depth", "capability_fit"),
    _level("innovation_pace", "innovation_pace"),
    _level("ip_sensitivity", "innovation_pace"),
    FactorSpec(
        "results_openness",
        "innovation_pace",
        FactorKind.CHOICE,
        ("proprietary", "members", "public"),
    ),
    _level("uncertainty", "innovation_pace"),
    _level("regulatory_complexity", "regulatory_context"),
    _level("antitrust_exposure", "regulatory_context"),
    _level("data_sensitivity", "regulatory_context"),
    FactorSpec("local_entity_required", "regulatory_context", FactorKind.BOOLEAN, (True, False)),
    FactorSpec("equity_restricted", "regulatory_context", FactorKind.BOOLEAN, (True, False)),
    FactorSpec(
        "partner_count",
        "partnership",
        FactorKind.COUNT,
        minimum=PARTNER_COUNT_RANGE[0],
        maximum=PARTNER_COUNT_RANGE[1],
    ),
    FactorSpec("partner_types", "partnership", FactorKind.SET, PARTNER_TYPES),
    FactorSpec("scope", "partnership", FactorKind.SET, SCOPES),
    _level("control_need", "partnership"),
    _level("risk_sharing", "partnership"),
    _level("capital_commitment", "partnership"),
    FactorSpec("time_horizon", "partnership", FactorKind.LEVEL, ("short", "medium", "long")),
    _level("exit_flexibility", "partnership"),
    _level("trust", "partnership"),
    _level("cultural_distance", "partnership"),
    # revision 2 of the contract
    _level("size_asymmetry", "partnership"),
    _level("financing_need", "partnership"),
    _level("alliance_experience", "partnership"),
    _level("acquisition_intent", "partnership"),
    FactorSpec("vendor_relationship", "capability_fit", FactorKind.BOOLEAN, (True, False)),
    FactorSpec(
        "specific_investments_by",
        "capability_fit",
        FactorKind.CHOICE,
        ("one_party", "several_parties"),
    ),
    FactorSpec("jurisdictions", "regulatory_context", FactorKind.SET, JURISDICTIONS),
    FactorSpec("cross_border", "regulatory_context", FactorKind.BOOLEAN, (True, False)),
    FactorSpec("tax_exempt_party", "regulatory_context", FactorKind.BOOLEAN, (True, False)),
    FactorSpec("referral_relationship", "regulatory_context", FactorKind.BOOLEAN, (True, False)),
)
FACTOR_IDS: Final[tuple[str, ...]] = tuple(f.id for f in FACTORS)
FACTORS_BY_ID: Final[dict[str, FactorSpec]] = {f.id: f for f in FACTORS}

__all__ = [
    "DIMENSION_IDS",
    "FACTORS",
    "FACTORS_BY_ID",
    "FACTOR_IDS",
    "FORM_IDS",
    "LEVELS",
    "PARTNER_COUNT_RANGE",
    "PARTNER_TYPES",
    "SCOPES",
    "UNKNOWN",
    "DimensionId",
    "FactorKind",
    "FactorSpec",
    "FormId",
    "JURISDICTIONS",
    "Jurisdiction",
    "PartnerType",
    "ScopeItem",
]
