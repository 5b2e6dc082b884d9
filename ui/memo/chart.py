"""The ranking chart of a memo as PNG bytes (matplotlib's Agg canvas, no pyplot state)."""

from __future__ import annotations

import io
from collections.abc import Sequence

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from ui.memo.model import ChartBar

RECOMMENDED_COLOUR = "#1f5f8b"
OTHER_COLOUR = "#9bb7cc"
EXCLUDED_COLOUR = "#d9d9d9"
WHISKER_COLOUR = "#333333"


def ranking_chart_png(bars: Sequence[ChartBar], *, dpi: int = 150) -> bytes:
    """Draw each form's probability as a horizontal bar, first place on top.

    Whiskers show the lowest and highest probability the unknown answers still allow; a
    form ruled out is drawn grey and hatched.

    Args:
        bars: the forms in ranking order.
        dpi: resolution of the PNG.

    Returns:
        The chart as PNG bytes.
    """
    height = 0.45 * len(bars) + 1.0
    figure = Figure(figsize=(6.5, height), dpi=dpi)
    # Fixed margins rather than constrained layout, which costs more than the drawing.
    figure.subplots_adjust(left=0.37, right=0.96, top=1 - 0.15 / height, bottom=0.6 / height)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    positions = list(range(len(bars)))[::-1]
    colours = [
        EXCLUDED_COLOUR if bar.excluded else RECOMMENDED_COLOUR if bar.recommended else OTHER_COLOUR
        for bar in bars
    ]
    drawn = axes.barh(positions, [bar.score for bar in bars], color=colours, height=0.6)
    for patch, bar in zip(drawn, bars, strict=True):
        if bar.excluded:
            patch.set_hatch("///")
            patch.set_edgecolor("#888888")
    # A form the unknowns could rule out has -1 as its lowest: its probability falls to 0.
    low_err = [max(bar.score - max(bar.lowest_possible, 0.0), 0.0) for bar in bars]
    high_err = [max(bar.highest_possible - bar.score, 0.0) for bar in bars]
    axes.errorbar(
        [bar.score for bar in bars],
        positions,
        xerr=[low_err, high_err],
        fmt="none",
        ecolor=WHISKER_COLOUR,
        elinewidth=1,
        capsize=3,
    )
    axes.set_yticks(positions)
    labels = [bar.name + ("\n(ruled out)" if bar.excluded else "") for bar in bars]
    # parse_math=False: names are shown as written, never read as mathtext.
    axes.set_yticklabels(labels, parse_math=False)
    axes.set_xlim(0.0, 1.0)
    axes.set_xticks([0.0, 0.25, 0.5, 0.75, 1.0], ["0%", "25%", "50%", "75%", "100%"])
    axes.set_xlabel("Probability that the form is right")
    axes.spines[["top", "right"]].set_visible(False)
    axes.grid(axis="x", color="#eeeeee")
    axes.set_axisbelow(True)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()


__all__ = ["ranking_chart_png"]
