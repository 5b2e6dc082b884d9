"""Recommendation page: the headline and ranking, then one tab per way of looking at the advice.

The tabs are drawn by ``ui.app.tabs``; what they show is worked out in ``ui.app.presenters``.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from engine import KnowledgeBase, Recommendation
from ui.app import advisor, charts, state
from ui.app.presenters.ranking import exclusion_lines, ranking_rows
from ui.app.questions import build_questions
from ui.app.tabs import derivation, governance, memo, next_steps, reasons, stability
from ui.app.wording import markdown_escape

TABS = [
    "Why",
    "Why not the others",
    "Derivation",
    "What next",
    "What if",
    "Sensitivity",
    "Robustness",
    "Risks & governance",
    "Memo",
]


def _headline(kb: KnowledgeBase, rec: Recommendation) -> None:
    form = kb.forms[rec.recommendation]
    main, confidence, coverage = st.columns([3, 1, 1])
    with main:
        st.caption("Recommended structure")
        st.markdown(f"## {rec.recommendation_name}")
        st.markdown(form.summary)
    confidence.metric(
        "Confidence",
        rec.confidence_label.capitalize(),
        f"{rec.confidence:.0%}",
        delta_color="off",
        delta_arrow="off",
        help="The estimated chance that the recommended structure is the one an experienced"
        " alliance executive would choose: its probability given the answers, times the share"
        " of ways the unknown answers could fall in which it stays first, calibrated on"
        " documented alliances. The notes below say what it rests on.",
    )
    coverage.metric(
        "Answered",
        f"{rec.coverage:.0%}",
        f"{len(rec.unknown_factors)} unknown",
        delta_color="off",
        delta_arrow="off",
        help="Share of the questionnaire answered, each question weighted by how many"
        " rules read it.",
    )
    for note in rec.confidence_notes:
        st.markdown(f"- {markdown_escape(note)}")


def _ranking(rec: Recommendation) -> None:
    st.subheader("Ranking of the five structures", divider="gray")
    chart, table = st.columns([1, 1], gap="large")
    chart.vega_lite_chart(spec=charts.ranking_chart(rec), width="stretch")
    chart.caption(
        "Bars are each form's probability of being the right structure (the five add up to"
        " 100%); the thin line shows the range the unknown answers still allow."
    )
    table.dataframe(pd.DataFrame(ranking_rows(rec)), hide_index=True, width="stretch")
    for line in exclusion_lines(rec):
        table.error(line, icon=":material/block:")


def render() -> None:
    """Draw the recommendation for the current scenario."""
    kb = advisor.knowledge_base()
    scenario = state.scenario()
    rec = advisor.recommendation(scenario)
    questions = {q.factor: q for q in build_questions(kb)}
    st.title("Recommendation")
    state.show_flashes()
    if state.problems() is not None:
        st.warning("The questionnaire has problems; this is the advice for its last valid version.")
    st.caption(scenario.name or "Untitled scenario")
    _headline(kb, rec)
    _ranking(rec)
    tabs = st.tabs(TABS)
    with tabs[0]:
        reasons.why(rec, questions, scenario.factor_values())
    with tabs[1]:
        reasons.why_not(rec)
    with tabs[2]:
        derivation.render(rec)
    with tabs[3]:
        next_steps.what_next(rec, questions)
    with tabs[4]:
        next_steps.what_if(scenario, rec, questions)
    with tabs[5]:
        stability.sensitivity(rec)
    with tabs[6]:
        stability.robustness(scenario, rec)
    with tabs[7]:
        governance.render(rec)
    with tabs[8]:
        memo.render(kb, scenario, rec)


render()
