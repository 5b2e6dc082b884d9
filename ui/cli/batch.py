"""Batch runs: one memo per scenario file, plus ``summary.csv``, across worker processes.

Inputs may be files, folders (their ``*.yaml``, ``*.yml`` and ``*.json`` files) or glob
patterns. Each scenario is loaded, recommended and rendered in a worker process, and its
memo is written atomically (``ui.cli.files``), so an interrupted run never leaves half a
file. A scenario that cannot be read, is invalid or fails for another reason is reported
and the others still complete; ``summary.csv`` has a row for every input.

Workers die with the batch: on Linux each asks the kernel for SIGKILL when its parent
dies (``PR_SET_PDEATHSIG``); elsewhere a watchdog thread exits when the parent is gone.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import glob
import importlib
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Iterable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

from tqdm import tqdm

from engine import (
    FieldProblem,
    ScenarioError,
    default_reasoner,
    load_scenario,
    load_scenario_text,
    recommend,
)
from ui.cli.files import remove_stale_parts, sync_folder, write_atomically
from ui.cli.summary import SUMMARY_COLUMNS, SummaryRow, summary_csv
from ui.memo import EXTENSIONS, MemoOptions, render_memo

SCENARIO_SUFFIXES = (".yaml", ".yml", ".json")
SUMMARY_NAME = "summary.csv"
_GLOB_CHARACTERS = frozenset("*?[")
_PR_SET_PDEATHSIG = 1


@dataclass
class BatchResult:
    """What a batch run wrote and what it could not do."""

    written: list[Path] = field(default_factory=list)
    failures: list[ScenarioError] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # failures that are not the input's fault
    rows: list[SummaryRow] = field(default_factory=list)  # every input, in input order
    summary: Path | None = None


@dataclass(frozen=True, slots=True)
class _Task:
    index: int
    source: Path
    target: Path
    fmt: str
    analyses: bool
    generated_at: datetime
    force: bool
    options: MemoOptions | None = None


@dataclass(frozen=True, slots=True)
class _Outcome:
    index: int
    row: SummaryRow
    # A ScenarioError's parts: the exception itself does not survive pickling.
    failure: tuple[str, tuple[FieldProblem, ...], int] | None = None
    error: str | None = None


def _problem(source: str, message: str) -> ScenarioError:
    return ScenarioError(source, [FieldProblem("", message, code="not_found")])


def _scenario_files(folder: Path) -> list[Path]:
    return sorted(
        p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in SCENARIO_SUFFIXES
    )


def _files_of(text: str) -> tuple[list[Path], ScenarioError | None]:
    """The scenario files one input names, or why it names none."""
    path = Path(text)
    if path.is_dir():
        files = _scenario_files(path)
        if not files:
            return [], _problem(text, "no *.yaml, *.yml or *.json file in this folder")
        return files, None
    if path.is_file():
        return [path], None
    if _GLOB_CHARACTERS & set(text):
        files = [
            Path(match)
            for match in sorted(glob.glob(text, recursive=True))
            if Path(match).is_file() and Path(match).suffix.lower() in SCENARIO_SUFFIXES
        ]
        if not files:
            return [], _problem(text, "no scenario file matches this pattern")
        return files, None
    if os.path.lexists(text):  # a dangling link, a FIFO, a device: let the reader say which
        return [path], None
    return [], _problem(text, "no such file or folder")


def expand_inputs(
    inputs: Iterable[str],
) -> tuple[list[Path], list[ScenarioError], list[tuple[str, str]]]:
    """The scenario files named by files, folders and glob patterns, in order, once each.

    A folder contributes its ``*.yaml``, ``*.yml`` and ``*.json`` files (not its
    subfolders); a pattern contributes the matching files with those suffixes; a file
    named directly is taken whatever its suffix.

    Returns:
        The files; one error for each input that names nothing; and each input that
        could not be looked at (a folder without permission), with the reason.
    """
    found: dict[Path, None] = {}
    failures: list[ScenarioError] = []
    unreadable: list[tuple[str, str]] = []
    for text in inputs:
        try:
            files, failure = _files_of(text)
        except OSError as exc:
            unreadable.append((text, f"{text}: cannot be read: {exc.strerror or exc}"))
            continue
        if failure is not None:
            failures.append(failure)
        for file in files:
            found.setdefault(file, None)
    return list(found), failures, unreadable


def _real(path: Path) -> str:
    """The path with links followed as far as they go (a link loop stays as it is)."""
    return os.path.realpath(path)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return _real(a) == _real(b) or (a.exists() and b.exists() and a.samefile(b))
    except OSError:
        return False


def memo_targets(sources: Sequence[Path], output_dir: Path, fmt: str) -> list[Path]:
    """Where each scenario's memo goes: its file name's stem, made unique with -2, -3...

    A name that is one of the inputs themselves is skipped, so a batch writing into its
    own input folder never overwrites a scenario.
    """
    extension = EXTENSIONS[fmt]
    inputs = {_real(source) for source in sources}
    taken: set[str] = {SUMMARY_NAME}
    targets = []
    for source in sources:
        name, number = f"{source.stem}.{extension}", 1
        while name in taken or _real(output_dir / name) in inputs:
            number += 1
            name = f"{source.stem}-{number}.{extension}"
        taken.add(name)
        targets.append(output_dir / name)
    return targets


def _failed_row(task: _Task, status: str, error: str) -> SummaryRow:
    return SummaryRow(
        source=task.source,
        memo=None,
        scenario=task.source.stem,
        status=status,
        error=error,
    )


def _memo(task: _Task) -> tuple[_Outcome, bytes | None]:
    """Load, recommend and render one scenario: its outcome, and the memo unless it failed."""
    try:
        scenario = load_scenario(task.source, case_files=True)
        rec = recommend(scenario, analyses=task.analyses, robustness=False, sensitivity=False)
        data = render_memo(
            rec, scenario, task.fmt, generated_at=task.generated_at, options=task.options
        )
    except ScenarioError as exc:
        first = exc.problems[0].describe() if exc.problems else "invalid"
        more = len(exc.problems) + exc.omitted - 1
        summary = first + (f" (and {more} more)" if more > 0 else "")
        return _Outcome(
            task.index,
            _failed_row(task, "invalid", summary),
            failure=(exc.source, exc.problems, exc.omitted),
        ), None
    except Exception as exc:  # noqa: BLE001 - one scenario's failure must not stop the batch
        return _failed(task, exc), None
    runner_up = rec.why_not[0] if rec.why_not else None
    row = SummaryRow(
        source=task.source,
        memo=task.target,
        scenario=scenario.name or task.source.stem,
        recommendation=rec.recommendation_name,
        confidence=rec.confidence,
        runner_up=runner_up.name if runner_up else "",
        margin=runner_up.gap if runner_up else 0.0,
        confidence_label=rec.confidence_label,
    )
    return _Outcome(task.index, row), data


def _failed(task: _Task, exc: Exception) -> _Outcome:
    reason = f"{type(exc).__name__}: {exc}"
    message = f"{task.source}: the advisor could not process it: {reason}"
    return _Outcome(task.index, _failed_row(task, "failed", reason), error=message)


def _write(task: _Task, data: bytes) -> None:
    write_atomically(task.target, data, force=task.force, tidy=False, sync=False)


def _process(task: _Task) -> _Outcome:
    """Load, recommend, render and write one scenario."""
    outcome, data = _memo(task)
    if data is None:
        return outcome
    try:
        _write(task, data)
    except Exception as exc:  # noqa: BLE001 - a memo that cannot be written fails alone
        return _failed(task, exc)
    return outcome


_CHUNK = 8


def _chunks(tasks: list[_Task], jobs: int) -> list[list[_Task]]:
    """The tasks in submissions of a few, smaller towards the end (guided scheduling).

    One round trip to a worker costs about as much as a small part of a memo, so most
    submissions carry up to ``_CHUNK`` scenarios; the last ones shrink to one scenario
    each, so the workers finish together instead of one idling while the other works
    through a last full submission.

    >>> [len(chunk) for chunk in _chunks(list(range(40)), 2)]
    [8, 8, 6, 4, 3, 2, 2, 1, 1, 1, 1, 1, 1, 1]
    """
    chunks: list[list[_Task]] = []
    start = 0
    while start < len(tasks):
        size = max(1, min(_CHUNK, (len(tasks) - start) // (jobs * 2)))
        chunks.append(tasks[start : start + size])
        start += size
    return chunks


def _process_all(tasks: list[_Task]) -> list[_Outcome]:
    """``_process`` for each of a few tasks, in one worker round trip (runs in a worker).

    Each memo is written on the worker's writer thread while the next one is reasoned:
    syncing a file to disk waits about 3 ms for the device, which the reasoning fills.
    Every write has finished, and its failure is reported, before this returns.
    """
    if len(tasks) == 1:
        return [_process(tasks[0])]
    writer = _writer()
    pending: list[tuple[_Task, _Outcome, Future[None] | None]] = []
    for task in tasks:
        outcome, data = _memo(task)
        pending.append((task, outcome, None if data is None else writer.submit(_write, task, data)))
    outcomes = []
    for task, outcome, writing in pending:
        try:
            if writing is not None:
                writing.result()
        except Exception as exc:  # noqa: BLE001 - a memo that cannot be written fails alone
            outcome = _failed(task, exc)
        outcomes.append(outcome)
    return outcomes


_WRITER: tuple[int, ThreadPoolExecutor] | None = None


def _writer() -> ThreadPoolExecutor:
    """This process's writer thread (threads do not survive a fork: one per process id)."""
    global _WRITER
    if _WRITER is None or _WRITER[0] != os.getpid():
        _WRITER = (os.getpid(), ThreadPoolExecutor(max_workers=1, thread_name_prefix="memo-writer"))
    return _WRITER[1]


