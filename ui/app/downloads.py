"""Download buttons: scenario files, the engine's JSON, and memos once the renderer exists.

The memo renderer (``ui.memo``) is imported lazily so the app works without it; its
buttons appear only when the import succeeds. Files are produced when clicked.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import streamlit as st

from engine import KnowledgeBase, Recommendation, Scenario, dump_scenario

MEMO_FORMATS: tuple[tuple[str, str, str, str], ...] = (
    ("markdown", "Memo (Markdown)", "text/markdown", ":material/article:"),
    (
        "docx",
        "Memo (Word)",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ":material/description:",
    ),
    ("pdf", "Memo (PDF)", "application/pdf", ":material/picture_as_pdf:"),
)


def slug(text: str | None, fallback: str = "scenario") -> str:
    """A file-name-safe version of a title (lower case, hyphens)."""
    cleaned = re.sub(r"[^a-z0-9]+", "-", (text or "").lower()).strip("-")
    return cleaned[:60].rstrip("-") or fallback


def memo_renderer() -> tuple[Callable[..., bytes], Callable[..., str]] | None:
    """``(render_memo, memo_filename)`` from ``ui.memo``, or ``None`` while it is missing."""
    try:
        from ui.memo import memo_filename, render_memo
    except ImportError:
        return None
    return render_memo, memo_filename


def memo_buttons(
    rec: Recommendation,
    scenario: Scenario,
    kb: KnowledgeBase,
    *,
    key_prefix: str = "memo",
    options: Any = None,
) -> bool:
    """Draw one download button per memo format.

    Args:
        rec: the recommendation the memo presents.
        scenario: the scenario it answers.
        kb: the knowledge base the recommendation was made with.
        key_prefix: prefix of the buttons' widget keys.
        options: the memo's ``ui.memo.MemoOptions`` (length, page size, notes, time);
            every format is rendered with the same ones.

    Returns:
        Whether the memo renderer is available (no buttons are drawn without it).
    """
    renderer = memo_renderer()
    if renderer is None:
        return False
    render_memo, memo_filename = renderer
    columns = st.columns(len(MEMO_FORMATS))
    for column, (fmt, label, mime, icon) in zip(columns, MEMO_FORMATS, strict=True):

        def produce(fmt: str = fmt) -> bytes:
            return render_memo(rec, scenario, fmt, kb=kb, options=options)

        column.download_button(
            label,
            data=produce,
            file_name=memo_filename(scenario, fmt),
            mime=mime,
            icon=icon,
            key=f"{key_prefix}_{fmt}",
            on_click="ignore",
            width="stretch",
        )
    return True


def scenario_buttons(scenario: Scenario, *, key_prefix: str) -> None:
    """Download buttons for a scenario as YAML and as JSON."""
    name = slug(scenario.name)
    left, right = st.columns(2)
    left.download_button(
        "Scenario (YAML)",
        data=dump_scenario(scenario),
        file_name=f"{name}.yaml",
        mime="application/yaml",
        icon=":material/download:",
        key=f"{key_prefix}_yaml",
        on_click="ignore",
        width="stretch",
    )
    right.download_button(
        "Scenario (JSON)",
        data=dump_scenario(scenario, json_format=True),
        file_name=f"{name}.json",
        mime="application/json",
        icon=":material/download:",
        key=f"{key_prefix}_json",
        on_click="ignore",
        width="stretch",
    )


def recommendation_button(rec: Recommendation, scenario: Scenario, *, key: str) -> None:
    """A download button for the engine's full JSON answer."""
    produce: Callable[[], Any] = rec.to_json
    st.download_button(
        "Recommendation (JSON)",
        data=produce,
        file_name=f"{slug(scenario.name)}-recommendation.json",
        mime="application/json",
        icon=":material/data_object:",
        key=key,
        on_click="ignore",
        width="stretch",
    )


__all__ = [
    "MEMO_FORMATS",
    "memo_buttons",
    "memo_renderer",
    "recommendation_button",
    "scenario_buttons",
    "slug",
]
