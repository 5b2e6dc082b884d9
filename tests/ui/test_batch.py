"""``alliance-advisor batch``: in-process through ``main``, and as a real process for the contract.

The PDF run and the Ctrl-C run go through a real process, the way a strategy team runs it.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from cli_support import CliResult, run_cli, run_cli_process
from pypdf import PdfReader
from support.paths import CONTRACT_EXAMPLES, ROOT

from engine import load_scenario, recommend
from ui.cli.summary import SUMMARY_COLUMNS

VALID = ("cardiac-monitoring.yaml", "minimal-unknowns.yaml")
INVALID = "invalid-example.yaml"
SUMMARY_HEADER = list(SUMMARY_COLUMNS)  # the original five, then the fate of every input


def _batch(*args: str | Path) -> CliResult:
    return run_cli("batch", *args)


def _scenario_folder(folder: Path, names: tuple[str, ...] = (*VALID, INVALID)) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copy(CONTRACT_EXAMPLES / name, folder / name)
    return folder


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _summary_rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))


@pytest.fixture(scope="module")
def mixed_run(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, Path, CliResult]:
    """A batch over a folder of two valid scenarios and one invalid one, to Markdown."""
    root = tmp_path_factory.mktemp("batch")
    inputs = _scenario_folder(root / "scenarios")
    output = root / "memos"
    return inputs, output, _batch(inputs, "--output-dir", output, "--format", "markdown")


def test_batch_exits_non_zero_when_a_scenario_is_invalid(mixed_run) -> None:
    _, _, run = mixed_run
    assert run.returncode == 2


def test_batch_writes_one_memo_per_valid_scenario_and_a_summary(mixed_run) -> None:
    _, output, _ = mixed_run
    assert sorted(p.name for p in output.iterdir()) == [
        "cardiac-monitoring.md",
        "minimal-unknowns.md",
        "summary.csv",
    ]


def test_batch_summary_has_one_row_per_input_valid_or_not(mixed_run) -> None:
    inputs, output, _ = mixed_run
    rows = _summary_rows(output / "summary.csv")
    expected = []
    for name in VALID:
        scenario = load_scenario(inputs / name)
        rec = recommend(scenario, robustness=False)
        expected.append(
            [
                scenario.name,
                rec.recommendation_name,
                f"{rec.confidence:.4f}",
                rec.why_not[0].name,
                f"{rec.why_not[0].gap:.4f}",
                rec.confidence_label,
                "ok",
                "",
                str(inputs / name),
            ]
        )
    assert rows[0][:5] == ["scenario", "recommendation", "confidence", "runner-up", "margin"]
    assert rows[0] == SUMMARY_HEADER
    by_file = {row[8]: row for row in rows[1:]}
    assert len(by_file) == len(rows) - 1 == 3
    assert [by_file[str(inputs / name)] for name in VALID] == expected
    invalid = by_file[str(inputs / INVALID)]
    assert invalid[0] == "invalid-example"
    assert invalid[1:6] == ["", "", "", "", ""]
    assert invalid[6] == "invalid"
    assert invalid[7].startswith("partners") and "(and 3 more)" in invalid[7]
    assert invalid[8] == str(inputs / INVALID)


def test_batch_reports_the_invalid_scenario_with_its_errors(mixed_run) -> None:
    inputs, _, run = mixed_run
    assert f"{inputs / INVALID}: 4 problems" in run.stderr
    for field in ("partners:", "factors.partner_count:", "factors.scope[1]:", "factors.trust:"):
        assert f"  - {field}" in run.stderr


def test_batch_leaves_only_complete_memos(mixed_run) -> None:
    _, output, _ = mixed_run
    assert not [p for p in output.iterdir() if p.name.startswith(".") or p.suffix == ".part"]
    for memo in output.glob("*.md"):
        text = memo.read_text(encoding="utf-8")
        assert text.startswith("# Alliance structure memo: ")
        assert "## Audit record" in text


def test_batch_shows_progress_on_stderr(mixed_run) -> None:
    _, output, run = mixed_run
    assert "3/3" in run.stderr
    assert f"wrote 2 memos and {output / 'summary.csv'}; 1 failed" in run.stderr


def test_batch_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    inputs = _scenario_folder(tmp_path / "in", VALID)
    output = tmp_path / "out"
    output.mkdir()
    (output / "cardiac-monitoring.md").write_text("keep me", encoding="utf-8")
    run = _batch(inputs, "--output-dir", output)
    assert run.returncode == 1
    assert "cardiac-monitoring.md exists" in run.stderr
    assert "--force" in run.stderr
    assert sorted(p.name for p in output.iterdir()) == ["cardiac-monitoring.md"]
    assert (output / "cardiac-monitoring.md").read_text(encoding="utf-8") == "keep me"


def test_batch_overwrites_with_force(tmp_path: Path) -> None:
    inputs = _scenario_folder(tmp_path / "in", VALID)
    output = tmp_path / "out"
    output.mkdir()
    (output / "cardiac-monitoring.md").write_text("old", encoding="utf-8")
    run = _batch(inputs, "--output-dir", output, "--force")
    assert run.returncode == 0, run.stderr
    assert (output / "cardiac-monitoring.md").read_text(encoding="utf-8").startswith("# Alliance")


def test_batch_accepts_files_and_glob_patterns(tmp_path: Path) -> None:
    inputs = _scenario_folder(tmp_path / "in")
    output = tmp_path / "out"
    run = _batch(inputs / "cardiac-*.yaml", inputs / "minimal-unknowns.yaml", "-d", output)
    assert run.returncode == 0, run.stderr
    assert len(_summary_rows(output / "summary.csv")) == 3


def test_batch_reports_an_input_that_names_nothing(tmp_path: Path) -> None:
    inputs = _scenario_folder(tmp_path / "in", VALID[:1])
    output = tmp_path / "out"
    run = _batch(inputs, tmp_path / "missing.yaml", tmp_path / "none-*.json", "-d", output)
    assert run.returncode == 2
    assert f"{tmp_path / 'missing.yaml'}: 1 problem" in run.stderr
    assert "no such file or folder" in run.stderr
    assert "no scenario file matches this pattern" in run.stderr
    assert (output / "cardiac-monitoring.md").is_file()


def test_batch_writes_readable_pdfs_with_two_workers(tmp_path: Path) -> None:
    inputs = _scenario_folder(tmp_path / "in", VALID)
    output = tmp_path / "out"
    run = run_cli_process(
        "batch", inputs, "-d", output, "--format", "pdf", "--jobs", "2", timeout=600
    )
    assert run.returncode == 0, run.stderr
    for name in ("cardiac-monitoring.pdf", "minimal-unknowns.pdf"):
        reader = PdfReader(output / name)
        assert reader.pages[0].extract_text().startswith("Alliance structure memo: ")


def test_batch_interrupted_leaves_no_partial_file(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    source = (CONTRACT_EXAMPLES / VALID[0]).read_text(encoding="utf-8")
    for number in range(40):
        (inputs / f"scenario-{number:02d}.yaml").write_text(source, encoding="utf-8")
    output = tmp_path / "out"
    command = [sys.executable, "-m", "ui.cli", "batch", str(inputs), "-d", str(output), "-f", "pdf"]
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
        # A job started in the background inherits SIGINT ignored; a terminal's does not.
        preexec_fn=_default_sigint,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not list(output.glob("*.pdf")):
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGINT)  # as Ctrl-C would: parent and workers alike
    process.communicate(timeout=120)
    assert not (output / "summary.csv").exists()  # the run really was cut short
    leftovers = [p.name for p in output.iterdir() if p.suffix == ".part" or p.name.startswith(".")]
    assert leftovers == []
    memos = list(output.glob("*.pdf"))
    assert 0 < len(memos) < 40
    for memo in memos:
        assert len(PdfReader(memo).pages) > 1


def test_a_failure_that_is_not_the_inputs_fault_exits_1_and_the_rest_complete(
    tmp_path: Path,
) -> None:
    inputs = _scenario_folder(tmp_path / "in", VALID)
    output = tmp_path / "out"
    blocked = output / f"{Path(VALID[0]).stem}.md"
    blocked.mkdir(parents=True)  # a folder where the first memo should go: writing it fails
    result = _batch(inputs, "--output-dir", output, "--format", "markdown", "--force")
    assert result.returncode == 1
    assert "could not process it" in result.stderr
    assert (output / f"{Path(VALID[1]).stem}.md").is_file()
    rows = _summary_rows(output / "summary.csv")
    assert [row[6] for row in rows[1:]] == ["failed", "ok"]  # a row for the failed one too
