"""Altair charts of recommendations and of the forms' trade-off profiles.

Each chart has a ``*_records`` function producing its plain data (testable without a
browser) and a builder returning an ``alt.Chart`` for ``st.altair_chart``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import altair as alt
import pandas as pd

from engine import KnowledgeBase, Recommendation

FIRST_COLOUR = "#6d28d9"
OTHER_COLOUR = "#94a3b8"
EXCLUDED_COLOUR = "#ef4444"
_STATUS_SCALE = alt.Scale(
    domain=["recommended", "alternative", "excluded"],
    range=[FIRST_COLOUR, OTHER_COLOUR, EXCLUDED_COLOUR],
)


def _status(rec: Recommendation, form: str, excluded: bool) -> str:
    if form == rec.recommendation:
        return "recommended"
    return "excluded" if excluded else "alternative"


def ranking_records(rec: Recommendation) -> list[dict[str, Any]]:
    """One row per form: its place, score, possible range and status."""
    return [
        {
            "form": item.form,
            "name": item.name,
            "rank": item.rank,
            "score": item.score,
            "lowest": item.lowest_possible,
            "highest": item.highest_possible,
            "status": _status(rec, item.form, item.excluded),
        }
        for item in rec.ranking
    ]


def ranking_chart(rec: Recommendation) -> alt.LayerChart:
    """Scores of the five forms as bars, with the range the unknown answers still allow."""
    data = pd.DataFrame(ranking_records(rec))
    order = [row["name"] for row in ranking_records(rec)]
    y = alt.Y("name:N", sort=order, title=None, axis=alt.Axis(labelLimit=260))
    scale = alt.Scale(domain=[-1, 1])
    bars = (
        alt.Chart(data)
        .mark_bar(cornerRadiusEnd=3, height={"band": 0.6})
        .encode(
            x=alt.X("score:Q", scale=scale, title="Score (−1 to 1)"),
            y=y,
            color=alt.Color(
                "status:N", scale=_STATUS_SCALE, legend=alt.Legend(title=None, orient="bottom")
            ),
            tooltip=[
                alt.Tooltip("rank:O", title="Place"),
                alt.Tooltip("name:N", title="Form"),
                alt.Tooltip("score:Q", title="Score", format="+.2f"),
                alt.Tooltip("lowest:Q", title="Lowest possible", format="+.2f"),
                alt.Tooltip("highest:Q", title="Highest possible", format="+.2f"),
            ],
        )
    )
    ranges = (
        alt.Chart(data)
        .mark_rule(color="#0f172a", strokeWidth=1.5, opacity=0.55)
        .encode(x=alt.X("lowest:Q", scale=scale), x2="highest:Q", y=y)
    )
    zero = alt.Chart(pd.DataFrame({"x": [0]})).mark_rule(color="#475569").encode(x="x:Q")
    return (bars + ranges + zero).properties(height=alt.Step(34))


def comparison_records(recs: Mapping[str, Recommendation]) -> list[dict[str, Any]]:
    """One row per scenario and form: score, place and whether it comes first."""
    rows = []
    for scenario_label, rec in recs.items():
        for item in rec.ranking:
            rows.append(
                {
                    "scenario": scenario_label,
                    "form": item.form,
                    "name": item.name,
                    "score": item.score,
                    "rank": item.rank,
                    "first": item.form == rec.recommendation,
                }
            )
    return rows


def comparison_chart(recs: Mapping[str, Recommendation], form_order: list[str]) -> alt.Chart:
    """Scores of several scenarios side by side, form by form."""
    data = pd.DataFrame(comparison_records(recs))
    return (
        alt.Chart(data)
        .mark_bar(cornerRadiusEnd=3)
        .encode(
            x=alt.X("score:Q", scale=alt.Scale(domain=[-1, 1]), title="Score (−1 to 1)"),
            y=alt.Y("name:N", sort=form_order, title=None, axis=alt.Axis(labelLimit=260)),
            yOffset=alt.YOffset("scenario:N", sort=list(recs)),
            color=alt.Color(
                "scenario:N", sort=list(recs), legend=alt.Legend(title=None, orient="bottom")
            ),
            opacity=alt.condition("datum.first", alt.value(1.0), alt.value(0.55)),
            tooltip=[
                alt.Tooltip("scenario:N", title="Scenario"),
                alt.Tooltip("name:N", title="Form"),
                alt.Tooltip("rank:O", title="Place"),
                alt.Tooltip("score:Q", title="Score", format="+.2f"),
            ],
        )
        .properties(height=alt.Step(18))
    )


def sensitivity_records(
    rec: Recommendation, factor_labels: Mapping[str, str]
) -> list[dict[str, Any]]:
    """One row per factor and form: the largest score change a different answer causes."""
    names = {item.form: item.name for item in rec.ranking}
    rows = []
    for factor, shifts in (rec.sensitivity or {}).items():
        for form, shift in shifts.items():
            rows.append(
                {
                    "factor": factor,
                    "label": factor_labels.get(factor, factor),
                    "form": form,
                    "name": names.get(form, form),
                    "shift": shift,
                }
            )
    return rows


def sensitivity_chart(rec: Recommendation, factor_labels: Mapping[str, str]) -> alt.Chart:
    """A heat map of how far each factor can move each form's score."""
    rows = sensitivity_records(rec, factor_labels)
    data = pd.DataFrame(rows)
    totals: dict[str, float] = {}
    for row in rows:
        totals[row["label"]] = totals.get(row["label"], 0.0) + row["shift"]
    order = sorted(totals, key=lambda label: (-totals[label], label))
    forms = [item.name for item in rec.ranking]
    base = alt.Chart(data).encode(
        x=alt.X("name:N", sort=forms, title=None, axis=alt.Axis(labelAngle=-20, labelLimit=200)),
        y=alt.Y("label:N", sort=order, title=None, axis=alt.Axis(labelLimit=220)),
    )
    cells = base.mark_rect().encode(
        color=alt.Color("shift:Q", scale=alt.Scale(scheme="purples"), title="Largest shift"),
        tooltip=[
            alt.Tooltip("label:N", title="Factor"),
            alt.Tooltip("name:N", title="Form"),
            alt.Tooltip("shift:Q", title="Largest shift", format=".2f"),
        ],
    )
    text = base.mark_text(fontSize=10).encode(
        text=alt.condition("datum.shift > 0", alt.Text("shift:Q", format=".2f"), alt.value("")),
        color=alt.condition("datum.shift > 0.35", alt.value("white"), alt.value("#1e293b")),
    )
    return (cells + text).properties(height=alt.Step(22))


