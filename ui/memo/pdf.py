"""Rendering a memo as PDF with fpdf2.

Text is set in DejaVu Sans, the TrueType font matplotlib ships, so any script that
font covers prints as written; a character it cannot draw is shown as U+FFFD rather
than silently dropped. All text goes through ``write``, ``multi_cell`` and
``table`` without fpdf2's markdown or HTML modes, so memo text is never read as
markup, and long words wrap inside the page or the table cell.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import matplotlib
from fontTools.ttLib import TTFont
from fpdf import FPDF
from fpdf.enums import TableHeadingsDisplay, XPos, YPos
from fpdf.fonts import FontFace

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

FAMILY = "DejaVu"
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}
REPLACEMENT = "\ufffd"
MARGIN = 18.0
LINE = 5.0
BODY_PT = 10.0
ACCENT = (31, 95, 139)
GREY = (90, 90, 90)


def _font_path(name: str) -> Path:
    return Path(matplotlib.get_data_path()) / "fonts" / "ttf" / name


@lru_cache(maxsize=1)
def _drawable_codepoints() -> frozenset[int]:
    """Characters every style of the memo's font can draw."""
    covered: set[int] | None = None
    for name in FONT_FILES.values():
        cmap = set(TTFont(_font_path(name), lazy=True).getBestCmap())
        covered = cmap if covered is None else covered & cmap
    return frozenset(covered or ())


def drawable(text: str) -> str:
    """``text`` with each character the font cannot draw replaced by U+FFFD."""
    if text.isascii():
        return text
    covered = _drawable_codepoints()
    return "".join(ch if ord(ch) in covered or ch == " " else REPLACEMENT for ch in text)


class _MemoPDF(FPDF):
    """An A4 page with the memo's audit stamp and page number in the footer."""

    def __init__(self, footer_text: str) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.footer_text = footer_text

    def footer(self) -> None:  # noqa: D102 - called by fpdf2 on every page
        self.set_y(-12)
        self.set_font(FAMILY, "", 7.5)
        self.set_text_color(*GREY)
        self.cell(self.epw - 20, 4, self.footer_text, new_x=XPos.RIGHT, new_y=YPos.TOP)
        self.cell(20, 4, f"{self.page_no()} / {{nb}}", align="R")
        self.set_text_color(0, 0, 0)


