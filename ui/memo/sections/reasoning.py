"""The evidence: every rule that fired, once and numbered, and why each other form is not first."""

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
    """One fired rule as a list item: its number, reason, what it read, concluded and did."""
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
    number = ctx.rule_numbers.get(rule.id)
    return ListItem(
        rule.because,
        lead=sentence(f"R{number}. {rule.title}" if number else rule.title),
        cites=ctx.cite(rule.sources),
        details=tuple(details),
    )


def evidence_groups(ctx: MemoContext) -> list[tuple[str, list[FiredRule]]]:
    """The fired rules grouped where they act, each rule in exactly one group.

    First the rules behind each stage's considerations (in stage order, strongest
    consideration first), then rules weighing stages the decision did not reach, the
    intermediate conclusions, and last the legal gates and risk flags.
    """
    rec = ctx.rec
    placed: set[str] = set()
    groups: list[tuple[str, list[FiredRule]]] = []

    def take(rules: list[FiredRule]) -> list[FiredRule]:
        fresh = []
        for rule in rules:
            if rule.id not in placed:
                placed.add(rule.id)
                fresh.append(rule)
        return fresh

    for stage in rec.stages:
        rules = take([rec.fired_rule(r.id) for c in stage.considerations for r in c.rules])
        groups.append((f"Stage: {stage.title}", rules))
    groups.append(("Stages not reached", take([r for r in rec.fired_rules if r.weighs])))
    groups.append(("Intermediate conclusions", take([r for r in rec.fired_rules if r.derives])))
    groups.append(("Legal gates and risk flags", take(list(rec.fired_rules))))
    return [(title, rules) for title, rules in groups if rules]


def evidence(ctx: MemoContext) -> list[Block]:
    """Every fired rule once, numbered, grouped by where it acts."""
    rec = ctx.rec
    if not rec.fired_rules:
        return [
            Paragraph(
                "No rule fired for these answers, so no structure has evidence for or against"
                " it; the order shown is provisional. Answering the open questions gives the"
                " knowledge base something to weigh."
            )
        ]
    blocks: list[Block] = [
        Paragraph(
            f"{count(len(rec.fired_rules), 'rule')} fired. Each appears once, numbered; the"
            " other sections refer to it by its number. Each gives the reason it holds, the"
            " answers it read and the sources behind it."
        )
    ]
    for title, rules in evidence_groups(ctx):
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
            details.append(f"Rules against it: {ctx.rule_labels(alt.against)}")
        if alt.winner_advantages:
            details.append(
                f"Rules that favour {ctx.rec.recommendation_name} but not this form:"
                f" {ctx.rule_labels(alt.winner_advantages)}"
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
