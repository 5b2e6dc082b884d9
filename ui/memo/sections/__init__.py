"""The memo's sections, built in the order a board pack reads them, and ``build_memo``.

The front matter (``FRONT_TITLES``) says what is decided and why in one to two pages;
the appendix (``APPENDIX_TITLES``) holds the full evidence, or for a brief memo only the
governance blueprint, the sources and the audit record. Each section builder is a
function of one ``MemoContext`` returning that section's blocks; they run in memo order,
because sources are numbered by first citation. Every fired rule is numbered once, in
the evidence section's order, and the other sections refer to it by that number.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from engine import KnowledgeBase, Recommendation, Scenario
from ui.memo.context import MemoContext, date_text, scenario_sha256
from ui.memo.model import (
    APPENDIX_TITLES,
    BRIEF_APPENDIX,
    FRONT_TITLES,
    Audit,
    Block,
    Memo,
    MemoOptions,
    Section,
    clean_block,
    clean_text,
)
from ui.memo.sections import front
from ui.memo.sections.back_matter import audit_blocks, sources
from ui.memo.sections.change import change
from ui.memo.sections.decision import answers, reached
from ui.memo.sections.plan import governance, risks, stakeholders, tradeoffs
from ui.memo.sections.reasoning import alternatives, evidence, evidence_groups

BUILDERS: dict[str, Callable[[MemoContext], list[Block]]] = {
    "decision": front.decision,
    "reasons": front.reasons,
    "top_risks": front.top_risks,
    "turning_points": front.turning_points,
    "open_questions": front.open_questions,
    "running_it": front.running_it,
    "board": front.board,
    "notes": front.notes,
    "stages": reached,
    "evidence": evidence,
    "answers": answers,
    "alternatives": alternatives,
    "risks": risks,
    "governance": governance,
    "tradeoffs": tradeoffs,
    "stakeholders": stakeholders,
    "change": change,
}
"""The builders of the sections drawn from the recommendation, in memo order."""


def _keys(ctx: MemoContext, length: str) -> list[str]:
    keys = [key for key in FRONT_TITLES if key != "notes" or (ctx.notes or "").strip()]
    appendix = [k for k in APPENDIX_TITLES if length == "full" or k in BRIEF_APPENDIX]
    return keys + appendix


def _assemble(ctx: MemoContext, options: MemoOptions) -> Memo:
    keys = _keys(ctx, options.length)
    if "evidence" in keys:
        ctx.number_rules(rule for _, rules in evidence_groups(ctx) for rule in rules)
    content = {key: BUILDERS[key](ctx) for key in keys if key in BUILDERS}
    references = ctx.cite.references()
    audit = Audit(
        knowledge_base_version=clean_text(ctx.rec.knowledge_base_version),
        scenario_sha256=scenario_sha256(ctx.scenario),
        generated_at=ctx.generated_at,
    )
    content["sources"] = sources(ctx, references)
    content["audit"] = audit_blocks(ctx, audit)
    titles = {**FRONT_TITLES, **APPENDIX_TITLES}
    sections = tuple(
        Section(
            key,
            titles[key],
            tuple(clean_block(block) for block in content[key]),
            appendix=key in APPENDIX_TITLES,
        )
        for key in keys
    )
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
        length=options.length,
        page_size=options.page_size,
    )


def build_memo(
    rec: Recommendation,
    scenario: Scenario,
    kb: KnowledgeBase,
    *,
    generated_at: datetime | None = None,
    options: MemoOptions | None = None,
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
            reproducible output. Overrides ``options.generated_at``.
        options: length, page size and analyst notes (a full A4 memo without notes by
            default).

    Returns:
        The memo, ready for any renderer.
    """
    options = options or MemoOptions()
    moment = generated_at or options.generated_at or datetime.now(UTC)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    ctx = MemoContext(rec, scenario, kb, moment, options.notes, full=options.length == "full")
    return _assemble(ctx, options)


__all__ = ["BUILDERS", "build_memo"]
