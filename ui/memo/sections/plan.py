"""Living with the form: trade-offs, risks, the governance blueprint and the stakeholders."""

from __future__ import annotations

from engine import AXIS_IDS
from ui.memo.context import MemoContext, sentence
from ui.memo.model import (
    Block,
    ItemList,
    ListItem,
    Paragraph,
    Subheading,
    Table,
)
from ui.numbers import percent


def tradeoffs(ctx: MemoContext) -> list[Block]:
    """The forms' profiles on the trade-off axes, in ranking order."""
    order = [item.form for item in ctx.rec.ranking]
    columns = ("Axis", *(ctx.form_name[f] for f in order))
    rows = [("Probability", *(percent(ctx.rec.score_of(f)) for f in order))]
    for axis_id in AXIS_IDS:
        axis = ctx.kb.axes[axis_id]
        rows.append((axis.label, *(f"{ctx.kb.forms[f].profile[axis_id]} / 5" for f in order)))
    legend = tuple(
        ListItem(f"1 means: {axis.low} 5 means: {axis.high}", lead=f"{axis.label}:")
        for axis in (ctx.kb.axes[a] for a in AXIS_IDS)
    )
    return [
        Paragraph(
            "Each form's profile on the seven trade-off axes, from 1 (low) to 5 (high),"
            " with forms in ranking order."
        ),
        Table(columns, tuple(rows), (2, *([2] * len(order)))),
        Subheading("What the axes mean"),
        ItemList(legend),
    ]


def risks(ctx: MemoContext) -> list[Block]:
    """The risks the knowledge base raises for this form, with mitigations."""
    if not ctx.rec.risks:
        return [Paragraph("The knowledge base flags no risk for this form and scenario.")]
    blocks: list[Block] = []
    for risk in ctx.rec.risks:
        blocks.append(Subheading(risk.title))
        blocks.append(Paragraph(risk.description, cites=ctx.cite(risk.sources)))
        if risk.raised_by:
            blocks.append(Paragraph(ctx.rule_labels(risk.raised_by), lead="Raised by:"))
        else:
            blocks.append(Paragraph(f"A typical risk of the {ctx.rec.recommendation_name} form."))
        blocks.append(Paragraph("", lead="Mitigations:"))
        blocks.append(ItemList(tuple(ListItem(m) for m in risk.mitigations)))
    return blocks


def governance(ctx: MemoContext) -> list[Block]:
    """How the recommended form should be run and ended, with what the deal's scope adds."""
    plan = ctx.rec.governance
    added_work = sum(len(m.workstreams) for m in plan.modules)
    added_rights = sum(len(m.decision_rights) for m in plan.modules)
    own_work = plan.workstreams[: len(plan.workstreams) - added_work]
    own_rights = plan.decision_rights[: len(plan.decision_rights) - added_rights]
    blocks: list[Block] = [
        Paragraph(
            f"How the recommended form, {ctx.rec.recommendation_name}, should be run for this"
            " deal: the form's own bodies and rules first, then what the deal's scope adds."
        ),
        Subheading("Workstreams"),
        ItemList(tuple(ListItem(w) for w in own_work)),
        Subheading("Decision rights"),
        Table(
            ("Decision", "Who decides"), tuple((d.decision, d.owner) for d in own_rights), (1, 1)
        ),
    ]
    if not plan.scope_known:
        blocks.append(
            Paragraph(
                "The deal's scope is not answered, so no scope-specific workstream is added;"
                " saying what the collaboration covers adds them."
            )
        )
    for module in plan.modules:
        blocks += [
            Subheading(f"For this deal: {module.title.lower()}"),
            Paragraph(module.because, cites=ctx.cite(module.sources)),
            ItemList(tuple(ListItem(w.detail, lead=sentence(w.title)) for w in module.workstreams)),
            Table(
                ("Decision", "Who decides"),
                tuple((d.decision, d.owner) for d in module.decision_rights),
                (1, 1),
            ),
        ]
    return blocks + [
        Subheading("Intellectual property"),
        Paragraph(plan.ip_background, lead="Background IP:"),
        Paragraph(plan.ip_foreground, lead="Foreground IP:"),
        Subheading("Escalation path"),
        ItemList(tuple(ListItem(step) for step in plan.escalation), numbered=True),
        Subheading("Exit triggers"),
        ItemList(tuple(ListItem(t) for t in plan.exit_triggers)),
        Subheading("Transition services"),
        ItemList(tuple(ListItem(s) for s in plan.transition_services)),
    ]


def stakeholders(ctx: MemoContext) -> list[Block]:
    """What each partner type in the alliance wants and worries about."""
    types = ctx.values.get("partner_types")
    if not types:
        return [
            Paragraph(
                "The partner types are not known, so no stakeholder map can be drawn;"
                f" answering '{ctx.factor_label('partner_types')}' adds one."
            )
        ]
    blocks: list[Block] = []
    for partner_type in types if isinstance(types, tuple) else ():
        stakeholder = ctx.kb.stakeholders.get(str(partner_type))
        if stakeholder is None:
            continue
        blocks.append(Subheading(stakeholder.label))
        names = [p.name for p in ctx.scenario.partners or () if p.type == partner_type]
        if names:
            blocks.append(Paragraph("; ".join(names), lead="In this alliance:"))
        cites = ctx.cite(stakeholder.sources)
        blocks.append(Paragraph("", lead="Interests:", cites=cites))
        blocks.append(ItemList(tuple(ListItem(i) for i in stakeholder.interests)))
        blocks.append(Paragraph("", lead="Concerns:"))
        blocks.append(ItemList(tuple(ListItem(c) for c in stakeholder.concerns)))
    return blocks
