"""Reproducible memos: a fixed generation time gives the same bytes in every format.

``--generated-at`` or ``SOURCE_DATE_EPOCH`` fixes the time the memo states; nothing else in
a memo may depend on the clock (Word files are zip packages whose entries carry a date).
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from datetime import UTC, datetime

import pytest
from cli_support import run_cli
from support.paths import ROOT

from engine import dump_scenario
from ui.memo import render_memo


def test_word_entries_are_dated_by_the_memo_not_the_clock(demo, demo_rec):
    moment = datetime(2024, 5, 1, 9, 30, 0, tzinfo=UTC)
    package = zipfile.ZipFile(io.BytesIO(render_memo(demo_rec, demo, "docx", generated_at=moment)))
    assert {entry.date_time for entry in package.infolist()} == {(2024, 5, 1, 9, 30, 0)}


def test_word_entries_of_a_memo_before_1980_are_dated_1980(demo, demo_rec):
    moment = datetime(1970, 1, 1, tzinfo=UTC)
    package = zipfile.ZipFile(io.BytesIO(render_memo(demo_rec, demo, "docx", generated_at=moment)))
    assert {entry.date_time for entry in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def _memo_in_a_process(tmp_path, fmt: str, name: str) -> bytes:
    target = tmp_path / name
    environment = {**os.environ, "SOURCE_DATE_EPOCH": "1714555800"}
    done = subprocess.run(
        [sys.executable, "-m", "ui.cli", "recommend", "--demo", "-f", fmt, "-o", str(target)],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return target.read_bytes()


@pytest.mark.parametrize("fmt", ["markdown", "docx", "pdf"])
def test_source_date_epoch_makes_memos_byte_identical_across_processes(tmp_path, fmt):
    first = _memo_in_a_process(tmp_path, fmt, "first")
    second = _memo_in_a_process(tmp_path, fmt, "second")
    assert first == second


def test_source_date_epoch_is_the_time_the_memo_states(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1714555800")
    result = run_cli("recommend", "--demo", "--format", "markdown")
    assert result.returncode == 0, result.stderr
    assert "2024-05-01T09:30:00Z" in result.stdout


def test_generated_at_wins_over_source_date_epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1714555800")
    result = run_cli(
        "recommend", "--demo", "--format", "markdown", "--generated-at", "2025-02-03T04:05:06Z"
    )
    assert "2025-02-03T04:05:06Z" in result.stdout


def test_a_generated_at_that_is_not_a_time_is_a_usage_error():
    result = run_cli("recommend", "--demo", "--format", "markdown", "--generated-at", "tuesday")
    assert result.returncode == 2
    assert "ISO 8601" in result.stderr
    assert result.stdout == ""


def test_a_source_date_epoch_that_is_not_seconds_is_a_usage_error(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    result = run_cli("recommend", "--demo", "--format", "markdown")
    assert result.returncode == 2
    assert "SOURCE_DATE_EPOCH" in result.stderr


def test_batch_memos_carry_the_fixed_time(tmp_path, demo):
    source = tmp_path / "in" / "demo.yaml"
    source.parent.mkdir()
    source.write_text(dump_scenario(demo), encoding="utf-8")
    result = run_cli(
        "batch", source, "-d", tmp_path / "out", "-f", "markdown", "-j", "1",
        "--generated-at", "2024-05-01T09:30:00Z",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "2024-05-01T09:30:00Z" in (tmp_path / "out" / "demo.md").read_text(encoding="utf-8")
