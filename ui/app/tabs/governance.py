"""The "Risks & governance" tab: the risks to manage and how to run the recommended form."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from engine import Recommendation
from ui.app.presenters.governance import (
    bullets,
    closing_lists,
    decision_rights_rows,
    ip_text,
    module_rights_rows,
    module_text,
    own_workstreams,
    risk_titles,
    scope_note,
    titled_list,
)
from ui.app.user_text import as_text
from ui.app.wording import bibliography, citations


def render(rec: Recommendation) -> None:
    """Draw each risk with its mitigations, then the blueprint fitted to the deal's scope."""
    st.markdown("**Risks to manage**")
    sources = bibliography(rec)
    for risk, title in zip(rec.risks, risk_titles(rec), strict=True):
        with st.expander(title):
            st.markdown(as_text(risk.description))
            st.markdown(bullets(risk.mitigations))
            st.markdown(citations(sources, risk.sources))
    st.markdown(f"**How to run the {rec.recommendation_name.lower()}**")
    left, right = st.columns(2)
    with left:
        st.markdown(titled_list("Workstreams", own_workstreams(rec)))
        st.markdown("*Decision rights*")
        st.dataframe(pd.DataFrame(decision_rights_rows(rec)), hide_index=True, width="stretch")
        st.markdown(ip_text(rec))
    with right:
        for text in closing_lists(rec):
            st.markdown(text)
    note = scope_note(rec)
    if note:
        st.info(note)
    if rec.governance.modules:
        st.markdown("**What this deal's scope adds**")
    for module in rec.governance.modules:
        with st.expander(module.title, expanded=True):
            st.markdown(module_text(module))
            st.dataframe(pd.DataFrame(module_rights_rows(module)), hide_index=True, width="stretch")
            st.markdown(citations(sources, module.sources))
