"""Risks to manage and how to run the recommended form, in words."""

from __future__ import annotations

from collections.abc import Iterable

from engine import DecisionRightView, GovernanceModuleView, Recommendation
from ui.app.user_text import as_text


def risk_titles(rec: Recommendation) -> list[str]:
    """Each risk's expander title: the risk and the rules that raised it (or its form)."""
    titles = []
    for risk in rec.risks:
        # Rule titles are sentences of their own, so they follow "raised by:" one by one.
        raised = (
            "raised by: " + "; ".join(rule.title for rule in risk.raised_by)
            if risk.raised_by
            else f"typical of {rec.recommendation_name}"
        )
        titles.append(f"{risk.title} — {raised}")
    return titles


def bullets(items: Iterable[str]) -> str:
    """Plain texts as escaped Markdown bullet lines."""
    return "\n".join(f"- {as_text(item)}" for item in items)


def titled_list(title: str, items: Iterable[str]) -> str:
    """An italic title above escaped Markdown bullets."""
    return f"*{title}*\n" + bullets(items)


def decision_rights_rows(rec: Recommendation) -> list[dict[str, str]]:
    """The form's own decision rights (those no scope module adds) as table rows."""
    return [{"Decision": d.decision, "Owner": d.owner} for d in own_decision_rights(rec)]


def own_workstreams(rec: Recommendation) -> list[str]:
    """The recommended form's own workstreams, before any the deal's scope adds."""
    added = sum(len(m.workstreams) for m in rec.governance.modules)
    workstreams = rec.governance.workstreams
    return workstreams[: len(workstreams) - added]


def own_decision_rights(rec: Recommendation) -> list[DecisionRightView]:
    """The recommended form's own decision rights, before any the deal's scope adds."""
    added = sum(len(m.decision_rights) for m in rec.governance.modules)
    rights = rec.governance.decision_rights
    return rights[: len(rights) - added]


def module_text(module: GovernanceModuleView) -> str:
    """A scope module as Markdown: why it applies, then each workstream with its detail."""
    lines = [f"*{as_text(module.because)}*"]
    lines += [f"- **{as_text(w.title)}**: {as_text(w.detail)}" for w in module.workstreams]
    return "\n".join(lines)


def module_rights_rows(module: GovernanceModuleView) -> list[dict[str, str]]:
    """A scope module's decision rights as table rows."""
    return [{"Decision": d.decision, "Owner": d.owner} for d in module.decision_rights]


def scope_note(rec: Recommendation) -> str | None:
    """What the blueprint lacks when the deal's scope is unanswered (else ``None``)."""
    if rec.governance.scope_known:
        return None
    return (
        "The deal's scope is not answered, so only the form's own blueprint is shown."
        " Say what the collaboration covers (research, manufacturing, commercialisation,"
        " care delivery, data) to add the workstreams and decision rights it needs."
    )


def ip_text(rec: Recommendation) -> str:
    """Who holds background and foreground intellectual property, as Markdown."""
    blueprint = rec.governance
    return (
        f"*Background IP:* {as_text(blueprint.ip_background)}  \n"
        f"*Foreground IP:* {as_text(blueprint.ip_foreground)}"
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
    "module_rights_rows",
    "module_text",
    "own_decision_rights",
    "own_workstreams",
    "risk_titles",
    "scope_note",
    "titled_list",
]
