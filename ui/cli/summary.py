r"""``summary.csv``: one row per batch input, every cell quoted and made safe to open.

A spreadsheet runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and, in some,
their fullwidth forms ``＝＋－＠``) as a formula, and a reader that takes a bare CR
for a line break would start a new row inside a cell. So every text cell has its
control characters, line breaks and direction overrides replaced by spaces, a cell
that would start a formula gets a leading apostrophe, and every cell is quoted.

>>> clean_cell("=cmd|' /C calc'!A0")
"'=cmd|' /C calc'!A0"
>>> clean_cell("a\rb\x00c\u202ed")
'a b c d'
>>> clean_cell("＝1+1")
"'＝1+1"
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ui.cli.text import UNSAFE

SUMMARY_COLUMNS = (
    "scenario",
    "recommendation",
    "confidence",
    "runner-up",
    "margin",
    "confidence-label",
    "status",
    "error",
    "file",
)
"""The first five are the original columns; the rest tell every input's fate."""

_FORMULA_STARTS = ("=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20")


@dataclass(frozen=True, slots=True)
class SummaryRow:
    """One input's line of ``summary.csv``: ``status`` is ok, invalid or failed."""

    source: Path
    memo: Path | None
    scenario: str
    recommendation: str = ""
    confidence: float | None = None
    runner_up: str = ""
    margin: float | None = None
    confidence_label: str = ""
    status: str = "ok"
    error: str = ""


def clean_cell(value: str) -> str:
    """A text cell with no control or direction characters, never starting a formula."""
    text = UNSAFE.sub(" ", value)
    return "'" + text if text.lstrip().startswith(_FORMULA_STARTS) else text


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:.4f}"


def summary_csv(rows: Iterable[SummaryRow]) -> bytes:
    """``summary.csv`` (UTF-8, CRLF line ends, every cell quoted) for the rows given."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(SUMMARY_COLUMNS)
    for row in rows:
        writer.writerow(
            (
                clean_cell(row.scenario),
                clean_cell(row.recommendation),
                _number(row.confidence),
                clean_cell(row.runner_up),
                _number(row.margin),
                clean_cell(row.confidence_label),
                row.status,
                clean_cell(row.error),
                clean_cell(str(row.source)),
            )
        )
    return buffer.getvalue().encode("utf-8")


__all__ = ["SUMMARY_COLUMNS", "SummaryRow", "clean_cell", "summary_csv"]
