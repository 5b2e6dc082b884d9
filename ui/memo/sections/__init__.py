"""The memo's sections, built in the order a board pack reads them, and ``build_memo``.

Each section builder is a function of one ``MemoContext`` returning that section's blocks.
They run in the order of ``SECTION_TITLES``, because sources are numbered by first citation.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from engine import KnowledgeBase, Recommendation, Scenario
from ui.memo.context import MemoContext, date_text, scenario_sha256
from ui.memo.model import (
    SECTION_TITLES,
    Audit,
    Block,
    Memo,
    RankingChart,
    Section,
    clean_block,
    clean_text,
)
from ui.memo.sections.back_matter import audit_blocks, sources
from ui.memo.sections.change import change
from ui.memo.sections.decision import rationale, recommendation, summary
from ui.memo.sections.plan import governance, risks, stakeholders, tradeoffs
from ui.memo.sections.reasoning import alternatives, why

BUILDERS: dict[str, Callable[[MemoContext], list[Block]]] = {
    "recommendation": recommendation,
    "summary": summary,
    "rationale": rationale,
    "why": why,
    "alternatives": alternatives,
    "tradeoffs": tradeoffs,
    "risks": risks,
    "governance": governance,
    "stakeholders": stakeholders,
    "change": change,
}
"""The builders of the sections drawn from the recommendation, in memo order."""


def _assemble(ctx: MemoContext) -> Memo:
    content = {key: build(ctx) for key, build in BUILDERS.items()}
    references = ctx.cite.references()
    audit = Audit(
        knowledge_base_version=clean_text(ctx.rec.knowledge_base_version),
        scenario_sha256=scenario_sha256(ctx.scenario),
        generated_at=ctx.generated_at,
    )
    content["sources"] = sources(ctx, references)
    content["audit"] = audit_blocks(ctx, audit)
    sections = tuple(
        Section(key, title, tuple(clean_block(block) for block in content[key]))
        for key, title in SECTION_TITLES.items()
    )
    chart = next(b for b in sections[0].blocks if isinstance(b, RankingChart))
    return Memo(
        title=clean_text(f"Alliance structure memo: {ctx.scenario_name}"),
        date=date_text(ctx.generated_at),
        scenario_name=clean_text(ctx.scenario_name),
        focal_organization=clean_text(ctx.scenario.focal_organization or "") or None,
        recommendation=ctx.rec.recommendation,
        recommendation_name=clean_text(ctx.rec.recommendation_name),
        confidence=ctx.rec.confidence,
        confidence_label=clean_text(ctx.rec.confidence_label),
        sections=sections,
        references=references,
        audit=audit,
        chart=chart,
    )


def build_memo(
    rec: Recommendation,
    scenario: Scenario,
    kb: KnowledgeBase,
    *,
    generated_at: datetime | None = None,
) -> Memo:
    """Arrange a recommendation, its scenario and the knowledge base's words into a memo.

    The recommendation carries its own reasons, labels and sources; ``kb`` supplies only
    what it does not carry (the questionnaire's words, form summaries and profiles,
    dimension titles, stakeholders), so any version holding those words will do.

    Args:
        rec: what the engine concluded for ``scenario``.
        scenario: the scenario the recommendation answers.
        kb: a knowledge base, for the words the recommendation does not carry.
        generated_at: the memo's timestamp; now (UTC) by default. Inject it for
            reproducible output.

    Returns:
        The memo, ready for any renderer.
    """
    moment = generated_at or datetime.now(UTC)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return _assemble(MemoContext(rec, scenario, kb, moment))


__all__ = ["BUILDERS", "build_memo"]
