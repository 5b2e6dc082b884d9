"""Charts of recommendations and of the forms' trade-off profiles, as Vega-Lite specs.

Each chart is a plain Vega-Lite dictionary for ``st.vega_lite_chart`` (the grammar
Altair writes). Building them as data rather than through Altair objects keeps a page
re-render fast (Altair validates every chart against its JSON schema, which costs tens
of milliseconds per chart) and makes them easy to test. Each chart has a ``*_records``
function giving its rows.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from engine import KnowledgeBase, Recommendation

FIRST_COLOUR = "#6d28d9"
OTHER_COLOUR = "#94a3b8"
EXCLUDED_COLOUR = "#ef4444"
FORM_COLOURS = ["#0ea5e9", "#6d28d9", "#ef4444", "#10b981", "#f59e0b"]
SCENARIO_COLOURS = ["#6d28d9", "#0ea5e9", "#f59e0b", "#10b981", "#ef4444", "#64748b"]
_SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"
_STATUS_SCALE = {
    "domain": ["recommended", "alternative", "excluded"],
    "range": [FIRST_COLOUR, OTHER_COLOUR, EXCLUDED_COLOUR],
}
_SCORE_AXIS = {
    "scale": {"domain": [0, 1]},
    "axis": {"format": "%"},
    "title": "Probability that the form is right",
}
Spec = dict[str, Any]


def _spec(values: list[dict[str, Any]], **parts: Any) -> Spec:
    return {"$schema": _SCHEMA, "data": {"values": values}, **parts}


def _status(rec: Recommendation, form: str, excluded: bool) -> str:
    if form == rec.recommendation:
        return "recommended"
    return "excluded" if excluded else "alternative"


def ranking_records(rec: Recommendation) -> list[dict[str, Any]]:
    """One row per form: its place, probability, possible range and status.

    The range is the probabilities the unknown answers still allow; a form they could
    rule out can fall to 0.
    """
    return [
        {
            "form": item.form,
            "name": item.name,
            "rank": item.rank,
            "score": item.score,
            "lowest": max(item.lowest_possible, 0.0),
            "highest": max(item.highest_possible, 0.0),
            "status": _status(rec, item.form, item.excluded),
        }
        for item in rec.ranking
    ]


def _range_layer(y: dict[str, Any]) -> dict[str, Any]:
    return {
        "mark": {"type": "rule", "color": "#0f172a", "strokeWidth": 1.5, "opacity": 0.55},
        "encoding": {
            "x": {"field": "lowest", "type": "quantitative", **_SCORE_AXIS},
            "x2": {"field": "highest"},
            "y": y,
        },
    }


def ranking_chart(rec: Recommendation, *, ranges: bool = True) -> Spec:
    """The five forms' probabilities as bars, with the range the unknown answers still allow.

    ``ranges=False`` leaves the range lines out (when nothing is unknown there is none).
    """
    rows = ranking_records(rec)
    y = {
        "field": "name",
        "type": "nominal",
        "sort": [row["name"] for row in rows],
        "title": None,
        "axis": {"labelLimit": 260},
    }
    return _spec(
        rows,
        height={"step": 34},
        layer=[
            {
                "mark": {"type": "bar", "cornerRadiusEnd": 3, "height": {"band": 0.6}},
                "encoding": {
                    "x": {"field": "score", "type": "quantitative", **_SCORE_AXIS},
                    "y": y,
                    "color": {
                        "field": "status",
                        "type": "nominal",
                        "scale": _STATUS_SCALE,
                        "legend": {
                            "title": None,
                            "orient": "bottom",
                            "columns": 2,
                            "labelLimit": 200,
                        },
                    },
                    "tooltip": [
                        {"field": "rank", "type": "ordinal", "title": "Place"},
                        {"field": "name", "type": "nominal", "title": "Form"},
                        {
                            "field": "score",
                            "type": "quantitative",
                            "format": ".0%",
                            "title": "Probability",
                        },
                        {
                            "field": "lowest",
                            "type": "quantitative",
                            "format": ".0%",
                            "title": "Lowest possible",
                        },
                        {
                            "field": "highest",
                            "type": "quantitative",
                            "format": ".0%",
                            "title": "Highest possible",
                        },
                    ],
                },
            },
        ]
        + ([_range_layer(y)] if ranges else []),
    )


def comparison_records(recs: Mapping[str, Recommendation]) -> list[dict[str, Any]]:
    """One row per scenario and form: probability, place and whether it comes first."""
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


LEGEND_LABEL_PX = 170
"""Widest scenario name in the comparison chart's legend, in pixels (390 px phone screens)."""


