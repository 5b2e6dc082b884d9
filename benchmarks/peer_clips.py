"""The same rules in CLIPS 6.4 (clipspy), side by side with the project in one run.

Run: uv run python benchmarks/peer_clips.py [--quick]

The loaded knowledge base is translated rule by rule into CLIPS: each answer is a
``(factor (name ..) (value ..))`` fact, each derived fact a ``(derived (name ..))`` fact,
and each rule a ``defrule`` whose conditions are wrapped in ``logical``, so a derived or
fired fact is retracted by CLIPS itself when its support goes (that is what makes the
incremental what-if runs correct). Tests on levels, choices and booleans are written as
the values they admit (found with the very checker the experta rules use); counts and
lists use CLIPS comparisons and ``member$``.

The same-rules table is printed with ratios, all measured in this one process; then the
fired rule sets are compared on at least 1,000 generated scenarios (CLIPS, experta and
the compiled rules must agree on every one; the script exits 1 otherwise).
Times are CPU time of this process (``time.process_time``): on a shared machine wall
time mostly measures the other processes; CLIPS runs in-process, so both sides count.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import clips

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from support.generate import random_document  # noqa: E402

from engine import default_reasoner, load_scenario, recommend  # noqa: E402
from engine.analysis import compiled_variants, run_variants, variant_changes  # noqa: E402
from engine.reasoner import Reasoner  # noqa: E402
from engine.scenario_io import scenario_from_data  # noqa: E402
from rules.compiler import DERIVATION_SALIENCE, SCORING_SALIENCE, rank_function  # noqa: E402
from rules.conditions import AllOf, AnyOf, Condition, FactorTest, FactTest  # noqa: E402
from rules.vocabulary import FACTORS_BY_ID, FactorKind  # noqa: E402

EXAMPLES = ROOT / "tests" / "fixtures" / "contract"
TEMPLATES = (
    "(deftemplate factor (slot name) (multislot value))",
    "(deftemplate derived (slot name))",
    "(deftemplate fired (slot rule))",
)


# --- translation ---------------------------------------------------------------------


def atom(value: Any) -> str:
    """A Python answer as a CLIPS constant."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{text}"'


def _admitted(test: FactorTest) -> list[Any]:
    spec = FACTORS_BY_ID[test.factor]
    check = test.checker(rank_function(test.factor))
    admitted = []
    for value in spec.values:
        try:
            if check(value):
                admitted.append(value)
        except (KeyError, TypeError, ValueError):
            pass
    return admitted


def _value_constraint(test: FactorTest, var: str) -> str:
    spec = FACTORS_BY_ID[test.factor]
    op, arg = test.operator, test.operand
    if spec.kind is FactorKind.SET:
        items = [arg] if isinstance(arg, str) else list(arg)
        members = [f"(member$ {atom(item)} ${var})" for item in items]
        any_member = members[0] if len(members) == 1 else f"(or {' '.join(members)})"
        every_member = members[0] if len(members) == 1 else f"(and {' '.join(members)})"
        condition = {
            "includes": every_member,
            "includes_any": any_member,
            "includes_all": every_member,
            "excludes_all": f"(not {any_member})",
        }.get(op, "(eq 1 0)")
        return f"$?{var[1:]}&:{condition}"
    if spec.kind is FactorKind.COUNT:
        ints = [a for a in (arg if isinstance(arg, tuple) else (arg,)) if type(a) is int]
        if op == "is":
            return atom(arg) if type(arg) is int else f"{var}&:(eq 1 0)"
        if op == "in":
            return "|".join(map(atom, ints)) if ints else f"{var}&:(eq 1 0)"
        if op == "not_in":
            return var + "".join(f"&~{atom(a)}" for a in ints)
        if op in ("at_least", "at_most"):
            compare = ">=" if op == "at_least" else "<="
            return f"{var}&:(integerp {var})&:({compare} {var} {int(arg)})"
        return f"{var}&:(eq 1 0)"
    admitted = _admitted(test)
    return "|".join(map(atom, admitted)) if admitted else f"{var}&:(eq 1 0)"


