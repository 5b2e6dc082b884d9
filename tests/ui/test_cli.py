"""The command line: verbs, keys and exit codes, in-process through ``main(argv, stdout, stderr)``.

A few tests run it as a real process, to hold the contract where a user meets it.
"""

from __future__ import annotations

import json

import pytest
from cli_support import run_cli, run_cli_process
from support.paths import CONTRACT_EXAMPLES

CONTRACT_KEYS = {"recommendation", "ranking", "confidence", "fired_rules", "knowledge_base_version"}
FORM_IDS = {
    "non_equity_alliance",
    "equity_alliance",
    "joint_venture",
    "consortium",
    "supply_chain_partnership",
}
VALID_EXAMPLES = ["cardiac-monitoring.yaml", "minimal-unknowns.yaml"]


@pytest.mark.parametrize("example", VALID_EXAMPLES)
def test_recommend_prints_json_with_the_contract_keys(example):
    result = run_cli_process("recommend", str(CONTRACT_EXAMPLES / example), "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert CONTRACT_KEYS <= set(data)
    assert data["recommendation"] in FORM_IDS
    assert {item["form"] for item in data["ranking"]} == FORM_IDS
    assert data["ranking"][0]["form"] == data["recommendation"]
    assert all(isinstance(item["score"], int | float) for item in data["ranking"])
    assert 0 <= data["confidence"] <= 1
    assert all(rule["id"] and rule["because"] for rule in data["fired_rules"])
    assert isinstance(data["knowledge_base_version"], str)


@pytest.mark.parametrize("example", VALID_EXAMPLES)
def test_recommend_output_is_byte_identical_across_runs(example):
    first = run_cli_process("recommend", str(CONTRACT_EXAMPLES / example), "--format", "json")
    second = run_cli_process("recommend", str(CONTRACT_EXAMPLES / example), "--format", "json")
    assert first.returncode == second.returncode == 0
    assert first.stdout == second.stdout


def test_json_is_the_default_format():
    result = run_cli("recommend", str(CONTRACT_EXAMPLES / "cardiac-monitoring.yaml"))
    assert CONTRACT_KEYS <= set(json.loads(result.stdout))


def test_invalid_scenario_exits_2_and_names_every_offending_field():
    result = run_cli_process(
        "recommend", str(CONTRACT_EXAMPLES / "invalid-example.yaml"), "--format", "json"
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert "invalid-example.yaml" in result.stderr
    for path in ("factors.trust", "factors.partner_count", "factors.scope[1]", "partners"):
        assert path in result.stderr
    assert "very_high" in result.stderr and "teleportation" in result.stderr
    assert "allowed: low, medium, high or unknown" in result.stderr


def test_invalid_scenario_writes_nothing_to_the_output_path(tmp_path):
    target = tmp_path / "out.json"
    result = run_cli(
        "recommend", str(CONTRACT_EXAMPLES / "invalid-example.yaml"), "--output", str(target)
    )
    assert result.returncode == 2
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []


def test_recommend_writes_to_an_output_path_and_refuses_to_overwrite(tmp_path):
    target = tmp_path / "out.json"
    assert (
        run_cli(
            "recommend", str(CONTRACT_EXAMPLES / "cardiac-monitoring.yaml"), "-o", str(target)
        ).returncode
        == 0
    )
    assert CONTRACT_KEYS <= set(json.loads(target.read_text()))
    again = run_cli(
        "recommend", str(CONTRACT_EXAMPLES / "cardiac-monitoring.yaml"), "-o", str(target)
    )
    assert again.returncode == 1
    assert "--force" in again.stderr
    forced = run_cli(
        "recommend",
        str(CONTRACT_EXAMPLES / "cardiac-monitoring.yaml"),
        "-o",
        str(target),
        "--force",
    )
    assert forced.returncode == 0


def test_recommend_demo_uses_the_built_in_scenario():
    result = run_cli("recommend", "--demo")
    assert result.returncode == 0, result.stderr
    assert CONTRACT_KEYS <= set(json.loads(result.stdout))


def test_recommend_markdown_prints_a_memo():
    result = run_cli(
        "recommend", str(CONTRACT_EXAMPLES / "cardiac-monitoring.yaml"), "--format", "markdown"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("#")
    assert "Regional cardiac monitoring network" in result.stdout


def test_validate_accepts_valid_files():
    result = run_cli("validate", *(str(CONTRACT_EXAMPLES / e) for e in VALID_EXAMPLES))
    assert result.returncode == 0
    assert result.stdout.count(": valid") == 2


def test_validate_reports_each_invalid_field_and_exits_2():
    result = run_cli("validate", str(CONTRACT_EXAMPLES / "invalid-example.yaml"))
    assert result.returncode == 2
    assert "factors.trust" in result.stderr and "factors.scope[1]" in result.stderr


def test_a_missing_scenario_file_is_invalid_input(tmp_path):
    result = run_cli("recommend", str(tmp_path / "missing.yaml"))
    assert result.returncode == 2
    assert "no such file" in result.stderr


def test_a_bad_format_name_is_refused():
    result = run_cli(
        "recommend", str(CONTRACT_EXAMPLES / "cardiac-monitoring.yaml"), "--format", "html"
    )
    assert result.returncode == 2
    assert "html" in result.stderr


def test_kb_check_passes_on_the_shipped_knowledge_base():
    result = run_cli("kb", "check")
    assert result.returncode == 0, result.stdout
    assert "OK: no errors" in result.stdout
    assert "forms that can come first: 5 of 5" in result.stdout


def test_other_failures_exit_1_with_one_line_and_no_traceback(tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "x.json").mkdir()  # the output path is a folder: writing it fails
    result = run_cli_process(
        "recommend",
        str(CONTRACT_EXAMPLES / "cardiac-monitoring.yaml"),
        "-o",
        str(folder / "x.json"),
        "--force",
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_debug_shows_the_traceback(tmp_path):
    folder = tmp_path / "x.json"
    folder.mkdir()
    result = run_cli_process(
        "--debug",
        "recommend",
        str(CONTRACT_EXAMPLES / "cardiac-monitoring.yaml"),
        "-o",
        str(folder),
        "--force",
    )
    assert result.returncode == 1
    assert "Traceback" in result.stderr


def test_debug_does_not_carry_over_to_the_next_run(tmp_path):
    folder = tmp_path / "x.json"
    folder.mkdir()
    args = [CONTRACT_EXAMPLES / "cardiac-monitoring.yaml", "-o", folder, "--force"]
    assert "Traceback" in run_cli("--debug", "recommend", *args).stderr
    assert "Traceback" not in run_cli("recommend", *args).stderr


def test_usage_errors_go_to_the_given_error_stream():
    result = run_cli("recommend", "--no-such-option")
    assert result.returncode == 2
    assert result.stdout == ""
    assert "--no-such-option" in result.stderr


def test_help_goes_to_the_given_output_stream():
    result = run_cli("--help")
    assert result.returncode == 0
    assert "recommend" in result.stdout
    assert result.stderr == ""


def test_a_written_file_is_announced_on_the_error_stream(tmp_path):
    target = tmp_path / "memo.md"
    result = run_cli(
        "recommend", CONTRACT_EXAMPLES / "cardiac-monitoring.yaml", "-f", "markdown", "-o", target
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr == f"wrote {target}\n"


def test_a_broken_knowledge_base_is_named_in_one_line_with_exit_1(monkeypatch):
    import ui.cli.commands as commands
    from engine import KnowledgeBaseError
    from engine.errors import KnowledgeBaseProblem

    def broken(*_args, **_kwargs):
        raise KnowledgeBaseError(
            [
                KnowledgeBaseProblem("weights.yaml weights", "Field required"),
                KnowledgeBaseProblem("rules/x.yaml rules.0.id", "String should match pattern"),
            ]
        )

    monkeypatch.setattr(commands, "default_reasoner", broken)
    result = run_cli("kb", "check")
    assert result.returncode == 1
    assert result.stderr == (
        "error: knowledge base is invalid: weights.yaml weights: Field required"
        " (and 1 more problem; --debug lists all)\n"
    )