def _die_with_parent(parent: int) -> None:
    """Make this worker end when the batch process that started it ends, however it ends."""
    libc_name = ctypes.util.find_library("c") if sys.platform.startswith("linux") else None
    armed = False
    if libc_name:
        libc = ctypes.CDLL(libc_name, use_errno=True)
        armed = libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    if os.getppid() != parent:  # the parent died before the signal was armed
        os._exit(1)
    if not armed:
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


# A memo allocates a few thousand objects that refcounting frees at once; collecting
# the youngest generation every 700 of them cost a worker about 0.5 ms a memo (~650
# collections per 200 memos) and found next to nothing. At 5,000 it collects rarely.
_WORKER_GC_THRESHOLD = 5000


def _start_worker(parent: int) -> None:
    """Tie the worker to its parent, then load the knowledge base (already loaded if forked)."""
    _die_with_parent(parent)
    gc.set_threshold(_WORKER_GC_THRESHOLD, *gc.get_threshold()[1:])
    default_reasoner()


def _warm_renderer(fmt: str, analyses: bool) -> None:
    """Reason and render once, and draw one chart, so forked workers start ready.

    A first recommendation builds the compiled rules and every factor's classes of
    values; importing matplotlib, fpdf2 and python-docx and setting up matplotlib's
    fonts take seconds. Done once here, every forked worker inherits them.
    """
    blank = load_scenario_text("schema_version: 1")
    rec = recommend(blank, analyses=analyses, robustness=False, sensitivity=False)
    render_memo(rec, blank, fmt, generated_at=datetime.now(UTC))
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
    return ProcessPoolExecutor(
        max_workers=jobs, mp_context=context, initializer=_start_worker, initargs=(os.getpid(),)
    )


