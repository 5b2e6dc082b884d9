"""The ranking of the five forms as the pages show it: table rows and exclusions."""

from __future__ import annotations

from engine import Recommendation
from ui.app.user_text import as_text
from ui.app.wording import percent, possible_range


def form_names(rec: Recommendation) -> dict[str, str]:
    """Each ranked form's name by its id."""
    return {item.form: item.name for item in rec.ranking}


def ranking_rows(rec: Recommendation) -> list[dict[str, object]]:
    """One table row per form, in ranking order: place, name, probability, its range, note."""
    return [
        {
            "Place": item.rank,
            "Form": item.name,
            "Probability": percent(item.score),
            "Possible": possible_range(item.lowest_possible, item.highest_possible, item.excluded),
            "Note": "ruled out" if item.excluded else "",
        }
        for item in rec.ranking
    ]


def exclusion_lines(rec: Recommendation) -> list[str]:
    """One Markdown line per distinct set of reasons, naming every form it rules out."""
    grouped: dict[tuple[str, ...], list[str]] = {}
    for exclusion in rec.excluded:  # one rule often rules out several forms at once
        reasons = tuple(rule.because for rule in exclusion.rules)
        grouped.setdefault(reasons, []).append(exclusion.name)
    lines = []
    for reasons, forms in grouped.items():
        names = ", ".join(f"**{name}**" for name in forms)
        verb = "is" if len(forms) == 1 else "are"
        text = " ".join(as_text(r) for r in reasons)
        lines.append(f"{names} {verb} ruled out: {text}")
    return lines


__all__ = ["exclusion_lines", "form_names", "ranking_rows"]
