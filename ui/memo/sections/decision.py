"""The appendix's opening: how the decision was reached, and the answers it was reached on."""

from __future__ import annotations

from engine import DIMENSION_IDS, FACTORS
from ui.memo.context import MemoContext, sentence
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
from ui.numbers import percent

STAGES_TITLE = "The decision, stage by stage"


FORM_CITES = 3
"""At most this many of the form's sources are cited beside its definition."""


def reached(ctx: MemoContext) -> list[Block]:
    """How the decision was reached: the form, the confidence notes, the chart, the stages."""
    rec, form = ctx.rec, ctx.kb.forms[ctx.rec.recommendation]
    blocks: list[Block] = [
        Paragraph(
            form.summary,
            lead=sentence(rec.recommendation_name),
            cites=ctx.cite(form.sources[:FORM_CITES]),
        ),
        ItemList(tuple(ListItem(note) for note in rec.confidence_notes)),
        chart(ctx),
    ]
    return blocks + stages(ctx)


def chart(ctx: MemoContext) -> RankingChart:
    """Every form's probability with the range its unknown answers leave open."""
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
        caption="Probability that each form is the right structure (the five add up to"
        " 100%); the whiskers span the probabilities the unknown answers could still produce.",
    )


def stages(ctx: MemoContext) -> list[Block]:
    """The decision stage by stage: each stage's answer, its probability and what pushed it."""
    if not ctx.rec.stages:
        return []
    items = []
    for stage in ctx.rec.stages:
        details = tuple(
            f"{item.title}: pushes toward {item.pushes}"
            + (f" ({ctx.rule_labels(item.rules)})" if item.rules else "")
            for item in stage.considerations
        ) or ("No consideration pushed; the answer is the usual one for such deals.",)
        items.append(
            ListItem(
                f"{stage.answer.capitalize()}: {stage.meaning}"
                f" (probability of yes: {percent(stage.probability_yes)}).",
                lead=sentence(stage.title),
                details=details,
            )
        )
    return [
        Subheading(STAGES_TITLE),
        Paragraph(
            "The advisor answers up to four questions in order, each between neighbouring"
            " structures on what separates them, and stops at the first yes. Under each answer"
            " are the considerations that pushed it, strongest first, with the rules behind"
            " them (numbered as in the evidence section)."
        ),
        ItemList(tuple(items), numbered=True),
    ]


def answers(ctx: MemoContext) -> list[Block]:
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
