"""Drivers of the decision as the pages show them: chart rows and lines per contrast or pair.

A consideration's push is in log-odds on its contrast (the pages call it a "push");
each fired rule is named once, under the consideration it weighs, with its share.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from engine import ContrastDrivers, PairContrast, Recommendation, RuleShare
from ui.app.user_text import as_text
from ui.numbers import percent, signed


def for_against(yes_name: str, push: float) -> str:
    """Which way a push on a contrast points, named by the contrast's yes form.

    >>> for_against("Joint venture", 0.4), for_against("Joint venture", -0.4)
    ('for Joint venture', 'against Joint venture')
    """
    return f"for {yes_name}" if push > 0 else f"against {yes_name}"


def stage_heading(view: ContrastDrivers, rec: Recommendation, number: int) -> str:
    """A contrast's heading: its question, the path's answer if on the path, its probability."""
    stage = next((s for s in rec.stages if s.contrast == view.contrast), None)
    answer = (
        f" — on the way to {as_text(rec.recommendation_name)}: **{stage.answer}**"
        if stage is not None
        else " — not reached on the way to the recommendation"
    )
    return (
        f"**{number}. {as_text(view.title)}**{answer}  \n"
        f"Yes leads to {as_text(rec.form_name(view.yes_form))};"
        f" probability of yes {percent(view.probability_yes)}"
    )


def stage_rows(view: ContrastDrivers, names: Mapping[str, str]) -> list[dict[str, object]]:
    """Chart rows for one contrast: each consideration's push and the side it takes."""
    yes_name = names.get(view.yes_form, view.yes_form)
    return [
        {"label": d.title, "push": d.contribution, "side": for_against(yes_name, d.contribution)}
        for d in view.drivers
    ]


def pair_rows(pair: PairContrast, names: Mapping[str, str]) -> list[dict[str, object]]:
    """Chart rows for a pair of forms: each separating push and the form it favours."""
    return [
        {
            "label": d.title,
            "push": d.toward_first,
            "side": f"favours {names[pair.first] if d.toward_first > 0 else names[pair.second]}",
        }
        for d in pair.drivers
    ]


def _rule_lines(shares: Sequence[RuleShare], sign: float = 1.0) -> list[str]:
    return [
        f"  - {as_text(share.rule.title)} ({signed(share.contribution * sign)}):"
        f" {as_text(share.rule.because)}"
        for share in shares
    ]


def stage_lines(view: ContrastDrivers, names: Mapping[str, str]) -> list[str]:
    """Each consideration on a contrast with its push, then its rules once each with theirs."""
    if not view.drivers:
        return [
            "- Nothing in the answers bears on this question; the usual lean decides"
            f" ({signed(view.bias)})."
        ]
    yes_name = names.get(view.yes_form, view.yes_form)
    lines = [f"- The usual lean for such deals: {signed(view.bias)}"]
    for d in view.drivers:
        lines.append(
            f"- **{as_text(d.title)}** {signed(d.contribution)}"
            f" ({for_against(yes_name, d.contribution)})"
        )
        lines += _rule_lines(d.rules)
    return lines


def named_rules(views: Sequence[ContrastDrivers]) -> set[str]:
    """The ids of the rules the stage boxes name (each once, where it pushes)."""
    return {share.rule.id for view in views for d in view.drivers for share in d.rules}


def pair_lines(pair: PairContrast, names: Mapping[str, str]) -> list[str]:
    """What separates two forms, strongest first, each push signed toward the first form.

    Only the considerations: their rules are named once, in the stage boxes above.
    """
    if not pair.drivers:
        return [
            f"Nothing in the answers separates {names[pair.first]} from {names[pair.second]};"
            " the usual leans decide between them."
        ]
    lines = []
    for d in pair.drivers:
        favoured = names[pair.first] if d.toward_first > 0 else names[pair.second]
        lines.append(
            f"- **{as_text(d.title)}** favours {as_text(favoured)} ({signed(abs(d.toward_first))})"
        )
    return lines


__all__ = [
    "for_against",
    "named_rules",
    "pair_lines",
    "pair_rows",
    "stage_heading",
    "stage_lines",
    "stage_rows",
]
