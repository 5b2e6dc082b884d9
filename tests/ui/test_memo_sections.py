"""The memo's section builders: order, and what each section always holds."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

from engine import DIMENSION_IDS
from ui.memo.context import MemoContext
from ui.memo.model import SECTION_TITLES, ItemList, Paragraph, Subheading, Table
from ui.memo.sections import BUILDERS, build_memo
from ui.memo.sections.decision import STAGES_TITLE, answers, reached
from ui.memo.sections.plan import tradeoffs
from ui.memo.sections.reasoning import alternatives, rule_item

MOMENT = datetime(2026, 1, 1, tzinfo=UTC)


def test_builders_run_in_memo_order_before_the_back_matter():
    assert [*BUILDERS, "sources", "audit"] == list(SECTION_TITLES)


def test_how_it_was_reached_ends_with_the_stages(demo, demo_rec, kb):
    blocks = reached(MemoContext(demo_rec, demo, kb, MOMENT))
    assert [b.text for b in blocks if isinstance(b, Subheading)] == [STAGES_TITLE]


def test_the_answers_have_one_heading_per_dimension(demo, demo_rec, kb):
    blocks = answers(MemoContext(demo_rec, demo, kb, MOMENT))
    headings = [b.text for b in blocks if isinstance(b, Subheading)]
    assert headings == [kb.dimensions[d].title for d in DIMENSION_IDS]


def _stage_items(demo, rec, kb):
    blocks = reached(MemoContext(rec, demo, kb, MOMENT))
    return next(b for b in blocks if isinstance(b, ItemList) and b.numbered).items


def test_each_stage_gives_its_answer_meaning_and_probability_of_yes(demo, demo_rec, kb):
    items = _stage_items(demo, demo_rec, kb)
    assert [item.lead for item in items] == [f"{s.title}." for s in demo_rec.stages]
    for item, stage in zip(items, demo_rec.stages, strict=True):
        assert item.text == (
            f"{stage.answer.capitalize()}: {stage.meaning}"
            f" (probability of yes: {stage.probability_yes:.0%})."
        )


def test_a_stage_lists_its_considerations_strongest_first_with_their_rule_numbers(
    demo, demo_rec, kb
):
    index, stage = next((i, s) for i, s in enumerate(demo_rec.stages) if len(s.considerations) >= 2)
    ctx = MemoContext(demo_rec, demo, kb, MOMENT)
    ctx.number_rules(demo_rec.fired_rules)
    blocks = reached(ctx)
    details = next(b for b in blocks if isinstance(b, ItemList) and b.numbered).items[index].details
    assert [d.split(":")[0] for d in details] == [c.title for c in stage.considerations]
    first = stage.considerations[0]
    numbers = ", ".join(f"R{ctx.rule_numbers[rule.id]}" for rule in first.rules)
    assert details[0] == f"{first.title}: pushes toward {first.pushes} ({numbers})"


def test_the_forms_definition_cites_at_most_three_sources(demo, demo_rec, kb):
    blocks = reached(MemoContext(demo_rec, demo, kb, MOMENT))
    definition = blocks[0]
    assert isinstance(definition, Paragraph)
    assert definition.text == kb.forms[demo_rec.recommendation].summary
    assert 1 <= len(definition.cites) <= 3


def test_the_trade_off_table_shows_each_forms_probability(demo, demo_rec, kb):
    table = next(
        b for b in tradeoffs(MemoContext(demo_rec, demo, kb, MOMENT)) if isinstance(b, Table)
    )
    assert table.rows[0] == ("Probability", *(f"{i.score:.0%}" for i in demo_rec.ranking))


def test_alternatives_give_probability_and_points_behind(demo, demo_rec, kb):
    items = alternatives(MemoContext(demo_rec, demo, kb, MOMENT))[0].items
    runner = demo_rec.why_not[0]
    assert items[0].lead == (
        f"{runner.name} (rank 2, probability {runner.score:.0%},"
        f" {round(runner.gap * 100)} percentage points behind)."
    )


def test_a_rule_item_says_what_the_rule_weighs(demo, demo_rec, kb):
    rule = next(r for r in demo_rec.fired_rules if r.weighs)
    item = rule_item(MemoContext(demo_rec, demo, kb, MOMENT), rule)
    weighed = next(c for c in kb.considerations.considerations if c.id == rule.weighs.consideration)
    assert any(d.startswith(f"Weighs: {weighed.title}, leaning ") for d in item.details)


def test_every_cited_number_has_a_reference(demo, demo_rec, kb):
    memo = build_memo(demo_rec, demo, kb, generated_at=MOMENT)
    blocks = [b for s in memo.sections for b in s.blocks]
    parts = blocks + [item for b in blocks if isinstance(b, ItemList) for item in b.items]
    cited = {n for part in parts for n in getattr(part, "cites", ())}
    assert cited == {ref.number for ref in memo.references}


def test_a_memo_needs_no_rule_conclusion_risk_or_source_from_the_knowledge_base(demo, demo_rec, kb):
    # Only the words a recommendation does not carry (questionnaire, form summaries and
    # profiles, dimensions, stakeholders) stay; stakeholders then cite nothing.
    bare = dataclasses.replace(
        kb, rules=(), rule_themes={}, derived={}, risks={}, sources={}, considerations=None
    )
    full = build_memo(demo_rec, demo, kb, generated_at=MOMENT)
    lean = build_memo(demo_rec, demo, bare, generated_at=MOMENT)
    drawn_from_the_recommendation = [k for k in BUILDERS if k not in ("stakeholders", "notes")]
    for key in drawn_from_the_recommendation:
        assert lean.section(key) == full.section(key), key
    cited = {ref.source_id for ref in lean.references}
    assert cited and cited <= {source.id for source in demo_rec.sources}
