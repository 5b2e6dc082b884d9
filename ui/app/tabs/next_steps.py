"""The "What next" and "What if" tabs: what would change the recommendation."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd
import streamlit as st

from engine import Recommendation, Scenario
from ui.app import advisor, charts, state
from ui.app.presenters.next_steps import (
    next_question_lines,
    what_if_rows,
    what_if_start,
    what_if_verdict,
)
from ui.app.presenters.ranking import ranking_rows
from ui.app.questions import Question
from ui.app.widgets import answer_widget

WHATIF_FACTOR_KEY = "whatif_factor"
_PLACES = ["Place", "Form", "Probability"]


def what_next(rec: Recommendation, questions: Mapping[str, Question]) -> None:
    """Draw the questions worth answering next and the single changes that flip first place."""
    st.markdown("**Questions worth answering next**")
    for line in next_question_lines(rec, questions):
        st.markdown(line)
    st.markdown("**Single changes that would change the recommendation**")
    rows = what_if_rows(advisor.knowledge_base(), rec, questions)
    if not rows:
        st.markdown("No single change of a known answer would change the first place.")
        return
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


def _apply_what_if(doc: dict[str, Any], label: str) -> None:
    state.replace(doc)
    state.flash("success", f"The scenario now uses the changed answer to “{label}”.")


def _verdict(
    rec: Recommendation, scenario: Scenario, changed: Scenario, after: Recommendation
) -> None:
    kind, text = what_if_verdict(rec, scenario, changed, after)
    if kind == "info":
        st.info(text)
    elif kind == "warning":
        st.warning(text, icon=":material/swap_vert:")
    else:
        st.success(text, icon=":material/check:")


def _before_and_after(rec: Recommendation, after: Recommendation) -> None:
    before_col, after_col = st.columns(2)
    before_col.markdown("**Now**")
    before_col.dataframe(pd.DataFrame(ranking_rows(rec))[_PLACES], hide_index=True, width="stretch")
    after_col.markdown("**With the change**")
    after_col.dataframe(
        pd.DataFrame(ranking_rows(after))[_PLACES], hide_index=True, width="stretch"
    )
    order = [item.name for item in rec.ranking]
    st.vega_lite_chart(
        spec=charts.comparison_chart({"Now": rec, "With the change": after}, order), width="stretch"
    )


def what_if(scenario: Scenario, rec: Recommendation, questions: Mapping[str, Question]) -> None:
    """Draw one changed answer's effect on the ranking, with a button to keep the change."""
    values = scenario.factors.model_dump()
    left, right = st.columns(2)
    factors: list[str] = list(questions)
    factor: str = left.selectbox(
        "Change the answer to",
        factors,
        index=what_if_start(advisor.knowledge_base(), rec, factors),
        format_func=lambda f: questions[f].label,
        key=WHATIF_FACTOR_KEY,
    )
    question = questions[factor]
    with right:
        value = answer_widget(
            question,
            key=f"whatif_value_{factor}",
            value=values.get(factor),
            label=f"{question.label}: new answer",
            show_help=False,
        )
    changed = scenario.with_factors(**{factor: value})
    after = advisor.recommendation(changed)
    _verdict(rec, scenario, changed, after)
    _before_and_after(rec, after)
    st.button(
        "Use this answer in the scenario",
        key="whatif_apply",
        icon=":material/check_circle:",
        disabled=changed == scenario,
        on_click=_apply_what_if,
        args=(changed.to_document(), question.label),
    )
