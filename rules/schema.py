"""The shape of a rule in the knowledge base, validated when the knowledge base loads."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from rules.conditions import AllOf, Condition
from rules.vocabulary import FormId

Strength = Literal["weak", "moderate", "strong"]
RULE_ID_PATTERN = r"^[a-z0-9][a-z0-9-]*[a-z0-9]$"


class WeighsSpec(BaseModel):
    """A rule's lean on one consideration: toward (> 0) or away from (< 0) its contrast's form."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    consideration: str
    lean: float = Field(ge=-1.0, le=1.0)

    @field_validator("lean")
    @classmethod
    def _not_zero(cls, value: float) -> float:
        if value == 0:
            raise ValueError("a lean of 0 has no effect; give a value in [-1, 1] other than 0")
        return value


class RuleSpec(BaseModel):
    """One rule: when its condition holds, it weighs a consideration or derives a fact.

    A rule may also exclude forms or raise risks; it always says why and cites sources.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=RULE_ID_PATTERN, description="Stable id chosen by a person.")
    title: str = Field(min_length=3, max_length=120)
    because: str = Field(min_length=20, description="Plain-language reason the rule holds.")
    when: Condition = Field(description="A condition tree; a list means all of them.")
    weighs: WeighsSpec | None = Field(
        default=None, description="The consideration this rule bears on, and its lean."
    )
    derive: str | None = Field(default=None, description="Derived fact this rule concludes.")
    exclude: tuple[FormId, ...] = Field(
        default=(), description="Forms this rule rules out; `because` is the reason."
    )
    risks: tuple[str, ...] = ()
    strength: Strength
    sources: tuple[str, ...] = Field(min_length=1)
    tendency: str | None = Field(default=None, description="Decision tendency it encodes.")

    @field_validator("when", mode="before")
    @classmethod
    def _list_means_all(cls, value: object) -> object:
        if isinstance(value, list):
            return {"all": value}
        return value

    @model_validator(mode="after")
    def _has_an_effect(self) -> RuleSpec:
        if not (self.weighs or self.derive or self.exclude or self.risks):
            raise ValueError(
                f"rule {self.id!r} has no effect: give weighs, derive, exclude or risks"
            )
        return self

    @property
    def is_derivation(self) -> bool:
        """Whether other rules consume what this rule concludes."""
        return self.derive is not None


class RuleFile(BaseModel):
    """A YAML file of rules under ``knowledge_base/rules/``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    theme: str
    rules: tuple[RuleSpec, ...]


__all__ = ["AllOf", "RuleFile", "RuleSpec", "Strength", "WeighsSpec"]
