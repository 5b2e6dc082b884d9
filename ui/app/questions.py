"""The questionnaire's model: every factor of the scenario as a question the app can ask.

The contract's vocabulary (ids, kinds, allowed values, dimensions) comes from the engine;
the words (question, help, what each value means) come from the knowledge base. Nothing
here knows about Streamlit, so it can be tested on its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from engine import DIMENSION_IDS, FACTORS, FORM_IDS, PARTNER_TYPES, UNKNOWN, KnowledgeBase

UNKNOWN_LABEL = "Unknown"
WIDGET_PREFIX = "q_"

__all__ = [
    "DIMENSION_IDS",
    "FORM_IDS",
    "PARTNER_TYPES",
    "UNKNOWN",
    "UNKNOWN_LABEL",
    "Question",
    "answered_count",
    "build_questions",
    "by_dimension",
    "value_key",
]


def value_key(value: Any) -> str:
    """The key under which the knowledge base explains a value (booleans as ``true``)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


@dataclass(frozen=True, slots=True)
class Question:
    """One factor as the questionnaire asks it.

    Attributes:
        factor: the factor id, as in the scenario contract.
        dimension: the rationale dimension the question is grouped under.
        kind: ``level``, ``choice``, ``boolean``, ``count`` or ``set``.
        values: the allowed values (empty for counts).
        minimum: smallest allowed count (counts only).
        maximum: largest allowed count (counts only).
        label: short name for tables and charts.
        text: the question itself.
        help: why the answer matters, in the knowledge base's words.
        meanings: for each value key, what it means (for sets: each member's label).
        quick: whether the quick questionnaire asks it.
    """

    factor: str
    dimension: str
    kind: str
    values: tuple[Any, ...]
    minimum: int | None
    maximum: int | None
    label: str
    text: str
    help: str
    meanings: Mapping[str, str]
    quick: bool

    @property
    def key(self) -> str:
        """The stable widget key of this question."""
        return f"{WIDGET_PREFIX}{self.factor}"

    @property
    def options(self) -> tuple[Any, ...]:
        """Choices a single-choice widget offers: unknown first, then the allowed values."""
        return (UNKNOWN, *self.values)

    def option_label(self, value: Any) -> str:
        """A widget label for one value: the value and what it means."""
        if value is None or value == UNKNOWN:
            return UNKNOWN_LABEL
        meaning = self.meanings.get(value_key(value))
        if self.kind == "set":
            return meaning or str(value)
        short = _short(value)
        return f"{short} — {meaning}" if meaning else short

    def describe(self, value: Any) -> str:
        """A short rendering of an answer for summaries and tables."""
        if value is None or value == UNKNOWN or value == () or value == []:
            return UNKNOWN_LABEL.lower()
        if self.kind == "set":
            return ", ".join(self.meanings.get(str(v), str(v)) for v in value)
        return _short(value)

    def to_widget(self, value: Any) -> Any:
        """The widget value showing a document's answer (unknown where it has none)."""
        if self.kind == "set":
            return [v for v in (value or ()) if v in self.values]
        if self.kind == "count":
            return value if isinstance(value, int) and not isinstance(value, bool) else None
        allowed = any(value == v and type(value) is type(v) for v in self.values)
        return value if allowed else UNKNOWN

    def from_widget(self, value: Any) -> Any:
        """The document's answer for a widget value (``None`` for unknown)."""
        if self.kind == "set":
            return list(value) if value else None
        if value is None or value == UNKNOWN:
            return None
        return value


def _short(value: Any) -> str:
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return str(value).replace("_", " ").capitalize()


def build_questions(kb: KnowledgeBase) -> tuple[Question, ...]:
    """Every factor as a question, in the contract's order.

    Args:
        kb: the knowledge base holding the words.

    Returns:
        One question per factor.
    """
    questions = []
    for spec in FACTORS:
        text = kb.factors[spec.id]
        meanings = dict(text.options) if spec.kind.value == "set" else dict(text.levels)
        questions.append(
            Question(
                factor=spec.id,
                dimension=spec.dimension,
                kind=spec.kind.value,
                values=tuple(spec.values),
                minimum=spec.minimum,
                maximum=spec.maximum,
                label=text.label,
                text=text.question,
                help=text.help,
                meanings=meanings,
                quick=text.quick,
            )
        )
    return tuple(questions)


def by_dimension(
    questions: Iterable[Question], *, quick: bool = False
) -> dict[str, list[Question]]:
    """Questions grouped by dimension in the contract's order.

    Args:
        questions: the questions to group.
        quick: keep only the questions the quick questionnaire asks.

    Returns:
        Each dimension id with its questions; dimensions left empty are omitted.
    """
    groups: dict[str, list[Question]] = {dimension: [] for dimension in DIMENSION_IDS}
    for question in questions:
        if quick and not question.quick:
            continue
        groups[question.dimension].append(question)
    return {dimension: items for dimension, items in groups.items() if items}


def answered_count(factors: Mapping[str, Any], questions: Iterable[Question]) -> int:
    """How many of the questions a document's factors answer."""
    return sum(1 for q in questions if factors.get(q.factor) not in (None, UNKNOWN, [], ()))
