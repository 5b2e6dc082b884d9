"""The rule explorer's search: which rules a filter shows, and each rule's caption."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from engine import KnowledgeBase
from ui.app.questions import Question
from ui.app.wording import markdown_escape, weighs_text


@dataclass(frozen=True, slots=True)
class RuleFilter:
    """What the user asked for; an empty field lets every rule through."""

    query: str = ""
    themes: Sequence[str] = ()
    factor: str = ""
    form: str = ""
    only_fired: bool = False


def haystack(kb: KnowledgeBase, rule: Any, questions: Mapping[str, Question]) -> str:
    """The lower-case words a search looks in: id, title, reason, theme, factors, weighs, forms."""
    parts = [rule.id, rule.title, rule.because, kb.rule_themes[rule.id]]
    parts += [questions[f].label for f in kb.factors_read_by(rule) if f in questions]
    parts += [weighs_text(kb, rule.id) or ""]
    parts += [kb.forms[pull.form].name for pull in kb.pulls[rule.id]]
    parts += [kb.forms[f].name for f in rule.exclude]
    return " ".join(parts).lower()


def _passes_fields(
    kb: KnowledgeBase, rule: Any, wanted: RuleFilter, fired: Collection[str]
) -> bool:
    if wanted.themes and kb.rule_themes[rule.id] not in wanted.themes:
        return False
    if wanted.factor and wanted.factor not in kb.factors_read_by(rule):
        return False
    acted_on = {pull.form for pull in kb.pulls[rule.id]} | set(rule.exclude)
    if wanted.form and wanted.form not in acted_on:
        return False
    return not (wanted.only_fired and rule.id not in fired)


def matching_rules(
    kb: KnowledgeBase,
    questions: Mapping[str, Question],
    wanted: RuleFilter,
    fired: Collection[str],
) -> list[Any]:
    """The knowledge base's rules the filter lets through, in their order.

    Args:
        kb: the knowledge base.
        questions: questions by factor id, so a search finds a rule by a factor's label.
        wanted: the filter.
        fired: ids of the rules that fire for the current scenario.

    Returns:
        The rules passing every field of the filter and containing every search word.
    """
    words = wanted.query.lower().split()
    shown = []
    for rule in kb.rules:
        if not _passes_fields(kb, rule, wanted, fired):
            continue
        if words:
            text = haystack(kb, rule, questions)
            if not all(word in text for word in words):
                continue
        shown.append(rule)
    return shown


def rule_caption(kb: KnowledgeBase, rule: Any) -> str:
    """A rule's id, theme, strength and tendency on one line."""
    return f"`{rule.id}` · {kb.rule_themes[rule.id]} · {rule.strength}" + (
        f" · tendency {rule.tendency}" if rule.tendency else ""
    )


def firing_cases_line(case_titles: Mapping[str, str], cases: Sequence[str]) -> str:
    """The teaching cases in which a rule fires, as a Markdown line."""
    listed = ", ".join(markdown_escape(case_titles[c]) for c in cases) or "none"
    return f"**Teaching cases in which it fires:** {listed}"


__all__ = ["RuleFilter", "firing_cases_line", "haystack", "matching_rules", "rule_caption"]
