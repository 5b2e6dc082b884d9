"""The memo's section builders: order, and what each section always holds."""

from __future__ import annotations

from datetime import UTC, datetime

from engine import DIMENSION_IDS
from ui.memo.context import MemoContext
from ui.memo.model import SECTION_TITLES, ItemList, Subheading
from ui.memo.sections import BUILDERS, build_memo
from ui.memo.sections.decision import rationale

MOMENT = datetime(2026, 1, 1, tzinfo=UTC)


def test_builders_run_in_memo_order_before_the_back_matter():
    assert [*BUILDERS, "sources", "audit"] == list(SECTION_TITLES)


def test_rationale_has_one_heading_per_dimension(demo, demo_rec, kb):
    blocks = rationale(MemoContext(demo_rec, demo, kb, MOMENT))
    headings = [b.text for b in blocks if isinstance(b, Subheading)]
    assert headings == [kb.dimensions[d].title for d in DIMENSION_IDS]


def test_every_cited_number_has_a_reference(demo, demo_rec, kb):
    memo = build_memo(demo_rec, demo, kb, generated_at=MOMENT)
    blocks = [b for s in memo.sections for b in s.blocks]
    parts = blocks + [item for b in blocks if isinstance(b, ItemList) for item in b.items]
    cited = {n for part in parts for n in getattr(part, "cites", ())}
    assert cited == {ref.number for ref in memo.references}
