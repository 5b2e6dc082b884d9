"""The rule compiler: rule specs become an experta engine class that fires exactly as specified."""

from __future__ import annotations

import pytest

from engine import FACTORS, FACTORS_BY_ID, FactorKind
from rules.compiler import (
    DERIVATION_SALIENCE,
    SCORING_SALIENCE,
    compile_rule,
    compile_rules,
    rank_function,
)
from rules.conditions import FactorTest
from rules.schema import RuleSpec
from rules.working_memory import JustifyingEngine

TRUST_HIGH = {"factor": "trust", "is": "high"}


def spec(rule_id, when, *, derive=None, lean=0.5):
    return RuleSpec.model_validate(
        {
            "id": rule_id,
            "title": f"Rule {rule_id}",
            "because": "A reason long enough to pass the schema's minimum.",
            "when": when,
            "derive": derive,
            "weighs": None if derive else {"consideration": "party_count", "lean": lean},
            "strength": "weak",
            "sources": ["test-source"],
        }
    )


def fired(rules, values):
    engine = compile_rules(tuple(rules)).engine_class()
    engine.load(values)
    engine.run()
    return engine.fired_rules()


# rank_function


def test_rank_function_of_a_level_factor_is_the_position_on_its_scale():
    rank = rank_function("time_horizon")
    assert [rank(v) for v in ("short", "medium", "long")] == [0, 1, 2]


def test_rank_function_of_a_count_factor_is_the_count():
    assert rank_function("partner_count")(7) == 7


@pytest.mark.parametrize(
    "factor_id",
    [f.id for f in FACTORS if f.kind not in (FactorKind.LEVEL, FactorKind.COUNT)],
)
def test_rank_function_of_an_unordered_factor_is_none(factor_id):
    assert rank_function(factor_id) is None


def test_rank_function_of_an_unknown_factor_is_none():
    assert rank_function("no_such_factor") is None


# compile_rule and compile_rules


def test_compile_rules_generates_a_justifying_engine_class_with_the_given_name():
    compiled = compile_rules((spec("a-rule", [TRUST_HIGH]),), name="Probe")
    assert issubclass(compiled.engine_class, JustifyingEngine)
    assert compiled.engine_class.__name__ == "Probe"


def test_compile_rules_keeps_the_rule_ids_in_spec_order():
    specs = tuple(spec(r, [TRUST_HIGH]) for r in ("zz", "aa", "mm"))
    assert compile_rules(specs).rule_ids == ("zz", "aa", "mm")


def test_derivation_rules_run_before_scoring_rules():
    derivation = spec("d-rule", [TRUST_HIGH], derive="trusted")
    scoring = spec("s-rule", [TRUST_HIGH])
    assert compile_rule(derivation).salience == DERIVATION_SALIENCE
    assert compile_rule(scoring).salience == SCORING_SALIENCE
    assert DERIVATION_SALIENCE > SCORING_SALIENCE


def test_a_rule_fires_when_its_factor_test_holds():
    assert fired([spec("the-rule", [TRUST_HIGH])], {"trust": "high"}) == {"the-rule"}


def test_a_rule_does_not_fire_when_its_factor_test_fails():
    assert fired([spec("the-rule", [TRUST_HIGH])], {"trust": "low"}) == set()


def test_an_unknown_answer_satisfies_no_test():
    rules = [spec("the-rule", [{"factor": "trust", "not_in": ["low"]}])]
    assert fired(rules, {"trust": None}) == set()


def test_a_value_of_the_wrong_shape_never_matches_and_never_raises():
    rules = [
        spec("the-rule", [{"factor": "trust", "at_least": "medium"}]),
        spec("other-rule", [{"factor": "scope", "includes": "manufacturing"}]),
    ]
    assert fired(rules, {"trust": "sky-high", "scope": "manufacturing"}) == set()


BOTH = [TRUST_HIGH, {"factor": "partner_count", "is": 2}]


