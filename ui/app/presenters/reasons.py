"""The recommendation's reasons in words: why the first place, why not each other form."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from engine import FiredRule, Need, PairContrast, Recommendation, RuleRef
from ui.app.presenters.ranking import form_names
from ui.app.questions import Question
from ui.app.user_text import as_text
from ui.app.wording import lead_text, percent, weighs_words
from ui.numbers import signed

NOTHING_HOLDS_BACK = "Nothing specific holds it back; the first place simply has more support."


@dataclass(frozen=True, slots=True)
class WhyNotSection:
    """One form that is not first: a heading and the Markdown lines under it."""

    title: str
    lines: tuple[str, ...]


def _titled(rule: RuleRef) -> str:
    return f"- **{as_text(rule.title)}.** {as_text(rule.because)}"


def derived_fact_lines(rec: Recommendation) -> list[str]:
    """The conclusions reached on the way, each with the rules that reached it."""
    lines = []
    for fact in rec.derived_facts:
        by = ", ".join(rule.title for rule in fact.derived_by)
        lines.append(
            f"- *{as_text(fact.label)}*: {as_text(fact.meaning)} :gray[(from: {as_text(by)})]"
        )
    return lines


def rules_by_theme(rec: Recommendation) -> dict[str, list[FiredRule]]:
    """The fired rules grouped by theme, themes in order of their first rule."""
    themes: dict[str, list[FiredRule]] = {}
    for rule in rec.fired_rules:
        themes.setdefault(rule.theme, []).append(rule)
    return themes


def fired_rule_text(
    rec: Recommendation,
    rule: FiredRule,
    questions: Mapping[str, Question],
    values: Mapping[str, Any],
) -> str:
    """One fired rule as Markdown: title, strength, reason, effects and the answers it read.

    The recommendation carries the words; ``questions`` only describe the answers given.
    """
    names = form_names(rec)
    effects = [weighs_words(rule.weighs)] if rule.weighs else []
    effects += [f"rules out {names[f]}" for f in rule.excludes]
    if rule.derives:
        effects.append(f"concludes “{rule.derives.label}”")
    read = ", ".join(
        f"{f.label} = {questions[f.id].describe(values.get(f.id))}"
        if f.id in questions
        else f.label
        for f in rule.reads
    )
    return (
        f"**{as_text(rule.title)}** · {rule.strength}  \n"
        f"{as_text(rule.because)}  \n"
        f"*Effect:* {as_text('; '.join(effects) or 'none')}  \n"
        f"*Read:* {as_text(read or 'conclusions only')}"
    )


def _block(heading: str, bullets: Sequence[str]) -> list[str]:
    return [heading, *bullets] if bullets else []


def needs_text(needs: Sequence[Need]) -> str:
    """What a rule that did not fire reads: answers by label, conclusions quoted.

    >>> needs_text([Need(kind="factor", id="trust", label="Trust"),
    ...             Need(kind="fact", id="x", label="Deep integration")])
    'Trust, the conclusion “Deep integration”'
    """
    return ", ".join(
        f"the conclusion “{need.label}”" if need.kind == "fact" else need.label for need in needs
    )


def why_not_standing(score: float, gap: float, excluded_by: Sequence[RuleRef]) -> str:
    """A form's probability and how far it is behind the first place, or that it is ruled out.

    >>> why_not_standing(0.33, 0.16, [])
    '33%, 16 points behind'
    """
    if excluded_by:
        return "ruled out"
    return f"{percent(score)}, {lead_text(gap)} behind"


def separation_lines(rec: Recommendation, pair: PairContrast, most: int = 3) -> list[str]:
    """The strongest pushes between the first place and another form, with their sizes."""
    names = form_names(rec)
    return [
        f"- {as_text(d.title)} favours"
        f" {as_text(names[pair.first] if d.toward_first > 0 else names[pair.second])}"
        f" ({signed(abs(d.toward_first))})"
        for d in pair.drivers[:most]
    ]


def why_not_sections(
    rec: Recommendation,
    separations: Mapping[str, PairContrast] | None = None,
    named_elsewhere: Collection[str] = (),
) -> list[WhyNotSection]:
    """For each form that is not first: what rules it out, separates it, or counts against it.

    ``separations`` gives, per form, what separates the first place from it (the
    strongest pushes, sized); without it no such block is drawn. The rules that raise
    the first place are not repeated here: the Drivers tab names each once. Nor are the
    rules against a form whose ids are in ``named_elsewhere`` (those Drivers already names
    where they push).
    """
    sections = []
    for item in rec.why_not:
        pair = (separations or {}).get(item.form)
        lines = [
            *_block(
                "**Ruled out by**",
                [f"- {as_text(r.because)}" for r in item.excluded_by],
            ),
            *_block(
                f"**What separates it from {rec.recommendation_name} here**",
                separation_lines(rec, pair) if pair is not None else [],
            ),
            *_block(
                "**Rules that count against it**",
                [_titled(r) for r in item.against if r.id not in named_elsewhere],
            ),
            *_block(
                "**Support it lacks** (rules that would raise it, and what they need)",
                [
                    f"- {as_text(m.title)} — needs: {as_text(needs_text(m.needs))}"
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
    "needs_text",
    "rules_by_theme",
    "separation_lines",
    "why_not_sections",
    "why_not_standing",
]
