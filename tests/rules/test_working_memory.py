"""JustifyingEngine: conclusions stand exactly as long as the answers support them."""

from __future__ import annotations

import itertools

import pytest
from support.paths import ROOT

from engine import FACTORS, FactorKind, load_scenario
from rules.compiler import compile_rules
from rules.schema import RuleSpec
from rules.working_memory import Answers


def spec(rule_id, when, *, derive=None, lean=None):
    return RuleSpec.model_validate(
        {
            "id": rule_id,
            "title": f"Rule {rule_id}",
            "because": "A reason long enough to pass the schema's minimum.",
            "when": when,
            "derive": derive,
            "weighs": None if lean is None else {"consideration": "control", "lean": lean},
            "strength": "moderate",
            "sources": ["test-source"],
        }
    )


# Two independent supports for one derived fact, a rule consuming it, and a rule on a
# second factor, so retraction can be watched through one and two levels.
RULES = (
    spec("trust-is-high", [{"factor": "trust", "is": "high"}], derive="mutual_trust"),
    spec(
        "trust-at-least-medium-and-few-parties",
        [{"factor": "trust", "at_least": "medium"}, {"factor": "partner_count", "at_most": 2}],
        derive="mutual_trust",
    ),
    spec("trust-supports-a-venture", [{"fact": "mutual_trust"}], lean=0.5),
    spec("control-matters", [{"factor": "control_need", "is": "high"}], lean=1.0),
)
VALUES = {"trust": "high", "partner_count": 2, "control_need": "high"}
CHOICES = {
    "trust": [None, "low", "medium", "high"],
    "partner_count": [None, 2, 7],
    "control_need": [None, "low", "high"],
}


@pytest.fixture(scope="module")
def engine_class():
    return compile_rules(RULES).engine_class


def run(engine_class, values):
    engine = engine_class()
    engine.load(values)
    engine.run()
    return engine


def conclusions(engine):
    return engine.fired_rules(), engine.derived_facts()


def test_load_declares_only_the_known_answers(engine_class):
    engine = engine_class()
    engine.load({"trust": "high", "partner_count": None})
    answers = [fact for fact in engine.facts.values() if isinstance(fact, Answers)]
    assert [dict(fact["values"]) for fact in answers] == [{"trust": "high"}]


def test_nothing_is_concluded_before_run(engine_class):
    engine = engine_class()
    engine.load(VALUES)
    assert conclusions(engine) == (frozenset(), frozenset())


def test_run_concludes_every_rule_whose_condition_holds(engine_class):
    assert conclusions(run(engine_class, VALUES)) == (
        {
            "trust-is-high",
            "trust-at-least-medium-and-few-parties",
            "trust-supports-a-venture",
            "control-matters",
        },
        {"mutual_trust"},
    )


def test_load_forgets_the_previous_scenario(engine_class):
    engine = run(engine_class, VALUES)
    engine.load({"control_need": "high"})
    engine.run()
    assert conclusions(engine) == ({"control-matters"}, frozenset())


def test_a_conclusion_whose_only_support_changes_is_retracted(engine_class):
    engine = run(engine_class, VALUES)
    engine.change_factor("control_need", "low")
    engine.run()
    assert "control-matters" not in engine.fired_rules()


def test_making_an_answer_unknown_retracts_what_depended_on_it(engine_class):
    engine = run(engine_class, VALUES)
    engine.change_factor("control_need", None)
    engine.run()
    assert "control-matters" not in engine.fired_rules()
    answers = [fact for fact in engine.facts.values() if isinstance(fact, Answers)]
    assert [("control_need" in fact["values"]) for fact in answers] == [False]


def test_a_conclusion_with_another_support_left_stands(engine_class):
    engine = run(engine_class, VALUES)
    engine.change_factor("trust", "medium")
    engine.run()
    fired, derived = conclusions(engine)
    assert "trust-is-high" not in fired
    assert "mutual_trust" in derived
    assert "trust-supports-a-venture" in fired


def test_retraction_follows_derived_facts_to_the_rules_that_used_them(engine_class):
    engine = run(engine_class, VALUES)
    engine.change_factor("trust", "low")
    engine.run()
    assert conclusions(engine) == ({"control-matters"}, frozenset())


def test_retraction_waits_until_every_support_is_gone(engine_class):
    engine = run(engine_class, VALUES)
    engine.change_factor("partner_count", 7)
    engine.run()
    assert "mutual_trust" in engine.derived_facts()  # trust is still high
    engine.change_factor("trust", "medium")
    engine.run()
    assert "mutual_trust" not in engine.derived_facts()
    assert "trust-supports-a-venture" not in engine.fired_rules()


def test_a_change_can_bring_a_conclusion_back(engine_class):
    engine = run(engine_class, {**VALUES, "trust": "low"})
    engine.change_factor("trust", "high")
    engine.run()
    assert conclusions(engine) == conclusions(run(engine_class, VALUES))


def test_several_changes_before_one_run_equal_a_fresh_run(engine_class):
    engine = run(engine_class, VALUES)
    engine.change_factor("trust", "medium")
    engine.change_factor("partner_count", 7)
    engine.change_factor("control_need", None)
    engine.change_factor("trust", "high")
    engine.run()
    changed = {"trust": "high", "partner_count": 7, "control_need": None}
    assert conclusions(engine) == conclusions(run(engine_class, changed))


def test_a_change_before_the_first_run_equals_a_fresh_run(engine_class):
    engine = engine_class()
    engine.load(VALUES)
    engine.change_factor("trust", "low")
    engine.run()
    assert conclusions(engine) == conclusions(run(engine_class, {**VALUES, "trust": "low"}))


@pytest.mark.parametrize(
    "start",
    [dict(zip(CHOICES, combo, strict=True)) for combo in itertools.product(*CHOICES.values())],
    ids=lambda values: ",".join(str(v) for v in values.values()),
)
def test_every_single_change_rerun_incrementally_equals_a_fresh_run(engine_class, start):
    for factor, choices in CHOICES.items():
        for value in choices:
            engine = run(engine_class, start)
            engine.change_factor(factor, value)
            engine.run()
            expected = conclusions(run(engine_class, {**start, factor: value}))
            assert conclusions(engine) == expected, (factor, value)


def alternatives(spec_, current):
    """Unknown, and every other value a single-valued factor can take."""
    others = [] if spec_.kind in (FactorKind.SET, FactorKind.COUNT) else list(spec_.values)
    return [None, *(v for v in others if v != current)]


def test_every_single_change_of_the_demo_on_the_shipped_rules_equals_a_fresh_run(reasoner):
    demo = load_scenario(ROOT / "knowledge_base" / "demo.yaml").factor_values()
    engine_class = reasoner.compiled.engine_class
    engine, fresh = run(engine_class, demo), engine_class()
    for spec_ in FACTORS:
        for value in alternatives(spec_, demo[spec_.id]):
            engine.change_factor(spec_.id, value)
            engine.run()
            fresh.load({**demo, spec_.id: value})
            fresh.run()
            assert conclusions(engine) == conclusions(fresh), (spec_.id, value)
            engine.change_factor(spec_.id, demo[spec_.id])
            engine.run()
    assert conclusions(engine) == conclusions(run(engine_class, demo))
