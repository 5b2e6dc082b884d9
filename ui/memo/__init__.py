"""Recommendation memos: one structured memo, rendered as Markdown, Word or PDF.

Example:
    >>> from engine import default_reasoner, recommend, scenario_from_data
    >>> scenario = scenario_from_data({"schema_version": 1, "name": "Trial"})
    >>> rec = recommend(scenario, analyses=False, robustness=False)
    >>> render_memo(rec, scenario, "markdown").startswith(b"# Alliance structure memo: Trial")
    True
    >>> brief = MemoOptions(length="brief", page_size="Letter", notes="Board on 5 May.")
    >>> b"Board on 5 May." in render_memo(rec, scenario, "markdown", options=brief)
    True
    >>> memo_filename(scenario, "pdf")
    'alliance-memo-trial.pdf'
"""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime

from engine import KnowledgeBase, Recommendation, Scenario, default_reasoner
from ui.memo.model import LENGTHS, NOTES_MAX, PAGE_SIZES, SECTION_TITLES, Memo, MemoOptions
from ui.memo.sections import build_memo

EXTENSIONS: dict[str, str] = {"markdown": "md", "docx": "docx", "pdf": "pdf", "json": "json"}
"""File extension of each format ``render_memo`` can produce."""

MEDIA_TYPES: dict[str, str] = {
    "markdown": "text/markdown",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "json": "application/json",
}
"""Media type of each format, for download buttons."""

_SLUG_MAX = 60


def render_memo(
    rec: Recommendation,
    scenario: Scenario,
    fmt: str,
    *,
    kb: KnowledgeBase | None = None,
    generated_at: datetime | None = None,
    options: MemoOptions | None = None,
) -> bytes:
    """Render the memo for a recommendation in one format.

    Args:
        rec: the engine's recommendation for ``scenario``.
        scenario: the scenario it answers.
        fmt: ``markdown``, ``docx`` or ``pdf`` (``json`` gives the recommendation's JSON).
        kb: a knowledge base for the words the recommendation does not carry (the
            questionnaire's, form summaries and profiles, stakeholders); by default the
            one ``recommend`` uses by default (``default_reasoner().kb``).
        generated_at: the memo's timestamp; now by default (overrides the options').
        options: length (brief or full), page size (A4 or Letter), analyst notes and
            timestamp; a full A4 memo without notes by default.

    Returns:
        The file's bytes (UTF-8 text for Markdown and JSON).

    Raises:
        ValueError: ``fmt`` is not a known format.
    """
    if fmt not in EXTENSIONS:
        raise ValueError(f"unknown memo format {fmt!r}; choose one of {', '.join(EXTENSIONS)}")
    if fmt == "json":
        return rec.to_json().encode("utf-8")
    memo = build_memo(
        rec, scenario, kb or default_reasoner().kb, generated_at=generated_at, options=options
    )
    if fmt == "markdown":
        from ui.memo.markdown import render_markdown

        return render_markdown(memo).encode("utf-8")
    if fmt == "docx":
        from ui.memo.docx import render_docx

        return render_docx(memo)
    from ui.memo.pdf import render_pdf

    return render_pdf(memo)


def memo_filename(scenario: Scenario, fmt: str) -> str:
    """A safe, readable file name for a scenario's memo, e.g. ``alliance-memo-x.pdf``.

    Only lowercase ASCII letters, digits and hyphens come from the scenario's name, so
    the result is safe on every file system and in a download header.

    Raises:
        ValueError: ``fmt`` is not a known format.
    """
    if fmt not in EXTENSIONS:
        raise ValueError(f"unknown memo format {fmt!r}; choose one of {', '.join(EXTENSIONS)}")
    ascii_name = unicodedata.normalize("NFKD", scenario.name or "").encode("ascii", "ignore")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.decode("ascii").lower())
    slug = slug[:_SLUG_MAX].strip("-")
    stem = f"alliance-memo-{slug}" if slug else "alliance-memo"
    return f"{stem}.{EXTENSIONS[fmt]}"


__all__ = [
    "EXTENSIONS",
    "LENGTHS",
    "MEDIA_TYPES",
    "SECTION_TITLES",
    "Memo",
    "MemoOptions",
    "NOTES_MAX",
    "PAGE_SIZES",
    "build_memo",
    "memo_filename",
    "render_memo",
]