class _Writer:
    """Lays one memo out on a ``_MemoPDF``."""

    def __init__(self, memo: Memo) -> None:
        self.memo = memo
        pdf = _MemoPDF(drawable(memo.footer_text))
        for style, name in FONT_FILES.items():
            pdf.add_font(FAMILY, style, str(_font_path(name)))
        pdf.set_margins(MARGIN, MARGIN, MARGIN)
        pdf.set_auto_page_break(True, margin=MARGIN)
        pdf.set_title(drawable(memo.title))
        pdf.set_subject(drawable(memo.recommendation_name))
        pdf.set_author("Alliance Advisor")
        pdf.set_creator("Alliance Advisor")
        pdf.set_lang("en")
        pdf.set_creation_date(memo.audit.generated_at)
        self.pdf = pdf

    def font(self, size: float = BODY_PT, bold: bool = False) -> None:
        self.pdf.set_font(FAMILY, "B" if bold else "", size)

    def keep_space(self, height: float) -> None:
        """Start a new page unless ``height`` mm remain, so headings stay with their text."""
        if self.pdf.get_y() + height > self.pdf.page_break_trigger:
            self.pdf.add_page()

    def inline(
        self, lead: str | None, text: str, cites: tuple[int, ...], size: float = BODY_PT
    ) -> None:
        """A bold lead-in, text and grey citations, wrapping at the current left margin."""
        pdf = self.pdf
        if lead:
            self.font(size, bold=True)
            pdf.write(LINE, drawable(lead) + (" " if text else ""))
        self.font(size)
        if text:
            pdf.write(LINE, drawable(text))
        if cites:
            pdf.set_text_color(*GREY)
            pdf.write(LINE, f" [{', '.join(str(n) for n in cites)}]")
            pdf.set_text_color(0, 0, 0)
        pdf.ln(LINE)

    def bulleted(self, marker: str, indent: float, body: Callable[[], None]) -> None:
        """Draw ``marker`` in the gutter and the body with a hanging indent."""
        pdf = self.pdf
        left = pdf.l_margin
        pdf.set_x(left + indent - 5)
        self.font()
        pdf.cell(5, LINE, marker)
        pdf.set_left_margin(left + indent)
        try:
            body()
        finally:
            pdf.set_left_margin(left)
            pdf.set_x(left)

    def item(self, item: ListItem, marker: str) -> None:
        self.bulleted(marker, 6, lambda: self.inline(item.lead, item.text, item.cites))
        for detail in item.details:
            self.bulleted("–", 11, lambda d=detail: self.inline(None, d, (), size=9))
        if item.details:
            self.pdf.ln(1)

    def table(self, block: Table) -> None:
        pdf = self.pdf
        self.font(8.5)
        total = sum(block.widths)
        widths = tuple(pdf.epw * w / total for w in block.widths)
        with pdf.table(
            col_widths=widths,
            width=pdf.epw,
            text_align="LEFT",
            v_align="TOP",
            line_height=4.2,
            padding=1.2,
            first_row_as_headings=True,
            repeat_headings=TableHeadingsDisplay.ON_TOP_OF_EVERY_PAGE,
            headings_style=FontFace(emphasis="BOLD", fill_color=(232, 239, 245)),
        ) as table:
            for values in (block.columns, *block.rows):
                row = table.row()
                for value in values:
                    row.cell(drawable(value))
        pdf.ln(2)

    def chart(self, block: RankingChart) -> None:
        pdf = self.pdf
        png = ranking_chart_png(block.bars)
        self.keep_space(60)
        pdf.image(io.BytesIO(png), w=pdf.epw)
        self.font(8.5)
        pdf.set_text_color(*GREY)
        pdf.multi_cell(
            0, 4, drawable(block.caption), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )
        pdf.set_text_color(0, 0, 0)
        pdf.ln(2)

    def block(self, block: Block) -> None:
        pdf = self.pdf
        if isinstance(block, Paragraph):
            self.inline(block.lead, block.text, block.cites)
            pdf.ln(1.5)
        elif isinstance(block, Subheading):
            self.keep_space(20)
            pdf.ln(1.5)
            self.font(11, bold=True)
            pdf.multi_cell(
                0, 5.5, drawable(block.text), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT
            )
            pdf.ln(1)
        elif isinstance(block, ItemList):
            for number, item in enumerate(block.items, start=1):
                self.item(item, f"{number}." if block.numbered else "•")
            pdf.ln(1.5)
        elif isinstance(block, Table):
            self.table(block)
        else:
            self.chart(block)

    def render(self) -> bytes:
        pdf, memo = self.pdf, self.memo
        pdf.add_page()
        self.font(17, bold=True)
        pdf.set_text_color(*ACCENT)
        pdf.multi_cell(0, 8, drawable(memo.title), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_text_color(0, 0, 0)
        pdf.ln(2)
        for label, value in memo.header_lines:
            self.inline(f"{label}:", value, ())
        for section in memo.sections:
            self.keep_space(30)
            pdf.ln(4)
            self.font(14, bold=True)
            pdf.set_text_color(*ACCENT)
            pdf.multi_cell(
                0, 7, drawable(section.title), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT
            )
            pdf.set_text_color(0, 0, 0)
            pdf.ln(1.5)
            for block in section.blocks:
                self.block(block)
        return bytes(pdf.output())


def render_pdf(memo: Memo) -> bytes:
    """The memo as a PDF file, ranking chart included.

    Args:
        memo: the memo to render.

    Returns:
        The PDF's bytes.
    """
    return _Writer(memo).render()


__all__ = ["drawable", "render_pdf"]
