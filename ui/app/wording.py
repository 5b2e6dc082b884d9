"""Turning knowledge-base structures into readable lines: conditions, effects, citations.

Domain words (labels, meanings, citations) come from the knowledge base; this module
only adds the connecting words of the interface ("is at least", "favours").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Protocol

from engine import FieldProblem, KnowledgeBase, Recommendation, SourceRef, WeighsView
from ui.app.questions import Question
from ui.app.user_text import as_text
from ui.numbers import lead_text, percent

_OPERATOR_WORDS = {
    "is": "is",
    "in": "is one of",
    "not_in": "is none of",
    "at_least": "is at least",
    "at_most": "is at most",
    "includes": "includes",
    "includes_any": "includes any of",
    "includes_all": "includes all of",
    "excludes_all": "includes none of",
}


def _values(question: Question | None, operand: Any) -> str:
    items = list(operand) if isinstance(operand, list | tuple) else [operand]
    if question is None:
        return ", ".join(str(v) for v in items)
    if question.kind == "set":
        return ", ".join(question.meanings.get(str(v), str(v)) for v in items)
    if question.kind == "count":
        return ", ".join(str(v) for v in items)
    return ", ".join(question.describe(v).lower() for v in items)


def condition_lines(
    condition: Mapping[str, Any],
    kb: KnowledgeBase,
    questions: Mapping[str, Question],
    depth: int = 0,
) -> list[str]:
    """A rule condition as indented Markdown bullet lines.

    Args:
        condition: the condition as plain data (``rule.when.model_dump(by_alias=True,
            exclude_none=True)``).
        kb: the knowledge base, for the derived facts' labels.
        questions: questions by factor id, for labels and value words.
        depth: nesting depth (indentation).

    Returns:
        Markdown lines, one per test.
    """
    if "all" in condition or "any" in condition:
        return _group_lines(condition, kb, questions, depth)
    pad = "  " * depth
    if "fact" in condition:
        fact = kb.derived.get(condition["fact"])
        label = fact.label if fact else condition["fact"]
        return [f"{pad}- the advisor has concluded: *{as_text(label)}*"]
    return [f"{pad}- {_test_text(condition, questions)}"]


def _group_lines(
    condition: Mapping[str, Any],
    kb: KnowledgeBase,
    questions: Mapping[str, Question],
    depth: int,
) -> list[str]:
    children = condition.get("all") or condition.get("any") or []
    if depth == 0 and "all" in condition:  # the top level "all of" goes without saying
        return [line for child in children for line in condition_lines(child, kb, questions, 0)]
    head = "all of:" if "all" in condition else "any of:"
    lines = [f"{'  ' * depth}- {head}"]
    for child in children:
        lines.extend(condition_lines(child, kb, questions, depth + 1))
    return lines


def _test_text(condition: Mapping[str, Any], questions: Mapping[str, Question]) -> str:
    factor = condition.get("factor", "?")
    question = questions.get(factor)
    for operator, words in _OPERATOR_WORDS.items():
        if operator in condition:
            label = question.label if question else factor
            value = _values(question, condition[operator])
            return f"**{as_text(label)}** {words} {as_text(value)}"
    return as_text(str(dict(condition)))


def weighs_words(view: WeighsView) -> str:
    """What a fired rule weighs, as plain text, from the recommendation's own words."""
    direction = "toward" if view.lean > 0 else "away from"
    return f"weighs “{view.title}”, leaning {direction} {view.toward_name} (stage: {view.stage})"


def weighs_text(kb: KnowledgeBase, rule_id: str) -> str | None:
    """What a rule weighs, as plain text: its consideration and the way it leans.

    A lean toward a contrast favours the form its "yes" leads to; a lean away counts
    against it (and, on the stake contrast, favours the contract). ``None`` when the
    rule weighs nothing.
    """
    rule = kb.rules_by_id.get(rule_id)
    if rule is None or rule.weighs is None:
        return None
    consideration = next(
        c for c in kb.considerations.considerations if c.id == rule.weighs.consideration
    )
    contrast = next(c for c in kb.considerations.contrasts if c.id == consideration.contrast)
    direction = "toward" if rule.weighs.lean > 0 else "away from"
    return (
        f"weighs “{consideration.title}”, leaning {direction}"
        f" {kb.forms[contrast.toward].name} (stage: {contrast.title})"
    )


