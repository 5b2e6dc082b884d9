"""The questionnaire's words beside each question, and the partner table read back."""

from __future__ import annotations

from typing import Any

import pandas as pd

from engine import KnowledgeBase, Recommendation
from ui.app.presenters.ranking import form_names
from ui.app.questions import Question
from ui.app.user_text import as_text
from ui.app.wording import rule_title
from ui.numbers import percent

RULES_LISTED = 6


def readers_line(kb: KnowledgeBase, factor: str) -> str:
    """Which rules read a factor (the first few by title), as a Markdown line."""
    rules = kb.rules_reading_factor.get(factor, ())
    if not rules:
        return "No rule reads this answer yet; it is kept for the record."
    shown = ", ".join(f"*{as_text(rule_title(kb, r))}*" for r in rules[:RULES_LISTED])
    more = f" and {len(rules) - RULES_LISTED} more" if len(rules) > RULES_LISTED else ""
    return f"Read by {len(rules)} rule{'s' if len(rules) != 1 else ''}: {shown}{more}."


def _unknown_answer_line(question: Question, rec: Recommendation, *, numbers: bool) -> str:
    entry = next((q for q in rec.next_questions or [] if q.factor == question.factor), None)
    if entry is None:
        return f"Whatever the answer, **{rec.recommendation_name}** stays first."
    names = form_names(rec)
    changes = [
        f"{question.describe(o.value)} → **{names[o.recommendation]}**"
        for o in entry.outcomes
        if o.recommendation != rec.recommendation
    ]
    share = f" ({percent(entry.decisiveness)} of its answers would)" if numbers else ""
    return f"Answering it **could change the first place**{share}: " + "; ".join(changes) + "."


def _known_answer_line(question: Question, rec: Recommendation) -> str:
    names = form_names(rec)
    changes = [
        f"{question.describe(w.alternative)} → **{names[w.recommendation]}**"
        for w in rec.what_if or []
        if w.factor == question.factor
    ]
    if changes:
        return "A different answer **would change the first place**: " + "; ".join(changes) + "."
    return (
        f"No other answer to this question alone would move **{rec.recommendation_name}**"
        " from first place."
    )


HIDDEN_ADVICE_LINE = (
    "Whether another answer would change the advice is shown once the class has revealed it"
    " on the Recommendation page."
)


def why_asked_lines(
    kb: KnowledgeBase,
    question: Question,
    rec: Recommendation,
    answer: Any,
    *,
    classroom: bool = False,
    hidden: bool = False,
) -> list[str]:
    """Why a question is asked: the rules reading it, and what another answer would change.

    In classroom mode the lines use no numbers or rule titles: the question's own reason,
    then (once the class has revealed the advice, ``hidden`` false) what another answer
    would change, in words.
    """
    first = as_text(question.help) if classroom else readers_line(kb, question.factor)
    if hidden:
        return [first, HIDDEN_ADVICE_LINE]
    if answer is None:
        return [first, _unknown_answer_line(question, rec, numbers=not classroom)]
    return [first, _known_answer_line(question, rec)]


def _cell(value: Any) -> str | None:
    """A table cell as text; empty cells (``None`` or pandas' NaN) as ``None``."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    return str(value)


def partner_rows(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The edited partner table as the scenario's partners, skipping empty rows."""
    rows = []
    for record in frame.to_dict("records"):
        name = (_cell(record.get("name")) or "").strip()
        kind = _cell(record.get("type"))
        if not name and not kind:
            continue
        row: dict[str, Any] = {"name": name}
        if kind:
            row["type"] = kind
        rows.append(row)
    return rows


__all__ = ["HIDDEN_ADVICE_LINE", "RULES_LISTED", "partner_rows", "readers_line", "why_asked_lines"]
