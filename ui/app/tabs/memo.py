"""The "Memo" tab: the export dialog (length, page size, analyst notes) and the downloads."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from typing import Any

import streamlit as st

from engine import KnowledgeBase, Recommendation, Scenario
from ui.app import downloads

LENGTH_LABELS = {
    "brief": "Brief: the 1-2 page front, governance and sources",
    "full": "Full: the front and every piece of evidence",
}


def memo_time(scenario: Scenario, rec: Recommendation) -> datetime:
    """One generation time per memo: fixed the first time this scenario's memo is offered.

    Every format and every later download of the same scenario and recommendation carry
    the same time, so the Markdown, Word and PDF files of one memo agree.
    """
    digest = hashlib.sha256(
        (scenario.model_dump_json() + rec.knowledge_base_version).encode("utf-8")
    ).hexdigest()[:16]
    times: dict[str, datetime] = st.session_state.setdefault("memo_times", {})
    return times.setdefault(digest, datetime.now(UTC).replace(microsecond=0))


def _options(scenario: Scenario, rec: Recommendation) -> Any:
    from ui.memo import NOTES_MAX, PAGE_SIZES, MemoOptions  # drawn only with the renderer

    left, right = st.columns(2)
    length = left.radio(
        "Length",
        list(LENGTH_LABELS),
        index=1,  # full, as on the command line
        format_func=LENGTH_LABELS.__getitem__,
        key="memo_length",
    )
    page_size = right.radio("Page size (PDF and Word)", PAGE_SIZES, key="memo_page_size")
    notes = st.text_area(
        "Analyst notes (carried into the memo)",
        key="memo_notes",
        max_chars=NOTES_MAX,
        placeholder="Context the board should read with the recommendation.",
    )
    return MemoOptions(
        length=str(length),
        page_size=str(page_size),
        notes=notes or None,
        generated_at=memo_time(scenario, rec),
    )


def render(kb: KnowledgeBase, scenario: Scenario, rec: Recommendation) -> None:
    """Draw the export dialog and the download buttons (memos only with their renderer)."""
    st.markdown("Take the advice with you.")
    options = _options(scenario, rec) if downloads.memo_renderer() is not None else None
    if not downloads.memo_buttons(rec, scenario, kb, key_prefix="memo", options=options):
        st.info(
            "Memo documents (Markdown, Word, PDF) appear here once the memo renderer is installed."
        )
    downloads.recommendation_button(rec, scenario, key="download_recommendation")
    downloads.scenario_buttons(scenario, key_prefix="download_scenario")
