"""The "Drivers" tab: what pushed each of the four questions, and what separates two forms."""

from __future__ import annotations

import streamlit as st

from engine import KnowledgeBase, Recommendation, contrast_drivers, pair_contrast
from ui.app.driver_charts import contribution_chart
from ui.app.presenters.drivers import (
    for_against,
    pair_lines,
    pair_rows,
    stage_heading,
    stage_lines,
    stage_rows,
)
from ui.app.presenters.ranking import form_names
from ui.app.user_text import as_text

PAIR_FIRST_KEY = "pair_first"
PAIR_SECOND_KEY = "pair_second"
PUSH_AXIS = "Push toward yes (log-odds)"


def stages(kb: KnowledgeBase, rec: Recommendation) -> None:
    """One box per contrast: its contribution chart, then each consideration and its rules."""
    names = form_names(rec)
    st.markdown(
        "The advisor answers four questions in order. Each bar is one consideration's push"
        " on that question's answer: to the right toward *yes*, to the left toward *no*."
        " Every rule that fired is named once, under the consideration it weighs, with its"
        " share of the push."
    )
    fired = [rule.id for rule in rec.fired_rules]
    for number, view in enumerate(contrast_drivers(kb, fired), start=1):
        with st.container(border=True):
            st.markdown(stage_heading(view, rec, number))
            rows = stage_rows(view, names)
            if rows:
                yes_name = names[view.yes_form]
                sides = (for_against(yes_name, 1.0), for_against(yes_name, -1.0))
                st.vega_lite_chart(
                    spec=contribution_chart(rows, sides, PUSH_AXIS),
                    width="stretch",
                    key=f"drivers_chart_{view.contrast}",
                )
            st.markdown("\n".join(stage_lines(view, names)))


def pair(kb: KnowledgeBase, rec: Recommendation) -> None:
    """Two forms chosen by the user, and the pushes that separate them here."""
    names = form_names(rec)
    forms = [item.form for item in rec.ranking]
    st.markdown("**Contrast two forms: what separates them here**")
    left, right = st.columns(2)
    first: str = left.selectbox(
        "Form", forms, index=0, format_func=names.__getitem__, key=PAIR_FIRST_KEY
    )
    second: str = right.selectbox(
        "against", forms, index=1, format_func=names.__getitem__, key=PAIR_SECOND_KEY
    )
    if first == second:
        st.info("Pick two different forms.")
        return
    fired = [rule.id for rule in rec.fired_rules]
    result = pair_contrast(kb, fired, first, second)
    questions = ", ".join(
        next(c.title for c in kb.considerations.contrasts if c.id == contrast)
        for contrast in result.contrasts
    )
    st.caption(f"They part ways on: {as_text(questions)}.")
    rows = pair_rows(result, names)
    if rows:
        sides = (f"favours {names[first]}", f"favours {names[second]}")
        st.vega_lite_chart(
            spec=contribution_chart(rows, sides, f"Push toward {names[first]}"),
            width="stretch",
            key="drivers_pair_chart",
        )
    st.markdown("\n".join(pair_lines(result, names)))


def render(kb: KnowledgeBase, rec: Recommendation) -> None:
    """Draw the stage charts and the pair contrast."""
    stages(kb, rec)
    pair(kb, rec)
