"""Rule conditions: parsing, testing a known value, and three-valued evaluation."""

from __future__ import annotations

import pytest
from pydantic import TypeAdapter, ValidationError

from rules.conditions import (
    ABSENT,
    AllOf,
    AnyOf,
    Condition,
    FactorTest,
    FactTest,
    Toggled,
    evaluate,
    iter_fact_tests,
    iter_factor_tests,
)

CONDITION = TypeAdapter(Condition)
LEVEL_RANK = {"low": 0, "medium": 1, "high": 2}.__getitem__
RANK_OF = {"trust": LEVEL_RANK}


def condition(data):
    return CONDITION.validate_python(data)


def test_a_mapping_with_all_parses_as_all_of():
    assert isinstance(condition({"all": [{"fact": "x"}]}), AllOf)


def test_a_mapping_with_any_parses_as_any_of():
    assert isinstance(condition({"any": [{"fact": "x"}]}), AnyOf)


def test_a_mapping_with_fact_parses_as_a_fact_test():
    assert condition({"fact": "trusted"}) == FactTest(fact="trusted")


def test_a_mapping_with_no_known_key_is_refused_with_the_allowed_keys():
    with pytest.raises(ValidationError) as error:
        condition({"factr": "trust", "is": "high"})
    assert "one of: all, any, fact, factor" in str(error.value)


def test_a_factor_test_needs_exactly_one_operator():
    with pytest.raises(ValidationError, match="needs exactly one operator"):
        FactorTest.model_validate({"factor": "trust", "is": "high", "in": ["low"]})


def test_a_factor_test_without_an_operator_is_refused():
    with pytest.raises(ValidationError, match="needs exactly one operator"):
        FactorTest.model_validate({"factor": "trust"})


def test_a_factor_test_reports_its_operator_as_written():
    test = FactorTest.model_validate({"factor": "trust", "not_in": ["low"]})
    assert (test.operator, test.operand) == ("not_in", ("low",))


def test_an_empty_all_of_is_refused():
    with pytest.raises(ValidationError):
        condition({"all": []})


@pytest.mark.parametrize(
    ("test", "value", "expected"),
    [
        ({"is": "high"}, "high", True),
        ({"is": "high"}, "low", False),
        ({"is": True}, 1, False),  # a boolean test never matches an integer
        ({"in": ["low", "medium"]}, "low", True),
        ({"not_in": ["low", "medium"]}, "low", False),
        ({"at_least": "medium"}, "high", True),
        ({"at_least": "medium"}, "low", False),
        ({"at_most": "medium"}, "medium", True),
        ({"at_most": "medium"}, "high", False),
        ({"includes": "a"}, ("a", "b"), True),
        ({"includes": "a"}, ("b",), False),
        ({"includes_any": ["a", "c"]}, ("c",), True),
        ({"includes_any": ["a", "c"]}, (), False),
        ({"includes_all": ["a", "c"]}, ("c", "a"), True),
        ({"includes_all": ["a", "c"]}, ("a",), False),
        ({"excludes_all": ["a", "c"]}, ("b",), True),
        ({"excludes_all": ["a", "c"]}, ("b", "c"), False),
    ],
    ids=str,
)
def test_each_operator_tests_a_known_value(test, value, expected):
    assert (
        FactorTest.model_validate({"factor": "trust", **test}).test(value, LEVEL_RANK) is expected
    )


def test_a_list_test_mentions_the_members_it_names():
    test = FactorTest.model_validate({"factor": "scope", "includes_any": ["a", "b"]})
    assert (test.mentions("a"), test.mentions("z")) == (True, False)


def test_iter_factor_tests_lists_every_factor_test_depth_first():
    tree = condition(
        {"all": [{"factor": "a", "is": 1}, {"any": [{"fact": "f"}, {"factor": "b", "is": 2}]}]}
    )
    assert [t.factor for t in iter_factor_tests(tree)] == ["a", "b"]


def test_iter_fact_tests_lists_every_derived_fact_read():
    tree = condition({"any": [{"fact": "f"}, {"all": [{"factor": "a", "is": 1}, {"fact": "g"}]}]})
    assert iter_fact_tests(tree) == ["f", "g"]


# evaluate: Kleene three-valued logic

HIGH_TRUST = {"factor": "trust", "is": "high"}


def truth(data, values, facts=None):
    return evaluate(condition(data), values, facts or {}, RANK_OF)


def test_a_known_value_decides_a_factor_test():
    assert truth(HIGH_TRUST, {"trust": "high"}) is True
    assert truth(HIGH_TRUST, {"trust": "low"}) is False


def test_an_unknown_value_could_go_either_way():
    assert truth(HIGH_TRUST, {"trust": None}) is None
    assert truth(HIGH_TRUST, {}) is None


def test_an_absent_value_matches_nothing():
    assert truth(HIGH_TRUST, {"trust": ABSENT}) is False


def test_a_toggled_member_makes_the_tests_naming_it_undecided():
    test = {"factor": "scope", "includes": "a"}
    assert truth(test, {"scope": Toggled(("a",), "a")}) is None


def test_a_toggled_member_leaves_other_tests_as_they_were():
    test = {"factor": "scope", "includes": "b"}
    assert truth(test, {"scope": Toggled(("a",), "a")}) is False


def test_a_fact_test_reads_the_facts_truth_and_a_missing_fact_is_false():
    assert truth({"fact": "f"}, {}, {"f": None}) is None
    assert truth({"fact": "f"}, {}, {"f": True}) is True
    assert truth({"fact": "f"}, {}, {}) is False


def test_all_of_is_false_when_any_part_is_false_even_with_unknowns():
    assert truth({"all": [HIGH_TRUST, {"fact": "f"}]}, {"trust": None}, {"f": False}) is False


def test_all_of_is_unknown_when_no_part_is_false_and_one_is_unknown():
    assert truth({"all": [HIGH_TRUST, {"fact": "f"}]}, {"trust": None}, {"f": True}) is None


def test_any_of_is_true_when_any_part_is_true_even_with_unknowns():
    assert truth({"any": [HIGH_TRUST, {"fact": "f"}]}, {"trust": None}, {"f": True}) is True


def test_any_of_is_unknown_when_no_part_is_true_and_one_is_unknown():
    assert truth({"any": [HIGH_TRUST, {"fact": "f"}]}, {"trust": None}, {"f": False}) is None


def test_any_of_is_false_when_every_part_is_false():
    assert truth({"any": [HIGH_TRUST, {"fact": "f"}]}, {"trust": "low"}, {}) is False
