"""The memo's front matter: what a board reads in one or two pages.

The decision and how sure it is, three reasons, the top risks, what would change it,
the open questions, how it would be run, the decision asked of the board and the
analyst's notes. Everything here is said in words; scores, ranges and rule lists are
in the appendix.
"""

from __future__ import annotations

import re

from engine import FACTORS_BY_ID, ConsiderationView, FactorKind, StageView
from ui.memo.context import MemoContext, count, sentence
from ui.memo.model import Block, ItemList, ListItem, Paragraph, Table
from ui.numbers import lead_text, percent

REASONS = 3
TOP_RISKS = 3
TURNING_POINTS = 3
OPEN_QUESTIONS = 3
MITIGATIONS_SHOWN = 1


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _article(noun: str) -> str:
    return ("an " if noun[:1].lower() in "aeiou" else "a ") + noun


def how_sure(ctx: MemoContext) -> str:
    """Confidence in words, with the share of plausible answers that keep the first place."""
    rec = ctx.rec
    text = f"{_upper_first(rec.confidence_label)} confidence ({percent(rec.confidence)})."
    unknown = len(rec.unknown_factors)
    robust = rec.robustness
    if not unknown:
        return text + " Every question is answered."
    if robust is None:
        return text + f" {count(unknown, 'question')} unanswered, not explored for this memo."
    share = robust.share_first.get(rec.recommendation, 0.0)
    return (
        text + f" It stays first in {percent(share)} of the plausible ways the"
        f" {count(unknown, 'unanswered question')} could be answered."
    )


def decision(ctx: MemoContext) -> list[Block]:
    """The structure recommended, how sure the advisor is, and the runner-up."""
    rec = ctx.rec
    form = ctx.kb.forms[rec.recommendation]
    named = _article(rec.recommendation_name.lower())
    tentative = rec.confidence_label.lower() in ("low", "very low")
    opening = (
        f"On what is known so far, the advisor leans toward {named}."
        if tentative
        else f"We recommend {named}."
    ) + f" {form.summary}"
    if rec.why_not:
        runner = rec.why_not[0]
        if runner.excluded_by:
            opening += f" Every other structure is further behind or ruled out; {runner.name}"
            opening += " is ruled out."
        else:
            opening += (
                f" The closest alternative is {_article(runner.name.lower())}"
                f" ({percent(runner.score)} against {percent(rec.ranking[0].score)})."
            )
    ranking = Table(
        ("Structure", "Probability", "Could range"),
        tuple(
            (
                item.name,
                "ruled out" if item.excluded else percent(item.score),
                "-" if item.excluded else _span(item.lowest_possible, item.highest_possible),
            )
            for item in rec.ranking
        ),
        (5, 2, 3),
    )
    return [
        Paragraph(rec.recommendation_name, lead="Recommended structure:"),
        Paragraph(how_sure(ctx), lead="How sure:"),
        Paragraph(opening),
        ranking,
    ]


def _span(lowest: float, highest: float) -> str:
    """A probability's range in words, one figure when both ends print alike.

    >>> _span(0.31, 0.37), _span(0.004, 0.006), _span(-0.001, 0.0)
    ('31% to 37%', '0% to 1%', '0%')
    """
    low, high = percent(max(lowest, 0.0)), percent(max(highest, 0.0))
    return low if low == high else f"{low} to {high}"


def _pushing(stage: StageView) -> list[ConsiderationView]:
    return [c for c in stage.considerations if c.pushes == stage.answer]


def _picked_reasons(ctx: MemoContext) -> list[tuple[StageView, ConsiderationView]]:
    """The strongest consideration of the deciding stage, then of the closest other calls."""
    stages = list(ctx.rec.stages)
    if not stages:
        return []
    order = [stages[-1], *sorted(stages[:-1], key=lambda s: abs(s.probability_yes - 0.5))]
    picked = [(s, _pushing(s)[0]) for s in order if _pushing(s)]
    spare = sorted(
        ((s, c) for s in order for c in _pushing(s)[1:]),
        key=lambda pair: -abs(pair[1].contribution),
    )
    return (picked + spare)[:REASONS]


def reasons(ctx: MemoContext) -> list[Block]:
    """The three considerations that decide it, each with the reason its rule gives."""
    picked = _picked_reasons(ctx)
    if not picked:
        return [
            Paragraph(
                "No answer given so far pushes the decision either way, so the order rests on"
                " how such deals usually go. Answering the open questions gives it reasons."
            )
        ]
    items = []
    for stage, consideration in picked:
        rule = ctx.rec.fired_rule(consideration.rules[0].id) if consideration.rules else None
        text = f"Mainly because of {_lower_first(consideration.title)}."
        if rule is not None:
            text += f" {rule.because}"
        items.append(
            ListItem(
                text,
                lead=sentence(_upper_first(stage.meaning)),
                cites=ctx.cite(rule.sources[:2]) if rule else (),
            )
        )
    return [ItemList(tuple(items), numbered=True)]


def _first_sentence(text: str) -> str:
    match = re.match(r"(.+?[.!?])(\s|$)", text)
    return match.group(1) if match else text


def top_risks(ctx: MemoContext) -> list[Block]:
    """The first risks to manage, each in one sentence with its first mitigation."""
    risks = ctx.rec.risks[:TOP_RISKS]
    if not risks:
        return [Paragraph("The knowledge base flags no risk for this structure and deal.")]
    items = tuple(
        ListItem(
            _first_sentence(risk.description),
            lead=sentence(risk.title),
            details=tuple(f"Mitigation: {m}" for m in risk.mitigations[:MITIGATIONS_SHOWN]),
        )
        for risk in risks
    )
    more = len(ctx.rec.risks) - len(risks)
    blocks: list[Block] = [ItemList(items)]
    if more:
        where = "in the appendix" if ctx.full else "in the full memo"
        blocks.append(Paragraph(f"{count(more, 'further risk')}, with mitigations, {where}."))
    return blocks


