"""Unknown and odd keys are reported at their place, and nothing echoed can steer a terminal.

Keys that collide with pydantic's own labels (``str``, ``int``, ``bool``), keys with
brackets, keys that are not text and keys that are lists are all input errors naming
the key's path, never a crash.
"""

from __future__ import annotations

import pytest

from engine import ScenarioError, load_scenario_text
from engine.errors import FieldProblem, printable


def problems_of(text: str) -> tuple[FieldProblem, ...]:
    with pytest.raises(ScenarioError) as caught:
        load_scenario_text(text, "test.yaml")
    return caught.value.problems


@pytest.mark.parametrize("key", ["str", "int", "bool", "float", "list"])
def test_a_key_named_like_a_type_is_an_unknown_key_at_its_path(key):
    (problem,) = problems_of(f"schema_version: 1\n{key}: 1")
    assert (problem.path, problem.code) == (key, "unknown_key")


def test_a_factor_named_like_a_type_is_reported_under_factors():
    (problem,) = problems_of("schema_version: 1\nfactors:\n  str: high")
    assert (problem.path, problem.code) == ("factors.str", "unknown_key")
    assert "trust" in problem.allowed


def test_a_key_with_brackets_keeps_its_brackets_in_the_path():
    (problem,) = problems_of("schema_version: 1\nmy[key]: 1")
    assert problem.path == '["my[key]"]'
    assert problem.code == "unknown_key"


def test_a_factor_with_brackets_is_reported_under_factors_with_the_factor_list():
    (problem,) = problems_of("schema_version: 1\nfactors:\n  trust[x]: high")
    assert problem.path == 'factors["trust[x]"]'
    assert problem.allowed.startswith("market_access")
    assert problem.suggestion is None or problem.suggestion == "trust"


def test_a_partner_key_named_like_a_type_is_reported_in_its_partner():
    text = (
        "schema_version: 1\npartners:\n- {name: A, type: pharma, bool: 1}\n- {name: B, type: payer}"
    )
    (problem,) = problems_of(text)
    assert (problem.path, problem.allowed) == ("partners[0].bool", "name, type")


def test_a_list_as_a_key_is_an_unknown_key_not_a_crash():
    (problem,) = problems_of("schema_version: 1\nfactors:\n  ? [a, b]\n  : high")
    assert problem.code == "unknown_key"
    assert problem.path.startswith("factors[")


def test_a_mapping_as_a_key_is_an_unknown_key_not_a_crash():
    (problem,) = problems_of("schema_version: 1\n? {a: 1}\n: high")
    assert problem.code == "unknown_key"


@pytest.mark.parametrize(("key", "shown"), [("1", "1"), ("null", "null"), ("3.5", "3.5")])
def test_a_key_that_is_not_text_is_named_and_said_to_be_not_text(key, shown):
    (problem,) = problems_of(f"schema_version: 1\nfactors:\n  {key}: high")
    assert problem.path == f"factors.{shown}"
    assert "must be text" in problem.message


def test_a_required_key_that_is_missing_is_named():
    (problem,) = problems_of("name: x")
    assert (problem.path, problem.code) == ("schema_version", "missing")


def test_control_characters_in_a_key_are_escaped_in_the_report():
    text = 'schema_version: 1\nfactors:\n  "tr\\e[2Jst\\nfactors.trust: forged\\a": high'
    with pytest.raises(ScenarioError) as caught:
        load_scenario_text(text, "test.yaml")
    report = caught.value.describe()
    assert "\x1b" not in report and "\x07" not in report
    assert len(report.splitlines()) == 2  # the heading and one problem: nothing forged


def test_direction_overrides_in_a_value_are_escaped_in_the_report():
    with pytest.raises(ScenarioError) as caught:
        load_scenario_text('schema_version: 1\nfactors: {trust: "hi\u202egh"}', "test.yaml")
    report = caught.value.describe()
    assert "\u202e" not in report
    assert "\\u202e" in report


def test_a_file_name_with_control_characters_is_escaped_in_the_report():
    with pytest.raises(ScenarioError) as caught:
        load_scenario_text("schema_version: 2", "evil\x1b]0;title\x07.yaml")
    assert "\x1b" not in caught.value.describe()


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("\x00", "\\x00"),
        ("\x9b", "\\x9b"),
        ("\u2028", "\\u2028"),
        ("\u2066", "\\u2066"),
        ("é", "é"),
    ],
)
def test_printable_escapes_controls_and_keeps_ordinary_letters(text, shown):
    assert printable(text) == shown
