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
    return _escape_line(text) if line_start else _escape_inline(text)


# Memos repeat the knowledge base's texts: each is escaped once (one cache for each
# kind of place, looked up by the text alone).
@lru_cache(maxsize=8192)
def _escape_inline(text: str) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _INLINE.sub(r"\\\1", text)
    return _AUTOLINK.sub(lambda found: "\\" + found.group(0), text).replace("@", "@" + JOINER)


@lru_cache(maxsize=8192)
def _escape_line(text: str) -> str:
    text = _escape_inline(text)
    match = _LINE_START.match(text)
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
    if lead:
        line = (
            f"**{_escape_line(lead)}** {_escape_inline(text)}"
            if text
            else f"**{_escape_line(lead)}**"
        )
    else:
        line = _escape_line(text) if text else ""
    return line + _cites(cites) if cites else line


def _item(item: ListItem, marker: str, lines: list[str]) -> None:
    link = f" <{item.link}>" if item.link else ""  # the model keeps only plain web addresses
    lines.append(f"{marker} {_inline(item.lead, item.text, item.cites)}{link}")
    if item.details:
        indent = " " * (len(marker) + 1)
        lines.extend(f"{indent}- {_escape_line(detail)}" for detail in item.details)


def _table(table: Table) -> list[str]:
    def row(cells: tuple[str, ...]) -> str:
        return "| " + " | ".join(_escape_inline(cell) or " " for cell in cells) + " |"

    return [row(table.columns), "|" + "---|" * len(table.columns), *map(row, table.rows)]


def _block(block: Block, lines: list[str]) -> None:
    if isinstance(block, ItemList):
        if block.numbered:
            for number, item in enumerate(block.items, start=1):
                _item(item, f"{number}.", lines)
        else:
            for item in block.items:
                _item(item, "-", lines)
    elif isinstance(block, Paragraph):
        lines.append(_inline(block.lead, block.text, block.cites))
    elif isinstance(block, Subheading):
        lines.append(f"### {_escape_line(block.text)}")
    elif isinstance(block, Table):
        lines.extend(_table(block))
    elif isinstance(block, RankingChart):  # no image in Markdown: the chart's data as a table
        lines.extend([*_table(block.as_table()), "", f"*{_escape_line(block.caption)}*"])
    else:
        raise TypeError(f"not a memo block: {block!r}")


def _section(section: Section) -> list[str]:
    lines = [f"## {escape(section.title)}", ""]
    for block in section.blocks:
        _block(block, lines)
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
