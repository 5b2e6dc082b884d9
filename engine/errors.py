"""The advisor's error family: user input errors (exit 2) and knowledge-base errors (exit 1)."""

from __future__ import annotations

from dataclasses import dataclass


class AdvisorError(Exception):
    """Base class of every error the advisor raises on purpose."""


@dataclass(frozen=True, slots=True)
class FieldProblem:
    """One thing wrong with an input: where, what was given and what is allowed."""

    path: str
    message: str
    given: str | None = None
    allowed: str | None = None
    suggestion: str | None = None

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


class KnowledgeBaseError(AdvisorError):
    """The knowledge base itself is malformed or inconsistent."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = tuple(problems)
        super().__init__("knowledge base is invalid:\n" + "\n".join(f"  - {p}" for p in problems))


__all__ = ["AdvisorError", "FieldProblem", "KnowledgeBaseError", "ScenarioError"]
