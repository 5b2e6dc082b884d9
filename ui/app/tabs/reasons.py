"""The "Why not the others" tab and the audit record's list of every fired rule."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import streamlit as st

from engine import KnowledgeBase, Recommendation, contrast_drivers, pair_contrast
from ui.app.presenters.drivers import named_rules
from ui.app.presenters.reasons import (
    derived_fact_lines,
    fired_rule_text,
    rules_by_theme,
    why_not_sections,
)
from ui.app.questions import Question
from ui.app.wording import bibliography, citations

RECORD_TITLE = "Full record: every conclusion and every rule that fired"


def record(
    rec: Recommendation,
    questions: Mapping[str, Question],
    values: Mapping[str, Any],
) -> None:
    """The audit trail, collapsed: conclusions reached and every fired rule, by theme.

    Not a list of reasons (the Drivers tab weighs each rule once, where it pushes); this
    is the complete record of what fired and what it read, with its sources.
    """
    sources = bibliography(rec)
    with st.expander(
        f"{RECORD_TITLE} ({len(rec.fired_rules)} rules)", icon=":material/history_edu:"
    ):
        facts = derived_fact_lines(rec)
        if facts:
            st.markdown("**Conclusions reached on the way**")
            for line in facts:
                st.markdown(line)
        for theme, rules in rules_by_theme(rec).items():
            st.markdown(f"**{theme}** ({len(rules)})")
            for rule in rules:
                st.markdown(fired_rule_text(rec, rule, questions, values))
                st.markdown(citations(sources, rule.sources))


def why_not(kb: KnowledgeBase, rec: Recommendation) -> None:
    """Draw one section per form that is not first, with what separates it from the first."""
    fired = [rule.id for rule in rec.fired_rules]
    separations = {
        item.form: pair_contrast(kb, fired, rec.recommendation, item.form) for item in rec.why_not
    }
    shown = named_rules(contrast_drivers(kb, fired))
    for section in why_not_sections(rec, separations, shown):
        with st.expander(section.title):
            for line in section.lines:
                st.markdown(line)
