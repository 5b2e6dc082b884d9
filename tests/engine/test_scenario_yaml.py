"""Scenario YAML is read by the YAML 1.2 core schema and written so it reads back the same.

README "The scenario" states the rule: plain ``yes``/``on``/``Off`` are text, not
booleans; ``1:30`` and ``1_0`` are text, not numbers; ``0x10`` and ``0o20`` are the
hexadecimal and octal integers of YAML 1.2 and ``010`` is ten; a byte order mark is
allowed at the start of YAML and JSON alike.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support.strategies import factor_maps

from engine import ScenarioError, dump_scenario, load_scenario, load_scenario_text
from engine.scenario_yaml import read_yaml


def problems_of(text: str) -> tuple:
    with pytest.raises(ScenarioError) as caught:
        load_scenario_text(text, "test.yaml")
    return caught.value.problems


@pytest.mark.parametrize("word", ["yes", "no", "on", "Off", "y", "N"])
def test_yaml_1_1_booleans_are_not_booleans(word):
    (problem,) = problems_of(f"schema_version: 1\nfactors: {{cross_border: {word}}}")
    assert (problem.path, problem.code) == ("factors.cross_border", "not_boolean")
    assert problem.given == json.dumps(word)


@pytest.mark.parametrize("word", ["true", "True", "TRUE", "false", "False", "FALSE"])
def test_yaml_1_2_booleans_are_booleans(word):
    scenario = load_scenario_text(f"schema_version: 1\nfactors: {{cross_border: {word}}}")
    assert scenario.factors.cross_border is (word.lower() == "true")


@pytest.mark.parametrize("given", ["1:30", "1_0", "0b11", "+0x10"])
def test_sexagesimal_underscored_and_binary_numbers_are_text(given):
    (problem,) = problems_of(f"schema_version: 1\nfactors: {{partner_count: {given}}}")
    assert (problem.path, problem.code) == ("factors.partner_count", "not_integer")


@pytest.mark.parametrize(("given", "value"), [("0x10", 16), ("0o20", 16), ("010", 10), ("+12", 12)])
def test_core_schema_integers_are_read_as_yaml_1_2_defines_them(given, value):
    scenario = load_scenario_text(f"schema_version: 1\nfactors: {{partner_count: {given}}}")
    assert scenario.factors.partner_count == value


def test_dates_are_text_not_timestamps():
    assert read_yaml("a: 2024-01-01") == {"a": "2024-01-01"}


def test_a_merge_key_is_an_ordinary_unknown_key():
    (problem,) = problems_of("schema_version: 1\n<<: {name: x}")
    assert (problem.path, problem.code) == ('["<<"]', "unknown_key")


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_a_byte_order_mark_is_allowed_in_yaml_and_json_alike(tmp_path, suffix):
    path = tmp_path / f"bom{suffix}"
    text = '{"schema_version": 1, "name": "BOM"}'
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert load_scenario(path).name == "BOM"


@pytest.mark.parametrize("json_format", [False, True])
def test_a_byte_order_mark_in_text_is_allowed_in_both_formats(json_format):
    text = '\ufeff{"schema_version": 1, "name": "BOM"}'
    assert load_scenario_text(text, json_format=json_format).name == "BOM"


def test_a_next_line_character_survives_dump_and_load():
    original = load_scenario_text(json.dumps({"schema_version": 1, "name": "a\x85b"}))
    assert load_scenario_text(dump_scenario(original)) == original


@pytest.mark.parametrize("name", ["yes", "0o17", "1:30", "null", "~", "2024-01-01", "0x1F", "- x"])
def test_text_that_looks_like_another_type_is_quoted_when_written(name):
    original = load_scenario_text(json.dumps({"schema_version": 1, "name": name}))
    assert load_scenario_text(dump_scenario(original)).name == name


_TEXT = st.text(max_size=60)  # any Unicode scalar value, control characters included


@st.composite
def documents_with_any_text(draw: st.DrawFn) -> dict:
    doc: dict = {"schema_version": 1, "factors": draw(factor_maps())}
    for key in ("name", "focal_organization", "description"):
        if draw(st.booleans()):
            doc[key] = draw(_TEXT)
    if draw(st.booleans()):
        names = draw(st.lists(_TEXT.filter(bool), min_size=2, max_size=4))
        doc["partners"] = [{"name": n, "type": "pharma"} for n in names]
        doc["factors"].pop("partner_count", None)
    return doc


@settings(max_examples=300, deadline=None)
@given(documents_with_any_text())
def test_dump_then_load_is_the_identity_for_any_text(doc):
    scenario = load_scenario_text(json.dumps(doc), json_format=True)
    assert load_scenario_text(dump_scenario(scenario), json_format=False) == scenario
    assert load_scenario_text(dump_scenario(scenario, json_format=True)) == scenario
