"""The rule explorer's search: which rules a filter shows, and each rule's caption."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from engine import KnowledgeBase, separating_contrasts
from ui.app.questions import Question
from ui.app.user_text import as_text
from ui.app.wording import weighs_text


@dataclass(frozen=True, slots=True)
class RuleFilter:
    """What the user asked for; an empty field lets every rule through."""

    query: str = ""
    themes: Sequence[str] = ()
    factor: str = ""
    form: str = ""
    only_fired: bool = False
    separates: tuple[str, str] | None = None


def haystack(kb: KnowledgeBase, rule: Any, questions: Mapping[str, Question]) -> str:
    """The lower-case words a search looks in: id, title, reason, theme, factors, weighs, forms."""
    parts = [rule.id, rule.title, rule.because, kb.rule_themes[rule.id]]
    parts += [questions[f].label for f in kb.factors_read_by(rule) if f in questions]
    parts += [weighs_text(kb, rule.id) or ""]
    parts += [kb.forms[pull.form].name for pull in kb.pulls[rule.id]]
    parts += [kb.forms[f].name for f in rule.exclude]
    return " ".join(parts).lower()


def separates(kb: KnowledgeBase, rule: Any, pair: tuple[str, str]) -> bool:
    """Whether a rule can tell two forms apart.

    It does when it weighs a consideration on a contrast where the two forms' paths
    differ, or when it rules out one of them but not the other.
    """
    if (pair[0] in rule.exclude) != (pair[1] in rule.exclude):
        return True
    if rule.weighs is None or pair[0] == pair[1]:
        return False
    contrast = kb.decision.contrast_of.get(rule.weighs.consideration)
    return contrast in separating_contrasts(*pair)


def effect_chips(kb: KnowledgeBase, rule: Any) -> list[str]:
    """A rule's effects as short coloured Markdown badges: what it raises, lowers or rules out."""
    chips = []
    for pull in kb.pulls[rule.id]:
        name = kb.forms[pull.form].name
        if pull.weight > 0:
            chips.append(f":violet-badge[▲ {as_text(name)}]")
        elif pull.weight < 0:
            chips.append(f":orange-badge[▼ {as_text(name)}]")
    chips += [f":red-badge[✕ {as_text(kb.forms[f].name)}]" for f in rule.exclude]
    if rule.derive:
        chips.append(":blue-badge[concludes]")
    if rule.risks:
        chips.append(f":gray-badge[{len(rule.risks)} risk{'s' if len(rule.risks) > 1 else ''}]")
    return chips


def page_of(items: Sequence[Any], page: int, size: int) -> tuple[list[Any], int]:
    """One page of a list (pages counted from 1) and how many pages there are.

    >>> page_of(list(range(45)), 3, 20)
    ([40, 41, 42, 43, 44], 3)
    >>> page_of([], 1, 20)
    ([], 1)
    """
    pages = max(1, -(-len(items) // size))
    page = min(max(page, 1), pages)
    return list(items[(page - 1) * size : page * size]), pages


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
    if wanted.separates and not separates(kb, rule, wanted.separates):
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


def rule_caption(kb: KnowledgeBase, rule: Any, *, plain: bool = False) -> str:
    """A rule's id, theme, strength and tendency on one line.

    ``plain`` (classroom mode) leaves out the internal id and tendency code: theme and
    strength in words only.
    """
    if plain:
        return f"{kb.rule_themes[rule.id]} · {rule.strength} evidence"
    return f"`{rule.id}` · {kb.rule_themes[rule.id]} · {rule.strength}" + (
        f" · tendency {rule.tendency}" if rule.tendency else ""
    )


def firing_cases_line(case_titles: Mapping[str, str], cases: Sequence[str]) -> str:
    """The teaching cases in which a rule fires, as a Markdown line."""
    listed = ", ".join(as_text(case_titles[c]) for c in cases) or "none"
    return f"**Teaching cases in which it fires:** {listed}"


__all__ = [
    "RuleFilter",
    "effect_chips",
    "firing_cases_line",
    "haystack",
    "matching_rules",
    "page_of",
    "rule_caption",
    "separates",
]
