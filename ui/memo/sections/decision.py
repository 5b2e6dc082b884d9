"""The memo's opening: the recommendation, the executive summary and the answers given."""

from __future__ import annotations

from engine import DIMENSION_IDS, FACTOR_IDS, FACTORS
from ui.memo.context import MemoContext, count
from ui.memo.model import (
    Block,
    ChartBar,
    ItemList,
    ListItem,
    Paragraph,
    RankingChart,
    Subheading,
    Table,
)


def recommendation(ctx: MemoContext) -> list[Block]:
    """The recommended form, the confidence, the form's summary and the ranking chart."""
    rec, form = ctx.rec, ctx.kb.forms[ctx.rec.recommendation]
    blocks: list[Block] = [
        Paragraph(rec.recommendation_name, lead="Recommended structure:"),
        Paragraph(
            f"{rec.confidence_label} ({rec.confidence:.2f} on a scale from 0 to 1)",
            lead="Confidence:",
        ),
        Paragraph(form.summary, cites=ctx.cite(form.sources)),
        ItemList(tuple(ListItem(note) for note in rec.confidence_notes)),
        chart(ctx),
    ]
    return blocks


def chart(ctx: MemoContext) -> RankingChart:
    """Every form's score with the range its unknown answers leave open."""
    bars = tuple(
        ChartBar(
            form=item.form,
            name=item.name,
            rank=item.rank,
            score=item.score,
            lowest_possible=item.lowest_possible,
            highest_possible=item.highest_possible,
            excluded=item.excluded,
            recommended=item.form == ctx.rec.recommendation,
        )
        for item in ctx.rec.ranking
    )
    return RankingChart(
        bars=bars,
        caption="Net score of each form, from -1 (evidence against) to +1 (evidence for);"
        " the whiskers span the scores the unknown answers could still produce.",
    )


def summary(ctx: MemoContext) -> list[Block]:
    """The executive summary: one paragraph a board member reads first."""
    rec = ctx.rec
    form = ctx.kb.forms[rec.recommendation]
    sentences = [
        f"Recommended structure for {ctx.scenario_name}: {rec.recommendation_name}.",
        form.summary,
        f"Confidence is {rec.confidence_label} ({rec.confidence:.2f} on a scale from 0 to 1).",
    ]
    supporting = ctx.supporting_rules()
    if supporting:
        ranked = sorted(supporting, key=lambda r: -ctx.pull_on_winner(r))
        titles = "; ".join(rule.title for rule in ranked[:3])
        sentences.append(
            f"{count(len(rec.fired_rules), 'rule')} fired; the strongest in favour of"
            f" this form: {titles}."
        )
    elif rec.fired_rules:
        sentences.append(
            f"{count(len(rec.fired_rules), 'rule')} fired, none of them raising this form directly."
        )
    else:
        sentences.append("No rule fired for these answers, so the order is provisional.")
    if rec.why_not:
        runner = rec.why_not[0]
        sentences.append(f"The runner-up is {runner.name}, {runner.gap:.2f} behind.")
    unknown = len(rec.unknown_factors)
    if unknown:
        sentences.append(f"{unknown} of {len(FACTOR_IDS)} questions are still unanswered.")
    if rec.next_questions:
        first = rec.next_questions[0]
        sentences.append(
            f"The answer most likely to change the result is {ctx.factor_label(first.factor)}."
        )
    sentences.append("The governance blueprint, risks and next steps for this form follow below.")
    return [Paragraph(" ".join(sentences))]


def rationale(ctx: MemoContext) -> list[Block]:
    """The scenario, its partners and every answer, dimension by dimension."""
    blocks: list[Block] = []
    if ctx.scenario.description:
        blocks.append(Paragraph(ctx.scenario.description, lead="The scenario:"))
    if ctx.scenario.partners:
        named = "; ".join(
            f"{p.name} ({ctx.partner_type_label(p.type)})" for p in ctx.scenario.partners
        )
        blocks.append(Paragraph(named, lead="Partners:"))
    for dimension_id in DIMENSION_IDS:
        blocks += _dimension_answers(ctx, dimension_id)
    return blocks


def _dimension_answers(ctx: MemoContext, dimension_id: str) -> list[Block]:
    blocks: list[Block] = []
    dimension = ctx.kb.dimensions[dimension_id]
    factor_ids = [f.id for f in FACTORS if f.dimension == dimension_id]
    known = [f for f in factor_ids if ctx.values.get(f) is not None]
    unknown = [f for f in factor_ids if ctx.values.get(f) is None]
    blocks.append(Subheading(dimension.title))
    if known:
        rows = tuple(
            (
                ctx.factor_label(f),
                ctx.answer(f, ctx.values[f]),
                ctx.meaning(f, ctx.values[f]) or "-",
            )
            for f in known
        )
        blocks.append(Table(("Factor", "Answer", "What the answer means"), rows, (3, 2, 6)))
    else:
        blocks.append(Paragraph("No question in this dimension is answered."))
    if unknown:
        labels = ", ".join(ctx.factor_label(f) for f in unknown)
        blocks.append(Paragraph(labels, lead="Unknown:"))
    return blocks
