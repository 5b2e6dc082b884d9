"""The advisor's error family: user input errors (exit 2) and knowledge-base errors (exit 1)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

ProblemCode = Literal[
    "invalid",
    "missing",
    "unknown_key",
    "not_allowed",
    "too_short",
    "too_long",
    "out_of_range",
    "not_integer",
    "not_boolean",
    "not_text",
    "not_list",
    "not_mapping",
    "count_mismatch",
    "too_large",
    "too_deep",
    "not_parseable",
    "not_found",
    "not_a_file",
    "not_utf8",
    "not_regular",
    "unreadable",
]

MAX_REPORTED_PROBLEMS = 50
"""At most this many problems are listed for one input; the rest are counted ("and N more")."""

# C0 and C1 controls, DEL, and the invisible marks that reorder or hide text
# (bidirectional overrides and isolates, line and paragraph separators, zero-width marks).
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]")


def printable(text: str) -> str:
    r"""``text`` with control and direction-changing characters shown as escapes.

    Anything echoed from an input (keys, values, file names) passes through here, so it
    cannot move the terminal's cursor, ring its bell, start a new report line or flip
    the order of what follows.

    >>> printable("trust\x1b[31m\nforged")
    'trust\\x1b[31m\\nforged'
    >>> printable("abc\u202edcb")
    'abc\\u202edcb'
    """
    return _UNSAFE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    named = {0x09: "\\t", 0x0A: "\\n", 0x0D: "\\r"}
    if code in named:
        return named[code]
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


class AdvisorError(Exception):
    """Base class of every error the advisor raises on purpose."""


@dataclass(frozen=True, slots=True)
class FieldProblem:
    """One thing wrong with an input: where, what was given and what is allowed.

    Code reads ``code`` to tell problems apart; ``message`` is for people only.
    """

    path: str
    message: str
    given: str | None = None
    allowed: str | None = None
    suggestion: str | None = None
    code: ProblemCode = "invalid"

    def describe(self) -> str:
        """One readable line for this problem."""
        parts = [f"{self.path or '(document)'}: {self.message}"]
        if self.given is not None:
            parts.append(f"given {self.given}")
        if self.allowed is not None:
            parts.append(f"allowed: {self.allowed}")
        if self.suggestion is not None:
            parts.append(f"did you mean {self.suggestion!r}?")
        return printable("; ".join(parts))


class ScenarioError(AdvisorError):
    """A scenario file or value the contract does not allow.

    Carries the problems found, at most ``MAX_REPORTED_PROBLEMS`` of them; ``omitted``
    counts the ones left out.
    """

    def __init__(self, source: str, problems: Sequence[FieldProblem], omitted: int = 0) -> None:
        self.source = source
        self.problems = tuple(problems[:MAX_REPORTED_PROBLEMS])
        self.omitted = omitted + max(0, len(problems) - MAX_REPORTED_PROBLEMS)
        super().__init__(self.describe())

    def describe(self) -> str:
        """The problems, one per line, headed by the file they were found in."""
        count = len(self.problems) + self.omitted
        head = f"{printable(self.source)}: {count} problem{'s' if count != 1 else ''}"
        lines = [head, *(f"  - {p.describe()}" for p in self.problems)]
        if self.omitted:
            lines.append(f"  - ... and {self.omitted} more (the first {len(self.problems)} listed)")
        return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class KnowledgeBaseProblem:
    """One thing wrong with the knowledge base: where, what, and what is allowed."""

    path: str  # the file, and the entry or location inside it; empty for the whole base
    what: str
    allowed: str | None = None
    suggestion: str | None = None

    def describe(self) -> str:
        """One readable line for this problem."""
        text = f"{self.path}: {self.what}" if self.path else self.what
        if self.allowed is not None:
            text += f" (allowed: {self.allowed})"
        if self.suggestion is not None:
            text += f" (did you mean {self.suggestion!r}?)"
        return text


class KnowledgeBaseError(AdvisorError):
    """The knowledge base itself is malformed or inconsistent.

    ``details`` holds the structured problems; ``problems`` the same as readable lines.
    """

    def __init__(self, problems: Sequence[KnowledgeBaseProblem]) -> None:
        self.details = tuple(problems)
        self.problems = tuple(p.describe() for p in self.details)
        super().__init__(
            "knowledge base is invalid:\n" + "\n".join(f"  - {p}" for p in self.problems)
        )


__all__ = [
    "MAX_REPORTED_PROBLEMS",
    "AdvisorError",
    "FieldProblem",
    "KnowledgeBaseError",
    "KnowledgeBaseProblem",
    "ProblemCode",
    "ScenarioError",
    "printable",
]
