"""The teaching parts of the trade-offs page: tipping points, the cases, the classroom mode.

Tipping points: one-click toggles for the answers that move first place between two
chosen forms, with the ranking before and after (several toggles combine). Cases: in
classroom mode the class records a prediction before the expert's and the advisor's
answers are revealed, and no numbers are shown. A case exports as a one-page handout.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from engine import KnowledgeBase, Recommendation, Scenario
from ui.app import advisor, state
from ui.app.handout import handout_html
from ui.app.presenters.ranking import ranking_rows
from ui.app.presenters.teaching import case_answers, pair_standing, tipping_points, with_toggles
from ui.app.questions import build_questions
from ui.app.user_text import as_text
from ui.app.wording import citations

CASE_KEY = "case_choice"
PREDICTION_KEY = "case_prediction"
REVEALED_KEY = "_cases_revealed"
TOGGLE_PREFIX = "tip_"
_PLACES = ["Place", "Form", "Probability"]


def tipping_points_view(
    kb: KnowledgeBase,
    scenario: Scenario,
    rec: Recommendation,
    pair: tuple[str, str],
    *,
    numbers: bool,
) -> None:
    """The answers that tip first place between the two forms, as toggles, before and after."""
    names: dict[str, str] = {form.id: form.name for form in kb.forms.values()}
    questions = {q.factor: q for q in build_questions(kb)}
    st.subheader(f"Tipping points: {names[pair[0]]} or {names[pair[1]]}", divider="gray")
    toggles = tipping_points(kb, rec, questions, pair)
    if not toggles:
        st.markdown(
            f"No single answer moves first place to or from {names[pair[0]]} or"
            f" {names[pair[1]]} in the current scenario."
        )
        return
    st.caption("Switch answers on to see the advice change; several combine.")
    chosen = [
        toggle
        for toggle in toggles
        if st.toggle(
            f"{toggle.text}" + (f" (alone: {toggle.leads_to} first)" if numbers else ""),
            key=f"{TOGGLE_PREFIX}{toggle.factor}",
        )
    ]
    after = advisor.recommendation(with_toggles(scenario, chosen))
    before_col, after_col = st.columns(2)
    before_col.markdown(f"**Now:** {as_text(pair_standing(rec, pair, numbers=numbers))}")
    after_col.markdown(
        f"**With the changes:** {as_text(pair_standing(after, pair, numbers=numbers))}"
    )
    if numbers:
        before_col.dataframe(
            pd.DataFrame(ranking_rows(rec))[_PLACES], hide_index=True, width="stretch"
        )
        after_col.dataframe(
            pd.DataFrame(ranking_rows(after))[_PLACES], hide_index=True, width="stretch"
        )
    elif after.recommendation != rec.recommendation:
        st.markdown(
            f"The advice turns from {rec.recommendation_name} to {after.recommendation_name}."
        )


def _load_case(case_id: str) -> None:
    kb = advisor.knowledge_base()
    case = kb.cases[case_id]
    state.replace(case.scenario)
    state.flash("success", f"Teaching case “{case.title}” is now the current scenario.")


def _reveal(case_id: str) -> None:
    st.session_state.setdefault(REVEALED_KEY, set()).add(case_id)


def _answers(kb: KnowledgeBase, case_id: str, advised: str | None, *, numbers: bool) -> None:
    names: dict[str, str] = {form.id: form.name for form in kb.forms.values()}
    case = kb.cases[case_id]
    if numbers:
        expected, advised_col = st.columns(2)
        expected.metric("An expert would choose", names[case.expected])
        advised_col.metric(
            "The advisor recommends",
            names.get(advised, "—") if advised else "—",
            "agrees" if advised == case.expected else "differs",
            delta_color="normal" if advised == case.expected else "inverse",
        )
    else:
        st.markdown(
            f"An experienced executive would choose **{names[case.expected]}**; the advisor"
            f" puts **{names.get(advised, '—') if advised else '—'}** first."
        )
    st.markdown("**Teaching note**")
    st.markdown(as_text(case.teaching_note))


def _predict(kb: KnowledgeBase, case_id: str) -> bool:
    """Ask the class for a prediction; whether the answers may be shown."""
    if case_id in st.session_state.get(REVEALED_KEY, set()):
        prediction = st.session_state.get(f"{PREDICTION_KEY}_{case_id}")
        if prediction:
            st.markdown(f"The class predicted **{kb.forms[prediction].name}**.")
        return True
    names: dict[str, str] = {form.id: form.name for form in kb.forms.values()}
    st.radio(
        "Which structure does the class predict?",
        list(names),
        format_func=names.__getitem__,
        index=None,
        key=f"{PREDICTION_KEY}_{case_id}",
    )
    st.button(
        "Reveal",
        key="case_reveal",
        icon=":material/visibility:",
        disabled=st.session_state.get(f"{PREDICTION_KEY}_{case_id}") is None,
        on_click=_reveal,
        args=(case_id,),
    )
    return False


def cases_view(kb: KnowledgeBase, *, classroom: bool) -> None:
    """The teaching cases: choose one, predict (in classroom mode), reveal, load, hand out."""
    st.subheader("Teaching cases", divider="gray")
    if not kb.cases:
        st.info("The knowledge base holds no teaching cases yet; they will appear here when added.")
        return
    results = advisor.case_results()
    case_id = st.selectbox(
        "Case", list(kb.cases), format_func=lambda c: kb.cases[c].title, key=CASE_KEY
    )
    case = kb.cases[case_id]
    basis = "a documented alliance" if case.basis == "public" else "a labelled composite"
    st.markdown(f"#### {as_text(case.title)}")
    st.caption(f"Based on {basis}.")
    description = str(case.scenario.get("description") or "")
    if description:
        st.markdown(as_text(description))
    advised = results.get(case_id, (None, ()))[0]
    if not classroom or _predict(kb, case_id):
        _answers(kb, case_id, advised, numbers=not classroom)
        with st.expander("Sources", icon=":material/menu_book:"):
            st.markdown(citations(kb.sources, case.sources))
    load, handout = st.columns(2)
    load.button(
        "Load this case as the current scenario",
        key="case_load",
        icon=":material/upload_file:",
        on_click=_load_case,
        args=(case_id,),
    )
    handout.download_button(
        "Download a one-page handout",
        data=handout_html(kb, case_id, case_answers(build_questions(kb), case.scenario), advised),
        file_name=f"{case_id}-handout.html",
        mime="text/html",
        key="case_handout",
        icon=":material/print:",
    )


__all__ = ["cases_view", "tipping_points_view"]