def _ce(condition: Condition, counter: Iterator[int]) -> str:
    if isinstance(condition, FactorTest):
        var = f"?v{next(counter)}"
        value = _value_constraint(condition, var)
        return f'(factor (name "{condition.factor}") (value {value}))'
    if isinstance(condition, FactTest):
        return f'(derived (name "{condition.fact}"))'
    if isinstance(condition, AllOf):
        return "(and " + " ".join(_ce(c, counter) for c in condition.all) + ")"
    assert isinstance(condition, AnyOf)
    return "(or " + " ".join(_ce(c, counter) for c in condition.any) + ")"


def clips_rules(reasoner: Reasoner) -> list[str]:
    """One ``defrule`` per rule of the knowledge base."""
    built = []
    for rule in reasoner.kb.rules:
        salience = DERIVATION_SALIENCE if rule.is_derivation else SCORING_SALIENCE
        counter = iter(range(10**6))
        actions = f'(assert (fired (rule "{rule.id}")))'
        if rule.derive:
            actions += f' (assert (derived (name "{rule.derive}")))'
        built.append(
            f"(defrule {rule.id} (declare (salience {salience}))"
            f" (logical {_ce(rule.when, counter)}) => {actions})"
        )
    return built


class ClipsAdvisor:
    """A CLIPS environment holding the translated rules."""

    def __init__(self, reasoner: Reasoner) -> None:
        self.env = clips.Environment()
        for construct in (*TEMPLATES, *clips_rules(reasoner)):
            self.env.build(construct)
        self.factor = self.env.find_template("factor")
        self.fired_template = self.env.find_template("fired")
        self.facts: dict[str, Any] = {}

    def _assert(self, name: str, value: Any) -> None:
        field = list(value) if isinstance(value, tuple) else [value]
        self.facts[name] = self.factor.assert_fact(name=name, value=field)

    def load(self, values: Mapping[str, Any]) -> None:
        """Reset and assert the known answers."""
        self.env.reset()
        self.facts = {}
        for name, value in values.items():
            if value is not None:
                self._assert(name, value)

    def change(self, name: str, value: Any) -> None:
        """Replace one answer; logical support retracts what rested on the old one."""
        old = self.facts.pop(name, None)
        if old is not None:
            old.retract()
        if value is not None:
            self._assert(name, value)

    def run(self) -> None:
        """Run to quiescence."""
        self.env.run()

    def fired(self) -> frozenset[str]:
        """Ids of the rules whose fired fact stands."""
        return frozenset(fact["rule"] for fact in self.fired_template.facts())


# --- measuring -----------------------------------------------------------------------


def median_ms(fn: Callable[[], object], repeat: int) -> float:
    """Median CPU time of ``fn`` in milliseconds (after one warm-up call)."""
    fn()
    times = []
    for _ in range(repeat):
        start = time.process_time()
        fn()
        times.append((time.process_time() - start) * 1000)
    return statistics.median(times)


def agreement(reasoner: Reasoner, peer: ClipsAdvisor, count: int) -> int:
    """Scenarios on which CLIPS, experta and the compiled rules disagree (printed)."""
    rng = random.Random(20261130)
    shares = (0.0, 0.2, 0.5, 0.8)
    scenarios = [
        scenario_from_data(random_document(rng, shares[i % 4])).factor_values()
        for i in range(count)
    ]
    compiled = reasoner.fast.fired_sets(scenarios)
    differing = 0
    for values, fast in zip(scenarios, compiled, strict=True):
        peer.load(values)
        peer.run()
        experta = reasoner.infer(values)
        if not peer.fired() == experta == fast:
            differing += 1
            if differing <= 3:
                print("  differ:", sorted(peer.fired() ^ experta), sorted(fast ^ experta))
    print(
        f"fired rule sets on {count} generated scenarios (0-80% unknown):"
        f" CLIPS = experta = compiled on {count - differing}, differ on {differing}"
    )
    return differing