def comparison_chart(recs: Mapping[str, Recommendation], form_order: list[str]) -> Spec:
    """Probabilities of several scenarios side by side, form by form."""
    labels = list(recs)
    return _spec(
        comparison_records(recs),
        height={"step": 18},
        mark={"type": "bar", "cornerRadiusEnd": 3},
        encoding={
            "x": {"field": "score", "type": "quantitative", **_SCORE_AXIS},
            "y": {
                "field": "name",
                "type": "nominal",
                "sort": form_order,
                "title": None,
                "axis": {"labelLimit": 260},
            },
            "yOffset": {"field": "scenario", "type": "nominal", "sort": labels},
            "color": {
                "field": "scenario",
                "type": "nominal",
                "sort": labels,
                "scale": {"domain": labels, "range": SCENARIO_COLOURS[: len(labels)]},
                # One entry a line, each cut (with an ellipsis) to what fits beside the
                # form names on a phone; the tooltip names the scenario in full.
                "legend": {
                    "title": None,
                    "orient": "top",
                    "direction": "vertical",
                    "labelLimit": LEGEND_LABEL_PX,
                },
            },
            "opacity": {"condition": {"test": "datum.first", "value": 1.0}, "value": 0.55},
            "tooltip": [
                {"field": "scenario", "type": "nominal", "title": "Scenario"},
                {"field": "name", "type": "nominal", "title": "Form"},
                {"field": "rank", "type": "ordinal", "title": "Place"},
                {
                    "field": "score",
                    "type": "quantitative",
                    "format": ".0%",
                    "title": "Probability",
                },
            ],
        },
    )


def sensitivity_records(rec: Recommendation) -> list[dict[str, Any]]:
    """One row per factor and form: the largest probability change a different answer causes."""
    names = {item.form: item.name for item in rec.ranking}
    rows = []
    for row in rec.sensitivity or []:
        for form, shift in row.shifts.items():
            rows.append(
                {
                    "factor": row.factor,
                    "label": row.label,
                    "form": form,
                    "name": names.get(form, form),
                    "shift": shift,
                }
            )
    return rows


def sensitivity_chart(rec: Recommendation) -> Spec:
    """A heat map of how far each factor can move each form's probability, largest first.

    Factors that move nothing are left out; the form names stand upright and the
    colour scale sits below, so the cells keep their width on a phone.
    """
    rows = sensitivity_records(rec)
    totals: dict[str, float] = {}
    for row in rows:
        totals[row["label"]] = totals.get(row["label"], 0.0) + row["shift"]
    rows = [row for row in rows if totals[row["label"]] > 0]
    order = sorted(
        (label for label in totals if totals[label] > 0), key=lambda label: (-totals[label], label)
    )
    encoding = {
        "x": {
            "field": "name",
            "type": "nominal",
            "sort": [item.name for item in rec.ranking],
            "title": None,
            "axis": {"labelAngle": -90, "labelLimit": 150, "labelOverlap": False, "orient": "top"},
        },
        "y": {
            "field": "label",
            "type": "nominal",
            "sort": order,
            "title": None,
            "axis": {"labelLimit": 130},
        },
    }
    return _spec(
        rows,
        height={"step": 22},
        encoding=encoding,
        layer=[
            {
                "mark": "rect",
                "encoding": {
                    "color": {
                        "field": "shift",
                        "type": "quantitative",
                        "scale": {"scheme": "purples"},
                        "title": "Largest shift",
                        "legend": {"orient": "bottom", "direction": "horizontal", "format": ".0%"},
                    },
                    "tooltip": [
                        {"field": "label", "type": "nominal", "title": "Factor"},
                        {"field": "name", "type": "nominal", "title": "Form"},
                        {
                            "field": "shift",
                            "type": "quantitative",
                            "format": ".0%",
                            "title": "Largest shift",
                        },
                    ],
                },
            },
            {
                "mark": {"type": "text", "fontSize": 10},
                "encoding": {
                    "text": {
                        "condition": {
                            "test": "datum.shift > 0",
                            "field": "shift",
                            "type": "quantitative",
                            "format": ".0%",
                        },
                        "value": "",
                    },
                    "color": {
                        "condition": {"test": "datum.shift > 0.35", "value": "white"},
                        "value": "#1e293b",
                    },
                },
            },
        ],
    )


