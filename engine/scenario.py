"""The scenario: what a user says about a prospective alliance (contract version 1)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    model_validator,
)

from rules.vocabulary import (
    FACTORS_BY_ID,
    PARTNER_COUNT_RANGE,
    UNKNOWN,
    FactorKind,
    PartnerType,
    ScopeItem,
)

Level = Literal["low", "medium", "high"]


def _unknown_to_none(value: Any) -> Any:
    """Map the contract's ``unknown`` to ``None`` so every factor type stays simple."""
    if isinstance(value, str) and value == UNKNOWN:
        return None
    return value


def _list_or_unknown(value: Any) -> Any:
    value = _unknown_to_none(value)
    if isinstance(value, set | frozenset):  # a YAML !!set has no order: output would vary
        raise ValueError("must be a list")
    if isinstance(value, list | tuple):
        if not value:
            return None
        seen: list[Any] = []
        for item in value:
            if item not in seen:
                seen.append(item)
        return tuple(seen)
    return value


def _exactly_an_integer(value: Any) -> Any:
    """Refuse ``true`` and ``1.0``, which compare equal to 1."""
    if type(value) is not int:
        raise ValueError("must be the whole number 1")
    return value


LevelOrUnknown = Annotated[Level | None, BeforeValidator(_unknown_to_none)]
BoolOrUnknown = Annotated[StrictBool | None, BeforeValidator(_unknown_to_none)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Partner(_Model):
    """One partner organisation."""

    name: str = Field(min_length=1, max_length=200)
    type: PartnerType


class Factors(_Model):
    """The strategic rationale. Every factor may be omitted or ``unknown`` (``None`` here)."""

    market_access: LevelOrUnknown = None
    competitive_overlap: LevelOrUnknown = None
    scale_efficiency: LevelOrUnknown = None
    complementarity: LevelOrUnknown = None
    synergy_type: Annotated[
        Literal["modular", "sequential", "reciprocal"] | None, BeforeValidator(_unknown_to_none)
    ] = None
    resource_type: Annotated[
        Literal["hard", "soft", "mixed"] | None, BeforeValidator(_unknown_to_none)
    ] = None
    asset_specificity: LevelOrUnknown = None
    integration_depth: LevelOrUnknown = None
    innovation_pace: LevelOrUnknown = None
    ip_sensitivity: LevelOrUnknown = None
    results_openness: Annotated[
        Literal["proprietary", "members", "public"] | None, BeforeValidator(_unknown_to_none)
    ] = None
    uncertainty: LevelOrUnknown = None
    regulatory_complexity: LevelOrUnknown = None
    antitrust_exposure: LevelOrUnknown = None
    data_sensitivity: LevelOrUnknown = None
    local_entity_required: BoolOrUnknown = None
    equity_restricted: BoolOrUnknown = None
    partner_count: Annotated[
        Annotated[StrictInt, Field(ge=PARTNER_COUNT_RANGE[0], le=PARTNER_COUNT_RANGE[1])] | None,
        BeforeValidator(_unknown_to_none),
    ] = None
    partner_types: Annotated[tuple[PartnerType, ...] | None, BeforeValidator(_list_or_unknown)] = (
        None
    )
    scope: Annotated[tuple[ScopeItem, ...] | None, BeforeValidator(_list_or_unknown)] = None
    control_need: LevelOrUnknown = None
    risk_sharing: LevelOrUnknown = None
    capital_commitment: LevelOrUnknown = None
    time_horizon: Annotated[
        Literal["short", "medium", "long"] | None, BeforeValidator(_unknown_to_none)
    ] = None
    exit_flexibility: LevelOrUnknown = None
    trust: LevelOrUnknown = None
    cultural_distance: LevelOrUnknown = None


FactorValues = dict[str, str | bool | int | tuple[str, ...] | None]


class Scenario(_Model):
    """A prospective alliance described in the contract's scenario format."""

    schema_version: Annotated[Literal[1], BeforeValidator(_exactly_an_integer)]
    name: str | None = Field(default=None, max_length=200)
    description: str | None = Field(default=None, max_length=5000)
    focal_organization: str | None = Field(default=None, max_length=200)
    partners: tuple[Partner, ...] | None = Field(default=None, min_length=2)
    factors: Factors = Field(default_factory=Factors)

    @model_validator(mode="after")
    def _partner_count_matches_partners(self) -> Scenario:
        count = self.factors.partner_count
        if self.partners is not None and count is not None and count != len(self.partners):
            raise ValueError(
                f"factors.partner_count is {count} but {len(self.partners)} partners are listed;"
                " they must agree"
            )
        return self

    def factor_values(self) -> FactorValues:
        """Every factor's value as reasoned on (``None`` = unknown).

        Where ``partner_count`` or ``partner_types`` is unknown but partners are listed,
        the list answers them.
        """
        values: FactorValues = dict(self.factors.model_dump())
        if self.partners:
            if values["partner_count"] is None:
                values["partner_count"] = len(self.partners)
            if values["partner_types"] is None:
                values["partner_types"] = tuple(dict.fromkeys(p.type for p in self.partners))
        return values

    def with_factors(self, **changes: Any) -> Scenario:
        """A copy with some factors changed (``None`` or ``"unknown"`` makes one unknown)."""
        data = self.factors.model_dump()
        data.update(changes)
        partners = self.partners
        count = data.get("partner_count")
        if partners is not None and count is not None and count != len(partners):
            # A what-if on the count speaks of other partners; the types the listed
            # partners answered still hold unless they are changed too.
            if data.get("partner_types") is None:
                data["partner_types"] = self.factor_values()["partner_types"]
            partners = None
        return self.model_copy(
            update={"factors": Factors.model_validate(data), "partners": partners}
        )

    def to_document(self) -> dict[str, Any]:
        """The scenario as a plain mapping in the contract's format (unknowns omitted)."""
        doc: dict[str, Any] = {"schema_version": self.schema_version}
        for key in ("name", "description", "focal_organization"):
            if getattr(self, key) is not None:
                doc[key] = getattr(self, key)
        if self.partners is not None:
            doc["partners"] = [p.model_dump() for p in self.partners]
        factors: dict[str, Any] = {}
        for factor_id, value in self.factors.model_dump().items():
            if value is None:
                continue
            factors[factor_id] = list(value) if isinstance(value, tuple) else value
        doc["factors"] = factors
        return doc


def allowed_values_text(factor_id: str) -> str:
    """What the contract allows for a factor, in words, for error messages."""
    spec = FACTORS_BY_ID[factor_id]
    if spec.kind is FactorKind.COUNT:
        return f"an integer from {spec.minimum} to {spec.maximum}, or unknown"
    if spec.kind is FactorKind.SET:
        return "a list of " + ", ".join(str(v) for v in spec.values) + "; or unknown"
    if spec.kind is FactorKind.BOOLEAN:
        return "true, false or unknown"
    return ", ".join(str(v) for v in spec.values) + " or unknown"


__all__ = ["FactorValues", "Factors", "Partner", "Scenario", "allowed_values_text"]
