"""Run the command line in-process (``main(argv, stdout, stderr)``) or as a real process."""

from __future__ import annotations

import io
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from support.paths import ROOT

from ui.cli import main


@dataclass(frozen=True)
class CliResult:
    """What one command line gave back: its exit code and both streams."""

    returncode: int
    stdout: str
    stderr: str


def run_cli(*args: str | Path) -> CliResult:
    """Run ``alliance-advisor ARGS...`` in this process, capturing both streams."""
    stdout, stderr = io.StringIO(), io.StringIO()
    code = main([str(arg) for arg in args], stdout, stderr)
    return CliResult(code, stdout.getvalue(), stderr.getvalue())


def run_cli_process(*args: str | Path, timeout: int = 120) -> CliResult:
    """Run ``python -m ui.cli ARGS...`` as a real process, the way a user runs it."""
    done = subprocess.run(
        [sys.executable, "-m", "ui.cli", *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    return CliResult(done.returncode, done.stdout, done.stderr)
