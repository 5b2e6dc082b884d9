"""Batch runs under faults (issue 10 item 6, issue 12 item 9): every input gets a row, one
file's failure never stops the rest, nothing is overwritten that should not be, and an
all-invalid batch creates nothing.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import threading
from pathlib import Path

from cli_support import run_cli
from support.paths import CONTRACT_EXAMPLES, ROOT

from ui.cli.batch import run_batch

VALID = ("cardiac-monitoring.yaml", "minimal-unknowns.yaml")
CASES = ROOT / "knowledge_base" / "cases"


def _folder(folder: Path, names=VALID) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copy(CONTRACT_EXAMPLES / name, folder / name)
    return folder


def _rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def test_a_batch_into_its_own_folder_never_overwrites_its_inputs(tmp_path):
    folder = tmp_path / "scenarios"
    folder.mkdir()
    for name in VALID:
        document = (CONTRACT_EXAMPLES / name).read_text(encoding="utf-8")
        from engine import load_scenario_text

        as_json = json.dumps(load_scenario_text(document).to_document())
        (folder / f"{Path(name).stem}.json").write_text(as_json, encoding="utf-8")
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    result = run_cli("batch", folder, "-d", folder, "-f", "json", "--force", "-j", "1")
    assert result.returncode == 0, result.stderr
    assert {name: (folder / name).read_bytes() for name in before} == before
    assert (folder / "cardiac-monitoring-2.json").is_file()


def test_an_all_invalid_batch_creates_nothing(tmp_path):
    inputs = _folder(tmp_path / "in", ("invalid-example.yaml",))
    output = tmp_path / "out"
    result = run_cli("batch", inputs, "-d", output, "-j", "1")
    assert result.returncode == 2
    assert not output.exists()
    assert "no summary.csv" in result.stderr


def test_a_symlink_loop_is_reported_and_later_files_still_complete(tmp_path):
    inputs = _folder(tmp_path / "in")
    loop = inputs / "aaa-loop.yaml"
    loop.symlink_to(loop)
    output = tmp_path / "out"
    result = run_cli("batch", loop, *(inputs / name for name in VALID), "-d", output, "-j", "1")
    assert result.returncode == 1
    assert "aaa-loop.yaml" in result.stderr
    rows = _rows(output / "summary.csv")
    assert [row["status"] for row in rows] == ["failed", "ok", "ok"]
    assert "Too many levels of symbolic links" in rows[0]["error"]


def test_validate_goes_on_past_a_file_it_cannot_open(tmp_path):
    loop = tmp_path / "loop.yaml"
    loop.symlink_to(loop)
    result = run_cli("validate", loop, CONTRACT_EXAMPLES / VALID[0])
    assert result.returncode == 1
    assert f"{CONTRACT_EXAMPLES / VALID[0]}: valid" in result.stdout
    assert "loop.yaml" in result.stderr


def test_every_summary_cell_is_quoted_and_cleaned(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    hostile = {
        "=cmd|' /C calc'!A0\rnext": "a",
        "\uff1dHYPERLINK(1)": "b",
        "@SUM(1)\u202egnp.exe": "c",
        "-1+1\x00\x1b[2J": "d",
    }
    for name, stem in hostile.items():
        document = {"schema_version": 1, "name": name}
        (inputs / f"{stem}.json").write_text(json.dumps(document), encoding="utf-8")
    output = tmp_path / "out"
    assert run_cli("batch", inputs, "-d", output, "-j", "1").returncode == 0
    raw = (output / "summary.csv").read_bytes()
    lines = raw.split(b"\r\n")
    assert lines[-1] == b"" and len(lines) == 6  # header, four rows, and the final line end
    assert all(line.startswith(b'"') and line.endswith(b'"') for line in lines[:-1])
    assert b"\r" not in raw.replace(b"\r\n", b"") and b"\n" not in raw.replace(b"\r\n", b"")
    text = raw.decode("utf-8")
    for forbidden in ("\x00", "\x1b", "\u202e"):
        assert forbidden not in text
    names = [row["scenario"] for row in _rows(output / "summary.csv")]
    assert all(name.startswith("'") for name in names), names


def test_a_teaching_case_file_is_read_as_its_scenario(tmp_path):
    case = sorted(CASES.glob("*.yaml"))[0]
    output = tmp_path / "out"
    result = run_cli("batch", case, "-d", output, "-j", "1")
    assert result.returncode == 0, result.stderr
    (row,) = _rows(output / "summary.csv")
    assert row["status"] == "ok" and row["recommendation"]


def test_recommend_reads_a_teaching_case_file():
    case = sorted(CASES.glob("*.yaml"))[0]
    result = run_cli("recommend", case)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["recommendation"]


def test_validate_says_in_one_line_that_a_file_is_a_teaching_case():
    case = sorted(CASES.glob("*.yaml"))[0]
    result = run_cli("validate", case)
    assert result.returncode == 2
    (problem,) = [line for line in result.stderr.splitlines() if line.startswith("  - ")]
    assert "a teaching case, not a scenario" in problem
    assert "'scenario:'" in problem


def test_two_batches_into_one_folder_never_overwrite_each_other(tmp_path):
    inputs = _folder(tmp_path / "in")
    output = tmp_path / "out"
    written: list[list[Path]] = []
    refused: list[str] = []

    def one_batch() -> None:
        try:
            result = run_batch([str(inputs)], output, "markdown", jobs=1, progress=None)
            written.append([p for p in result.written if p.suffix == ".md"])
            refused.extend(result.errors)
        except FileExistsError as exc:
            refused.append(str(exc))

    runs = [threading.Thread(target=one_batch) for _ in range(3)]
    for run in runs:
        run.start()
    for run in runs:
        run.join()
    claimed = [path for paths in written for path in paths]
    assert sorted(claimed) == sorted(output / f"{Path(n).stem}.md" for n in VALID)
    assert refused  # the others were told, not silently overwritten


def test_a_memo_that_cannot_be_written_fails_alone_within_a_workers_submission(tmp_path):
    # Eight scenarios on two workers go out several to a submission, so the blocked
    # memo is written (on the worker's writer thread) beside others that succeed.
    inputs = tmp_path / "in"
    inputs.mkdir()
    for number in range(8):
        shutil.copy(CONTRACT_EXAMPLES / VALID[0], inputs / f"scenario-{number}.yaml")
    output = tmp_path / "out"
    (output / "scenario-2.md").mkdir(parents=True)  # a folder where a memo should go
    result = run_batch([str(inputs)], output, "markdown", force=True, jobs=2, progress=None)
    statuses = [row.status for row in result.rows]
    assert statuses == ["ok", "ok", "failed", "ok", "ok", "ok", "ok", "ok"]
    assert len(result.errors) == 1 and "scenario-2" in result.errors[0]
    assert all((output / f"scenario-{n}.md").is_file() for n in range(8) if n != 2)
    assert (output / "scenario-2.md").is_dir()
    assert not list(output.glob(".*.part"))
