"""The "Derivation" tab: the reasoning graph from answers through rules to forms."""

from __future__ import annotations

import streamlit as st

from engine import Recommendation
from ui.app import graph
from ui.app.presenters.ranking import form_names

FOCUS_KEY = "graph_focus"
FIRST, EVERY = "(first)", "(every)"


def render(rec: Recommendation) -> None:
    """Draw the graph, focused on the paths to the form the user picks."""
    labels = {
        FIRST: f"the recommended form ({rec.recommendation_name})",
        EVERY: "every form",
        **form_names(rec),
    }
    left, right = st.columns([2, 3], vertical_alignment="bottom")
    focus: str = left.selectbox(
        "Show the paths leading to", list(labels), format_func=lambda k: labels[k], key=FOCUS_KEY
    )
    right.markdown(
        ":blue-background[Answer] → :orange-background[Rule] → :green-background[Conclusion]"
        " → :violet-background[Form]"
    )
    if not rec.trace.get("nodes"):
        st.info("No rule fired, so there is nothing to draw yet.")
        return
    only = {FIRST: rec.recommendation, EVERY: None}.get(focus, focus)
    dot = graph.to_dot(rec.trace, recommended=rec.recommendation, only_form=only)
    st.graphviz_chart(dot, width="stretch")
    st.caption(
        "Answers (blue) feed rules (yellow), which reach conclusions (green) and pull forms"
        " (purple) up (+, ++) or down (−, −−, dashed)."
    )
    st.download_button(
        "Graph (DOT)",
        dot,
        file_name="derivation.dot",
        mime="text/vnd.graphviz",
        key="graph_download",
        on_click="ignore",
        icon=":material/download:",
    )
