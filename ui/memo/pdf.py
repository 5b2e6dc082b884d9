"""Rendering a memo as PDF with fpdf2.

Text is set in DejaVu Sans, the TrueType font matplotlib ships, so any script that
font covers prints as written; a character it cannot draw is shown as U+FFFD rather
than silently dropped. Text is only ever placed with ``cell``, never through fpdf2's
markdown or HTML modes, so memo text cannot become markup.

Lines are broken by ``ui.memo.line_breaking`` rather than by ``multi_cell``/``write``:
fpdf2 re-measures a line for every character it adds, which made a twenty-page memo take
over a second.
"""

from __future__ import annotations

import io
import math
import struct
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import matplotlib
from fontTools.ttLib import TTFont
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from ui.memo.chart import ranking_chart_png
from ui.memo.line_breaking import BLACK, Line, Measure, Run, wrap
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

FAMILY = "DejaVu"
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}
REPLACEMENT = "\ufffd"
PAGE_COUNT_ALIAS = "{nb}"
MARGIN = 18.0
BODY_PT = 10.0
BODY_LINE = 5.0
TABLE_PT = 8.5
TABLE_LINE = 4.0
TABLE_PAD = 1.2
ACCENT = (31, 95, 139)
GREY = (90, 90, 90)
RULE_GREY = (150, 150, 150)
HEADING_FILL = (232, 239, 245)
LINK = (31, 95, 170)


def _font_path(name: str) -> Path:
    return Path(matplotlib.get_data_path()) / "fonts" / "ttf" / name


@lru_cache(maxsize=1)
def _drawable_codepoints() -> frozenset[int]:
    """Characters every style of the memo's font can draw."""
    covered: set[int] | None = None
    for name in FONT_FILES.values():
        with TTFont(_font_path(name), lazy=True) as font:
            cmap = set(font.getBestCmap())
        covered = cmap if covered is None else covered & cmap
    return frozenset(covered or ())


def drawable(text: str) -> str:
    """``text`` with each character the font cannot draw replaced by U+FFFD."""
    if text.isascii():
        return text
    covered = _drawable_codepoints()
    return "".join(ch if ord(ch) in covered else REPLACEMENT for ch in text)


class _MemoPDF(FPDF):
    """A page (A4 or Letter) with the memo's audit stamp and page number in the footer."""

    def __init__(self, footer_text: str, page_size: str) -> None:
        super().__init__(orientation="portrait", unit="mm", format=page_size.lower())
        self.footer_text = footer_text
        # fpdf2 replaces the page-count alias wherever it appears, memo text included, so
        # it is on only from the footer (the last thing drawn on a page) until the next
        # page's header; it stays on after the last footer for the final substitution.
        self.alias_nb_pages(None)  # type: ignore[arg-type]  # None switches it off

    def header(self) -> None:  # noqa: D102 - called by fpdf2 on every new page
        self.alias_nb_pages(None)  # type: ignore[arg-type]  # None switches it off

    def footer(self) -> None:  # noqa: D102 - called by fpdf2 on every page
        self.set_y(-12)
        self.set_font(FAMILY, "", 7.5)
        self.set_text_color(*GREY)
        self.cell(self.epw - 25, 4, self.footer_text, new_x=XPos.RIGHT, new_y=YPos.TOP)
        self.alias_nb_pages(PAGE_COUNT_ALIAS)
        self.cell(25, 4, f"Page {self.page_no()} of {PAGE_COUNT_ALIAS}", align="R")
        self.set_text_color(*BLACK)


