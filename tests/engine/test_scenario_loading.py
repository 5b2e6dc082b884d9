"""Scenario files: what the contract accepts, and how every refusal is reported."""

from __future__ import annotations

import json

import pytest
from support.paths import CONTRACT_EXAMPLES

from engine import ScenarioError, load_scenario, load_scenario_text, scenario_from_data


def problems_of(text: str, **kwargs) -> list:
    with pytest.raises(ScenarioError) as caught:
        load_scenario_text(text, "test.yaml", **kwargs)
    return list(caught.value.problems)


def test_contract_example_with_every_factor_loads():
    scenario = load_scenario(CONTRACT_EXAMPLES / "cardiac-monitoring.yaml")
    assert scenario.factors.synergy_type == "sequential"
    assert scenario.factors.local_entity_required is False
    assert scenario.factors.scope == ("care_delivery", "data_analytics", "technology_platform")


def test_omitted_and_unknown_factors_are_both_unknown():
    scenario = load_scenario(CONTRACT_EXAMPLES / "minimal-unknowns.yaml")
    values = scenario.factor_values()
    assert values["trust"] is None
    assert values["complementarity"] == "high"
    assert load_scenario_text("schema_version: 1\nfactors: {trust: unknown}").factors.trust is None


def test_invalid_example_reports_every_offending_field_at_once():
    with pytest.raises(ScenarioError) as caught:
        load_scenario(CONTRACT_EXAMPLES / "invalid-example.yaml")
    paths = [p.path for p in caught.value.problems]
    assert paths == ["partners", "factors.partner_count", "factors.scope[1]", "factors.trust"]


def test_a_bad_level_names_what_was_given_and_what_is_allowed():
    (problem,) = problems_of("schema_version: 1\nfactors: {trust: very_high}")
    assert problem.path == "factors.trust"
    assert problem.given == '"very_high"'
    assert problem.allowed == "low, medium, high or unknown"


def test_an_unknown_key_is_refused_with_a_suggestion():
    (problem,) = problems_of("schema_version: 1\nfactors: {trsut: high}")
    assert problem.path == "factors.trsut"
    assert problem.message == "unknown key"
    assert problem.suggestion == "trust"


def test_an_unknown_top_level_key_is_refused():
    (problem,) = problems_of("schema_version: 1\nnotes: hello")
    assert problem.path == "notes"


def test_only_schema_version_1_exists():
    (problem,) = problems_of("schema_version: 2")
    assert problem.path == "schema_version"
    assert problem.allowed == "1"


def test_schema_version_is_required():
    (problem,) = problems_of("name: no version")
    assert problem.path == "schema_version"
    assert problem.message == "required but missing"


def test_a_string_is_not_a_boolean():
    (problem,) = problems_of("schema_version: 1\nfactors: {equity_restricted: 'no'}")
    assert problem.path == "factors.equity_restricted"
    assert problem.allowed == "true, false or unknown"


def test_a_string_is_not_a_partner_count():
    (problem,) = problems_of("schema_version: 1\nfactors: {partner_count: '3'}")
    assert problem.path == "factors.partner_count"


def test_partner_count_must_match_the_partner_list():
    text = (
        "schema_version: 1\npartners: [{name: A, type: pharma}, {name: B, type: biotech}]\n"
        "factors: {partner_count: 3}"
    )
    (problem,) = problems_of(text)
    assert problem.path == "factors.partner_count"
    assert problem.message == "disagrees with the 2 partners listed"
    assert problem.given == "3"


def test_a_partner_count_clash_is_reported_beside_other_problems():
    text = (
        "schema_version: 1\npartners: [{name: A, type: pharma}, {name: B, type: biotech}]\n"
        "factors: {partner_count: 3, trust: hgh}"
    )
    assert [p.path for p in problems_of(text)] == ["factors.trust", "factors.partner_count"]


def test_one_bad_partner_is_reported_without_calling_the_list_short():
    text = "schema_version: 1\npartners: [{name: A, type: hospital}, {name: B, type: pharma}]"
    assert [p.path for p in problems_of(text)] == ["partners[0].type"]


def test_a_yaml_set_is_not_a_list():
    (problem,) = problems_of("schema_version: 1\nfactors: {scope: !!set {manufacturing}}")
    assert problem.path == "factors.scope"
    assert problem.message == "must be a list"


