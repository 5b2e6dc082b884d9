"""The "Rules & conclusions" and "Why not the others" tabs."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import streamlit as st

from engine import KnowledgeBase, Recommendation, pair_contrast
from ui.app.presenters.reasons import (
    derived_fact_lines,
    fired_rule_text,
    rules_by_theme,
    why_not_sections,
)
from ui.app.questions import Question
from ui.app.wording import bibliography, citations


def why(
    rec: Recommendation,
    questions: Mapping[str, Question],
    values: Mapping[str, Any],
) -> None:
    """Draw the conclusions reached on the way and every fired rule, by theme, for reference.

    How the rules weigh on the decision is the Drivers tab's job; here each rule is
    described with what it read.
    """
    facts = derived_fact_lines(rec)
    if facts:
        st.markdown("**Conclusions reached on the way**")
        for line in facts:
            st.markdown(line)
    sources = bibliography(rec)
    st.markdown(f"**All {len(rec.fired_rules)} rules that fired, by theme**")
    for theme, rules in rules_by_theme(rec).items():
        with st.expander(f"{theme} ({len(rules)})"):
            for rule in rules:
                st.markdown(fired_rule_text(rec, rule, questions, values))
                st.markdown(citations(sources, rule.sources))


def why_not(kb: KnowledgeBase, rec: Recommendation) -> None:
    """Draw one section per form that is not first, with what separates it from the first."""
    fired = [rule.id for rule in rec.fired_rules]
    separations = {
        item.form: pair_contrast(kb, fired, rec.recommendation, item.form) for item in rec.why_not
    }
    for section in why_not_sections(rec, separations):
        with st.expander(section.title):
            for line in section.lines:
                st.markdown(line)
