"""Hostile scenario files at the command line: exit 2 naming the field, never a crash.

Before issue 10 a key named ``str`` gave ``IndexError`` (exit 1), a list as a key
``TypeError`` (exit 1), and a FIFO made every command wait forever.
"""

from __future__ import annotations

import os

import pytest
from cli_support import run_cli


@pytest.mark.parametrize(
    ("text", "path"),
    [
        ("schema_version: 1\nstr: 1\n", "str"),
        ("schema_version: 1\nfactors:\n  int: high\n", "factors.int"),
        ("schema_version: 1\nmy[key]: 1\n", '["my[key]"]'),
        ("schema_version: 1\n? [a, b]\n: 1\n", '["[\\"a\\", \\"b\\"]"]'),
    ],
)
def test_an_odd_key_exits_2_naming_its_path(tmp_path, text, path):
    scenario = tmp_path / "odd.yaml"
    scenario.write_text(text, encoding="utf-8")
    result = run_cli("validate", scenario)
    assert result.returncode == 2, result.stderr
    assert f"  - {path}: unknown key" in result.stderr


def test_a_fifo_exits_2_at_once_for_every_command(tmp_path):
    fifo = tmp_path / "scenario.yaml"
    os.mkfifo(fifo)
    for command in (["validate"], ["recommend"]):
        result = run_cli(*command, fifo)
        assert result.returncode == 2
        assert "not a regular file" in result.stderr


def test_an_escape_sequence_in_a_key_reaches_the_terminal_escaped(tmp_path):
    scenario = tmp_path / "esc.yaml"
    scenario.write_text('schema_version: 1\n"\\e]0;pwned\\a\\nfake": 1\n', encoding="utf-8")
    result = run_cli("validate", scenario)
    assert result.returncode == 2
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert "\\u001b]0;pwned\\u0007\\nfake" in result.stderr  # the key, as JSON