def outward_value(value: int, better: str) -> int:
    """A 1-5 position with the better end outward (a "low is better" axis is reversed).

    >>> outward_value(2, "high"), outward_value(2, "low")
    (2, 4)
    """
    return value if better == "high" else 6 - value


def trade_off_records(kb: KnowledgeBase, highlight: Sequence[str]) -> list[dict[str, Any]]:
    """One row per form and axis: the form's 1-5 position, the better end always at 5.

    Axes where less is better are reversed and take their ``outward`` name, so every
    bar that reaches further is better for the partners. ``highlight`` names the forms
    drawn in colour (any two, say); the others are drawn grey.
    """
    return [
        {
            "form": form.id,
            "name": form.name,
            "axis": (axis.outward or axis.label) if axis.better == "low" else axis.label,
            "value": outward_value(form.profile[axis_id], axis.better),  # type: ignore[index]
            "highlight": form.id in highlight,
            "shown": form.name if form.id in highlight else "other forms",
        }
        for form in kb.forms.values()
        for axis_id, axis in kb.axes.items()
    ]


def trade_off_chart(kb: KnowledgeBase, highlight: Sequence[str]) -> Spec:
    """Small grouped bars: per axis, each form's position, better outward, two in colour."""
    rows = trade_off_records(kb, highlight)
    names = [form.name for form in kb.forms.values()]
    shown = [kb.forms[f].name for f in highlight if f in kb.forms]
    axes = list(dict.fromkeys(row["axis"] for row in rows))
    return _spec(
        rows,
        height={"step": 11},
        mark={"type": "bar", "cornerRadiusEnd": 2},
        encoding={
            "y": {
                "field": "axis",
                "type": "nominal",
                "sort": axes,
                "title": None,
                "axis": {"labelLimit": 130, "labelFontWeight": "bold"},
            },
            "yOffset": {"field": "name", "type": "nominal", "sort": names},
            "x": {
                "field": "value",
                "type": "quantitative",
                "scale": {"domain": [0, 5]},
                "title": "Better →",
                "axis": {"values": [1, 2, 3, 4, 5]},
            },
            "color": {
                "field": "shown",
                "type": "nominal",
                "scale": {
                    "domain": [*shown, "other forms"],
                    "range": [*FORM_COLOURS[1 : 1 + len(shown)], "#e2e8f0"],
                },
                "legend": {"title": None, "orient": "top", "columns": 1, "labelLimit": 300},
            },
            "tooltip": [
                {"field": "name", "type": "nominal", "title": "Form"},
                {"field": "axis", "type": "nominal", "title": "Axis"},
                {"field": "value", "type": "quantitative", "title": "Position (5 = best)"},
            ],
        },
    )


def robustness_records(rec: Recommendation) -> list[dict[str, Any]]:
    """One row per form: the share of completions in which it comes first."""
    if rec.robustness is None:
        return []
    names = {item.form: item.name for item in rec.ranking}
    return [
        {"form": form, "name": names[form], "share": share, "first": form == rec.recommendation}
        for form, share in rec.robustness.share_first.items()
    ]


def robustness_chart(rec: Recommendation) -> Spec:
    """How often each form comes first when the unknown answers are filled in."""
    return _spec(
        robustness_records(rec),
        height={"step": 30},
        mark={"type": "bar", "cornerRadiusEnd": 3},
        encoding={
            "x": {
                "field": "share",
                "type": "quantitative",
                "scale": {"domain": [0, 1]},
                "axis": {"format": "%"},
                "title": "Share of completions in which the form comes first",
            },
            "y": {
                "field": "name",
                "type": "nominal",
                "sort": "-x",
                "title": None,
                "axis": {"labelLimit": 260},
            },
            "color": {
                "condition": {"test": "datum.first", "value": FIRST_COLOUR},
                "value": OTHER_COLOUR,
            },
            "tooltip": [
                {"field": "name", "type": "nominal", "title": "Form"},
                {"field": "share", "type": "quantitative", "format": ".0%", "title": "Share"},
            ],
        },
    )


__all__ = [
    "Spec",
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
