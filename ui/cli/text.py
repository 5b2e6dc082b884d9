r"""Echoing user-supplied text (file names, messages) safely to a terminal or a CSV cell.

The engine escapes what it reports (``ScenarioError.describe``); the command line does
the same for what it prints itself, such as file names, with the same set of characters:
C0 and C1 controls, DEL, line and paragraph separators, and the marks that reorder or
hide text (bidirectional embeddings, overrides and isolates; zero-width marks).

>>> printable("memo\x1b[2J.md")
'memo\\x1b[2J.md'
"""

from __future__ import annotations

import re

UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]")
"""The characters that must not reach a terminal or a spreadsheet cell as they are."""


def printable(text: str) -> str:
    r"""``text`` with every unsafe character shown as a ``\xNN`` or ``\uNNNN`` escape."""
    return UNSAFE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


__all__ = ["UNSAFE", "printable"]