def trade_off_records(kb: KnowledgeBase, highlight: str | None) -> list[dict[str, Any]]:
    """One row per form and axis: the form's 1-5 position on that axis."""
    rows = []
    for form in kb.forms.values():
        for axis_id, axis in kb.axes.items():
            rows.append(
                {
                    "form": form.id,
                    "name": form.name,
                    "axis": axis.label,
                    "value": form.profile[axis_id],
                    "highlight": form.id == highlight,
                }
            )
    return rows


def trade_off_chart(kb: KnowledgeBase, highlight: str | None) -> alt.Chart:
    """The five forms' profiles across the trade-off axes, the highlighted one bold."""
    data = pd.DataFrame(trade_off_records(kb, highlight))
    axes = [axis.label for axis in kb.axes.values()]
    names = [form.name for form in kb.forms.values()]
    base = alt.Chart(data).encode(
        x=alt.X("axis:N", sort=axes, title=None, axis=alt.Axis(labelAngle=-20, labelLimit=200)),
        y=alt.Y(
            "value:Q",
            scale=alt.Scale(domain=[0.5, 5.5]),
            title="Low (1) to high (5)",
            axis=alt.Axis(values=[1, 2, 3, 4, 5]),
        ),
        color=alt.Color(
            "name:N", sort=names, legend=alt.Legend(title=None, orient="bottom", columns=3)
        ),
        detail="name:N",
        tooltip=[
            alt.Tooltip("name:N", title="Form"),
            alt.Tooltip("axis:N", title="Axis"),
            alt.Tooltip("value:Q", title="Position"),
        ],
    )
    lines = base.mark_line(interpolate="linear").encode(
        strokeWidth=alt.condition("datum.highlight", alt.value(4.5), alt.value(1.6)),
        opacity=alt.condition("datum.highlight", alt.value(1.0), alt.value(0.45)),
    )
    points = base.mark_point(filled=True).encode(
        size=alt.condition("datum.highlight", alt.value(110), alt.value(35)),
        opacity=alt.condition("datum.highlight", alt.value(1.0), alt.value(0.5)),
    )
    return (lines + points).properties(height=360)


def robustness_records(rec: Recommendation) -> list[dict[str, Any]]:
    """One row per form: the share of completions in which it comes first."""
    if rec.robustness is None:
        return []
    names = {item.form: item.name for item in rec.ranking}
    return [
        {"form": form, "name": names[form], "share": share, "first": form == rec.recommendation}
        for form, share in rec.robustness.share_first.items()
    ]


def robustness_chart(rec: Recommendation) -> alt.Chart:
    """How often each form comes first when the unknown answers are filled in."""
    data = pd.DataFrame(robustness_records(rec))
    return (
        alt.Chart(data)
        .mark_bar(cornerRadiusEnd=3)
        .encode(
            x=alt.X(
                "share:Q",
                axis=alt.Axis(format="%"),
                scale=alt.Scale(domain=[0, 1]),
                title="Share of completions in which the form comes first",
            ),
            y=alt.Y("name:N", sort="-x", title=None, axis=alt.Axis(labelLimit=260)),
            color=alt.condition("datum.first", alt.value(FIRST_COLOUR), alt.value(OTHER_COLOUR)),
            tooltip=[alt.Tooltip("name:N", title="Form"), alt.Tooltip("share:Q", format=".0%")],
        )
        .properties(height=alt.Step(30))
    )


__all__ = [
    "comparison_chart",
    "comparison_records",
    "ranking_chart",
    "ranking_records",
    "robustness_chart",
    "robustness_records",
    "sensitivity_chart",
    "sensitivity_records",
    "trade_off_chart",
    "trade_off_records",
]
