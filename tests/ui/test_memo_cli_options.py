"""The memo's length, page size and analyst notes on the command line (recommend, batch)."""

from __future__ import annotations

import io

from cli_support import run_cli
from pypdf import PdfReader
from support.paths import CONTRACT_EXAMPLES

TIME = ("--generated-at", "2026-11-23T09:30:00Z")


def test_recommend_writes_a_brief_letter_memo_with_the_notes(tmp_path):
    target = tmp_path / "memo.pdf"
    result = run_cli(
        "recommend", "--demo", "-f", "pdf", "-o", target, *TIME,
        "--length", "brief", "--page-size", "Letter", "--notes", "Board meets on 5 May.",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    reader = PdfReader(io.BytesIO(target.read_bytes()))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Board meets on 5 May." in text
    assert "The evidence: rules that fired" not in text


def test_the_full_memo_is_the_default(tmp_path):
    result = run_cli("recommend", "--demo", "-f", "markdown", *TIME)
    assert result.returncode == 0, result.stderr
    assert "## The evidence: rules that fired" in result.stdout


def test_an_unknown_length_is_a_usage_error_naming_the_choices():
    result = run_cli("recommend", "--demo", "-f", "markdown", "--length", "short")
    assert result.returncode == 2
    assert "'brief', 'full'" in result.stderr


def test_notes_over_the_limit_are_refused_before_anything_is_written(tmp_path):
    target = tmp_path / "memo.md"
    result = run_cli("recommend", "--demo", "-f", "markdown", "-o", target, "--notes", "x" * 4001)
    assert result.returncode == 2
    assert "analyst notes are 4001 characters long; at most 4000" in result.stderr
    assert not target.exists()


def test_batch_memos_carry_the_length_and_notes(tmp_path):
    example = CONTRACT_EXAMPLES / "cardiac-monitoring.yaml"
    result = run_cli(
        "batch", example, "-d", tmp_path, "-f", "markdown", "-j", "1", *TIME,
        "--length", "brief", "--notes", "Pilot in two hospitals first.",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    memo = (tmp_path / "cardiac-monitoring.md").read_text()
    assert "## Analyst notes\n\nPilot in two hospitals first." in memo
    assert "## The evidence: rules that fired" not in memo
