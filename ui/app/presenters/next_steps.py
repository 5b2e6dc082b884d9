"""What could change the recommendation: questions worth answering and single changes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Literal

from engine import Recommendation, Scenario
from ui.app.presenters.ranking import form_names
from ui.app.questions import Question
from ui.app.wording import lead_text, markdown_escape

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
            f"- **{markdown_escape(question.text)}** ({question.label}) — "
            f"{entry.decisiveness:.0%} of its answers change the first place.  \n"
            f"  {markdown_escape(outcomes)}"
        )
    return lines


def what_if_rows(rec: Recommendation, questions: Mapping[str, Question]) -> list[dict[str, object]]:
    """One table row per single change of a known answer that changes the first place."""
    names = form_names(rec)
    return [
        {
            "Factor": w.label,
            "Now": questions[w.factor].describe(w.current),
            "If instead": questions[w.factor].describe(w.alternative),
            "First place would be": names.get(w.recommendation, w.recommendation),
            "Ahead by": lead_text(w.margin),
        }
        for w in rec.what_if or []
    ]


def what_if_start(rec: Recommendation, factors: Sequence[str]) -> int:
    """Where the what-if factor list starts: at the most decisive change, else the first."""
    return factors.index(rec.what_if[0].factor) if rec.what_if else 0


def what_if_verdict(
    rec: Recommendation, scenario: Scenario, changed: Scenario, after: Recommendation
) -> Verdict:
    """What a changed answer does to the first place: its alert kind and Markdown text."""
    if changed == scenario:
        return "info", "Pick a different answer to see how the ranking would change."
    if after.recommendation != rec.recommendation:
        return (
            "warning",
            f"With this change, **{form_names(rec)[after.recommendation]}** would come first"
            f" instead of **{rec.recommendation_name}**.",
        )
    return "success", f"**{rec.recommendation_name}** would stay first."


__all__ = [
    "Verdict",
    "next_question_lines",
    "what_if_rows",
    "what_if_start",
    "what_if_verdict",
]
