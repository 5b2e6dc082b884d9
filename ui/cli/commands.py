"""The ``alliance-advisor`` command line: recommend, validate, batch, kb check, app.

Exit codes (contract): 0 success; 2 invalid input (each offending field named on
standard error, nothing written); 1 any other failure (one line, no traceback unless
``--debug``).
"""

from __future__ import annotations

import sys
import traceback
from contextlib import redirect_stderr, redirect_stdout
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TextIO

import typer

from engine import (
    AdvisorError,
    KnowledgeBaseError,
    Recommendation,
    Scenario,
    ScenarioError,
    default_reasoner,
    load_scenario,
    recommend,
    scenario_from_data,
)
from ui.cli.help_text import tidy_help
from ui.cli.moment import generation_time
from ui.cli.text import printable

if TYPE_CHECKING:
    from ui.memo import MemoOptions

EXIT_OK, EXIT_FAILURE, EXIT_INVALID = 0, 1, 2


class OutputFormat(StrEnum):
    """Formats ``recommend`` and ``batch`` can write."""

    json = "json"
    markdown = "markdown"
    docx = "docx"
    pdf = "pdf"


class _State:
    """The streams and options of the command line being run (set by ``main`` for each run)."""

    debug = False
    stdout: TextIO = sys.stdout
    stderr: TextIO = sys.stderr


