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
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.section import _Footer
from docx.shared import Cm, Inches, Length, Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph as DocxParagraph

from ui.memo.chart import ranking_chart_png
from ui.memo.model import (
    APPENDIX_TITLE,
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
LINK_COLOUR = "1F5FAA"
MARGIN_CM = 2.2
MARGIN_TOP_CM = 2.0
CONTENTS_HALF_POINTS = 18
"""The contents entries' type size in half-points (9 pt), smaller than the text."""
PAGE_SIZES: dict[str, tuple[Length, Length]] = {
    "A4": (Mm(210), Mm(297)),
    "Letter": (Inches(8.5), Inches(11)),
}
"""Page width and height of each page size a memo can have."""
TOC_FIELD = 'TOC \\o "1-2" \\h \\z \\u'
"""Word's table of contents over headings 1 and 2, with links, updated when the file opens."""


def _text_width(page_size: str) -> float:
    return float(PAGE_SIZES[page_size][0].cm) - 2 * MARGIN_CM


def _field_char(paragraph: DocxParagraph, kind: str) -> None:
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    paragraph.add_run()._r.append(char)


def _field_start(paragraph: DocxParagraph, instruction: str) -> None:
    """Open a Word field: its start, its instruction, then the start of its shown result."""
    _field_char(paragraph, "begin")
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    paragraph.add_run()._r.append(text)
    _field_char(paragraph, "separate")


def _field(paragraph: DocxParagraph, instruction: str, shown: str) -> None:
    """A whole Word field (PAGE, NUMPAGES, ...) showing ``shown`` until Word updates it."""
    _field_start(paragraph, instruction)
    paragraph.add_run(shown)
    _field_char(paragraph, "end")


def _footer(footer: _Footer, text: str) -> None:
    """The audit stamp, then 'Page N of M' from Word's page fields."""
    stamp = footer.paragraphs[0]
    stamp.text = text
    stamp.runs[0].font.size = Pt(8)
    stamp.runs[0].font.color.rgb = GREY
    numbers = footer.add_paragraph()
    numbers.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    numbers.add_run("Page ")
    _field(numbers, "PAGE", "1")
    numbers.add_run(" of ")
    _field(numbers, "NUMPAGES", "1")
    for run in numbers.runs:
        run.font.size = Pt(8)
        run.font.color.rgb = GREY


def _update_fields_on_open(document: DocumentObject) -> None:
    """Ask Word to fill the table of contents and page fields when it opens the file."""
    flag = OxmlElement("w:updateFields")
    flag.set(qn("w:val"), "true")
    document.settings.element.append(flag)


def _anchor(index: int) -> str:
    """The bookmark name of the ``index``-th heading (Word names its TOC targets ``_Toc…``)."""
    return f"_Toc{index:04d}"


def _bookmark(paragraph: DocxParagraph, index: int) -> None:
    """Mark a whole heading as the target of its contents entry."""
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(index))
    start.set(qn("w:name"), _anchor(index))
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(index))
    properties = paragraph._p.pPr
    if properties is None:
        paragraph._p.insert(0, start)
    else:
        properties.addnext(start)
    paragraph._p.append(end)


def _element(tag: str, **attributes: str) -> BaseOxmlElement:
    """A WordprocessingML element with its ``w:`` attributes set."""
    element = OxmlElement(tag)
    for name, value in attributes.items():
        element.set(qn(f"w:{name}"), value)
    return element


def _link(
    paragraph: DocxParagraph, text: str, link: BaseOxmlElement, *styles: BaseOxmlElement
) -> None:
    """Append ``link`` (a ``w:hyperlink``) showing ``text`` with the given run properties."""
    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    for style in styles:
        properties.append(style)
    run.append(properties)
    run_text = OxmlElement("w:t")
    run_text.set(qn("xml:space"), "preserve")
    run_text.text = text
    run.append(run_text)
    link.append(run)
    paragraph._p.append(link)


def _internal_link(paragraph: DocxParagraph, anchor: str, text: str) -> None:
    """A run of text (in the contents' size) that jumps to a bookmark when clicked."""
    link = _element("w:hyperlink", anchor=anchor, history="1")
    _link(paragraph, text, link, _element("w:sz", val=str(CONTENTS_HALF_POINTS)))


