"""Rule explorer page: browse and search every rule of the knowledge base."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

import streamlit as st

from engine import KnowledgeBase
from ui.app import advisor, classroom, state
from ui.app.presenters.rule_search import (
    RuleFilter,
    effect_chips,
    firing_cases_line,
    matching_rules,
    page_of,
    rule_caption,
)
from ui.app.questions import Question, build_questions
from ui.app.user_text import as_text
from ui.app.wording import citations, condition_lines, effect_lines

SEARCH_KEY = "rules_search"
PAGE_KEY = "rules_page"
PAGE_SIZE = 20


def _filter(kb: KnowledgeBase, questions: Mapping[str, Question]) -> RuleFilter:
    search_col, theme_col = st.columns([2, 2])
    hint = "words, a factor or a form" if classroom.on() else "words, a rule id, a factor or a form"
    query = search_col.text_input("Search", key=SEARCH_KEY, placeholder=hint)
    themes = theme_col.multiselect(
        "Themes", sorted(set(kb.rule_themes.values())), key="rules_themes"
    )
    factor_col, form_col, fired_col = st.columns([2, 2, 1], vertical_alignment="bottom")
    factors: list[str] = ["", *questions]
    factor: str = factor_col.selectbox(
        "Reads the factor",
        factors,
        format_func=lambda f: questions[f].label if f else "any factor",
        key="rules_factor",
    )
    forms: list[str] = ["", *kb.forms]
    form: str = form_col.selectbox(
        "Acts on the form",
        forms,
        format_func=lambda f: kb.forms[f].name if f else "any form",
        key="rules_form",
    )
    only_fired = not classroom.hidden() and fired_col.checkbox(
        "Fires now",
        key="rules_fired_only",
        help="Only the rules that fire for the current scenario.",
    )
    first_col, second_col = st.columns(2)
    first: str = first_col.selectbox(
        "Rules that separate",
        forms,
        format_func=lambda f: kb.forms[f].name if f else "any form",
        key="rules_separate_first",
    )
    second: str = second_col.selectbox(
        "from",
        forms,
        format_func=lambda f: kb.forms[f].name if f else "any form",
        key="rules_separate_second",
    )
    pair = (first, second) if first and second and first != second else None
    return RuleFilter(query, tuple(themes), factor, form, only_fired, pair)


def _rule_card(
    kb: KnowledgeBase,
    rule: Any,
    questions: Mapping[str, Question],
    fired: Collection[str],
    case_titles: Mapping[str, str],
) -> None:
    fires = rule.id in fired and not classroom.hidden()  # which rules fire hints at the answer
    mark = " · fires now" if fires else ""
    icon = ":material/bolt:" if fires else ":material/rule:"
    st.markdown(" ".join(effect_chips(kb, rule)) or ":gray-badge[no effect on the forms]")
    with st.expander(f"{rule.title}{mark}", icon=icon):
        st.caption(rule_caption(kb, rule, plain=classroom.on()))
        st.markdown(as_text(rule.because))
        when, then = st.columns(2)
        condition = rule.when.model_dump(by_alias=True, exclude_none=True)
        when.markdown("**When**\n" + "\n".join(condition_lines(condition, kb, questions)))
        then.markdown("**Then it**\n" + "\n".join(effect_lines(rule, kb)))
        st.markdown("**Sources**\n" + citations(kb.sources, rule.sources))
        if case_titles:
            st.markdown(firing_cases_line(case_titles, advisor.cases_firing(rule.id)))


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
    wanted = _filter(kb, questions)
    shown = matching_rules(kb, questions, wanted, fired)
    pages = max(1, -(-len(shown) // PAGE_SIZE))
    if st.session_state.get(PAGE_KEY, 1) > pages:  # a narrower filter has fewer pages
        st.session_state[PAGE_KEY] = 1
    page = int(
        st.number_input(f"Page (of {pages})", min_value=1, max_value=pages, step=1, key=PAGE_KEY)
        if pages > 1
        else 1
    )
    listed, pages = page_of(shown, page, PAGE_SIZE)
    st.caption(
        f"{len(shown)} of {len(kb.rules)} rules match; page {page} of {pages}."
        " ▲ raises a form, ▼ lowers it, ✕ rules it out."
    )
    case_titles = {case.id: case.title for case in kb.cases.values()}
    for rule in listed:
        _rule_card(kb, rule, questions, fired, case_titles)


render()