def _bar(total: int, progress: TextIO | None) -> tqdm:
    return tqdm(total=total, desc="memos", unit="scenario", file=progress, disable=progress is None)


def _run_tasks(tasks: list[_Task], jobs: int, progress: TextIO | None) -> dict[int, _Outcome]:
    outcomes: dict[int, _Outcome] = {}
    if jobs <= 1 or len(tasks) <= 1:
        with _bar(len(tasks), progress) as bar:
            for task in tasks:
                outcomes[task.index] = _process(task)
                bar.update()
        return outcomes
    pool = _pool(min(jobs, len(tasks)))
    chunks = _chunks(tasks, jobs)
    try:
        futures: dict[Future[list[_Outcome]], list[_Task]] = {
            pool.submit(_process_all, chunk): chunk for chunk in chunks
        }
        with _bar(len(tasks), progress) as bar:
            for future in as_completed(futures):
                chunk = futures[future]
                try:
                    done = future.result()
                except Exception as exc:  # noqa: BLE001 - a worker that died, say
                    reason = f"{type(exc).__name__}: {exc}"
                    done = [
                        _Outcome(
                            task.index,
                            _failed_row(task, "failed", reason),
                            error=f"{task.source}: the advisor could not process it: {reason}",
                        )
                        for task in chunk
                    ]
                for outcome in done:
                    outcomes[outcome.index] = outcome
                bar.update(len(chunk))
    except BaseException:
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)
    return outcomes


