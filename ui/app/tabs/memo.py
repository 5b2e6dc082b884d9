"""The "Memo" tab: the advice, the recommendation and the scenario as downloads."""

from __future__ import annotations

import streamlit as st

from engine import KnowledgeBase, Recommendation, Scenario
from ui.app import downloads


def render(kb: KnowledgeBase, scenario: Scenario, rec: Recommendation) -> None:
    """Draw the download buttons (memo documents only when their renderer is installed)."""
    st.markdown("Take the advice with you.")
    if not downloads.memo_buttons(rec, scenario, kb, key_prefix="memo"):
        st.info(
            "Memo documents (Markdown, Word, PDF) appear here once the memo renderer is installed."
        )
    downloads.recommendation_button(rec, scenario, key="download_recommendation")
    downloads.scenario_buttons(scenario, key_prefix="download_scenario")
