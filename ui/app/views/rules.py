"""Rule explorer page: browse and search every rule of the knowledge base."""

from __future__ import annotations

from typing import Any

import streamlit as st

from engine import KnowledgeBase
from ui.app import advisor, state
from ui.app.questions import Question, build_questions
from ui.app.wording import citations, condition_lines, effect_lines, markdown_escape

SEARCH_KEY = "rules_search"


def _haystack(kb: KnowledgeBase, rule: Any, questions: dict[str, Question]) -> str:
    parts = [rule.id, rule.title, rule.because, kb.rule_themes[rule.id]]
    parts += [questions[f].label for f in kb.factors_read_by(rule) if f in questions]
    parts += [kb.forms[e.form].name for e in rule.evidence]
    parts += [kb.forms[f].name for f in rule.exclude]
    return " ".join(parts).lower()


def render() -> None:
    """Draw the rule explorer."""
    kb = advisor.knowledge_base()
    questions = {q.factor: q for q in build_questions(kb)}
    rec = advisor.recommendation(state.scenario())
    fired = {rule.id for rule in rec.fired_rules}
    st.title("Rule explorer")
    state.show_flashes()
    st.markdown(
        f"The knowledge base holds {len(kb.rules)} rules. Each says when it applies, what it"
        " does to the five forms and why, with its sources."
    )
    search_col, theme_col = st.columns([2, 2])
    query = search_col.text_input(
        "Search", key=SEARCH_KEY, placeholder="words, a rule id, a factor or a form"
    )
    themes = theme_col.multiselect(
        "Themes", sorted(set(kb.rule_themes.values())), key="rules_themes"
    )
    factor_col, form_col, fired_col = st.columns([2, 2, 1], vertical_alignment="bottom")
    factor = factor_col.selectbox(
        "Reads the factor",
        ["", *questions],
        format_func=lambda f: questions[f].label if f else "any factor",
        key="rules_factor",
    )
    form = form_col.selectbox(
        "Acts on the form",
        ["", *kb.forms],
        format_func=lambda f: kb.forms[f].name if f else "any form",
        key="rules_form",
    )
    only_fired = fired_col.checkbox(
        "Fires now",
        key="rules_fired_only",
        help="Only the rules that fire for the current scenario.",
    )

    words = query.lower().split()
    shown = []
    for rule in kb.rules:
        if themes and kb.rule_themes[rule.id] not in themes:
            continue
        if factor and factor not in kb.factors_read_by(rule):
            continue
        if form and form not in {e.form for e in rule.evidence} | set(rule.exclude):
            continue
        if only_fired and rule.id not in fired:
            continue
        if words:
            haystack = _haystack(kb, rule, questions)
            if not all(word in haystack for word in words):
                continue
        shown.append(rule)
    st.caption(f"Showing {len(shown)} of {len(kb.rules)} rules.")

    case_titles = {case.id: case.title for case in kb.cases.values()}
    for rule in shown:
        fires = rule.id in fired
        mark = " · fires now" if fires else ""
        icon = ":material/bolt:" if fires else ":material/rule:"
        with st.expander(f"{rule.title}{mark}", icon=icon):
            st.caption(
                f"`{rule.id}` · {kb.rule_themes[rule.id]} · {rule.strength}"
                + (f" · tendency {rule.tendency}" if rule.tendency else "")
            )
            st.markdown(markdown_escape(rule.because))
            when, then = st.columns(2)
            when.markdown(
                "**When**\n"
                + "\n".join(
                    condition_lines(
                        rule.when.model_dump(by_alias=True, exclude_none=True), kb, questions
                    )
                )
            )
            then.markdown("**Then it**\n" + "\n".join(effect_lines(rule, kb)))
            st.markdown("**Sources**\n" + citations(kb, rule.sources))
            if case_titles:
                cases = advisor.cases_firing(rule.id)
                listed = ", ".join(markdown_escape(case_titles[c]) for c in cases) or "none"
                st.markdown(f"**Teaching cases in which it fires:** {listed}")


render()
