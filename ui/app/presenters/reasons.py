"""The recommendation's reasons in words: why the first place, why not each other form."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from engine import FiredRule, KnowledgeBase, Recommendation
from ui.app.presenters.ranking import form_names
from ui.app.questions import Question
from ui.app.wording import lead_text, markdown_escape, percent, rule_title, weighs_text

NOTHING_HOLDS_BACK = "Nothing specific holds it back; the first place simply has more support."


@dataclass(frozen=True, slots=True)
class WhyNotSection:
    """One form that is not first: a heading and the Markdown lines under it."""

    title: str
    lines: tuple[str, ...]


def stage_blocks(rec: Recommendation) -> list[str]:
    """The decision stage by stage, one Markdown block per stage on the path to the first place.

    Each block gives the stage's title, its answer (yes or no) and what that means, the
    probability of yes, and the considerations that pushed, strongest first, each with
    the titles of its rules that fired.
    """
    blocks = []
    for number, stage in enumerate(rec.stages, start=1):
        lines = [
            f"**{number}. {markdown_escape(stage.title)}** — **{stage.answer}**:"
            f" {markdown_escape(stage.meaning)} (probability of yes:"
            f" {percent(stage.probability_yes)})"
        ]
        for item in stage.considerations:
            rules = "; ".join(rule.title for rule in item.rules)
            lines.append(
                f"- *{markdown_escape(item.title)}* pushes toward **{item.pushes}**"
                + (f": {markdown_escape(rules)}" if rules else "")
            )
        if not stage.considerations:
            lines.append("- No consideration pushed; the answer is the usual one for such deals.")
        blocks.append("\n".join(lines))
    return blocks


def supporting_lines(rec: Recommendation) -> list[str]:
    """The fired rules raising the first place, strongest first, as Markdown bullets."""
    winner = rec.recommendation
    pushes = sorted(
        (
            (ev.weight, rule)
            for rule in rec.fired_rules
            for ev in rule.evidence
            if ev.form == winner and ev.weight > 0
        ),
        key=lambda pair: (-pair[0], pair[1].id),
    )
    return [
        f"- **{markdown_escape(rule.title)}.** {markdown_escape(rule.because)}"
        for _, rule in pushes
    ]


def derived_fact_lines(kb: KnowledgeBase, rec: Recommendation) -> list[str]:
    """The conclusions reached on the way, each with the rules that reached it."""
    lines = []
    for fact in rec.derived_facts:
        by = ", ".join(rule_title(kb, r) for r in fact.derived_by)
        lines.append(
            f"- *{markdown_escape(fact.label)}*: {markdown_escape(fact.meaning)}"
            f" :gray[(from: {markdown_escape(by)})]"
        )
    return lines


def rules_by_theme(rec: Recommendation) -> dict[str, list[FiredRule]]:
    """The fired rules grouped by theme, themes in order of their first rule."""
    themes: dict[str, list[FiredRule]] = {}
    for rule in rec.fired_rules:
        themes.setdefault(rule.theme, []).append(rule)
    return themes


def fired_rule_text(
    kb: KnowledgeBase,
    rec: Recommendation,
    rule: FiredRule,
    questions: Mapping[str, Question],
    values: Mapping[str, Any],
) -> str:
    """One fired rule as Markdown: title, strength, reason, effects and the answers it read."""
    names = form_names(rec)
    weighs = weighs_text(kb, rule.id)
    effects = [weighs] if weighs else []
    effects += [f"rules out {names[f]}" for f in rule.excludes]
    if rule.derives:
        effects.append(f"concludes “{kb.derived[rule.derives].label}”")
    read = ", ".join(
        f"{questions[f].label} = {questions[f].describe(values.get(f))}" for f in rule.reads
    )
    return (
        f"**{markdown_escape(rule.title)}** · {rule.strength}  \n"
        f"{markdown_escape(rule.because)}  \n"
        f"*Effect:* {markdown_escape('; '.join(effects) or 'none')}  \n"
        f"*Read:* {markdown_escape(read or 'conclusions only')}"
    )


def _block(heading: str, bullets: Sequence[str]) -> list[str]:
    return [heading, *bullets] if bullets else []


def _needs(kb: KnowledgeBase, questions: Mapping[str, Question], needs: Sequence[str]) -> str:
    return ", ".join(
        questions[n].label if n in questions else kb.derived[n.strip("()")].label for n in needs
    )


def why_not_standing(score: float, gap: float, excluded_by: Sequence[str]) -> str:
    """A form's probability and how far it is behind the first place, or that it is ruled out.

    >>> why_not_standing(0.33, 0.16, [])
    '33%, 16 points behind'
    """
    if excluded_by:
        return "ruled out"
    return f"{percent(score)}, {lead_text(gap)} behind"


def why_not_sections(
    kb: KnowledgeBase, rec: Recommendation, questions: Mapping[str, Question]
) -> list[WhyNotSection]:
    """For each form that is not first: what rules it out, counts against it or it lacks."""
    sections = []
    for item in rec.why_not:
        lines = [
            *_block(
                "**Ruled out by**",
                [f"- {markdown_escape(kb.rules_by_id[r].because)}" for r in item.excluded_by],
            ),
            *_block(
                "**Rules that count against it**",
                [
                    f"- **{markdown_escape(kb.rules_by_id[r].title)}.**"
                    f" {markdown_escape(kb.rules_by_id[r].because)}"
                    for r in item.against
                ],
            ),
            *_block(
                f"**Rules that raise {rec.recommendation_name} but not this form**",
                [f"- {markdown_escape(rule_title(kb, r))}" for r in item.winner_advantages],
            ),
            *_block(
                "**Support it lacks** (rules that would raise it, and what they need)",
                [
                    f"- {markdown_escape(m.title)} — needs:"
                    f" {markdown_escape(_needs(kb, questions, m.needs))}"
                    for m in item.missing_support
                ],
            ),
        ]
        sections.append(
            WhyNotSection(
                title=f"{item.name} — {why_not_standing(item.score, item.gap, item.excluded_by)}",
                lines=tuple(lines or [NOTHING_HOLDS_BACK]),
            )
        )
    return sections


__all__ = [
    "NOTHING_HOLDS_BACK",
    "WhyNotSection",
    "derived_fact_lines",
    "fired_rule_text",
    "rules_by_theme",
    "stage_blocks",
    "supporting_lines",
    "why_not_sections",
    "why_not_standing",
]
