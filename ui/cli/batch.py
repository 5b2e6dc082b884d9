"""Batch runs: one memo per scenario file, plus ``summary.csv``, across worker processes.

Inputs may be files, folders (their ``*.yaml``, ``*.yml`` and ``*.json`` files) or glob
patterns. Each scenario is loaded, recommended and rendered in a worker process, and its
memo is written atomically, so an interrupted run never leaves half a file. A scenario
that cannot be read or is invalid is reported and the others still complete.
"""

from __future__ import annotations

import csv
import gc
import glob
import importlib
import io
import multiprocessing
import sys
from collections.abc import Iterable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

from tqdm import tqdm

from engine import FieldProblem, ScenarioError, default_reasoner, load_scenario, recommend
from ui.cli.files import write_atomically
from ui.memo import EXTENSIONS, render_memo

SCENARIO_SUFFIXES = (".yaml", ".yml", ".json")
SUMMARY_NAME = "summary.csv"
SUMMARY_COLUMNS = ("scenario", "recommendation", "confidence", "runner-up", "margin")
_GLOB_CHARACTERS = frozenset("*?[")
# A cell starting with one of these is a formula to a spreadsheet; a leading apostrophe
# makes it text again (the usual defence against CSV formula injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True, slots=True)
class SummaryRow:
    """One scenario's line of ``summary.csv``."""

    source: Path
    memo: Path
    scenario: str
    recommendation: str
    confidence: float
    runner_up: str
    margin: float


@dataclass
class BatchResult:
    """What a batch run wrote and what it could not do."""

    written: list[Path] = field(default_factory=list)
    failures: list[ScenarioError] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # failures that are not the input's fault
    rows: list[SummaryRow] = field(default_factory=list)
    summary: Path | None = None


@dataclass(frozen=True, slots=True)
class _Task:
    index: int
    source: Path
    target: Path
    fmt: str
    analyses: bool
    generated_at: datetime


@dataclass(frozen=True, slots=True)
class _Outcome:
    index: int
    row: SummaryRow | None = None
    # A ScenarioError's parts: the exception itself does not survive pickling.
    failure: tuple[str, tuple[FieldProblem, ...]] | None = None
    error: str | None = None


def _problem(source: str, message: str) -> ScenarioError:
    return ScenarioError(source, [FieldProblem("", message)])


def expand_inputs(inputs: Iterable[str]) -> tuple[list[Path], list[ScenarioError]]:
    """The scenario files named by files, folders and glob patterns, in order, once each.

    A folder contributes its ``*.yaml``, ``*.yml`` and ``*.json`` files (not its
    subfolders); a pattern contributes the matching files with those suffixes; a file
    named directly is taken whatever its suffix.

    Returns:
        The files, and one error for each input that names nothing.
    """
    found: dict[Path, None] = {}
    failures: list[ScenarioError] = []

    def scenario_files(folder: Path) -> list[Path]:
        return sorted(
            p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in SCENARIO_SUFFIXES
        )

    for text in inputs:
        path = Path(text)
        if path.is_dir():
            files = scenario_files(path)
            if not files:
                failures.append(_problem(text, "no *.yaml, *.yml or *.json file in this folder"))
        elif path.is_file():
            files = [path]
        elif _GLOB_CHARACTERS & set(text):
            files = [
                Path(match)
                for match in sorted(glob.glob(text, recursive=True))
                if Path(match).is_file() and Path(match).suffix.lower() in SCENARIO_SUFFIXES
            ]
            if not files:
                failures.append(_problem(text, "no scenario file matches this pattern"))
        else:
            failures.append(_problem(text, "no such file or folder"))
            files = []
        for file in files:
            found.setdefault(file, None)
    return list(found), failures


def memo_targets(sources: Sequence[Path], output_dir: Path, fmt: str) -> list[Path]:
    """Where each scenario's memo goes: its file name's stem, made unique with -2, -3..."""
    extension = EXTENSIONS[fmt]
    taken: set[str] = {SUMMARY_NAME}
    targets = []
    for source in sources:
        name, number = f"{source.stem}.{extension}", 1
        while name in taken:
            number += 1
            name = f"{source.stem}-{number}.{extension}"
        taken.add(name)
        targets.append(output_dir / name)
    return targets


