"""Rendering a memo as Markdown (CommonMark with GitHub tables).

All memo text is escaped: Markdown punctuation gets a backslash and HTML's ``<``,
``>`` and ``&`` become entities, so no text can open a link, an emphasis, a heading,
a table cell or an HTML tag. The ranking chart becomes a table.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ui.memo.model import (
    APPENDIX_TITLE,
    Block,
    ItemList,
    ListItem,
    Memo,
    Paragraph,
    RankingChart,
    Section,
    Subheading,
    Table,
)

# Punctuation with a meaning anywhere in a line (emphasis, code, links and images,
# tables, headings, strikethrough, attributes, maths on GitHub) is escaped wherever it
# occurs. Parentheses and "!" need no escape: without an unescaped "[" they never form
# a link or an image.
_INLINE = re.compile(r"([\\`*_\[\]{}#|~$^])")
# What GitHub's Markdown turns into a link without any markup: "scheme://", "www." and
# e-mail addresses. A backslash before the ":" of "://" or the "." of "www." stops the
# first two (GitHub looks for them in the source, before escapes are undone); e-mail
# addresses are found after, so an invisible WORD JOINER goes after each "@".
_AUTOLINK = re.compile(r":(?=//)|(?<=www)\.", re.IGNORECASE)
JOINER = "\u2060"
# Punctuation that only matters at the start of a line (list items, setext headings).
_LINE_START = re.compile(r"^([-+=:]|\d+(?=[.)]))")


@lru_cache(maxsize=8192)  # memos repeat the knowledge base's texts: escape each once
def escape(text: str, *, line_start: bool = True) -> str:
    r"""Markdown for ``text`` that displays exactly ``text``.

    Args:
        text: plain text.
        line_start: the text may begin a line or a list item, so a leading ``-``,
            ``+``, ``=`` or ``1.`` is escaped too. Table cells and text after a bold
            lead-in do not need it.

    Example:
        >>> print(escape("<b>*x*</b> & [y](z)"))
        &lt;b&gt;\*x\*&lt;/b&gt; &amp; \[y\](z)
        >>> print(escape("https://x.example www.x.example ann@x.example").replace(JOINER, "~"))
        https\://x.example www\.x.example ann@~x.example
    """
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _INLINE.sub(r"\\\1", text)
    text = _AUTOLINK.sub(lambda found: "\\" + found.group(0), text).replace("@", "@" + JOINER)
    match = _LINE_START.match(text) if line_start else None
    if match:
        if match.group(1).isdigit():  # "1." or "1)" would start an ordered list
            end = match.end()
            text = text[:end] + "\\" + text[end:]
        else:
            text = "\\" + text
    return text


def _cites(numbers: tuple[int, ...]) -> str:
    return f" \\[{', '.join(str(n) for n in numbers)}\\]" if numbers else ""


def _inline(lead: str | None, text: str, cites: tuple[int, ...] = ()) -> str:
    parts = []
    if lead:
        parts.append(f"**{escape(lead)}**")
    if text:
        parts.append(escape(text, line_start=not lead))
    return " ".join(parts) + _cites(cites)


def _item(item: ListItem, marker: str) -> list[str]:
    link = f" <{item.link}>" if item.link else ""  # the model keeps only plain web addresses
    lines = [f"{marker} {_inline(item.lead, item.text, item.cites)}{link}"]
    indent = " " * (len(marker) + 1)
    lines.extend(f"{indent}- {escape(detail)}" for detail in item.details)
    return lines


def _table(table: Table) -> list[str]:
    def row(cells: tuple[str, ...]) -> str:
        cells = tuple(escape(cell, line_start=False) or " " for cell in cells)
        return "| " + " | ".join(cells) + " |"

    return [row(table.columns), "|" + "---|" * len(table.columns), *map(row, table.rows)]


def _block(block: Block) -> list[str]:
    if isinstance(block, Paragraph):
        return [_inline(block.lead, block.text, block.cites)]
    if isinstance(block, Subheading):
        return [f"### {escape(block.text)}"]
    if isinstance(block, ItemList):
        lines = []
        for number, item in enumerate(block.items, start=1):
            lines.extend(_item(item, f"{number}." if block.numbered else "-"))
        return lines
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, RankingChart):  # no image in Markdown: the chart's data as a table
        return [*_table(block.as_table()), "", f"*{escape(block.caption)}*"]
    raise TypeError(f"not a memo block: {block!r}")


def _section(section: Section) -> list[str]:
    lines = [f"## {escape(section.title)}", ""]
    for block in section.blocks:
        lines.extend(_block(block))
        lines.append("")
    return lines


def render_markdown(memo: Memo) -> str:
    """The memo as Markdown text.

    Args:
        memo: the memo to render.

    Returns:
        Markdown ending in a newline.
    """
    lines = [f"# {escape(memo.title)}", ""]
    lines.extend(
        f"- **{escape(label)}:** {escape(value, line_start=False)}"
        for label, value in memo.header_lines
    )
    lines.append("")
    in_appendix = False
    for section in memo.sections:
        if section.appendix and not in_appendix:
            in_appendix = True
            lines.extend([f"# {APPENDIX_TITLE}", ""])
        lines.extend(_section(section))
    lines.extend(["---", "", f"*{escape(memo.footer_text)}*"])
    return "\n".join(lines) + "\n"


__all__ = ["escape", "render_markdown"]