def _contents(document: DocumentObject, memo: Memo) -> None:
    """A table of contents field, already showing the headings (each a link to its heading).

    Word refreshes the field, page numbers included, when it opens the file (the
    document asks it to); any other viewer shows the entries written here.
    """
    heading = document.add_paragraph()
    heading.add_run("Contents").bold = True
    heading.paragraph_format.space_before = Pt(6)
    entries = [(s.title, s.appendix) for s in memo.sections]
    first_appendix = next((i for i, (_, a) in enumerate(entries) if a), len(entries))
    entries.insert(first_appendix, (APPENDIX_TITLE, False))
    paragraphs = []
    for title, nested in entries:
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.left_indent = Cm(0.6 if nested else 0)
        paragraph.paragraph_format.space_after = Pt(0)
        paragraphs.append((paragraph, title))
    _field_start(paragraphs[0][0], TOC_FIELD)
    for index, (paragraph, title) in enumerate(paragraphs):
        _internal_link(paragraph, _anchor(index), title)
    _field_char(paragraphs[-1][0], "end")


def _compact(document: DocumentObject) -> None:
    """Tighter spacing than Word's template, so the memo's front fits one or two pages."""
    styles = document.styles
    normal = styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10)
    normal.paragraph_format.space_after = Pt(3)
    normal.paragraph_format.line_spacing = 1.0
    title = styles["Title"]
    title.font.size = Pt(18)
    title.paragraph_format.space_after = Pt(6)
    for name, size, before in (
        ("Heading 1", 13, 10),
        ("Heading 2", 11.5, 7),
        ("Heading 3", 10.5, 5),
    ):
        heading = styles[name]
        heading.font.size = Pt(size)
        heading.paragraph_format.space_before = Pt(before)
        heading.paragraph_format.space_after = Pt(2)
    for name in ("List Bullet", "List Bullet 2", "List Paragraph"):
        styles[name].paragraph_format.space_after = Pt(2)


def _hyperlink(paragraph: DocxParagraph, url: str) -> None:
    """A clickable web address at the end of a paragraph."""
    relation = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), relation)
    colour = _element("w:color", val=LINK_COLOUR)
    _link(paragraph, url, link, colour, _element("w:u", val="single"))


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

    def __init__(self, document: DocumentObject, text_width_cm: float) -> None:
        styles = document.styles
        self.document = document
        self.text_width_cm = text_width_cm
        self.title = styles["Title"].style_id
        self.heading = styles["Heading 1"].style_id
        self.subheading = styles["Heading 2"].style_id
        self.subheading_of_appendix = styles["Heading 2"].style_id
        self.level3 = styles["Heading 3"].style_id
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
    if item.link:
        paragraph.add_run(" ")
        _hyperlink(paragraph, item.link)
    for detail in item.details:
        styles.add(styles.detail, detail)


def _table(document: DocumentObject, styles: _Styles, block: Table) -> None:
    table = document.add_table(rows=1, cols=len(block.columns))
    table.style = styles.table
    total = sum(block.widths)
    widths = [Cm(styles.text_width_cm * w / total) for w in block.widths]
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
    document.add_picture(io.BytesIO(ranking_chart_png(block.bars)), width=Cm(styles.text_width_cm))
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
    _compact(document)
    section = document.sections[0]
    section.page_width, section.page_height = PAGE_SIZES[memo.page_size]
    section.left_margin = section.right_margin = Cm(MARGIN_CM)
    section.top_margin = section.bottom_margin = Cm(MARGIN_TOP_CM)
    _footer(section.footer, memo.footer_text)
    _properties(document, memo)
    _update_fields_on_open(document)

    styles = _Styles(document, _text_width(memo.page_size))
    styles.add(styles.title, memo.title)
    for label, value in memo.header_lines:
        line = document.add_paragraph()
        line.paragraph_format.space_after = Pt(0)
        _add_text(line, f"{label}:", value, ())
    _contents(document, memo)
    in_appendix = False
    headings = 0
    for memo_section in memo.sections:
        if memo_section.appendix and not in_appendix:
            in_appendix = True
            appendix = styles.add(styles.heading, APPENDIX_TITLE)
            appendix.paragraph_format.page_break_before = True
            _bookmark(appendix, headings)
            headings += 1
            styles.subheading = styles.level3
        heading = styles.subheading_of_appendix if in_appendix else styles.heading
        _bookmark(styles.add(heading, memo_section.title), headings)
        headings += 1
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
