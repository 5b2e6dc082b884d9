"""The scenario: what a user says about a prospective alliance (contract version 1)."""

from __future__ import annotations

from collections.abc import Sized
from typing import TYPE_CHECKING, Annotated, Any, Final, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    create_model,
    model_validator,
)
from pydantic_core import PydanticCustomError

from engine.errors import FieldProblem
from rules.vocabulary import (
    FACTORS,
    FACTORS_BY_ID,
    PARTNER_COUNT_RANGE,
    UNKNOWN,
    FactorKind,
    FactorSpec,
    PartnerType,
)


def _unknown_to_none(value: Any) -> Any:
    """Map the contract's ``unknown`` to ``None`` so every factor type stays simple."""
    if isinstance(value, str) and value == UNKNOWN:
        return None
    return value


def _list_or_unknown(limit: int) -> Any:
    """A list factor's reading: unknown, or its entries once each, at most ``limit`` given."""

    def read(value: Any) -> Any:
        value = _unknown_to_none(value)
        if isinstance(value, set | frozenset):  # a YAML !!set has no order: output would vary
            raise ValueError("must be a list")
        if isinstance(value, list | tuple):
            if not value:
                return None
            if len(value) > limit:  # checked first, so the repeats below stay cheap
                raise PydanticCustomError(
                    "too_long",
                    "has more than {max_length} entries",
                    {"max_length": limit, "actual_length": len(value)},
                )
            seen: list[Any] = []
            for item in value:
                if item not in seen:
                    seen.append(item)
            return tuple(seen)
        return value

    return read


def _exactly_an_integer(value: Any) -> Any:
    """Refuse ``true`` and ``1.0``, which compare equal to 1."""
    if type(value) is not int:
        raise ValueError("must be the whole number 1")
    return value


def _annotation(spec: FactorSpec) -> Any:
    """The field type of one factor, from its kind and values in the vocabulary."""
    if spec.kind is FactorKind.COUNT:
        count = Annotated[StrictInt, Field(ge=spec.minimum, le=spec.maximum)]
        return Annotated[count | None, BeforeValidator(_unknown_to_none)]
    if spec.kind is FactorKind.BOOLEAN:
        return Annotated[StrictBool | None, BeforeValidator(_unknown_to_none)]
    member: Any = Literal.__getitem__(spec.values)  # the allowed values, from the vocabulary
    if spec.kind is FactorKind.SET:
        # Each allowed value once, so a list never needs more entries than the vocabulary.
        limit = len(spec.values)
        return Annotated[tuple[member, ...] | None, BeforeValidator(_list_or_unknown(limit))]
    return Annotated[member | None, BeforeValidator(_unknown_to_none)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Partner(_Model):
    """One partner organisation."""

    name: str = Field(min_length=1, max_length=200)
    type: PartnerType


_FACTORS_DOC = """The strategic rationale, one field per factor of ``rules.vocabulary``.

Every factor may be omitted or ``unknown`` (``None`` here). The fields are generated
from the vocabulary, so a factor is declared once.
"""

if TYPE_CHECKING:

    class Factors(_Model):
        """The strategic rationale (generated from the vocabulary at run time)."""

        def __getattr__(self, factor_id: str) -> Any: ...

else:
    Factors = create_model(
        "Factors",
        __base__=_Model,
        __module__=__name__,
        __doc__=_FACTORS_DOC,
        **{spec.id: (_annotation(spec), None) for spec in FACTORS},
    )


COUNT_MISMATCH: Final = "count_mismatch"
MAX_PARTNERS: Final = PARTNER_COUNT_RANGE[1]
"""The longest partner list, the contract's upper bound on ``partner_count``."""


def partner_count_clash(count: object, partners: Sized | None) -> FieldProblem | None:
    """The disagreement between ``factors.partner_count`` and the partner list, if any.

    The one place the rule is written: the model, the file reader (which finds it even
    when other fields are invalid) and a what-if on the count all ask here.

    >>> partner_count_clash(3, ["a", "b"]).message
    'disagrees with the 2 partners listed'
    >>> partner_count_clash(2, ["a", "b"]) is None
    True
    """
    if partners is None or type(count) is not int or count == len(partners):
        return None
    listed = len(partners)
    return FieldProblem(
        "factors.partner_count",
        f"disagrees with the {listed} partners listed",
        given=str(count),
        allowed=f"{listed} (the length of partners), or unknown",
        code=COUNT_MISMATCH,
    )


FactorValues = dict[str, str | bool | int | tuple[str, ...] | None]


class Scenario(_Model):
    """A prospective alliance described in the contract's scenario format."""

    schema_version: Annotated[Literal[1], BeforeValidator(_exactly_an_integer)]
    name: str | None = Field(default=None, max_length=200)
    description: str | None = Field(default=None, max_length=5000)
    focal_organization: str | None = Field(default=None, max_length=200)
    partners: tuple[Partner, ...] | None = Field(
        default=None, min_length=2, max_length=MAX_PARTNERS
    )
    factors: Factors = Field(default_factory=Factors)

    @model_validator(mode="after")
    def _partner_count_matches_partners(self) -> Scenario:
        clash = partner_count_clash(self.factors.partner_count, self.partners)
        if clash is not None:
            raise PydanticCustomError(COUNT_MISMATCH, clash.describe())
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
        factors = Factors.model_validate(data)
        partners = self.partners
        if partner_count_clash(factors.partner_count, partners) is not None:
            # A what-if on the count speaks of other partners; the types the listed
            # partners answered still hold unless they are changed too.
            if factors.partner_types is None:
                data["partner_types"] = self.factor_values()["partner_types"]
                factors = Factors.model_validate(data)
            partners = None
        return self.model_copy(update={"factors": factors, "partners": partners})

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


__all__ = [
    "COUNT_MISMATCH",
    "MAX_PARTNERS",
    "FactorValues",
    "Factors",
    "Partner",
    "Scenario",
    "allowed_values_text",
    "partner_count_clash",
]