app = typer.Typer(
    name="alliance-advisor",
    rich_markup_mode=None,  # plain help: no type labels such as <bool> beside each flag
    help="Recommend and explain the structure of a healthcare or life-science alliance.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
kb_app = typer.Typer(
    help="Check the knowledge base, measure its accuracy, re-fit its weights.",
    no_args_is_help=True,
)
app.add_typer(kb_app, name="kb")


def _print_version(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version

        try:
            number = version("alliance-advisor")
        except PackageNotFoundError:  # pragma: no cover - run from a bare source tree
            number = "unknown"
        typer.echo(f"alliance-advisor {number}", file=_State.stdout)
        raise typer.Exit(EXIT_OK)


@app.callback()
def _options(
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks on failure.")] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", is_eager=True, callback=_print_version, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    _State.debug = _State.debug or debug


def _render(
    rec: Recommendation,
    scenario: Scenario,
    fmt: OutputFormat,
    generated_at: datetime,
    layout: MemoLayout,
) -> bytes:
    from ui.memo import render_memo  # imported lazily: only memo formats need it

    options = layout.options(generated_at)
    return render_memo(rec, scenario, fmt.value, generated_at=generated_at, options=options)


GeneratedAt = Annotated[
    str | None,
    typer.Option(
        "--generated-at",
        metavar="TIME",
        help="The memo's time (ISO 8601, e.g. 2024-05-01T09:30:00Z) instead of now;"
        " SOURCE_DATE_EPOCH does the same. A fixed time gives byte-identical memos.",
    ),
]


class MemoLength(StrEnum):
    """How much of the evidence a memo carries after its one-to-two-page front."""

    brief = "brief"
    full = "full"


class PageSize(StrEnum):
    """The page size of PDF and Word memos."""

    A4 = "A4"
    Letter = "Letter"


Length = Annotated[
    MemoLength,
    typer.Option(
        "--length",
        help="brief: the 1-2 page front, governance and sources; full: every piece of evidence.",
    ),
]
Size = Annotated[PageSize, typer.Option("--page-size", help="A4 or Letter (PDF and Word).")]
Notes = Annotated[
    str | None,
    typer.Option("--notes", metavar="TEXT", help="Analyst notes to carry into the memo."),
]


class MemoLayout:
    """The memo options given on the command line, checked once."""

    def __init__(self, length: MemoLength, page_size: PageSize, notes: str | None) -> None:
        from ui.memo import MemoOptions

        try:
            MemoOptions(length=length.value, page_size=page_size.value, notes=notes)
        except ValueError as exc:
            raise typer.BadParameter(str(exc), param_hint="--notes") from None
        self.length, self.page_size, self.notes = length.value, page_size.value, notes

    def options(self, generated_at: datetime) -> MemoOptions:
        """The memo options with the memo's time."""
        from ui.memo import MemoOptions

        return MemoOptions(self.length, self.page_size, self.notes, generated_at)


def _memo_time(option: str | None) -> datetime:
    try:
        return generation_time(option)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


@app.command("recommend")
def recommend_command(
    scenario_path: Annotated[
        Path | None,
        typer.Argument(
            metavar="SCENARIO",
            help="Scenario file (YAML or JSON); a teaching-case file is read too.",
        ),
    ] = None,
    fmt: Annotated[
        OutputFormat,
        typer.Option("--format", "-f", metavar="FORMAT", help="json, markdown, docx or pdf."),
    ] = OutputFormat.json,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="PATH",
            help="Write here instead of standard output ('-' is standard output).",
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace an existing output file (a regular file).")
    ] = False,
    demo: Annotated[bool, typer.Option("--demo", help="Use the built-in demo scenario.")] = False,
    generated_at: GeneratedAt = None,
    length: Length = MemoLength.full,
    page_size: Size = PageSize.A4,
    notes: Notes = None,
) -> None:
    """Recommend an alliance form for one scenario."""
    from ui.cli.files import check_target, is_stdout, write_atomically

    if (scenario_path is None) == (not demo):
        raise typer.BadParameter("give a SCENARIO file or --demo (not both)")
    moment = _memo_time(generated_at)
    layout = MemoLayout(length, page_size, notes)
    scenario = (
        scenario_from_data(default_reasoner().kb.demo, "demo scenario")
        if demo
        else load_scenario(scenario_path, case_files=True)  # type: ignore[arg-type]
    )
    to_stdout = output is None or is_stdout(output)
    if output is not None and not to_stdout:
        check_target(output, force=force)  # refused before the work, not after it
    if to_stdout and fmt in (OutputFormat.docx, OutputFormat.pdf) and output is None:
        raise typer.BadParameter(f"--format {fmt.value} needs --output PATH (or '-o -')")
    # Memos do not show the sensitivity table, which needs every variant re-run.
    rec = recommend(scenario, sensitivity=fmt is OutputFormat.json)
    if fmt is OutputFormat.json:
        data = rec.to_json().encode("utf-8")
    else:
        data = _render(rec, scenario, fmt, moment, layout)
    if to_stdout:
        _write_stdout(data, binary=fmt in (OutputFormat.docx, OutputFormat.pdf))
    else:
        write_atomically(output, data, force=force)  # type: ignore[arg-type]
        typer.echo(f"wrote {printable(str(output))}", file=_State.stderr)


def _write_stdout(data: bytes, *, binary: bool) -> None:
    if not binary:
        _State.stdout.write(data.decode("utf-8"))
        return
    buffer = getattr(_State.stdout, "buffer", None)
    if buffer is None:
        raise typer.BadParameter("standard output here takes text only; give --output PATH")
    _State.stdout.flush()
    buffer.write(data)
    buffer.flush()


@app.command("validate")
def validate_command(
    scenario_paths: Annotated[
        list[Path], typer.Argument(metavar="SCENARIO", help="Files to check.")
    ],
) -> None:
    """Check scenario files against the contract; report every problem."""
    failures: list[ScenarioError] = []
    errors: list[str] = []
    for path in scenario_paths:
        try:
            load_scenario(path)
            typer.echo(f"{printable(str(path))}: valid", file=_State.stdout)
        except ScenarioError as exc:
            failures.append(exc)
        except OSError as exc:  # not the file's content: say so, and go on to the next
            errors.append(f"error: {printable(str(path))}: {exc.strerror or exc}")
    if errors:
        for failure in failures:
            print(failure.describe(), file=_State.stderr)
        for error in errors:
            print(error, file=_State.stderr)
        raise typer.Exit(EXIT_FAILURE)
    if failures:
        raise _Invalid(failures)


@app.command("batch")
def batch_command(
    inputs: Annotated[
        list[str],
        typer.Argument(
            metavar="INPUT", help="Scenario or teaching-case files, folders or glob patterns."
        ),
    ],
    output_dir: Annotated[
        Path,
        typer.Option("--output-dir", "-d", metavar="FOLDER", help="Folder for the memos."),
    ],
    fmt: Annotated[
        OutputFormat,
        typer.Option("--format", "-f", metavar="FORMAT", help="markdown, docx, pdf or json."),
    ] = OutputFormat.markdown,
    force: Annotated[
        bool, typer.Option("--force", help="Replace existing output files (regular files only).")
    ] = False,
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", min=1, metavar="N", help="Worker processes.")
    ] = 2,
    generated_at: GeneratedAt = None,
    length: Length = MemoLength.full,
    page_size: Size = PageSize.A4,
    notes: Notes = None,
) -> None:
    """Write one memo per scenario plus summary.csv; invalid scenarios are reported."""
    from ui.cli.batch import run_batch

    moment = _memo_time(generated_at)
    layout = MemoLayout(length, page_size, notes)
    result = run_batch(
        inputs,
        output_dir,
        fmt.value,
        force=force,
        jobs=jobs,
        progress=_State.stderr,
        generated_at=moment,
        options=layout.options(moment),
    )
    if result.errors:  # not the input's fault: report everything, exit 1
        for failure in result.failures:
            print(failure.describe(), file=_State.stderr)
        for error in result.errors:
            print(f"error: {printable(error)}", file=_State.stderr)
        raise typer.Exit(EXIT_FAILURE)
    if result.failures:
        raise _Invalid(result.failures)


@kb_app.command("check")
def kb_check_command() -> None:
    """Verify the knowledge base: references, cycles, coverage, contradictions."""
    from engine import verify_knowledge_base  # imported lazily: only this command needs it

    report = verify_knowledge_base(default_reasoner())
    typer.echo(report.render(), file=_State.stdout)
    if report.errors:
        raise typer.Exit(EXIT_FAILURE)


@kb_app.command("accuracy")
def kb_accuracy_command() -> None:
    """Accuracy on the reference corpus: both halves, all factors and revision 2 blanked."""
    from engine import accuracy_report

    typer.echo(
        accuracy_report(default_reasoner(), progress=_progress), file=_State.stdout, nl=False
    )


@kb_app.command("fit")
def kb_fit_command(
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Where to write (default: the knowledge base's)."),
    ] = None,
) -> None:
    """Fit the decision weights and confidence calibration on the corpus's development half."""
    from engine import fit_on_corpus, write_weights

    reasoner = default_reasoner()
    weights = fit_on_corpus(reasoner, progress=_progress)
    target = output or reasoner.kb.path / "weights.yaml"
    write_weights(weights, target)
    typer.echo(
        f"wrote {target}: {weights.cases} development cases, leave-one-out lenient top-1"
        f" {weights.leave_one_out_lenient_top1}",
        file=_State.stdout,
    )


def _progress(message: str) -> None:
    print(message, file=_State.stderr, flush=True)


@app.command("app")
def app_command(
    port: Annotated[
        int | None, typer.Option(help="Port to serve on (default: Streamlit's, 8501).")
    ] = None,
    headless: Annotated[
        bool | None,
        typer.Option(help="Do not open a browser (default: Streamlit's choice)."),
    ] = None,
) -> None:
    """Start the Streamlit app on the demo scenario (Streamlit's own settings apply)."""
    from ui.cli.app_launch import run_streamlit

    run_streamlit(port, headless)


class _Invalid(Exception):
    def __init__(self, failures: list[ScenarioError]) -> None:
        self.failures = failures


def _report(exc: Exception, stderr: TextIO) -> int:
    """Say what went wrong on ``stderr`` in the contract's words; return the exit code."""
    if isinstance(exc, _Invalid):
        for failure in exc.failures:
            print(failure.describe(), file=stderr)
        return EXIT_INVALID
    if isinstance(exc, ScenarioError):
        print(exc.describe(), file=stderr)
        return EXIT_INVALID
    if isinstance(exc, typer.Exit):
        return exc.exit_code
    if isinstance(exc, typer.Abort):
        print("aborted", file=stderr)
        return EXIT_FAILURE
    if isinstance(exc, typer.TyperException):  # usage errors: a bad option or argument
        # Every one Typer raises here is its (vendored) click's ClickException, which shows itself.
        exc.show(file=stderr)  # type: ignore[attr-defined]
        return EXIT_INVALID
    if _State.debug:
        traceback.print_exception(exc, file=stderr)
    if isinstance(exc, KnowledgeBaseError) and exc.problems:
        # One line, as the contract asks, but one that names the problem.
        more = len(exc.problems) - 1
        rest = (
            f" (and {more} more problem{'s' if more > 1 else ''}; --debug lists all)"
            if more
            else ""
        )
        print(f"error: knowledge base is invalid: {exc.problems[0]}{rest}", file=stderr)
    elif isinstance(exc, AdvisorError | KnowledgeBaseError | OSError):
        first_line = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        print(f"error: {first_line}", file=stderr)
    else:  # the contract wants one line, not a traceback
        print(f"error: {type(exc).__name__}: {exc}", file=stderr)
    return EXIT_FAILURE


def main(
    argv: list[str] | None = None, stdout: TextIO | None = None, stderr: TextIO | None = None
) -> int:
    """Run the CLI and return its exit code.

    Args:
        argv: the arguments after the program name; ``sys.argv[1:]`` by default.
        stdout: where results go; ``sys.stdout`` by default.
        stderr: where messages, progress and errors go; ``sys.stderr`` by default.
    """
    args = list(sys.argv[1:] if argv is None else argv)
    _State.stdout = sys.stdout if stdout is None else stdout
    _State.stderr = sys.stderr if stderr is None else stderr
    _State.debug = "--debug" in args  # accepted anywhere on the line, not only first
    if _State.debug:
        args.remove("--debug")
    command = tidy_help(typer.main.get_command(app))
    try:
        # Typer's own help and usage text go to sys.stdout/sys.stderr: send them along too.
        with redirect_stdout(_State.stdout), redirect_stderr(_State.stderr):
            code = command.main(args=args, prog_name="alliance-advisor", standalone_mode=False)
    except Exception as exc:  # noqa: BLE001 - every failure becomes words and an exit code
        return _report(exc, _State.stderr)
    # Without standalone mode, an interrupted command (Ctrl-C) returns its exit code.
    return code if isinstance(code, int) else EXIT_OK


def run() -> None:
    """Console-script entry point."""
    raise SystemExit(main())
