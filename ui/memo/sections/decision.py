"""The memo's opening: the recommendation, the executive summary and the answers given."""

from __future__ import annotations

from engine import DIMENSION_IDS, FACTOR_IDS, FACTORS
from ui.memo.context import MemoContext, count, sentence
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
from ui.numbers import lead_text, percent

STAGES_TITLE = "The decision, stage by stage"


def recommendation(ctx: MemoContext) -> list[Block]:
    """The recommended form, the confidence, the form's summary and the ranking chart."""
    rec, form = ctx.rec, ctx.kb.forms[ctx.rec.recommendation]
    blocks: list[Block] = [
        Paragraph(rec.recommendation_name, lead="Recommended structure:"),
        Paragraph(
            f"{rec.confidence_label} ({percent(rec.confidence)})",
            lead="Confidence:",
        ),
        Paragraph(form.summary, cites=ctx.cite(form.sources)),
        ItemList(tuple(ListItem(note) for note in rec.confidence_notes)),
        chart(ctx),
    ]
    return blocks


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


def summary(ctx: MemoContext) -> list[Block]:
    """The executive summary: one paragraph a board member reads first."""
    rec = ctx.rec
    form = ctx.kb.forms[rec.recommendation]
    sentences = [
        f"Recommended structure for {ctx.scenario_name}: {rec.recommendation_name}.",
        form.summary,
        f"Confidence is {rec.confidence_label} ({percent(rec.confidence)}).",
    ]
    if rec.stages:
        sentences.append(f"Stage by stage: {stage_path(ctx)}.")
    if rec.fired_rules:
        sentences.append(f"{count(len(rec.fired_rules), 'rule')} fired.")
    else:
        sentences.append("No rule fired for these answers, so the order is provisional.")
    if rec.why_not:
        runner = rec.why_not[0]
        behind = (
            "ruled out"
            if runner.excluded_by
            else f"{lead_text(runner.gap, 'percentage points')} behind"
        )
        sentences.append(f"The runner-up is {runner.name} ({percent(runner.score)}, {behind}).")
    unknown = len(rec.unknown_factors)
    if unknown:
        sentences.append(f"{unknown} of {len(FACTOR_IDS)} questions are still unanswered.")
    if rec.next_questions:
        first = rec.next_questions[0]
        sentences.append(f"The answer most likely to change the result is {first.label}.")
    sentences.append("The governance blueprint, risks and next steps for this form follow below.")
    return [Paragraph(" ".join(sentences))]


def stage_path(ctx: MemoContext) -> str:
    """The answer of every stage on the path, each with the consideration that pushed most.

    "the partners can run it from their own organisations (mainly: how uncertain the
    outcome is); ..."
    """
    parts = []
    for stage in ctx.rec.stages:
        strongest = stage.considerations[0].title if stage.considerations else ""
        parts.append(
            stage.meaning
            + (f" (mainly: {strongest[:1].lower()}{strongest[1:]})" if strongest else "")
        )
    return "; ".join(parts)


def stages(ctx: MemoContext) -> list[Block]:
    """The decision stage by stage: each stage's answer, its probability and what pushed it."""
    if not ctx.rec.stages:
        return []
    items = []
    for stage in ctx.rec.stages:
        details = tuple(
            f"{item.title}: pushes toward {item.pushes}"
            + (f" ({'; '.join(rule.title for rule in item.rules)})" if item.rules else "")
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
            " them."
        ),
        ItemList(tuple(items), numbered=True),
    ]


def rationale(ctx: MemoContext) -> list[Block]:
    """The decision stage by stage, then the scenario, its partners and every answer."""
    blocks: list[Block] = stages(ctx)
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