def _refuse_existing(targets: Sequence[Path], summary_path: Path) -> None:
    """Without ``--force``, refuse up front if any output exists, naming the first.

    The writes themselves are exclusive creates as well, so an output that appears
    after this check is still never overwritten.
    """
    existing = [p for p in [*targets, summary_path] if os.path.lexists(p)]
    if existing:
        more = f" (and {len(existing) - 1} more)" if len(existing) > 1 else ""
        raise FileExistsError(f"{existing[0]} exists{more}; use --force to overwrite")


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
    options: MemoOptions | None = None,
) -> BatchResult:
    """Write one memo per scenario and a ``summary.csv`` into ``output_dir``.

    Nothing is created (not even ``output_dir``) unless at least one memo is written.

    Args:
        inputs: scenario files, folders or glob patterns.
        output_dir: where memos and ``summary.csv`` go (created if missing).
        fmt: ``markdown``, ``docx``, ``pdf`` or ``json``.
        force: overwrite regular files that already exist.
        jobs: worker processes.
        analyses: include what-if changes and next questions in each memo (the costly
            part of a recommendation); the robustness sampling is always left out.
        progress: stream for the progress bar; ``None`` for none.
        generated_at: the memos' timestamp; now by default.
        options: the memos' length, page size and analyst notes (full, A4, none by default).

    Returns:
        The files written (memos in input order, then ``summary.csv``), the rows of
        ``summary.csv`` (inputs that name nothing first, then each file), one
        ``ScenarioError`` for each input or scenario that is invalid, and the errors
        that are not the input's fault.

    Raises:
        FileExistsError: an output file exists and ``force`` is false; nothing is written.
        KnowledgeBaseError: the knowledge base does not load.
        ValueError: ``fmt`` is not a known format.
    """
    if fmt not in EXTENSIONS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(EXTENSIONS)}")
    output_dir = Path(output_dir)
    sources, input_failures, unreadable = expand_inputs(inputs)
    targets = memo_targets(sources, output_dir, fmt)
    summary_path = output_dir / SUMMARY_NAME
    if any(_same_file(summary_path, source) for source in sources):
        raise FileExistsError(f"{summary_path} is one of the inputs; choose another --output-dir")
    if not force:
        _refuse_existing(targets, summary_path)
    if output_dir.is_dir():
        remove_stale_parts(output_dir)
    default_reasoner()  # a broken knowledge base fails here, once, not in every worker
    _warm_renderer(fmt, analyses)
    moment = generated_at or datetime.now(UTC)
    tasks = [
        _Task(index, source, target, fmt, analyses, moment, force, options)
        for index, (source, target) in enumerate(zip(sources, targets, strict=True))
    ]
    outcomes = _run_tasks(tasks, jobs, progress)
    result = _collect(tasks, outcomes, input_failures, unreadable)
    if result.written:  # an all-invalid batch creates nothing
        sync_folder(output_dir)  # every memo's name, flushed once (each file was)
        try:
            write_atomically(summary_path, summary_csv(result.rows), force=force)
        except OSError as exc:  # another run's summary, say: the memos stand, say so
            result.errors.append(f"{summary_path}: not written: {exc}")
        else:
            result.written.append(summary_path)
            result.summary = summary_path
    if progress is not None:
        where = f" and {summary_path}" if result.summary else " (no summary.csv: nothing written)"
        count = len(result.written) - (1 if result.summary else 0)
        print(
            f"wrote {count} memo{'s' if count != 1 else ''}{where};"
            f" {len(result.failures) + len(result.errors)} failed",
            file=progress,
        )
    return result


def _collect(
    tasks: list[_Task],
    outcomes: dict[int, _Outcome],
    input_failures: list[ScenarioError],
    unreadable: list[tuple[str, str]],
) -> BatchResult:
    """The result: every input's row in input order, memos written, failures and errors."""
    result = BatchResult(failures=list(input_failures))
    for failure in input_failures:
        reason = failure.problems[0].message if failure.problems else "names nothing"
        result.rows.append(
            SummaryRow(Path(failure.source), None, failure.source, status="invalid", error=reason)
        )
    for text, message in unreadable:
        result.errors.append(message)
        result.rows.append(SummaryRow(Path(text), None, text, status="failed", error=message))
    for task in tasks:
        outcome = outcomes[task.index]
        result.rows.append(outcome.row)
        if outcome.failure is not None:
            source, problems, omitted = outcome.failure
            result.failures.append(ScenarioError(source, list(problems), omitted))
        elif outcome.error is not None:
            result.errors.append(outcome.error)
        elif outcome.row.memo is not None:
            result.written.append(outcome.row.memo)
    return result


__all__ = [
    "SCENARIO_SUFFIXES",
    "SUMMARY_COLUMNS",
    "SUMMARY_NAME",
    "BatchResult",
    "SummaryRow",
    "expand_inputs",
    "memo_targets",
    "run_batch",
    "summary_csv",
]
