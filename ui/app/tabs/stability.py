"""The "Sensitivity" and "Robustness" tabs: how much the answers could still move."""

from __future__ import annotations

import streamlit as st

from engine import Recommendation, Scenario
from ui.app import advisor, charts
from ui.numbers import percent


def sensitivity(rec: Recommendation) -> None:
    """Draw how far another answer to each factor could move each form's probability."""
    if not rec.sensitivity:
        st.info("No answer moves any form's probability.")
        return
    st.vega_lite_chart(spec=charts.sensitivity_chart(rec), width="stretch")
    st.caption(
        "Each cell is the largest change of a form's probability, in percentage points,"
        " that another answer to the factor (or an answer, where it is unknown) would cause."
    )


def robustness(scenario: Scenario, rec: Recommendation) -> None:
    """On request, fill in the unknown answers every way and draw how often each form wins."""
    if not rec.unknown_factors:
        st.markdown("Every answer is known, so there is nothing to fill in.")
        return
    st.markdown(
        f"{len(rec.unknown_factors)} answers are unknown. The advisor can fill them in every way"
        " (or a large sample of ways) and count how often each form comes first."
    )
    if not st.toggle("Check robustness", key="robustness_on"):
        return
    with st.spinner("Filling in the unknown answers…"):
        full = advisor.recommendation(scenario, robustness=True)
    if full.robustness is None:
        return
    st.vega_lite_chart(spec=charts.robustness_chart(full), width="stretch")
    robust = full.robustness
    if robust.exhaustive:
        st.caption(f"Every one of {robust.completions:,} completions, counted exactly.")
    else:
        st.caption(
            f"A reproducible sample of {robust.completions:,} completions; each share is"
            f" within ±{robust.error_bound:.1%} of the exact one"
            f" ({percent(robust.error_level)} level)."
        )
