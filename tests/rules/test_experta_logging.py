"""Importing the advisor leaves the program's logging as it was (experta's import would not)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _run(code: str) -> str:
    """Run ``code`` in a fresh interpreter (imports happen once per process) and return stdout."""
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def test_importing_the_engine_adds_no_handler_to_the_root_logger():
    out = _run(
        """
        import logging
        import engine
        print(len(logging.getLogger().handlers))
        """
    )
    assert out == "0"


def test_a_program_that_sets_up_logging_after_importing_the_engine_gets_its_settings():
    out = _run(
        """
        import logging, sys
        import engine
        logging.basicConfig(level=logging.INFO, stream=sys.stdout, format="mine: %(message)s")
        logging.getLogger("program").info("hello")
        """
    )
    assert out == "mine: hello"


def test_a_handler_the_program_set_up_before_is_kept_and_none_is_added():
    out = _run(
        """
        import logging, sys
        logging.basicConfig(stream=sys.stdout, format="mine: %(message)s")
        before = list(logging.getLogger().handlers)
        import engine
        print(logging.getLogger().handlers == before)
        """
    )
    assert out == "True"
