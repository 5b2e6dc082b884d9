"""Rendering a memo as a Word document with python-docx.

python-docx stores text as XML text nodes, so memo text can never become markup or a
Word field; the model has already removed the control characters XML forbids.
"""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime

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


class _Styles:
    """The ids of the styles the memo uses, each looked up once.

    Giving python-docx a style by name or object makes it scan every style in the
    document on each paragraph (to compare with the default style), which took most of
    the rendering time; ``add`` sets the resolved style id instead.
    """

    def __init__(self, document: DocumentObject) -> None:
        styles = document.styles
        self.document = document
        self.title = styles["Title"].style_id
        self.heading = styles["Heading 1"].style_id
        self.subheading = styles["Heading 2"].style_id
        self.bullet = styles["List Bullet"].style_id
        self.detail = styles["List Bullet 2"].style_id
        self.numbered = styles["List Paragraph"].style_id
        self.caption = styles["Caption"].style_id
        self.table = styles["Table Grid"]

    def add(self, style_id: str | None, text: str = "") -> DocxParagraph:
        """A new paragraph at the end of the document in the given style."""
        paragraph = self.document.add_paragraph(text)
        if style_id is not None:
            paragraph._p.style = style_id  # the <w:pStyle> python-docx would write
        return paragraph


def _list(document: DocumentObject, styles: _Styles, block: ItemList) -> None:
    for number, item in enumerate(block.items, start=1):
        _item(document, styles, item, number if block.numbered else None)


def _item(document: DocumentObject, styles: _Styles, item: ListItem, number: int | None) -> None:
    if number is None:
        paragraph = styles.add(styles.bullet)
    else:
        # Numbers are written out: Word's list numbering would run on across lists.
        paragraph = styles.add(styles.numbered)
        paragraph.paragraph_format.left_indent = Cm(0.63)
        paragraph.paragraph_format.first_line_indent = Cm(-0.63)
        paragraph.add_run(f"{number}.\t")
    _add_text(paragraph, item.lead, item.text, item.cites)
    for detail in item.details:
        styles.add(styles.detail, detail)


def _table(document: DocumentObject, styles: _Styles, block: Table) -> None:
    table = document.add_table(rows=1, cols=len(block.columns))
    table.style = styles.table
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


def _chart(document: DocumentObject, styles: _Styles, block: RankingChart) -> None:
    document.add_picture(io.BytesIO(ranking_chart_png(block.bars)), width=Cm(TEXT_WIDTH_CM))
    caption = styles.add(styles.caption, block.caption)
    caption.alignment = WD_ALIGN_PARAGRAPH.LEFT


def _block(document: DocumentObject, styles: _Styles, block: Block) -> None:
    if isinstance(block, Paragraph):
        _add_text(document.add_paragraph(), block.lead, block.text, block.cites)
    elif isinstance(block, Subheading):
        styles.add(styles.subheading, block.text)
    elif isinstance(block, ItemList):
        _list(document, styles, block)
    elif isinstance(block, Table):
        _table(document, styles, block)
    elif isinstance(block, RankingChart):
        _chart(document, styles, block)
    else:
        raise TypeError(f"not a memo block: {block!r}")


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

    styles = _Styles(document)
    styles.add(styles.title, memo.title)
    for label, value in memo.header_lines:
        _add_text(document.add_paragraph(), f"{label}:", value, ())
    for memo_section in memo.sections:
        styles.add(styles.heading, memo_section.title)
        for block in memo_section.blocks:
            _block(document, styles, block)
    buffer = io.BytesIO()
    document.save(buffer)
    return _stamped(buffer.getvalue(), memo.audit.generated_at)


# A zip entry's time must lie in 1980..2107 (two-second steps, no time zone).
_ZIP_EARLIEST = datetime(1980, 1, 1, tzinfo=UTC)
_ZIP_LATEST = datetime(2107, 12, 31, 23, 59, 58, tzinfo=UTC)


def _stamped(package: bytes, moment: datetime) -> bytes:
    """The package re-zipped with every entry dated ``moment`` instead of the save time.

    python-docx stamps each zip entry with the wall clock, so two saves of one memo
    differed; dated by the memo's own time, the same memo gives the same bytes.
    """
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    when = min(max(aware.astimezone(UTC), _ZIP_EARLIEST), _ZIP_LATEST)
    stamp = (when.year, when.month, when.day, when.hour, when.minute, when.second)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(package)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            fixed = zipfile.ZipInfo(entry.filename, date_time=stamp)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = entry.external_attr
            target.writestr(fixed, source.read(entry))
    return out.getvalue()


__all__ = ["render_docx"]
