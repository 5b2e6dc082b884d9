"""How well confidence tracks the stability of the answer, on generated scenarios.

Run: uv run python benchmarks/calibration.py [--count N]

Fully answered scenarios: for each confidence label, how often does changing one
answer at random leave the first place where it was? Partly answered scenarios: for
each label, how often does a random completion of the unknown answers keep it?
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from support.generate import random_document  # noqa: E402

from engine import recommend, scenario_from_data  # noqa: E402
from rules.vocabulary import FACTORS, FactorKind  # noqa: E402

LABELS = ("very low", "low", "moderate", "high")


def random_value(spec, rng: random.Random):
    """A random known value of one factor."""
    if spec.kind is FactorKind.COUNT:
        return rng.choice([2, 3, 5, 8, 30])
    if spec.kind is FactorKind.SET:
        return rng.sample(list(spec.values), rng.randint(1, 3))
    return rng.choice(spec.values)


def first_place(factors: dict) -> str:
    """The recommended form for these answers."""
    scenario = scenario_from_data({"schema_version": 1, "factors": factors})
    return recommend(scenario, analyses=False, robustness=False).recommendation


def run(count: int, unknown_share: float, seed: int) -> None:
    """Print one table: label, share of scenarios, mean confidence, stability."""
    rng = random.Random(seed)
    stats: dict[str, list[tuple[float, bool]]] = defaultdict(list)
    for _ in range(count):
        document = random_document(rng, unknown_share)
        rec = recommend(scenario_from_data(document), analyses=False, robustness=False)
        factors = dict(document["factors"])
        if unknown_share == 0:
            spec = rng.choice(FACTORS)
            factors[spec.id] = random_value(spec, rng)
        else:
            for spec in FACTORS:
                if spec.id not in factors:
                    factors[spec.id] = random_value(spec, rng)
        stats[rec.confidence_label].append(
            (rec.confidence, first_place(factors) == rec.recommendation)
        )
    test = "a random one-answer change" if unknown_share == 0 else "a random completion"
    print(
        f"\n{count} scenarios, {unknown_share:.0%} of answers unknown; first place survives {test}:"
    )
    for label in LABELS:
        rows = stats.get(label, [])
        if rows:
            mean = sum(c for c, _ in rows) / len(rows)
            kept = sum(1 for _, same in rows if same) / len(rows)
            print(
                f"  {label:<9} {len(rows) / count:6.0%} of scenarios"
                f"   mean {mean:.2f}   kept {kept:6.0%}"
            )


def main() -> int:
    """Run the calibration tables."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=1000)
    args = parser.parse_args()
    run(args.count, 0.0, seed=1)
    run(args.count, 0.1, seed=2)
    run(args.count, 0.3, seed=3)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
