"""Deterministic scenario generation for tests and benchmarks (no hypothesis needed)."""

from __future__ import annotations

import random
from typing import Any

from rules.vocabulary import FACTORS, FactorKind


def random_document(rng: random.Random, unknown_share: float = 0.2) -> dict[str, Any]:
    """A valid scenario document with roughly ``unknown_share`` of factors unknown."""
    factors: dict[str, Any] = {}
    for spec in FACTORS:
        if rng.random() < unknown_share:
            continue
        if spec.kind is FactorKind.COUNT:
            factors[spec.id] = rng.choice([2, 3, 5, 8, 30])
        elif spec.kind is FactorKind.SET:
            factors[spec.id] = rng.sample(list(spec.values), rng.randint(1, 3))
        else:
            factors[spec.id] = rng.choice(spec.values)
    return {"schema_version": 1, "name": f"Generated {rng.randint(0, 10**6)}", "factors": factors}


def random_documents(count: int, seed: int = 7, unknown_share: float = 0.2) -> list[dict[str, Any]]:
    """``count`` different valid scenario documents, the same for the same seed."""
    rng = random.Random(seed)
    return [random_document(rng, unknown_share) for _ in range(count)]