def effect_lines(rule: Any, kb: KnowledgeBase) -> list[str]:
    """What a rule does when it fires, as Markdown bullet lines."""
    weighs = weighs_text(kb, rule.id)
    lines = [f"- {as_text(weighs)}"] if weighs else []
    lines.extend(f"- rules out **{kb.forms[form].name}**" for form in rule.exclude)
    if rule.derive:
        fact = kb.derived[rule.derive]
        lines.append(f"- concludes *{as_text(fact.label)}*: {as_text(fact.meaning)}")
    lines.extend(f"- raises the risk *{as_text(kb.risks[r].title)}*" for r in rule.risks)
    return lines


class Cited(Protocol):
    """A source as a citation needs it: the knowledge base's or a recommendation's."""

    @property
    def citation(self) -> str:
        """The full citation."""
        ...

    @property
    def url(self) -> str | None:
        """Its address, if any."""
        ...


def bibliography(rec: Recommendation) -> dict[str, SourceRef]:
    """The sources a recommendation cites, by id."""
    return {source.id: source for source in rec.sources}


def citation(sources: Mapping[str, Cited], source_id: str) -> str:
    """A source's full citation as Markdown, linked when it has an address."""
    source = sources.get(source_id)
    if source is None:
        return f"`{source_id}`"
    text = as_text(source.citation)
    return f"[{text}]({source.url})" if source.url else text


def citations(sources: Mapping[str, Cited], source_ids: Iterable[str]) -> str:
    """Several citations as a Markdown bullet list, without repeats."""
    return "\n".join(f"- {citation(sources, s)}" for s in dict.fromkeys(source_ids))


def problem_line(problem: FieldProblem, *, longest_given: int = 80) -> str:
    """One scenario problem as a Markdown line: the field in bold, then what is wrong.

    Values longer than ``longest_given`` characters are not repeated (a problem with
    the whole document would otherwise echo all of it).
    """
    parts = [as_text(problem.message)]
    if problem.given is not None and len(problem.given) <= longest_given:
        parts.append(f"given {as_text(problem.given)}")
    if problem.allowed is not None:
        parts.append(f"allowed: {as_text(problem.allowed)}")
    if problem.suggestion is not None:
        parts.append(f"did you mean {as_text(problem.suggestion)}?")
    return f"**{as_text(problem.path or 'scenario')}**: " + "; ".join(parts)


UNKNOWN_KEY_GIVEN = "(key not allowed)"


def problem_item(problem: FieldProblem, *, longest_given: int = 80) -> str:
    """One file problem as a Markdown list item that wraps on a narrow screen.

    The field and what is wrong on the first line, then any suggestion, what is allowed
    and what was given; an unknown key is "given" as ``(key not allowed)``. A long value is cut.
    """
    where = as_text(problem.path or "the whole file")
    head = f"- **{where}**: {as_text(problem.message)}"
    details = []
    if problem.suggestion is not None:  # before a long list of allowed keys
        details.append(f"Did you mean {as_text(problem.suggestion)}?")
    if problem.allowed is not None:
        details.append(f"Allowed: {as_text(problem.allowed)}")
    if problem.code == "unknown_key":
        details.append(f"Given: {UNKNOWN_KEY_GIVEN}")
    elif problem.given is not None:
        given = problem.given
        cut = given[:longest_given] + "…" if len(given) > longest_given else given
        details.append(f"Given: {as_text(cut)}")
    return "  \n  ".join([head, *details])


def rule_title(kb: KnowledgeBase, rule_id: str) -> str:
    """A rule's title (its id when the knowledge base no longer has it)."""
    rule = kb.rules_by_id.get(rule_id)
    return rule.title if rule else rule_id


def points(difference: float) -> str:
    """A difference of probabilities in percentage points: ``16 points``.

    >>> points(0.16)
    '16 points'
    """
    return f"{round(difference * 100)} points"


def possible_range(low: float, high: float, excluded: bool) -> str:
    """The probabilities the unknown answers still allow (a possible exclusion counts as 0%)."""
    if excluded:
        return "ruled out"
    return f"{percent(max(low, 0.0))} – {percent(max(high, 0.0))}"


__all__ = [
    "Cited",
    "bibliography",
    "citation",
    "citations",
    "condition_lines",
    "lead_text",
    "effect_lines",
    "percent",
    "points",
    "possible_range",
    "problem_item",
    "problem_line",
    "rule_title",
    "weighs_text",
    "weighs_words",
]
