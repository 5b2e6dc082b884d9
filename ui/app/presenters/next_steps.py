"""What could change the recommendation: questions worth answering and single changes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal

from engine import KnowledgeBase, Recommendation, Scenario, WhatIf
from ui.app.presenters.ranking import form_names
from ui.app.questions import Question
from ui.app.user_text import as_text
from ui.app.wording import lead_text
from ui.numbers import percent

Verdict = tuple[Literal["info", "warning", "success"], str]


def next_question_lines(rec: Recommendation, questions: Mapping[str, Question]) -> list[str]:
    """The unknown answers that could move the first place, as Markdown, most decisive first."""
    if not rec.next_questions:
        if rec.unknown_factors:
            return [
                f"No single unknown answer could move {rec.recommendation_name} from first place."
            ]
        return ["Every question is answered."]
    names = form_names(rec)
    lines = []
    for entry in rec.next_questions:
        question = questions[entry.factor]
        outcomes = "; ".join(
            f"{question.describe(o.value)} → {names.get(o.recommendation, o.recommendation)}"
            for o in entry.outcomes
        )
        lines.append(
            f"- **{as_text(question.text)}** ({question.label}) — "
            f"{percent(entry.decisiveness)} of its answers change the first place.  \n"
            f"  {as_text(outcomes)}"
        )
    return lines


def what_if_rows(
    kb: KnowledgeBase, rec: Recommendation, questions: Mapping[str, Question]
) -> list[dict[str, object]]:
    """One table row per single change of a known answer that changes the first place.

    Changes of substance come before changes of a legal constraint; a lead under half a
    point is called a tie.
    """
    names = form_names(rec)
    return [
        {
            "Factor": w.label,
            "Now": questions[w.factor].describe(w.current),
            "If instead": questions[w.factor].describe(w.alternative),
            "First place would be": names.get(w.recommendation, w.recommendation),
            "Lead": "every other form ruled out" if w.margin > 1 else margin_text(w.margin),
        }
        for w in realistic_changes(kb, rec)
    ]


def what_if_start(kb: KnowledgeBase, rec: Recommendation, factors: Sequence[str]) -> int:
    """Where the what-if factor list starts: at the first realistic change, else the first."""
    changes = realistic_changes(kb, rec)
    return factors.index(changes[0].factor) if changes else 0


def what_if_verdict(
    rec: Recommendation, scenario: Scenario, changed: Scenario, after: Recommendation
) -> Verdict:
    """What a changed answer does to the first place: its alert kind and Markdown text."""
    if changed == scenario:
        return "info", "Pick a different answer to see how the ranking would change."
    first, second = after.ranking[0], after.ranking[1]
    if not second.excluded and round((first.score - second.score) * 100) == 0:
        return (
            "warning",
            f"With this change, **{first.name}** and **{second.name}** would tie for first place.",
        )
    if after.recommendation != rec.recommendation:
        return (
            "warning",
            f"With this change, **{form_names(rec)[after.recommendation]}** would come first"
            f" instead of **{rec.recommendation_name}**.",
        )
    return "success", f"**{rec.recommendation_name}** would stay first."


def gate_factors(kb: KnowledgeBase) -> frozenset[str]:
    """The answers that can rule a form out, directly or through a conclusion.

    They are read by a rule that excludes forms, or by a rule deriving a conclusion
    such a rule reads.

    Changing one of these is a change of legal or structural constraint rather than of
    the deal's substance, so the what-if lists such changes last.
    """
    derivers: dict[str, list[Any]] = {}
    for rule in kb.rules:
        if rule.derive:
            derivers.setdefault(rule.derive, []).append(rule)
    factors: set[str] = set()
    pending = [rule for rule in kb.rules if rule.exclude]
    seen: set[str] = set()
    while pending:
        rule = pending.pop()
        if rule.id in seen:
            continue
        seen.add(rule.id)
        factors.update(kb.factors_read_by(rule))
        for fact in kb.facts_read_by(rule):
            pending.extend(derivers.get(fact, []))
    return frozenset(factors)


def realistic_changes(kb: KnowledgeBase, rec: Recommendation) -> list[WhatIf]:
    """The single changes that flip the first place, changes of substance before constraints.

    A change to the same answer is never listed; within each group the engine's order
    (widest margin first) is kept.
    """
    gates = gate_factors(kb)
    changes = [w for w in rec.what_if or [] if w.alternative != w.current]
    return sorted(changes, key=lambda w: w.factor in gates)


def margin_text(margin: float) -> str:
    """How far the new first place would lead, calling a tie a tie.

    >>> margin_text(0.0), margin_text(0.004), margin_text(0.16)
    ('a tie with the next form', 'a tie with the next form', 'ahead by 16 points')
    """
    if round(margin * 100) == 0:
        return "a tie with the next form"
    return f"ahead by {lead_text(margin)}"


__all__ = [
    "Verdict",
    "gate_factors",
    "margin_text",
    "realistic_changes",
    "next_question_lines",
    "what_if_rows",
    "what_if_start",
    "what_if_verdict",
]
