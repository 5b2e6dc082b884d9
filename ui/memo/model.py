"""The memo's document model: one structured decision record, independent of any format.

A ``Memo`` is built by ``ui.memo.sections.build_memo`` from three inputs only: the
engine's ``Recommendation``, the ``Scenario`` it answered and the ``KnowledgeBase`` it was
made with. The renderers (``markdown``, ``docx``, ``pdf``) draw it.

Every string in a memo is plain text that has passed :func:`clean_text`: control
characters are removed and whitespace is collapsed to single spaces. Renderers add
their own markup and escape the text for their format.
"""

from __future__ import annotations

import operator
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache

FRONT_TITLES: dict[str, str] = {
    "decision": "The decision",
    "reasons": "Three reasons",
    "top_risks": "Top risks",
    "turning_points": "What would change it",
    "open_questions": "Open questions",
    "running_it": "How it would be run",
    "board": "The decision asked of the board",
    "notes": "Analyst notes",
}
"""The front matter's sections (one to two pages), in order; notes only when given."""

APPENDIX_TITLES: dict[str, str] = {
    "stages": "How the decision was reached",
    "evidence": "The evidence: rules that fired",
    "answers": "The scenario's answers",
    "alternatives": "Alternatives considered",
    "risks": "Risks and mitigations",
    "governance": "Governance blueprint",
    "tradeoffs": "Trade-offs between the five forms",
    "stakeholders": "Stakeholder map",
    "change": "What would change the recommendation",
    "sources": "Sources",
    "audit": "Audit record",
}
"""The appendix's sections in order: the full evidence behind the front matter."""

BRIEF_APPENDIX: tuple[str, ...] = ("governance", "sources", "audit")
"""The appendix sections a brief memo keeps."""

SECTION_TITLES: dict[str, str] = {**FRONT_TITLES, **APPENDIX_TITLES}
"""Every section's key and heading, in the order the memo presents them."""

APPENDIX_TITLE = "Appendix"
LENGTHS: tuple[str, ...] = ("brief", "full")
PAGE_SIZES: tuple[str, ...] = ("A4", "Letter")
NOTES_MAX = 4000
"""The longest analyst note a memo carries, in characters."""


@dataclass(frozen=True, slots=True)
class MemoOptions:
    """How a memo is laid out: its length, page size, analyst notes and timestamp.

    Example:
        >>> MemoOptions(length="brief", page_size="Letter").page_size
        'Letter'
        >>> MemoOptions(length="short")
        Traceback (most recent call last):
        ...
        ValueError: unknown memo length 'short'; choose brief or full
    """

    length: str = "full"
    page_size: str = "A4"
    notes: str | None = None
    generated_at: datetime | None = None

    def __post_init__(self) -> None:
        if self.length not in LENGTHS:
            raise ValueError(f"unknown memo length {self.length!r}; choose brief or full")
        if self.page_size not in PAGE_SIZES:
            raise ValueError(f"unknown page size {self.page_size!r}; choose A4 or Letter")
        if self.notes is not None and len(self.notes) > NOTES_MAX:
            raise ValueError(
                f"analyst notes are {len(self.notes)} characters long; at most {NOTES_MAX}"
                " are allowed"
            )


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


@lru_cache(maxsize=8192)  # memos repeat the knowledge base's texts: clean each once
def clean_text(text: str) -> str:
    r"""Plain single-line text that every output format can hold.

    Runs of whitespace (newlines and tabs included) become one space, and characters
    that XML forbids or that reorder how text is displayed are dropped.

    Example:
        >>> clean_text("  Alpha\n\tBeta\x00 ")
        'Alpha Beta'
    """
    joined = " ".join(text.split())
    if joined.isascii() and joined.isprintable():  # nothing to drop: most texts
        return joined
    return _FORBIDDEN.sub("", joined)


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
    link: str | None = None
    """A web address shown after the text, clickable where the format allows."""


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
    appendix: bool = False


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
    length: str = "full"
    page_size: str = "A4"

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


_WEB_ADDRESS = re.compile(r"https?://[^\s<>\"'`\\]+")


def _clean_link(link: str | None) -> str | None:
    """A web address fit to link to, or ``None`` (anything else is not linked)."""
    link = clean_text(link or "")
    return link if _WEB_ADDRESS.fullmatch(link) else None


def clean_block(block: Block) -> Block:
    """The block with every string passed through :func:`clean_text`.

    A block or list item whose strings are clean already is returned as it is (they
    are immutable), so most blocks are checked rather than rebuilt.
    """
    if isinstance(block, ItemList):
        items = tuple(_clean_item(item) for item in block.items)
        if isinstance(block.items, tuple) and all(map(operator.is_, items, block.items)):
            return block
        return ItemList(items, block.numbered)
    if isinstance(block, Paragraph):
        text = clean_text(block.text)
        lead = clean_text(block.lead) if block.lead else None
        if text == block.text and lead == block.lead:
            return block
        return Paragraph(text, lead, block.cites)
    if isinstance(block, Table):
        columns = tuple(clean_text(c) for c in block.columns)
        rows = tuple(tuple(clean_text(c) for c in row) for row in block.rows)
        if columns == block.columns and rows == block.rows:
            return block
        return Table(columns, rows, block.widths)
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


def _clean_item(item: ListItem) -> ListItem:
    text = clean_text(item.text)
    lead = clean_text(item.lead) if item.lead else None
    details = tuple(clean_text(d) for d in item.details) if item.details else ()
    link = _clean_link(item.link) if item.link else None
    if text == item.text and lead == item.lead and details == item.details and link == item.link:
        return item
    return ListItem(text, lead, item.cites, details, link)


__all__ = [
    "APPENDIX_TITLE",
    "APPENDIX_TITLES",
    "BRIEF_APPENDIX",
    "FRONT_TITLES",
    "LENGTHS",
    "MemoOptions",
    "NOTES_MAX",
    "PAGE_SIZES",
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