class _Writer:
    """Lays one memo out on a ``_MemoPDF``."""

    def __init__(self, memo: Memo) -> None:
        self.memo = memo
        pdf = _MemoPDF(drawable(memo.footer_text), memo.page_size)
        for style, name in FONT_FILES.items():
            pdf.add_font(FAMILY, style, str(_font_path(name)))
        pdf.set_margins(MARGIN, MARGIN, MARGIN)
        pdf.c_margin = 0  # runs of one line are placed edge to edge
        pdf.set_auto_page_break(True, margin=MARGIN)
        pdf.set_title(drawable(memo.title))
        pdf.set_subject(drawable(memo.recommendation_name))
        pdf.set_author("Alliance Advisor")
        pdf.set_creator("Alliance Advisor")
        pdf.set_lang("en")
        pdf.set_creation_date(memo.audit.generated_at)
        pdf.set_draw_color(*RULE_GREY)
        pdf.set_line_width(0.2)
        self.pdf = pdf
        # Both are TrueType fonts, whose widths fpdf2 keys by code point.
        char_widths: dict[bool, dict[int, float]] = {
            False: pdf.fonts[FAMILY.lower()].cw,  # type: ignore[dict-item]
            True: pdf.fonts[FAMILY.lower() + "B"].cw,  # type: ignore[dict-item]
        }
        self.measure = Measure(char_widths, pdf.k)
        # Each source's entry in the sources list is a named place; its citations "[n]"
        # link there (fpdf2 resolves a named place set later, when the entry is drawn).
        self.source_places = {f"[{r.number}]": f"source-{r.number}" for r in memo.references}
        self.in_sources = False

    # measuring and breaking ------------------------------------------------------------

    def width(self, text: str, bold: bool, size: float) -> float:
        """Width of ``text`` in mm, computed as fpdf2 computes it."""
        return self.measure.width(text, bold, size)

    def wrap(self, runs: Sequence[Run], max_width: float, size: float) -> list[Line]:
        """Break styled runs into lines no wider than ``max_width`` mm."""
        drawn = [Run(drawable(run.text), run.bold, run.colour, run.link) for run in runs]
        return wrap(self.measure, drawn, max_width, size)

    # placing ---------------------------------------------------------------------------

    def draw_line(self, line: Line, x: float, y: float, size: float, height: float) -> None:
        """Place a broken line's runs side by side, on the baseline ``cell`` would use."""
        pdf = self.pdf
        baseline = y + 0.5 * height + 0.3 * size / pdf.k
        for run in line:
            pdf.set_font(FAMILY, "B" if run.bold else "", size)
            pdf.set_text_color(*run.colour)
            pdf.text(x, baseline, run.text)
            run_width = self.width(run.text, run.bold, size)
            if run.link and run.text.strip():
                pdf.link(x, y, run_width, height, run.link)
            x += run_width
        pdf.set_text_color(*BLACK)

    def text_block(
        self,
        runs: Sequence[Run],
        *,
        indent: float = 0.0,
        size: float = BODY_PT,
        height: float = BODY_LINE,
    ) -> None:
        """Wrapped text from the left margin plus ``indent``, breaking pages as needed."""
        pdf = self.pdf
        x = pdf.l_margin + indent
        for line in self.wrap(runs, pdf.epw - indent, size):
            if pdf.get_y() + height > pdf.page_break_trigger:
                pdf.add_page()
            self.draw_line(line, x, pdf.get_y(), size, height)
            pdf.set_xy(pdf.l_margin, pdf.get_y() + height)

    def keep_space(self, height: float) -> None:
        """Start a new page unless ``height`` mm remain, so headings stay with their text."""
        if self.pdf.get_y() + height > self.pdf.page_break_trigger:
            self.pdf.add_page()

    def gap(self, height: float) -> None:
        self.pdf.set_y(min(self.pdf.get_y() + height, self.pdf.page_break_trigger))

    # blocks ----------------------------------------------------------------------------

    def citation_runs(self, cites: tuple[int, ...]) -> list[Run]:
        """Citation numbers in brackets, each number a link to its entry in the sources."""
        runs = [Run(" [", colour=GREY)]
        for index, number in enumerate(cites):
            if index:
                runs.append(Run(", ", colour=GREY))
            place = self.source_places.get(f"[{number}]")
            link = f"#{place}" if place else None
            runs.append(Run(str(number), colour=LINK if place else GREY, link=link))
        return [*runs, Run("]", colour=GREY)]

    def inline(
        self, lead: str | None, text: str, cites: tuple[int, ...], link: str | None = None
    ) -> list[Run]:
        runs = []
        if lead:
            runs.append(Run(lead + (" " if text else ""), bold=True))
        if text:
            runs.append(Run(text))
        if cites:
            runs.extend(self.citation_runs(cites))
        if link:
            runs.append(Run(" "))
            runs.append(Run(link, colour=LINK, link=link))
        return runs

    def marker(self, text: str, indent: float, size: float, height: float) -> None:
        pdf = self.pdf
        if pdf.get_y() + height > pdf.page_break_trigger:
            pdf.add_page()
        self.draw_line([Run(text)], pdf.l_margin + indent - 5, pdf.get_y(), size, height)
        pdf.set_x(pdf.l_margin)

    def item(self, item: ListItem, marker: str) -> None:
        self.marker(marker, 6, BODY_PT, BODY_LINE)
        if self.in_sources and item.lead in self.source_places:  # where its citations lead
            self.pdf.set_link(name=self.source_places[item.lead], y=self.pdf.get_y())
        self.text_block(self.inline(item.lead, item.text, item.cites, item.link), indent=6)
        for detail in item.details:
            self.marker("–", 11, 9, 4.5)
            self.text_block([Run(detail)], indent=11, size=9, height=4.5)
        if item.details:
            self.gap(1)

    def table(self, block: Table) -> None:
        total = sum(block.widths)
        widths = [self.pdf.epw * w / total for w in block.widths]

        def cells(values: Sequence[str], bold: bool) -> list[list[Line]]:
            return [
                self.wrap([Run(value, bold=bold)], width - 2 * TABLE_PAD, TABLE_PT)
                for value, width in zip(values, widths, strict=True)
            ]

        heading = cells(block.columns, bold=True)
        body = [cells(row, bold=False) for row in block.rows]
        first_rows = max(len(c) for c in heading) + (max(len(c) for c in body[0]) if body else 0)
        self.keep_space(first_rows * TABLE_LINE + 4 * TABLE_PAD)
        self.table_row(heading, widths, heading=None)
        for row in body:
            self.table_row(row, widths, heading=heading)
        self.gap(2.5)

    def table_row(
        self, row: list[list[Line]], widths: list[float], heading: list[list[Line]] | None
    ) -> None:
        """One table row; a row too tall for the rest of the page moves or splits."""
        pdf = self.pdf
        usable = pdf.page_break_trigger - pdf.t_margin
        remaining = [list(lines) for lines in row]
        while True:
            needed = max(len(lines) for lines in remaining)
            fits = math.floor((pdf.page_break_trigger - pdf.get_y() - 2 * TABLE_PAD) / TABLE_LINE)
            whole_row_fits_a_page = needed * TABLE_LINE + 2 * TABLE_PAD <= usable
            if fits < 1 or (fits < needed and whole_row_fits_a_page):
                self.new_table_page(widths, heading)
                continue
            count = min(needed, fits)
            self.draw_cells(
                [lines[:count] for lines in remaining], widths, count, fill=heading is None
            )
            remaining = [lines[count:] for lines in remaining]
            if not any(remaining):
                return
            self.new_table_page(widths, heading)

    def new_table_page(self, widths: list[float], heading: list[list[Line]] | None) -> None:
        self.pdf.add_page()
        if heading is not None:
            count = max(len(lines) for lines in heading)
            self.draw_cells(heading, widths, count, fill=True)

    def draw_cells(
        self, row: list[list[Line]], widths: list[float], count: int, *, fill: bool
    ) -> None:
        pdf = self.pdf
        top = pdf.get_y()
        row_height = count * TABLE_LINE + 2 * TABLE_PAD
        x = pdf.l_margin
        if fill:
            pdf.set_fill_color(*HEADING_FILL)
        for lines, width in zip(row, widths, strict=True):
            pdf.rect(x, top, width, row_height, style="DF" if fill else "D")
            for number, line in enumerate(lines):
                self.draw_line(
                    line, x + TABLE_PAD, top + TABLE_PAD + number * TABLE_LINE, TABLE_PT, TABLE_LINE
                )
            x += width
        pdf.set_xy(pdf.l_margin, top + row_height)

    def chart(self, block: RankingChart) -> None:
        pdf = self.pdf
        png = ranking_chart_png(block.bars)
        width_px, height_px = struct.unpack(">II", png[16:24])  # the PNG's IHDR chunk
        height = pdf.epw * height_px / width_px
        self.keep_space(height + 10)
        pdf.image(io.BytesIO(png), x=pdf.l_margin, y=pdf.get_y(), w=pdf.epw, h=height)
        pdf.set_y(pdf.get_y() + height + 1)
        self.text_block([Run(block.caption, colour=GREY)], size=8.5, height=4)
        self.gap(2)

    def block(self, block: Block) -> None:
        if isinstance(block, Paragraph):
            self.text_block(self.inline(block.lead, block.text, block.cites))
            self.gap(1.5)
        elif isinstance(block, Subheading):
            self.keep_space(20)
            self.gap(1.5)
            self.text_block([Run(block.text, bold=True)], size=11, height=5.5)
            self.gap(1)
        elif isinstance(block, ItemList):
            for number, item in enumerate(block.items, start=1):
                self.item(item, f"{number}." if block.numbered else "•")
            self.gap(1.5)
        elif isinstance(block, Table):
            self.table(block)
        elif isinstance(block, RankingChart):
            self.chart(block)
        else:
            raise TypeError(f"not a memo block: {block!r}")

    def render(self) -> bytes:
        pdf, memo = self.pdf, self.memo
        pdf.add_page()
        self.text_block([Run(memo.title, bold=True, colour=ACCENT)], size=17, height=8)
        self.gap(2)
        for label, value in memo.header_lines:
            self.text_block(self.inline(f"{label}:", value, ()))
        in_appendix = False
        for section in memo.sections:
            if section.appendix and not in_appendix:
                in_appendix = True
                pdf.add_page()
                pdf.start_section(APPENDIX_TITLE, level=0)
                self.text_block([Run(APPENDIX_TITLE, bold=True, colour=ACCENT)], size=17, height=8)
                self.gap(2)
            # A heading keeps two lines of its text with it; the front packs tighter.
            self.keep_space(30 if in_appendix else 18)
            self.gap(4 if in_appendix else 3)
            pdf.start_section(drawable(section.title), level=1 if in_appendix else 0)
            self.text_block([Run(section.title, bold=True, colour=ACCENT)], size=14, height=7)
            self.gap(1.5)
            self.in_sources = section.key == "sources"
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
    writer = _Writer(memo)
    try:
        return writer.render()
    finally:
        for font in writer.pdf.fonts.values():
            close = getattr(font, "close", None)
            if close is not None:
                close()  # fpdf2 keeps the font files open until told otherwise


__all__ = ["drawable", "render_pdf"]