def _safe_cell(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def summary_csv(rows: Iterable[SummaryRow]) -> bytes:
    """``summary.csv``: scenario, recommendation, confidence, runner-up and margin."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(SUMMARY_COLUMNS)
    for row in rows:
        writer.writerow(
            (
                _safe_cell(row.scenario),
                _safe_cell(row.recommendation),
                f"{row.confidence:.4f}",
                _safe_cell(row.runner_up),
                f"{row.margin:.4f}",
            )
        )
    return buffer.getvalue().encode("utf-8")


def _process(task: _Task) -> _Outcome:
    """Load, recommend, render and write one scenario (runs in a worker process)."""
    try:
        scenario = load_scenario(task.source)
        rec = recommend(scenario, analyses=task.analyses, robustness=False, sensitivity=False)
        data = render_memo(rec, scenario, task.fmt, generated_at=task.generated_at)
        write_atomically(task.target, data)
    except ScenarioError as exc:
        return _Outcome(task.index, failure=(exc.source, exc.problems))
    except Exception as exc:  # noqa: BLE001 - one scenario's failure must not stop the batch
        message = f"{task.source}: the advisor could not process it: {type(exc).__name__}: {exc}"
        return _Outcome(task.index, error=message)
    runner_up = rec.why_not[0] if rec.why_not else None
    row = SummaryRow(
        source=task.source,
        memo=task.target,
        scenario=scenario.name or task.source.stem,
        recommendation=rec.recommendation_name,
        confidence=rec.confidence,
        runner_up=runner_up.name if runner_up else "",
        margin=runner_up.gap if runner_up else 0.0,
    )
    return _Outcome(task.index, row=row)


def _warm_worker() -> None:
    """Load the knowledge base once per worker (already loaded when workers are forked)."""
    default_reasoner()


def _warm_renderer(fmt: str) -> None:
    """Import the renderer and draw one chart, so forked workers start ready.

    Importing matplotlib, fpdf2 and python-docx and setting up matplotlib's fonts take
    seconds; done once here, every forked worker inherits them.
    """
    if fmt not in ("docx", "pdf"):
        return
    from ui.memo.chart import ranking_chart_png
    from ui.memo.model import ChartBar

    importlib.import_module(f"ui.memo.{fmt}")
    ranking_chart_png([ChartBar("form", "Form", 1, 0.0, 0.0, 0.0, False, True)], dpi=10)


def _pool(jobs: int) -> ProcessPoolExecutor:
    # Forked workers inherit the parent's compiled knowledge base instead of rebuilding it.
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    # Move everything the parent holds out of the garbage collector's reach, so the
    # forked workers' collections do not touch (and so copy) every inherited page.
    gc.freeze()
    return ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_warm_worker)


def _run_tasks(tasks: list[_Task], jobs: int, progress: TextIO | None) -> dict[int, _Outcome]:
    outcomes: dict[int, _Outcome] = {}
    if jobs <= 1 or len(tasks) <= 1:
        with tqdm(
            total=len(tasks), desc="memos", unit="scenario", file=progress, disable=progress is None
        ) as bar:
            for task in tasks:
                outcomes[task.index] = _process(task)
                bar.update()
        return outcomes
    pool = _pool(min(jobs, len(tasks)))
    futures: list[Future[_Outcome]] = []
    try:
        futures = [pool.submit(_process, task) for task in tasks]
        with tqdm(
            total=len(tasks), desc="memos", unit="scenario", file=progress, disable=progress is None
        ) as bar:
            for future in as_completed(futures):
                outcome = future.result()
                outcomes[outcome.index] = outcome
                bar.update()
    except BaseException:
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)
    return outcomes


def run_batch(
    inputs: Sequence[str],
    output_dir: Path,
    fmt: str,
    *,
    force: bool = False,
    jobs: int = 2,
    analyses: bool = True,
    progress: TextIO | None = sys.stderr,
    generated_at: datetime | None = None,
) -> BatchResult:
    """Write one memo per scenario and a ``summary.csv`` into ``output_dir``.

    Args:
        inputs: scenario files, folders or glob patterns.
        output_dir: where memos and ``summary.csv`` go (created if missing).
        fmt: ``markdown``, ``docx``, ``pdf`` or ``json``.
        force: overwrite files that already exist.
        jobs: worker processes.
        analyses: include what-if changes and next questions in each memo (the costly
            part of a recommendation); the robustness sampling is always left out.
        progress: stream for the progress bar; ``None`` for none.
        generated_at: the memos' timestamp; now by default.

    Returns:
        The files written (memos in input order, then ``summary.csv``) and one
        ``ScenarioError`` for each input or scenario that failed.

    Raises:
        FileExistsError: an output file exists and ``force`` is false; nothing is written.
        KnowledgeBaseError: the knowledge base does not load.
        ValueError: ``fmt`` is not a known format.
    """
    if fmt not in EXTENSIONS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(EXTENSIONS)}")
    output_dir = Path(output_dir)
    sources, input_failures = expand_inputs(inputs)
    targets = memo_targets(sources, output_dir, fmt)
    summary_path = output_dir / SUMMARY_NAME
    if not force:
        existing = [p for p in [*targets, summary_path] if p.exists()]
        if existing:
            more = f" (and {len(existing) - 1} more)" if len(existing) > 1 else ""
            raise FileExistsError(f"{existing[0]} exists{more}; use --force to overwrite")
    default_reasoner()  # a broken knowledge base fails here, once, not in every worker
    _warm_renderer(fmt)
    moment = generated_at or datetime.now(UTC)
    tasks = [
        _Task(index, source, target, fmt, analyses, moment)
        for index, (source, target) in enumerate(zip(sources, targets, strict=True))
    ]
    outcomes = _run_tasks(tasks, jobs, progress)

    result = BatchResult(failures=list(input_failures))
    for index in range(len(tasks)):
        outcome = outcomes[index]
        if outcome.row is not None:
            result.rows.append(outcome.row)
            result.written.append(outcome.row.memo)
        elif outcome.failure is not None:
            result.failures.append(ScenarioError(outcome.failure[0], list(outcome.failure[1])))
        elif outcome.error is not None:
            result.errors.append(outcome.error)
    write_atomically(summary_path, summary_csv(result.rows))
    result.written.append(summary_path)
    result.summary = summary_path
    if progress is not None:
        print(
            f"wrote {len(result.rows)} memo{'s' if len(result.rows) != 1 else ''} and"
            f" {summary_path}; {len(result.failures) + len(result.errors)} failed",
            file=progress,
        )
    return result


__all__ = [
    "SCENARIO_SUFFIXES",
    "SUMMARY_COLUMNS",
    "BatchResult",
    "SummaryRow",
    "expand_inputs",
    "memo_targets",
    "run_batch",
    "summary_csv",
]
