"""Risks to manage and how to run the recommended form, in words."""

from __future__ import annotations

from collections.abc import Iterable

from engine import Recommendation
from ui.app.wording import markdown_escape


def risk_titles(rec: Recommendation) -> list[str]:
    """Each risk's expander title: the risk and the rules that raised it (or its form)."""
    titles = []
    for risk in rec.risks:
        raised = (
            ", ".join(rule.title for rule in risk.raised_by)
            or f"typical of {rec.recommendation_name}"
        )
        titles.append(f"{risk.title} — {raised}")
    return titles


def bullets(items: Iterable[str]) -> str:
    """Plain texts as escaped Markdown bullet lines."""
    return "\n".join(f"- {markdown_escape(item)}" for item in items)


def titled_list(title: str, items: Iterable[str]) -> str:
    """An italic title above escaped Markdown bullets."""
    return f"*{title}*\n" + bullets(items)


def decision_rights_rows(rec: Recommendation) -> list[dict[str, str]]:
    """The governance blueprint's decision rights as table rows."""
    return [{"Decision": d.decision, "Owner": d.owner} for d in rec.governance.decision_rights]


def ip_text(rec: Recommendation) -> str:
    """Who holds background and foreground intellectual property, as Markdown."""
    blueprint = rec.governance
    return (
        f"*Background IP:* {markdown_escape(blueprint.ip_background)}  \n"
        f"*Foreground IP:* {markdown_escape(blueprint.ip_foreground)}"
    )


def closing_lists(rec: Recommendation) -> list[str]:
    """Escalation, exit triggers and transition services, each a titled Markdown list."""
    blueprint = rec.governance
    return [
        titled_list(title, items)
        for title, items in (
            ("Escalation", blueprint.escalation),
            ("Exit triggers", blueprint.exit_triggers),
            ("Transition services", blueprint.transition_services),
        )
    ]


__all__ = [
    "bullets",
    "closing_lists",
    "decision_rights_rows",
    "ip_text",
    "risk_titles",
    "titled_list",
]