def test_deeply_nested_input_is_refused_as_invalid():
    (problem,) = problems_of("schema_version: 1\nname: " + "[" * 100_000 + "]" * 100_000)
    assert problem.message == "nested too deeply"


def test_schema_version_must_be_exactly_the_integer_1():
    for given in ("true", "1.0"):
        (problem,) = problems_of(f"schema_version: {given}")
        assert problem.path == "schema_version"


def test_partners_answer_unknown_count_and_types():
    scenario = load_scenario_text(
        "schema_version: 1\npartners: [{name: A, type: pharma}, {name: B, type: biotech}]"
    )
    values = scenario.factor_values()
    assert values["partner_count"] == 2
    assert values["partner_types"] == ("pharma", "biotech")


def test_a_document_that_is_not_a_mapping_is_refused():
    (problem,) = problems_of("- just\n- a list")
    assert "must be a mapping" in problem.message


def test_duplicate_yaml_keys_are_refused():
    (problem,) = problems_of("schema_version: 1\nfactors: {trust: low, trust: high}")
    assert "duplicate key 'trust'" in problem.message


def test_duplicate_json_keys_are_refused():
    (problem,) = problems_of('{"schema_version": 1, "schema_version": 1}', json_format=True)
    assert "duplicate key" in problem.message


def test_yaml_aliases_are_refused_so_alias_bombs_cannot_expand():
    bomb = "a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\nschema_version: 1\n"
    (problem,) = problems_of(bomb)
    assert "anchors" in problem.message or "aliases" in problem.message


def test_yaml_tags_that_build_python_objects_are_refused():
    (problem,) = problems_of("schema_version: !!python/object/apply:os.system ['true']")
    assert "not valid YAML" in problem.message


def test_files_over_one_mebibyte_are_refused(tmp_path):
    big = tmp_path / "big.yaml"
    big.write_text("schema_version: 1\ndescription: " + "x" * (1024 * 1024) + "\n")
    with pytest.raises(ScenarioError) as caught:
        load_scenario(big)
    assert "larger than 1 MiB" in caught.value.problems[0].message


def test_a_missing_file_is_an_input_error(tmp_path):
    with pytest.raises(ScenarioError) as caught:
        load_scenario(tmp_path / "nowhere.yaml")
    assert caught.value.problems[0].message == "no such file"


def test_json_and_yaml_give_the_same_scenario(tmp_path):
    yaml_scenario = load_scenario(CONTRACT_EXAMPLES / "cardiac-monitoring.yaml")
    as_json = tmp_path / "same.json"
    as_json.write_text(json.dumps(yaml_scenario.to_document()))
    assert load_scenario(as_json) == yaml_scenario


def test_name_longer_than_200_characters_is_refused():
    with pytest.raises(ScenarioError) as caught:
        scenario_from_data({"schema_version": 1, "name": "n" * 201})
    assert caught.value.problems[0].path == "name"


def test_partners_need_at_least_two_entries():
    with pytest.raises(ScenarioError) as caught:
        scenario_from_data({"schema_version": 1, "partners": [{"name": "A", "type": "payer"}]})
    assert caught.value.problems[0].path == "partners"


def test_repeated_list_members_are_kept_once():
    scenario = scenario_from_data(
        {"schema_version": 1, "factors": {"scope": ["manufacturing", "manufacturing"]}}
    )
    assert scenario.factors.scope == ("manufacturing",)


def test_every_problem_carries_a_code_naming_its_kind():
    text = json.dumps(
        {
            "schema_version": 1,
            "nme": "x",
            "partners": [{"name": "A", "type": "payer"}, {"name": "B", "type": "pharma"}],
            "factors": {
                "trust": "total",
                "partner_count": 3,
                "scope": "manufacturing",
                "equity_restricted": "yes",
            },
        }
    )
    with pytest.raises(ScenarioError) as caught:
        load_scenario_text(text)
    assert [(p.path, p.code) for p in caught.value.problems] == [
        ("factors.equity_restricted", "not_boolean"),
        ("factors.scope", "not_list"),
        ("factors.trust", "not_allowed"),
        ("nme", "unknown_key"),
        ("factors.partner_count", "count_mismatch"),
    ]
