"""Rendering a memo as a Word document with python-docx.

python-docx stores text as XML text nodes, so memo text can never become markup or a
Word field; the model has already removed the control characters XML forbids.
"""

from __future__ import annotations

import io
from datetime import datetime

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt, RGBColor
from docx.text.paragraph import Paragraph as DocxParagraph

from ui.memo.chart import ranking_chart_png
from ui.memo.model import (
    Block,
    ItemList,
    ListItem,
    Memo,
    Paragraph,
    RankingChart,
    Subheading,
    Table,
)

GREY = RGBColor(0x59, 0x59, 0x59)
TEXT_WIDTH_CM = 16.0


def _add_text(
    paragraph: DocxParagraph, lead: str | None, text: str, cites: tuple[int, ...]
) -> None:
    if lead:
        paragraph.add_run(lead).bold = True
        if text:
            paragraph.add_run(" ")
    if text:
        paragraph.add_run(text)
    if cites:
        run = paragraph.add_run(f" [{', '.join(str(n) for n in cites)}]")
        run.font.color.rgb = GREY


def _list(document: DocumentObject, block: ItemList) -> None:
    for number, item in enumerate(block.items, start=1):
        _item(document, item, number if block.numbered else None)


def _item(document: DocumentObject, item: ListItem, number: int | None) -> None:
    if number is None:
        paragraph = document.add_paragraph(style="List Bullet")
    else:
        # Numbers are written out: Word's list numbering would run on across lists.
        paragraph = document.add_paragraph(style="List Paragraph")
        paragraph.paragraph_format.left_indent = Cm(0.63)
        paragraph.paragraph_format.first_line_indent = Cm(-0.63)
        paragraph.add_run(f"{number}.\t")
    _add_text(paragraph, item.lead, item.text, item.cites)
    for detail in item.details:
        document.add_paragraph(detail, style="List Bullet 2")


def _table(document: DocumentObject, block: Table) -> None:
    table = document.add_table(rows=1, cols=len(block.columns))
    table.style = "Table Grid"
    total = sum(block.widths)
    widths = [Cm(TEXT_WIDTH_CM * w / total) for w in block.widths]
    for cell, heading, width in zip(table.rows[0].cells, block.columns, widths, strict=True):
        cell.width = width
        cell.paragraphs[0].add_run(heading).bold = True
    for values in block.rows:
        cells = table.add_row().cells
        for cell, value, width in zip(cells, values, widths, strict=True):
            cell.width = width
            cell.paragraphs[0].add_run(value)
    document.add_paragraph()


def _chart(document: DocumentObject, block: RankingChart) -> None:
    document.add_picture(io.BytesIO(ranking_chart_png(block.bars)), width=Cm(TEXT_WIDTH_CM))
    caption = document.add_paragraph(block.caption, style="Caption")
    caption.alignment = WD_ALIGN_PARAGRAPH.LEFT


def _block(document: DocumentObject, block: Block) -> None:
    if isinstance(block, Paragraph):
        _add_text(document.add_paragraph(), block.lead, block.text, block.cites)
    elif isinstance(block, Subheading):
        document.add_heading(block.text, level=2)
    elif isinstance(block, ItemList):
        _list(document, block)
    elif isinstance(block, Table):
        _table(document, block)
    else:
        _chart(document, block)


def _properties(document: DocumentObject, memo: Memo) -> None:
    props = document.core_properties
    props.title = memo.title[:255]
    props.subject = memo.recommendation_name
    props.author = "Alliance Advisor"
    props.keywords = "alliance structure; recommendation memo"
    moment: datetime = memo.audit.generated_at
    props.created = moment
    props.modified = moment
    props.last_modified_by = "Alliance Advisor"
    props.revision = 1


def render_docx(memo: Memo) -> bytes:
    """The memo as a .docx file, ranking chart included.

    Args:
        memo: the memo to render.

    Returns:
        The document's bytes.
    """
    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    section = document.sections[0]
    section.left_margin = section.right_margin = Cm(2.5)
    footer = section.footer.paragraphs[0]
    footer.text = memo.footer_text
    footer.runs[0].font.size = Pt(8)
    footer.runs[0].font.color.rgb = GREY
    _properties(document, memo)

    document.add_heading(memo.title, level=0)
    for label, value in memo.header_lines:
        _add_text(document.add_paragraph(), f"{label}:", value, ())
    for memo_section in memo.sections:
        document.add_heading(memo_section.title, level=1)
        for block in memo_section.blocks:
            _block(document, block)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


__all__ = ["render_docx"]
