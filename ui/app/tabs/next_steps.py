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
from ui.app.user_text import as_text
from ui.app.widgets import answer_widget

WHATIF_FACTOR_KEY = "whatif_factor"
PENDING_KEY = "_whatif_pending"
"""Changes the user has added to the what-if, by factor, besides the one being edited."""
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
    # A static table: long answers (partner types, scope) wrap instead of being cut, so
    # two changes of one question can be told apart.
    st.table(pd.DataFrame(rows), hide_index=True)


def _apply_what_if(doc: dict[str, Any], labels: list[str]) -> None:
    state.replace(doc)
    st.session_state.pop(PENDING_KEY, None)
    state.flash("success", "The scenario now uses the changed answers: " + "; ".join(labels) + ".")


def _keep_change(factor: str, value: Any) -> None:
    st.session_state.setdefault(PENDING_KEY, {})[factor] = value


def _clear_changes() -> None:
    st.session_state.pop(PENDING_KEY, None)


def _pending(questions: Mapping[str, Question], current: Mapping[str, Any]) -> dict[str, Any]:
    """The kept changes that still differ from the scenario, listed with a way to clear them."""
    kept = {
        factor: value
        for factor, value in st.session_state.get(PENDING_KEY, {}).items()
        if value != current.get(factor)
    }
    if kept:
        lines = "\n".join(
            f"- {as_text(questions[f].label)}: {as_text(questions[f].describe(v))}"
            for f, v in kept.items()
        )
        st.markdown(f"**Also changed**\n{lines}")
        st.button("Clear these changes", key="whatif_clear", on_click=_clear_changes)
    return kept


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
    kept = _pending(questions, values)
    changes = {**kept, factor: value}
    changed = scenario.with_factors(**changes)
    after = advisor.recommendation(changed)
    _verdict(rec, scenario, changed, after)
    _before_and_after(rec, after)
    keep, apply = st.columns(2)
    keep.button(
        "Keep this change and add another",
        key="whatif_keep",
        icon=":material/add:",
        disabled=value == values.get(factor),
        on_click=_keep_change,
        args=(factor, value),
    )
    labels = [questions[f].label for f, v in changes.items() if v != values.get(f)]
    apply.button(
        "Use these answers in the scenario"
        if len(labels) > 1
        else "Use this answer in the scenario",
        key="whatif_apply",
        icon=":material/check_circle:",
        disabled=changed == scenario,
        on_click=_apply_what_if,
        args=(changed.to_document(), labels),
    )
