"""Why this form: the rules that fired, and why each other form is not first."""

from __future__ import annotations

from engine import FiredRule
from ui.memo.context import MemoContext, count, sentence
from ui.memo.model import (
    Block,
    ItemList,
    ListItem,
    Paragraph,
    Subheading,
)
from ui.numbers import lead_text, percent


def rule_item(ctx: MemoContext, rule: FiredRule) -> ListItem:
    """One fired rule as a list item: its reason, what it read, concluded and did."""
    details = []
    if rule.reads:
        read = "; ".join(f"{f.label}: {ctx.answer(f.id, ctx.values.get(f.id))}" for f in rule.reads)
        details.append(f"Answers read: {read}")
    if rule.reads_facts:
        facts = "; ".join(f.label for f in rule.reads_facts)
        details.append(f"Builds on: {facts}")
    if rule.derives:
        details.append(f"Concludes: {rule.derives.label}")
    weighs = ctx.weighs(rule)
    if weighs:
        details.append(f"Weighs: {weighs}")
    if rule.excludes:
        details.append("Rules out: " + "; ".join(ctx.form_name.get(f, f) for f in rule.excludes))
    details.append(f"Strength of the evidence: {rule.strength}")
    return ListItem(
        rule.because,
        lead=sentence(rule.title),
        cites=ctx.cite(rule.sources),
        details=tuple(details),
    )


def why(ctx: MemoContext) -> list[Block]:
    """The rules that fired, grouped: for the winner, intermediate conclusions, others."""
    rec = ctx.rec
    if not rec.fired_rules:
        return [
            Paragraph(
                "No rule fired for these answers, so no form has evidence for or against it;"
                " the order shown is provisional. Answering the next questions below gives"
                " the knowledge base something to weigh."
            )
        ]
    supporting = ctx.supporting_rules()
    deriving = [r for r in rec.fired_rules if r.derives and r not in supporting]
    others = [r for r in rec.fired_rules if r not in supporting and r not in deriving]
    blocks: list[Block] = [
        Paragraph(
            f"{count(len(rec.fired_rules), 'rule')} fired. Each is given with the reason"
            " it holds, the answers it read and the sources behind it."
        )
    ]
    groups = (
        (f"Rules in favour of {rec.recommendation_name}", supporting),
        ("Intermediate conclusions", deriving),
        ("Other rules that fired", others),
    )
    for title, rules in groups:
        if rules:
            blocks.append(Subheading(title))
            blocks.append(ItemList(tuple(rule_item(ctx, rule) for rule in rules)))
    return blocks


def _standing(score: float, gap: float, excluded: bool) -> str:
    if excluded:
        return "ruled out"
    return f"probability {percent(score)}, {lead_text(gap, 'percentage points')} behind"


def alternatives(ctx: MemoContext) -> list[Block]:
    """Why each other form is not first."""
    ranks = {item.form: item.rank for item in ctx.rec.ranking}
    items = []
    for alt in ctx.rec.why_not:
        form = ctx.kb.forms[alt.form]
        details = []
        if alt.excluded_by:
            details.append("Ruled out: " + " ".join(rule.because for rule in alt.excluded_by))
        if alt.against:
            details.append(f"Rules against it: {ctx.titles(alt.against)}")
        if alt.winner_advantages:
            details.append(
                f"Rules that favour {ctx.rec.recommendation_name} but not this form:"
                f" {ctx.titles(alt.winner_advantages)}"
            )
        for missing in alt.missing_support:
            needs = ", ".join(ctx.needs_text(n) for n in missing.needs)
            details.append(f"Would gain from '{missing.title}', which needs: {needs}")
        if not (alt.excluded_by or alt.against or alt.winner_advantages):
            details.append(f"No fired rule separates it from {ctx.rec.recommendation_name}.")
        items.append(
            ListItem(
                form.summary,
                lead=f"{alt.name} (rank {ranks.get(alt.form, '?')},"
                f" {_standing(alt.score, alt.gap, bool(alt.excluded_by))}).",
                details=tuple(details),
            )
        )
    if not items:
        return [Paragraph("No alternative was ranked.")]
    return [ItemList(tuple(items))]
