"""The advisor's error family: user input errors (exit 2) and knowledge-base errors (exit 1)."""

from __future__ import annotations

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
]


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
        return "; ".join(parts)


class ScenarioError(AdvisorError):
    """A scenario file or value the contract does not allow. Carries every problem found."""

    def __init__(self, source: str, problems: list[FieldProblem]) -> None:
        self.source = source
        self.problems = tuple(problems)
        super().__init__(self.describe())

    def describe(self) -> str:
        """All problems, one per line, headed by the file they were found in."""
        count = len(self.problems)
        head = f"{self.source}: {count} problem{'s' if count != 1 else ''}"
        return "\n".join([head, *(f"  - {p.describe()}" for p in self.problems)])


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
    "AdvisorError",
    "FieldProblem",
    "KnowledgeBaseError",
    "KnowledgeBaseProblem",
    "ProblemCode",
    "ScenarioError",
]