def row(label: str, clips_ms: float | None, project_ms: float, compiled_ms: float | None) -> None:
    """One line of the table: times and ratios to CLIPS."""

    def cell(ms: float | None) -> str:
        if ms is None:
            return "—"
        ratio = f" ({ms / clips_ms:.2g}×)" if clips_ms else ""
        return f"{ms:.3f} ms{ratio}"

    print(f"| {label} | {cell(clips_ms)} | {cell(project_ms)} | {cell(compiled_ms)} |")


def main() -> int:
    """Check agreement, then print the same-rules table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    parser.add_argument("--scenarios", type=int, default=1000, help="agreement sample size")
    args = parser.parse_args()
    repeat = 5 if args.quick else 21
    reasoner = default_reasoner()
    peer = ClipsAdvisor(reasoner)
    print(f"knowledge base {reasoner.kb.version}: {len(reasoner.kb.rules)} rules in both\n")
    full = load_scenario(EXAMPLES / "cardiac-monitoring-rev2.yaml")
    values = full.factor_values()
    changes = variant_changes(reasoner.kb, values)
    engine = reasoner.engine()

    def clips_once() -> frozenset[str]:
        peer.load(values)
        peer.run()
        return peer.fired()

    def experta_once() -> frozenset[str]:
        engine.load(values)
        engine.run()
        return engine.fired_rules()

    def clips_full_variants() -> None:
        for factor, value in changes:
            peer.load({**values, factor: value})
            peer.run()
            peer.fired()

    def clips_incremental_variants() -> None:
        clips_once()
        for factor, value in changes:
            peer.change(factor, value)
            peer.run()
            peer.fired()
            peer.change(factor, values[factor])
        peer.run()

    def experta_variants() -> None:
        experta_once()
        list(run_variants(engine, reasoner.kb, values))

    batch = [values] * 1000
    one_ms = {
        "clips": median_ms(clips_once, repeat * 5),
        "experta": median_ms(experta_once, repeat * 5),
        "compiled": median_ms(lambda: reasoner.fast.fired_sets(batch), max(3, repeat // 4))
        / len(batch),
    }
    n = len(changes)
    variants = {
        "clips full": median_ms(clips_full_variants, repeat) / n,
        "clips incremental": median_ms(clips_incremental_variants, repeat) / n,
        "experta": median_ms(experta_variants, max(3, repeat // 2)) / n,
        "compiled": median_ms(lambda: compiled_variants(reasoner, values), repeat) / n,
    }
    warm = median_ms(lambda: recommend(full, robustness=False), repeat)

    print(
        f"\nper scenario (median; ratios to CLIPS; fully answered contract example, {n} variants)"
    )
    print("| | CLIPS, driven from Python | project (experta) | compiled rules (numpy) |")
    print("|---|---|---|---|")
    row("one inference, fully answered", one_ms["clips"], one_ms["experta"], None)
    row(
        "  the same, per scenario in a batch of 1,000",
        one_ms["clips"],
        one_ms["experta"],
        one_ms["compiled"],
    )
    row(
        "what-if, per variant (CLIPS: full re-runs)",
        variants["clips full"],
        variants["experta"],
        variants["compiled"],
    )
    row(
        "what-if, per variant (CLIPS: incremental)",
        variants["clips incremental"],
        variants["experta"],
        variants["compiled"],
    )
    row("a warm recommendation with what-if, next questions, sensitivity", None, warm, None)
    print()
    # Checked after timing: CLIPS slows down in a process that has run many scenarios.
    return 1 if agreement(reasoner, ClipsAdvisor(reasoner), args.scenarios) else 0


if __name__ == "__main__":
    raise SystemExit(main())
