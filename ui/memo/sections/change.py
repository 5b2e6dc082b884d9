"""What would change the recommendation: what-if changes, robustness and next questions."""

from __future__ import annotations

from ui.memo.context import MemoContext
from ui.memo.model import (
    NEXT_QUESTIONS_TITLE,
    Block,
    ItemList,
    ListItem,
    Paragraph,
    Subheading,
)
from ui.numbers import lead_text


def change(ctx: MemoContext) -> list[Block]:
    """What would change the recommendation: what-if changes, robustness, next questions."""
    rec = ctx.rec
    blocks: list[Block] = []
    if rec.what_if is None:
        blocks.append(Paragraph("Changes to known answers were not analysed for this memo."))
    elif rec.what_if:
        items = tuple(
            ListItem(
                f"If it were {ctx.answer(w.factor, w.alternative)} instead of"
                f" {ctx.answer(w.factor, w.current)}, the recommendation would become"
                f" {ctx.form_name.get(w.recommendation, w.recommendation)}"
                f" (ahead by {lead_text(w.margin, 'percentage points')}).",
                lead=f"{w.label}:",
            )
            for w in rec.what_if
        )
        blocks.append(Paragraph("Single changes to a known answer that move the first place:"))
        blocks.append(ItemList(items))
    else:
        blocks.append(Paragraph("No single change to a known answer changes the first place."))
    if rec.robustness and rec.robustness.unknown_factors:
        robust = rec.robustness
        shares = sorted(robust.share_first.items(), key=lambda kv: (-kv[1], kv[0]))
        spread = "; ".join(
            f"{ctx.form_name.get(form, form)} {share:.0%}" for form, share in shares if share > 0
        )
        tried = (
            f"Counting all {robust.completions:,} combinations of the unknown answers"
            if robust.exhaustive
            else f"Trying a sample of {robust.completions:,} combinations of the unknown"
            f" answers (each share within ±{robust.error_bound:.1%},"
            f" {robust.error_level:.0%} level)"
        )
        blocks.append(Paragraph(f"{tried}, the first place goes to: {spread}."))
    blocks.append(Subheading(NEXT_QUESTIONS_TITLE))
    blocks += _next_questions(ctx)
    return blocks


def _next_questions(ctx: MemoContext) -> list[Block]:
    rec = ctx.rec
    blocks: list[Block] = []
    if rec.next_questions is None:
        blocks.append(Paragraph("The unknown answers were not analysed for this memo."))
    elif rec.next_questions:
        questions = []
        for question in rec.next_questions:
            dimension = ctx.kb.dimensions.get(question.dimension)
            outcomes = tuple(
                f"If {ctx.answer(question.factor, o.value)}:"
                f" {ctx.form_name.get(o.recommendation, o.recommendation)}"
                f" (ahead by {lead_text(o.margin, 'percentage points')})"
                for o in question.outcomes
            )
            questions.append(
                ListItem(
                    f"{question.question} ({dimension.title if dimension else question.dimension};"
                    f" {question.decisiveness:.0%} of its answers change the first place)",
                    lead=f"{question.label}:",
                    details=outcomes,
                )
            )
        blocks.append(ItemList(tuple(questions), numbered=True))
    elif rec.unknown_factors:
        blocks.append(Paragraph("No unknown answer could change the first place."))
    else:
        blocks.append(Paragraph("Every question is answered."))
    return blocks
