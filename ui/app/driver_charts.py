"""The contribution chart: signed pushes as bars either side of zero, as a Vega-Lite spec.

Rows come from ``ui.app.presenters.drivers`` (``label``, ``push``, ``side``). Labels wrap
onto short lines (joined by ``|`` and split by the axis) and the chart stretches to its
box, so it reads at phone width.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import Any

from ui.app.charts import Spec

SIDE_COLOURS = ("#6d28d9", "#f59e0b")
LABEL_WIDTH = 24
_SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"


def wrapped(label: str, width: int = LABEL_WIDTH) -> list[str]:
    """A long label as lines of at most ``width`` characters (Vega draws a list as lines).

    >>> wrapped("Whether the results are shared among members or published")
    ['Whether the results are', 'shared among members or', 'published']
    """
    return textwrap.wrap(label, width) or [label]


def contribution_chart(
    rows: Sequence[dict[str, Any]], sides: tuple[str, str], axis_title: str
) -> Spec:
    """Horizontal bars of signed pushes, strongest first, coloured by the side they take.

    Args:
        rows: chart rows with ``label``, ``push`` and ``side``.
        sides: the two side names, positive side first (fixes their colours).
        axis_title: what the horizontal axis measures.
    """
    values = [{**row, "lines": "|".join(wrapped(str(row["label"])))} for row in rows]
    order = [row["lines"] for row in values]
    return {
        "$schema": _SCHEMA,
        "data": {"values": values},
        "height": {"step": 44},
        "mark": {"type": "bar", "cornerRadiusEnd": 3, "height": {"band": 0.7}},
        "encoding": {
            "x": {
                "field": "push",
                "type": "quantitative",
                "title": axis_title,
                "axis": {"tickCount": 5, "format": "+.1f", "titleLimit": 300},
            },
            "y": {
                "field": "lines",
                "type": "nominal",
                "sort": order,
                "title": None,
                "axis": {"labelExpr": "split(datum.label, '|')", "labelLimit": 200},
            },
            "color": {
                "field": "side",
                "type": "nominal",
                "scale": {"domain": list(sides), "range": list(SIDE_COLOURS)},
                "legend": None,  # the lines under the chart say which side each push takes
            },
            "tooltip": [
                {"field": "label", "type": "nominal", "title": "Consideration"},
                {"field": "push", "type": "quantitative", "format": "+.1f", "title": "Push"},
                {"field": "side", "type": "nominal", "title": "Side"},
            ],
        },
    }


__all__ = ["contribution_chart", "wrapped"]