def test_all_of_does_not_fire_when_one_test_fails():
    assert fired([spec("the-rule", BOTH)], {"trust": "high", "partner_count": 3}) == set()


def test_all_of_fires_when_every_test_holds():
    assert fired([spec("the-rule", BOTH)], {"trust": "high", "partner_count": 2}) == {"the-rule"}


EITHER = {"any": [TRUST_HIGH, {"factor": "partner_count", "is": 2}]}


def test_any_of_fires_when_one_test_holds():
    assert fired([spec("the-rule", EITHER)], {"trust": "low", "partner_count": 2}) == {"the-rule"}


def test_any_of_fires_when_every_test_holds():
    assert fired([spec("the-rule", EITHER)], {"trust": "high", "partner_count": 2}) == {"the-rule"}


def test_any_of_does_not_fire_when_no_test_holds():
    assert fired([spec("the-rule", EITHER)], {"trust": "low", "partner_count": 3}) == set()


def test_a_rule_reading_a_derived_fact_fires_only_when_some_rule_derives_it():
    rules = [
        spec("derives", [TRUST_HIGH], derive="trusted"),
        spec("consumes", [{"fact": "trusted"}, {"factor": "partner_count", "is": 2}]),
    ]
    assert fired(rules, {"trust": "high", "partner_count": 2}) == {"derives", "consumes"}
    assert fired(rules, {"trust": "low", "partner_count": 2}) == set()


def test_derived_facts_are_reported_by_id():
    rules = [spec("derives", [TRUST_HIGH], derive="trusted")]
    engine = compile_rules(tuple(rules)).engine_class()
    engine.load({"trust": "high"})
    engine.run()
    assert engine.derived_facts() == {"trusted"}


def test_two_instances_of_one_compiled_class_keep_separate_working_memories():
    engine_class = compile_rules((spec("the-rule", [TRUST_HIGH]),)).engine_class
    first, second = engine_class(), engine_class()
    first.load({"trust": "high"})
    second.load({"trust": "low"})
    first.run()
    second.run()
    assert (first.fired_rules(), second.fired_rules()) == ({"the-rule"}, set())


OPERATOR_CASES = [
    ({"factor": "trust", "in": ["medium", "high"]}, ["low", "medium", "high"]),
    ({"factor": "trust", "at_least": "medium"}, ["low", "medium", "high"]),
    ({"factor": "trust", "at_most": "medium"}, ["low", "medium", "high"]),
    ({"factor": "partner_count", "at_least": 3}, [2, 3, 40]),
    ({"factor": "partner_count", "at_most": 3}, [2, 3, 40]),
    ({"factor": "equity_restricted", "is": True}, [True, False]),
    (
        {"factor": "scope", "includes_any": ["manufacturing", "care_delivery"]},
        [(), ("manufacturing",), ("care_delivery", "data_analytics"), ("data_analytics",)],
    ),
    (
        {"factor": "scope", "includes_all": ["manufacturing", "care_delivery"]},
        [("manufacturing",), ("care_delivery", "manufacturing")],
    ),
    (
        {"factor": "scope", "excludes_all": ["manufacturing", "care_delivery"]},
        [(), ("manufacturing",), ("data_analytics",)],
    ),
]


@pytest.mark.parametrize(("test", "values"), OPERATOR_CASES, ids=lambda c: str(c))
def test_the_compiled_rule_fires_exactly_when_the_condition_test_holds(test, values):
    rules = [spec("the-rule", [test])]
    factor_test = FactorTest.model_validate(test)
    rank = rank_function(test["factor"])
    for value in values:
        expected = {"the-rule"} if factor_test.test(value, rank) else set()
        assert fired(rules, {test["factor"]: value}) == expected, value


def test_every_ordered_factor_has_a_rank_function():
    ordered = {f.id for f in FACTORS if f.ordered}
    assert {f for f in FACTORS_BY_ID if rank_function(f) is not None} == ordered
