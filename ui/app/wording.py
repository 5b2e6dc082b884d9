"""Turning knowledge-base structures into readable lines: conditions, effects, citations.

Domain words (labels, meanings, citations) come from the knowledge base; this module
only adds the connecting words of the interface ("is at least", "favours").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from engine import FieldProblem, KnowledgeBase
from ui.app.questions import Question

EFFECT_WORDS = {
    "++": "strongly favours",
    "+": "favours",
    "-": "counts against",
    "--": "strongly counts against",
    "excluded": "rules out",
}
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


def markdown_escape(text: str) -> str:
    """Text with the characters Markdown would interpret escaped."""
    for char in "\\`*_{}[]<>#|~$":
        text = text.replace(char, "\\" + char)
    return text


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
        return [f"{pad}- the advisor has concluded: *{markdown_escape(label)}*"]
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
            return f"**{markdown_escape(label)}** {words} {markdown_escape(value)}"
    return markdown_escape(str(dict(condition)))


def effect_lines(rule: Any, kb: KnowledgeBase) -> list[str]:
    """What a rule does when it fires, as Markdown bullet lines."""
    lines = [
        f"- {EFFECT_WORDS[item.effect]} **{kb.forms[item.form].name}** (`{item.effect}`)"
        for item in rule.evidence
    ]
    lines.extend(f"- rules out **{kb.forms[form].name}**" for form in rule.exclude)
    if rule.derive:
        fact = kb.derived[rule.derive]
        lines.append(
            f"- concludes *{markdown_escape(fact.label)}*: {markdown_escape(fact.meaning)}"
        )
    lines.extend(f"- raises the risk *{markdown_escape(kb.risks[r].title)}*" for r in rule.risks)
    return lines


def citation(kb: KnowledgeBase, source_id: str) -> str:
    """A source's full citation as Markdown, linked when it has an address."""
    source = kb.sources.get(source_id)
    if source is None:
        return f"`{source_id}`"
    text = markdown_escape(source.citation)
    return f"[{text}]({source.url})" if source.url else text


def citations(kb: KnowledgeBase, source_ids: Iterable[str]) -> str:
    """Several citations as a Markdown bullet list, without repeats."""
    return "\n".join(f"- {citation(kb, s)}" for s in dict.fromkeys(source_ids))


def problem_line(problem: FieldProblem, *, longest_given: int = 80) -> str:
    """One scenario problem as a Markdown line: the field in bold, then what is wrong.

    Values longer than ``longest_given`` characters are not repeated (a problem with
    the whole document would otherwise echo all of it).
    """
    parts = [markdown_escape(problem.message)]
    if problem.given is not None and len(problem.given) <= longest_given:
        parts.append(f"given {markdown_escape(problem.given)}")
    if problem.allowed is not None:
        parts.append(f"allowed: {markdown_escape(problem.allowed)}")
    if problem.suggestion is not None:
        parts.append(f"did you mean {markdown_escape(problem.suggestion)}?")
    return f"**{markdown_escape(problem.path or 'scenario')}**: " + "; ".join(parts)


def rule_title(kb: KnowledgeBase, rule_id: str) -> str:
    """A rule's title (its id when the knowledge base no longer has it)."""
    rule = kb.rules_by_id.get(rule_id)
    return rule.title if rule else rule_id


def score_text(value: float) -> str:
    """A score with a sign, two decimals."""
    return f"{value:+.2f}"


__all__ = [
    "EFFECT_WORDS",
    "citation",
    "citations",
    "condition_lines",
    "effect_lines",
    "markdown_escape",
    "problem_line",
    "rule_title",
    "score_text",
]