_KIND_ORDER = {FactorKind.LEVEL: 0, FactorKind.CHOICE: 0, FactorKind.COUNT: 0, FactorKind.SET: 1}


def _realistic_first(ctx: MemoContext) -> list[tuple[str, object, object, str, float]]:
    """What-if changes, changes of degree first and yes/no switches last, one per question."""
    seen: set[str] = set()
    changes = []
    for w in ctx.rec.what_if or ():
        if w.factor in seen or w.alternative == w.current:
            continue
        seen.add(w.factor)
        changes.append((w.factor, w.current, w.alternative, w.recommendation, w.margin))
    return sorted(changes, key=lambda c: _KIND_ORDER.get(FACTORS_BY_ID[c[0]].kind, 2))


def _change_words(ctx: MemoContext, factor: str, current: object, alternative: object) -> str:
    if FACTORS_BY_ID[factor].kind is FactorKind.SET:
        before, after = set(current or ()), set(alternative or ())  # type: ignore[call-overload]
        added = [ctx.answer(factor, (m,)) for m in sorted(after - before)]
        dropped = [ctx.answer(factor, (m,)) for m in sorted(before - after)]
        parts = [f"with {', '.join(added)} added"] if added else []
        parts += [f"without {', '.join(dropped)}"] if dropped else []
        return " and ".join(parts)
    return f"{ctx.answer(factor, alternative)} rather than {ctx.answer(factor, current)}"


def _margin_words(margin: float) -> str:
    if margin > 1.0:
        return ", every other structure ruled out."
    if margin < 0.005:
        return ", by a hair."
    return f", {lead_text(margin, 'points')} ahead."


def turning_points(ctx: MemoContext) -> list[Block]:
    """The answers that, changed, would make another structure first."""
    rec = ctx.rec
    if rec.what_if is None:
        return [Paragraph("Changes to the answers were not explored for this memo.")]
    changes = _realistic_first(ctx)[:TURNING_POINTS]
    if not changes:
        return [Paragraph("No single change to a known answer makes another structure first.")]
    items = tuple(
        ListItem(
            f"{_change_words(ctx, factor, current, alternative)}:"
            f" {_article(ctx.form_name.get(form, form).lower())} would come first"
            + _margin_words(margin),
            lead=f"{ctx.factor_label(factor)}:",
        )
        for factor, current, alternative, form, margin in changes
    )
    return [ItemList(items)]


def open_questions(ctx: MemoContext) -> list[Block]:
    """The unanswered questions that matter most, or why none does."""
    rec = ctx.rec
    if rec.next_questions:
        items = tuple(
            ListItem(
                q.question,
                lead=f"{q.label}:",
                details=(f"{percent(q.decisiveness)} of its answers change the first place.",),
            )
            for q in rec.next_questions[:OPEN_QUESTIONS]
        )
        return [ItemList(items, numbered=True)]
    if not rec.unknown_factors:
        return [Paragraph("Every question is answered.")]
    labels = ", ".join(f.label for f in rec.unknown_factors)
    verdict = (
        "none of them can change the first place."
        if rec.next_questions is not None
        else "their effect was not explored for this memo."
    )
    return [Paragraph(f"Unanswered: {labels}; {verdict}")]


def running_it(ctx: MemoContext) -> list[Block]:
    """The governance blueprint in a few lines: the form's bodies and what the scope adds."""
    plan = ctx.rec.governance
    added = sum(len(m.workstreams) for m in plan.modules)
    own = plan.workstreams[: len(plan.workstreams) - added]
    items = [ListItem("; ".join(own) + ".", lead=f"{ctx.rec.recommendation_name}:")]
    items += [
        ListItem("; ".join(w.title for w in m.workstreams) + ".", lead=f"{m.title}:")
        for m in plan.modules
    ]
    blocks: list[Block] = [ItemList(tuple(items))]
    if not plan.scope_known:
        blocks.append(
            Paragraph("The deal's scope is unanswered, so no scope-specific workstream is added.")
        )
    return blocks


def board(ctx: MemoContext) -> list[Block]:
    """What the board is asked to decide."""
    rec = ctx.rec
    partners = [p.name for p in ctx.scenario.partners or ()]
    between = f" between {', '.join(partners[:-1])} and {partners[-1]}" if len(partners) > 1 else ""
    text = (
        f"Approve {_article(rec.recommendation_name.lower())} as the structure for"
        f" {ctx.scenario_name}{between}, and mandate the deal team to negotiate terms on the"
        " governance set out above."
    )
    questions = [q.label.lower() for q in (rec.next_questions or ())[:2]]
    if questions:
        text += f" Before signing, the team should settle {' and '.join(questions)}."
    if rec.confidence_label.lower() in ("low", "very low"):
        text += (
            f" Confidence is {rec.confidence_label.lower()}: treat this as a direction to"
            " test, not a final choice, and bring it back once those answers are in."
        )
    return [Paragraph(text)]


def notes(ctx: MemoContext) -> list[Block]:
    """The analyst's notes, paragraph by paragraph, as written."""
    text = (ctx.notes or "").replace("\r\n", "\n")
    return [Paragraph(part) for part in re.split(r"\n\s*\n", text) if part.strip()]


__all__ = [
    "board",
    "decision",
    "how_sure",
    "notes",
    "open_questions",
    "reasons",
    "running_it",
    "top_risks",
    "turning_points",
]
