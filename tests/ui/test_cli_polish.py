"""The command line's own words (issue 12 item 9): a version, and help without type noise."""

from __future__ import annotations

import re
from importlib.metadata import version

import pytest
from cli_support import run_cli

COMMANDS = [
    [],
    ["recommend"],
    ["validate"],
    ["batch"],
    ["app"],
    ["kb"],
    ["kb", "check"],
    ["kb", "accuracy"],
    ["kb", "fit"],
]


def test_version_prints_the_package_version():
    result = run_cli("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"alliance-advisor {version('alliance-advisor')}"


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "top")
def test_help_shows_no_python_type_labels_or_braces(command):
    result = run_cli(*command, "--help")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Usage: alliance-advisor")
    assert not re.search(r"<(bool|int|str|path|list|int range)[^>]*>", result.stdout)
    assert "{" not in result.stdout and "}" not in result.stdout


def test_required_arguments_read_the_usual_way():
    assert (
        "Usage: alliance-advisor validate [OPTIONS] SCENARIO..."
        in run_cli("validate", "--help").stdout
    )
    assert (
        "Usage: alliance-advisor recommend [OPTIONS] [SCENARIO]"
        in run_cli("recommend", "--help").stdout
    )
