"""First screen: what the advisor is, in one paragraph, and three ways in."""

from __future__ import annotations

import copy

import streamlit as st

from ui.app import advisor, guided, state
from ui.app.page_paths import QUESTIONNAIRE, RECOMMENDATION, TRADE_OFFS
from ui.app.user_text import as_text

INTRO = (
    "Alliance Advisor helps a healthcare or life-science leader choose how to structure a"
    " strategic alliance: a contract, a minority stake, a joint venture, a multi-party"
    " consortium or a supply-chain partnership. You answer questions about the deal — why"
    " you are partnering, what each side brings, how much must be run together — and it"
    " says which structure fits, how sure it is, what decides it and what would change it,"
    " with the published sources behind every step. Unknown answers are fine: it says which"
    " ones matter."
)
BLANK = {"schema_version": 1, "name": "My scenario"}


def _way_in(title: str, text: str) -> None:
    st.markdown(f"**{title}**")
    st.caption(text)


def render() -> None:
    """Draw the introduction and the three ways in."""
    kb = advisor.knowledge_base()
    st.title("Alliance Advisor")
    state.show_flashes()
    st.markdown(INTRO)
    mine, demo, teach = st.columns(3, gap="medium")
    with mine.container(border=True):
        _way_in(
            "Start my scenario",
            "A few questions, most decisive first, until the advice is reasonably sure.",
        )
        if st.button("Start my scenario", key="start_mine", type="primary", width="stretch"):
            state.replace(BLANK)
            guided.reset()
            st.session_state[guided.GUIDED.mode_key] = guided.GUIDED.mode
            st.session_state[guided.GUIDED.kept_key] = guided.GUIDED.mode
            st.switch_page(QUESTIONNAIRE)
    with demo.container(border=True):
        _way_in(
            "Explore the demo",
            f"A worked example: {as_text(str(kb.demo.get('name', 'the demo')))}.",
        )
        if st.button("Explore the demo", key="start_demo", width="stretch"):
            state.replace(copy.deepcopy(kb.demo))
            st.switch_page(RECOMMENDATION)
    with teach.container(border=True):
        _way_in(
            "Teach with a case",
            f"{len(kb.cases)} teaching cases, the trade-offs between the five structures and"
            " a classroom mode (the sidebar switch) that hides the numbers.",
        )
        if st.button("Teach with a case", key="start_teach", width="stretch"):
            st.switch_page(TRADE_OFFS)


render()
