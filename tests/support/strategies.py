"""Hypothesis strategies for scenarios in the contract's format."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from rules.vocabulary import FACTORS, FactorKind, FactorSpec


def factor_value(spec: FactorSpec, unknown: bool = True) -> st.SearchStrategy[Any]:
    """Valid values of one factor, as a user would write them (lists, not tuples)."""
    if spec.kind is FactorKind.COUNT:
        known: st.SearchStrategy[Any] = st.sampled_from([2, 3, 4, 6, 12, 40, 500])
    elif spec.kind is FactorKind.SET:
        known = st.lists(st.sampled_from(spec.values), min_size=1, max_size=4, unique=True)
    else:
        known = st.sampled_from(spec.values)
    return st.one_of(st.just("unknown"), known) if unknown else known


@st.composite
def factor_maps(draw: st.DrawFn, *, unknown: bool = True, omit: bool = True) -> dict[str, Any]:
    """A mapping of factor ids to values; some omitted or unknown."""
    result = {}
    for spec in FACTORS:
        if omit and draw(st.booleans()) and draw(st.booleans()):
            continue
        result[spec.id] = draw(factor_value(spec, unknown))
    return result


@st.composite
def scenario_documents(draw: st.DrawFn, *, unknown: bool = True) -> dict[str, Any]:
    """A valid scenario document (plain data, as parsed from YAML)."""
    doc: dict[str, Any] = {
        "schema_version": 1,
        "factors": draw(factor_maps(unknown=unknown, omit=unknown)),
    }
    if draw(st.booleans()):
        doc["name"] = draw(st.text(max_size=40))
    return doc


def complete_values() -> st.SearchStrategy[dict[str, Any]]:
    """Every factor known, as the engine reasons on them (tuples for lists)."""
    return factor_maps(unknown=False, omit=False).map(
        lambda m: {k: tuple(v) if isinstance(v, list) else v for k, v in m.items()}
    )


def partial_values() -> st.SearchStrategy[dict[str, Any]]:
    """Some factors known, the rest ``None`` (unknown)."""
    return factor_maps(unknown=True, omit=False).map(
        lambda m: {
            k: None if v == "unknown" else (tuple(v) if isinstance(v, list) else v)
            for k, v in m.items()
        }
    )
