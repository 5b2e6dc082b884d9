"""The compare page's content: which scenarios to offer, and how they differ."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from engine import Recommendation, Scenario
from ui.app.presenters.ranking import form_names
from ui.app.questions import Question
from ui.app.user_text import as_text
from ui.app.wording import percent

DECISIVE_SHOWN = 4
_ROW_HEIGHT, _HEADER_HEIGHT = 35, 38


def initial_choices(options: Sequence[str]) -> list[str]:
    """The first comparison: the current scenario beside a saved one or case, else the demo."""
    others = [key for key in options if key.startswith(("saved:", "case:"))]
    return ["current", others[0] if others else "demo"]


def kept_choices(choices: Sequence[str], options: Sequence[str]) -> list[str]:
    """The earlier choices that are still on offer (a saved scenario may have gone)."""
    return [c for c in choices if c in options]


def decisive_factors(rec: Recommendation) -> list[str]:
    """Labels of the factors whose change would flip the first place, then those moving it most."""
    labels = {w.factor: w.label for w in rec.what_if or []}
    labels |= {q.factor: q.label for q in rec.next_questions or [] if q.factor not in labels}
    shifts = sorted(
        (
            (row.shifts.get(rec.recommendation, 0.0), row.factor, row.label)
            for row in rec.sensitivity or []
        ),
        key=lambda item: (-item[0], item[1]),
    )
    for shift, factor, label in shifts:
        if shift > 0 and factor not in labels:
            labels[factor] = label
    return list(labels.values())[:DECISIVE_SHOWN]


def summary_lines(scenario: Scenario, rec: Recommendation) -> list[str]:
    """A scenario card as Markdown lines: name, first place, confidence, decisive factors."""
    decisive = decisive_factors(rec)
    return [
        f"**{as_text(scenario.name, 'Untitled scenario')}**",
        f"#### {rec.recommendation_name}",
        f"Confidence {rec.confidence_label} ({percent(rec.confidence)})",
        "Decisive factors: " + (", ".join(decisive) if decisive else "none stand out"),
    ]


def _place(rec: Recommendation, form: str) -> str:
    item = next(i for i in rec.ranking if i.form == form)
    return f"{item.rank}. {percent(item.score)}" + (" (ruled out)" if item.excluded else "")


def ranking_columns(recs: Mapping[str, Recommendation]) -> tuple[list[str], dict[str, list[str]]]:
    """The form names (in the first scenario's order) and each scenario's places and chances."""
    first = next(iter(recs.values()))
    forms = [item.form for item in first.ranking]
    names = form_names(first)
    columns = {label: [_place(rec, form) for form in forms] for label, rec in recs.items()}
    return [names[f] for f in forms], columns


def answer_differences(
    questions: Mapping[str, Question], scenarios: Mapping[str, Scenario]
) -> list[dict[str, str]]:
    """One row per question answered differently, with each scenario's answer in words."""
    values = {label: s.factor_values() for label, s in scenarios.items()}
    rows = []
    for factor, question in questions.items():
        shown = [question.describe(values[label].get(factor)) for label in scenarios]
        if len(set(shown)) > 1:
            rows.append({"Factor": question.label, **dict(zip(scenarios, shown, strict=True))})
    return rows


def table_height(rows: int) -> int:
    """A table height in pixels that shows every row, so the table does not scroll inside."""
    return _HEADER_HEIGHT + _ROW_HEIGHT * rows


__all__ = [
    "DECISIVE_SHOWN",
    "answer_differences",
    "decisive_factors",
    "initial_choices",
    "kept_choices",
    "ranking_columns",
    "summary_lines",
    "table_height",
]
