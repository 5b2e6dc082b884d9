"""Recommendation page: the plain-language headline, then one tab per way of looking at the advice.

Scores, ranges and the confidence's arithmetic sit in a details box under the headline.
The tabs are drawn by ``ui.app.tabs``; what they show is worked out in ``ui.app.presenters``.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from engine import KnowledgeBase, Recommendation
from ui.app import advisor, charts, classroom, state
from ui.app.presenters.headline import headline, plain_sureness
from ui.app.presenters.ranking import exclusion_lines, ranking_rows
from ui.app.questions import Question, build_questions
from ui.app.tabs import derivation, drivers, governance, memo, next_steps, reasons, stability
from ui.app.user_text import as_text
from ui.numbers import percent

TABS = [
    "Drivers",
    "Why not the others",
    "Audit record",
    "What next",
    "What if",
    "Sensitivity",
    "Robustness",
    "Risks & governance",
    "Memo",
]
TAB_KEY = "recommendation_tab"
RANGE_CAPTION = " The thin line shows the range the unknown answers still allow."


def _headline(kb: KnowledgeBase, rec: Recommendation, questions: dict[str, Question]) -> None:
    words = headline(kb, rec, questions)
    form = kb.forms[rec.recommendation]
    st.caption("Recommended structure")
    st.markdown(f"## {as_text(words.structure)}")
    st.markdown(as_text(form.summary))
    st.markdown(f"**How sure:** {as_text(words.sureness)}")
    if words.drivers:
        st.markdown(
            "**What decides it:**\n" + "\n".join(f"- {as_text(text)}" for text in words.drivers)
        )
    st.markdown(f"**What would change it:** {as_text(words.change)}")


def _details(rec: Recommendation) -> None:
    with st.expander("Details: probabilities, ranges and confidence", icon=":material/tune:"):
        confidence, coverage = st.columns(2)
        confidence.metric(
            "Confidence",
            rec.confidence_label.capitalize(),
            percent(rec.confidence),
            delta_color="off",
            delta_arrow="off",
            help="The estimated chance that the recommended structure is the one an"
            " experienced alliance executive would choose: its probability given the answers,"
            " times the share of ways the unknown answers could fall in which it stays first,"
            " calibrated on documented alliances. The notes below say what it rests on.",
        )
        coverage.metric(
            "Answered",
            percent(rec.coverage),
            f"{len(rec.unknown_factors)} unknown",
            delta_color="off",
            delta_arrow="off",
            help="Share of the questionnaire answered, each question weighted by how many"
            " rules read it.",
        )
        for note in rec.confidence_notes:
            st.markdown(f"- {as_text(note)}")
        _ranking(rec)


def _ranking(rec: Recommendation) -> None:
    st.markdown("**Ranking of the five structures**")
    has_unknowns = bool(rec.unknown_factors)
    st.vega_lite_chart(spec=charts.ranking_chart(rec, ranges=has_unknowns), width="stretch")
    st.caption(
        "Bars are each form's probability of being the right structure (the five add up to"
        " 100%)." + (RANGE_CAPTION if has_unknowns else "")
    )
    rows = pd.DataFrame(ranking_rows(rec))
    if not has_unknowns:
        rows = rows.drop(columns=["Possible"])
    st.dataframe(rows, hide_index=True, width="stretch")
    for line in exclusion_lines(rec):
        st.error(line, icon=":material/block:")


def _classroom(kb: KnowledgeBase, rec: Recommendation, questions: dict[str, Question]) -> None:
    """Classroom mode: predict, reveal, then the answer in words (no numbers, no rule ids)."""
    if not classroom.predict(kb):
        return
    words = headline(kb, rec, questions)
    st.caption("The advisor recommends")
    st.markdown(f"## {as_text(words.structure)}")
    st.markdown(classroom.verdict(kb, rec))
    st.markdown(as_text(kb.forms[rec.recommendation].summary))
    st.markdown(f"**How sure:** {as_text(plain_sureness(rec))}")
    if words.drivers:
        st.markdown("**Why:**\n" + "\n".join(f"- {as_text(text)}" for text in words.drivers))
    st.markdown(f"**What would change it:** {as_text(words.change)}")
    st.caption("Switch classroom mode off in the sidebar for the numbers and the full reasoning.")


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
    st.caption(as_text(scenario.name, "Untitled scenario"))
    if classroom.on():
        _classroom(kb, rec, questions)
        return
    _headline(kb, rec, questions)
    _details(rec)
    # keyed, so a change made in a tab (say, using a what-if answer) leaves the user there
    tabs = st.tabs(TABS, key=TAB_KEY, on_change="rerun")
    with tabs[0]:
        drivers.render(kb, rec)
    with tabs[1]:
        reasons.why_not(kb, rec)
    with tabs[2]:
        st.caption(
            "The complete record of the reasoning, for audit: every rule that fired and the"
            " path from answers to forms. The reasons themselves are in Drivers."
        )
        reasons.record(rec, questions, scenario.factor_values())
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
