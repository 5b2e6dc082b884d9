"""The contract vocabulary as the engine re-exports it (it lives in ``rules.vocabulary``).

Kept so code written against ``engine.vocabulary`` keeps working; new code imports the
names from ``engine`` (interfaces) or ``rules.vocabulary`` (the engine itself).
"""

from __future__ import annotations

from rules.vocabulary import (
    DIMENSION_IDS,
    FACTOR_IDS,
    FACTORS,
    FACTORS_BY_ID,
    FORM_IDS,
    LEVELS,
    PARTNER_COUNT_RANGE,
    PARTNER_TYPES,
    SCOPES,
    UNKNOWN,
    DimensionId,
    FactorKind,
    FactorSpec,
    FormId,
    PartnerType,
    ScopeItem,
)

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
    "PartnerType",
    "ScopeItem",
]
