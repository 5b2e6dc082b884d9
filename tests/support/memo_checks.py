"""Shared inputs and real-reader helpers for the memo tests."""

from __future__ import annotations

import html.parser
import io
from collections.abc import Callable
from datetime import UTC, datetime
from functools import cache

from docx import Document
from markdown_it import MarkdownIt
from pypdf import PdfReader

from engine import (
    KnowledgeBase,
    Recommendation,
    Scenario,
    default_reasoner,
    recommend,
    scenario_from_data,
)
from ui.memo import build_memo
from ui.memo.docx import render_docx
from ui.memo.markdown import render_markdown
from ui.memo.model import APPENDIX_TITLES, BRIEF_APPENDIX, FRONT_TITLES, Memo
from ui.memo.pdf import render_pdf

GENERATED_AT = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
GENERATED_TEXT = "2026-11-23T09:30:00Z"
CASES = ("demo", "all-unknown")


@cache
def case(name: str) -> tuple[Scenario, Recommendation, Memo]:
    """A scenario, its recommendation (full analyses) and its memo, computed once."""
    kb = default_reasoner().kb
    data = kb.demo if name == "demo" else {"schema_version": 1}
    scenario = scenario_from_data(data, name)
    rec = recommend(scenario)
    return scenario, rec, build_memo(rec, scenario, kb, generated_at=GENERATED_AT)


RENDERERS: dict[str, Callable[[Memo], bytes]] = {
    "markdown": lambda memo: render_markdown(memo).encode("utf-8"),
    "docx": render_docx,
    "pdf": render_pdf,
}


@cache
def rendered_memo(fmt: str, name: str) -> bytes:
    """The memo of a case in one format, rendered once."""
    return RENDERERS[fmt](case(name)[2])


def cited_source_ids(rec: Recommendation, scenario: Scenario, kb: KnowledgeBase) -> set[str]:
    """Every source behind what a full memo says: rules, risks, the form's first three
    (its definition cites no more), governance modules and the partners."""
    ids = {s for rule in rec.fired_rules for s in rule.sources}
    ids |= {s for risk in rec.risks for s in risk.sources}
    ids |= set(kb.forms[rec.recommendation].sources[:3])
    ids |= {s for module in rec.governance.modules for s in module.sources}
    for partner_type in scenario.factor_values()["partner_types"] or ():
        ids |= set(kb.stakeholders[partner_type].sources)
    return ids


def expected_headings(*, notes: bool = False, length: str = "full") -> list[str]:
    """The section headings a memo shows, in order (the appendix heading aside)."""
    front = [title for key, title in FRONT_TITLES.items() if notes or key != "notes"]
    appendix = [
        title for key, title in APPENDIX_TITLES.items() if length == "full" or key in BRIEF_APPENDIX
    ]
    return front + appendix


def flat(text: str) -> str:
    """Text with every run of whitespace made one space (line wrapping undone)."""
    return " ".join(text.split())


class _TextOf(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.tags.append(tag)
        self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def markdown_html(data: bytes) -> str:
    """The Markdown rendered to HTML by a CommonMark reader with tables."""
    return MarkdownIt("commonmark").enable("table").render(data.decode("utf-8"))


def markdown_text(data: bytes) -> str:
    """What a reader of the rendered Markdown sees, whitespace flattened."""
    parser = _TextOf()
    parser.feed(markdown_html(data))
    return flat("".join(parser.parts))


def markdown_tags(data: bytes) -> list[str]:
    """The HTML elements the rendered Markdown contains, in order."""
    parser = _TextOf()
    parser.feed(markdown_html(data))
    return parser.tags


def docx_text(data: bytes) -> str:
    """All text of a Word document (body, tables, footer), read with python-docx."""
    document = Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    for section in document.sections:
        parts.extend(p.text for p in section.footer.paragraphs)
    return flat(" ".join(parts))


def pdf_pages(data: bytes) -> list[str]:
    """The text of each page of a PDF, read with pypdf."""
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def pdf_text(data: bytes) -> str:
    """The body text of a PDF, whitespace flattened: each page's last line, the running
    footer, is left out so text that crosses a page break reads on."""
    bodies = [page.rstrip().rsplit("\n", 1)[0] for page in pdf_pages(data)]
    return flat(" ".join(bodies))


READERS: dict[str, Callable[[bytes], str]] = {
    "markdown": markdown_text,
    "docx": docx_text,
    "pdf": pdf_text,
}
