"""Limits on what a scenario file may cost (issue 10): bounded reads, bounded lists, a
bounded problem report, and a budget of values that stops oversized documents early.
"""

from __future__ import annotations

import json
import os
import threading

import pytest

from engine import ScenarioError, load_scenario, load_scenario_text, scenario_from_data
from engine.errors import MAX_REPORTED_PROBLEMS
from engine.scenario_io import MAX_SCENARIO_BYTES, MAX_VALUES


def problems_of(text: str, **kwargs) -> ScenarioError:
    with pytest.raises(ScenarioError) as caught:
        load_scenario_text(text, "test.yaml", **kwargs)
    return caught.value


def _partners(count: int, kind: str = "pharma") -> list[dict[str, str]]:
    return [{"name": f"P{i}", "type": kind} for i in range(count)]


def _load_in_thread(path) -> BaseException | None:
    """load_scenario(path) on a thread; what it raised, or a TimeoutError if it never ends."""
    outcome: list[BaseException | None] = []

    def attempt() -> None:
        try:
            load_scenario(path)
            outcome.append(None)
        except BaseException as exc:  # noqa: BLE001 - handed back to the test
            outcome.append(exc)

    worker = threading.Thread(target=attempt, daemon=True)
    worker.start()
    worker.join(60)  # a guard against hanging forever, not a speed requirement
    return outcome[0] if outcome else TimeoutError("load_scenario did not return")


def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path):
    fifo = tmp_path / "scenario.yaml"
    os.mkfifo(fifo)
    error = _load_in_thread(fifo)
    assert isinstance(error, ScenarioError)
    (problem,) = error.problems
    assert problem.code == "not_regular"
    assert "named pipe" in problem.message


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_an_endless_device_is_refused_not_read_until_memory_runs_out():
    error = _load_in_thread("/dev/zero")
    assert isinstance(error, ScenarioError)
    assert error.problems[0].code == "not_regular"
    assert "character device" in error.problems[0].message


def test_a_file_one_byte_over_the_limit_is_refused(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_bytes(b"schema_version: 1\n#" + b"x" * (MAX_SCENARIO_BYTES - 18))
    assert path.stat().st_size == MAX_SCENARIO_BYTES + 1
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    assert caught.value.problems[0].code == "too_large"


def test_a_file_exactly_at_the_limit_is_read(tmp_path):
    path = tmp_path / "full.yaml"
    path.write_bytes(b"schema_version: 1\n#" + b"x" * (MAX_SCENARIO_BYTES - 19))
    assert load_scenario(path).schema_version == 1


def test_partners_are_capped_at_500_like_partner_count():
    scenario_from_data({"schema_version": 1, "partners": _partners(500)})
    with pytest.raises(ScenarioError) as caught:
        scenario_from_data({"schema_version": 1, "partners": _partners(501)})
    (problem,) = caught.value.problems
    assert (problem.path, problem.code) == ("partners", "too_long")
    assert "500" in problem.message


def test_a_list_factor_has_at_most_as_many_entries_as_its_vocabulary():
    scope = ["manufacturing"] * 8  # scope has seven values
    with pytest.raises(ScenarioError) as caught:
        scenario_from_data({"schema_version": 1, "factors": {"scope": scope}})
    (problem,) = caught.value.problems
    assert (problem.path, problem.code) == ("factors.scope", "too_long")
    assert "7" in problem.message


def test_at_most_fifty_problems_are_listed_and_the_rest_counted():
    data = {"schema_version": 1, "partners": _partners(400, kind="hospital")}
    with pytest.raises(ScenarioError) as caught:
        scenario_from_data(data)
    error = caught.value
    assert len(error.problems) == MAX_REPORTED_PROBLEMS
    assert error.omitted == 400 - MAX_REPORTED_PROBLEMS
    assert error.describe().splitlines()[0].endswith("400 problems")
    assert f"and {400 - MAX_REPORTED_PROBLEMS} more" in error.describe().splitlines()[-1]


def test_repeated_problems_are_listed_once():
    data = {"schema_version": 1, "partners": _partners(3, kind="hospital")}
    with pytest.raises(ScenarioError) as caught:
        scenario_from_data(data)
    paths = [p.path for p in caught.value.problems]
    assert paths == ["partners[0].type", "partners[1].type", "partners[2].type"]


@pytest.mark.parametrize("json_format", [False, True])
def test_a_document_over_the_value_budget_is_refused_as_a_whole(json_format):
    data = {"schema_version": 1, "partners": _partners(20_000, kind="hospital")}
    text = json.dumps(data)
    error = problems_of(text, json_format=json_format)
    (problem,) = error.problems
    assert (problem.path, problem.code) == ("", "too_large")
    assert str(MAX_VALUES) in problem.message


def test_the_largest_valid_scenario_is_within_the_value_budget(kb):
    factors = {"partner_count": 500, "partner_types": ["pharma"]}
    data = {
        "schema_version": 1,
        "name": "n" * 200,
        "description": "d" * 5000,
        "partners": [{"name": "p" * 200, "type": "pharma"} for _ in range(500)],
        "factors": factors,
    }
    assert load_scenario_text(json.dumps(data), json_format=True).factors.partner_count == 500
    assert load_scenario_text(json.dumps(data), json_format=False).factors.partner_count == 500
