"""The compare page's content: which scenarios to offer, and how they differ."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from engine import Recommendation, Scenario
from ui.app.presenters.ranking import form_names
from ui.app.questions import Question
from ui.app.user_text import as_text
from ui.app.wording import percent

DECISIVE_SHOWN = 4
SHORT_LABEL = 32
"""Longest column title on the compare page; longer scenario names are cut at a word."""


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


def short_label(label: str, limit: int = SHORT_LABEL) -> str:
    """A column title for a scenario: the label itself, or cut at a word with an ellipsis.

    >>> short_label("Demo scenario")
    'Demo scenario'
    >>> short_label("Case: Pfizer co-promotes Warner-Lambert's Lipitor under contract")
    'Case: Pfizer co-promotes…'
    """
    if len(label) <= limit:
        return label
    head = label[:limit]
    if label[limit] != " " and " " in head:
        head = head.rsplit(" ", 1)[0]
    return head.rstrip(" ,:;·-") + "…"


def short_labels(labels: Sequence[str]) -> dict[str, str]:
    """Each label's column title, made unique (a number is added where two cut alike)."""
    titles: dict[str, str] = {}
    for label in labels:
        title = short_label(label)
        count = 1
        while title in titles.values():
            count += 1
            title = f"{short_label(label, SHORT_LABEL - 4)} ({count})"
        titles[label] = title
    return titles


def summary_lines(
    scenario: Scenario, rec: Recommendation, *, numbers: bool = True, advice: bool = True
) -> list[str]:
    """A scenario card as Markdown lines: name, first place, confidence, decisive factors.

    Classroom mode shows the confidence in words only (``numbers`` false) and, until the
    class reveals the advice (``advice`` false), neither the first place nor the confidence.
    """
    decisive = decisive_factors(rec)
    lines = [f"**{as_text(scenario.name, 'Untitled scenario')}**"]
    if advice:
        share = f" ({percent(rec.confidence)})" if numbers else ""
        lines += [f"#### {rec.recommendation_name}", f"Confidence {rec.confidence_label}{share}"]
    return [
        *lines,
        "Decisive factors: " + (", ".join(decisive) if decisive else "none stand out"),
    ]


def _place(rec: Recommendation, form: str, *, numbers: bool) -> str:
    item = next(i for i in rec.ranking if i.form == form)
    chance = f" {percent(item.score)}" if numbers else ""
    return f"{item.rank}.{chance}" + (" (ruled out)" if item.excluded else "")


def ranking_columns(
    recs: Mapping[str, Recommendation], *, numbers: bool = True
) -> tuple[list[str], dict[str, list[str]]]:
    """The form names (in the first scenario's order) and each scenario's places and chances.

    With ``numbers`` false (classroom mode) a cell holds the place only.
    """
    first = next(iter(recs.values()))
    forms = [item.form for item in first.ranking]
    names = form_names(first)
    columns = {
        label: [_place(rec, form, numbers=numbers) for form in forms] for label, rec in recs.items()
    }
    return [names[f] for f in forms], columns


def _cell(text: str) -> str:
    return text[:1].upper() + text[1:]


def answer_differences(
    questions: Mapping[str, Question], scenarios: Mapping[str, Scenario]
) -> list[dict[str, str]]:
    """One row per question answered differently, with each scenario's answer in words."""
    values = {label: s.factor_values() for label, s in scenarios.items()}
    rows = []
    for factor, question in questions.items():
        # A table cell starts with a capital, as the answers beside it do ("Unknown", "Medium").
        shown = [_cell(question.describe(values[label].get(factor))) for label in scenarios]
        if len(set(shown)) > 1:
            rows.append({"Factor": question.label, **dict(zip(scenarios, shown, strict=True))})
    return rows


__all__ = [
    "DECISIVE_SHOWN",
    "answer_differences",
    "decisive_factors",
    "initial_choices",
    "kept_choices",
    "ranking_columns",
    "short_label",
    "short_labels",
    "summary_lines",
]
