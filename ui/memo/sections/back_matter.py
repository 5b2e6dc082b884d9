"""The memo's back matter: the numbered sources and the audit record."""

from __future__ import annotations

from collections.abc import Sequence

from ui.memo.context import MemoContext
from ui.memo.model import (
    Audit,
    Block,
    ItemList,
    ListItem,
    Paragraph,
    Reference,
)


def sources(ctx: MemoContext, references: Sequence[Reference]) -> list[Block]:
    """The numbered bibliography."""
    if not references:
        return [Paragraph("No source is cited.")]
    return [
        ItemList(
            tuple(
                ListItem(ref.citation, lead=f"[{ref.number}]", link=ref.url) for ref in references
            )
        )
    ]


def audit_blocks(ctx: MemoContext, audit: Audit) -> list[Block]:
    """What a reader needs to reproduce the memo."""
    return [
        Paragraph(audit.knowledge_base_version, lead="Knowledge base version:"),
        Paragraph(audit.scenario_sha256, lead="Scenario SHA-256:"),
        Paragraph(audit.generated_text, lead="Generated:"),
    ]
