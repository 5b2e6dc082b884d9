"""The memo's document model: one structured decision record, independent of any format.

A ``Memo`` is built by ``ui.memo.sections.build_memo`` from three inputs only: the
engine's ``Recommendation``, the ``Scenario`` it answered and the ``KnowledgeBase`` it was
made with. The renderers (``markdown``, ``docx``, ``pdf``) draw it.

Every string in a memo is plain text that has passed :func:`clean_text`: control
characters are removed and whitespace is collapsed to single spaces. Renderers add
their own markup and escape the text for their format.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime

SECTION_TITLES: dict[str, str] = {
    "recommendation": "Recommendation",
    "summary": "Executive summary",
    "rationale": "Strategic rationale by dimension",
    "why": "Why this form",
    "alternatives": "Alternatives considered",
    "tradeoffs": "Trade-offs between the five forms",
    "risks": "Risks and mitigations",
    "governance": "Governance blueprint",
    "stakeholders": "Stakeholder map",
    "change": "What would change the recommendation",
    "sources": "Sources",
    "audit": "Audit record",
}
"""Every section's key and heading, in the order the memo presents them."""

NEXT_QUESTIONS_TITLE = "Next questions to settle"
UNNAMED_SCENARIO = "Unnamed scenario"

# Characters no output format may carry: C0/C1 controls (whitespace is handled first),
# lone surrogates, Unicode non-characters and the bidirectional embedding, override
# and isolate controls that can make text display differently from what it says.
_FORBIDDEN = re.compile(
    "[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff\u202a-\u202e\u2066-\u2069"
    + "".join(f"\\U{plane:04x}fffe\\U{plane:04x}ffff" for plane in range(1, 17))
    + "]"
)


def clean_text(text: str) -> str:
    r"""Plain single-line text that every output format can hold.

    Runs of whitespace (newlines and tabs included) become one space, and characters
    that XML forbids or that reorder how text is displayed are dropped.

    Example:
        >>> clean_text("  Alpha\n\tBeta\x00 ")
        'Alpha Beta'
    """
    return _FORBIDDEN.sub("", " ".join(text.split()))


# --- the memo's building blocks -------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph, optionally opened by a bold lead-in and closed by citations."""

    text: str
    lead: str | None = None
    cites: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class ListItem:
    """One entry of a list: a bold lead-in, its text, citations and indented details."""

    text: str
    lead: str | None = None
    cites: tuple[int, ...] = ()
    details: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ItemList:
    """A bulleted or numbered list."""

    items: tuple[ListItem, ...]
    numbered: bool = False


@dataclass(frozen=True, slots=True)
class Table:
    """A table with a heading row; ``widths`` are relative column widths."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]


@dataclass(frozen=True, slots=True)
class Subheading:
    """A heading inside a section."""

    text: str


@dataclass(frozen=True, slots=True)
class ChartBar:
    """One form's bar in the ranking chart."""

    form: str
    name: str
    rank: int
    score: float
    lowest_possible: float
    highest_possible: float
    excluded: bool
    recommended: bool


@dataclass(frozen=True, slots=True)
class RankingChart:
    """The ranking as a bar chart (an image where the format allows, else a table)."""

    bars: tuple[ChartBar, ...]
    caption: str

    def as_table(self) -> Table:
        """The chart's data as a table, for formats without images."""
        rows = []
        for bar in self.bars:
            note = "recommended" if bar.recommended else ("ruled out" if bar.excluded else "")
            rows.append(
                (
                    str(bar.rank),
                    bar.name,
                    f"{bar.score:.0%}",
                    "-"
                    if bar.excluded
                    else f"{max(bar.lowest_possible, 0.0):.0%} to"
                    f" {max(bar.highest_possible, 0.0):.0%}",
                    note,
                )
            )
        return Table(
            columns=("Rank", "Form", "Probability", "Possible range", "Note"),
            rows=tuple(rows),
            widths=(1, 5, 2, 3, 2),
        )


Block = Paragraph | ItemList | Table | Subheading | RankingChart


@dataclass(frozen=True, slots=True)
class Section:
    """A titled part of the memo."""

    key: str
    title: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True, slots=True)
class Reference:
    """A bibliography entry, numbered by first citation in the memo."""

    number: int
    source_id: str
    citation: str
    url: str | None


@dataclass(frozen=True, slots=True)
class Audit:
    """What a reader needs to reproduce the memo."""

    knowledge_base_version: str
    scenario_sha256: str
    generated_at: datetime

    @property
    def generated_text(self) -> str:
        """Generation time as ISO 8601 in UTC."""
        return self.generated_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True, slots=True)
class Memo:
    """A recommendation memo, independent of any output format."""

    title: str
    date: str
    scenario_name: str
    focal_organization: str | None
    recommendation: str
    recommendation_name: str
    confidence: float
    confidence_label: str
    sections: tuple[Section, ...]
    references: tuple[Reference, ...]
    audit: Audit
    chart: RankingChart = field(repr=False)

    def section(self, key: str) -> Section:
        """The section with this key."""
        return next(section for section in self.sections if section.key == key)

    @property
    def header_lines(self) -> tuple[tuple[str, str], ...]:
        """The labelled lines under the title."""
        lines = [("Date", self.date), ("Scenario", self.scenario_name)]
        if self.focal_organization:
            lines.append(("Focal organisation", self.focal_organization))
        return tuple(lines)

    @property
    def footer_text(self) -> str:
        """A one-line audit stamp for page footers."""
        return (
            f"Knowledge base {self.audit.knowledge_base_version} | scenario SHA-256"
            f" {self.audit.scenario_sha256[:12]} | generated {self.audit.generated_text}"
        )


def clean_block(block: Block) -> Block:
    """The block with every string passed through :func:`clean_text`."""
    if isinstance(block, Paragraph):
        return Paragraph(
            clean_text(block.text), clean_text(block.lead) if block.lead else None, block.cites
        )
    if isinstance(block, ItemList):
        return ItemList(
            tuple(
                ListItem(
                    clean_text(item.text),
                    clean_text(item.lead) if item.lead else None,
                    item.cites,
                    tuple(clean_text(d) for d in item.details),
                )
                for item in block.items
            ),
            block.numbered,
        )
    if isinstance(block, Table):
        return Table(
            tuple(clean_text(c) for c in block.columns),
            tuple(tuple(clean_text(c) for c in row) for row in block.rows),
            block.widths,
        )
    if isinstance(block, Subheading):
        return Subheading(clean_text(block.text))
    bars = tuple(
        ChartBar(
            bar.form,
            clean_text(bar.name),
            bar.rank,
            bar.score,
            bar.lowest_possible,
            bar.highest_possible,
            bar.excluded,
            bar.recommended,
        )
        for bar in block.bars
    )
    return RankingChart(bars, clean_text(block.caption))


__all__ = [
    "NEXT_QUESTIONS_TITLE",
    "SECTION_TITLES",
    "UNNAMED_SCENARIO",
    "Audit",
    "Block",
    "ChartBar",
    "ItemList",
    "ListItem",
    "Memo",
    "Paragraph",
    "RankingChart",
    "Reference",
    "Section",
    "Subheading",
    "Table",
    "clean_block",
    "clean_text",
]
