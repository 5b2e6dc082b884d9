"""Questionnaire page: the scenario's answers, grouped by rationale dimension."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from engine import Recommendation
from ui.app import advisor, classroom, guided, state
from ui.app.presenters.questionnaire import partner_rows, why_asked_lines
from ui.app.questions import (
    PARTNER_TYPES,
    WIDGET_PREFIX,
    Question,
    answered_count,
    build_questions,
    by_dimension,
)
from ui.app.widgets import answer_widget, read_answer
from ui.app.wording import problem_line
from ui.numbers import percent

MODE_KEY = guided.GUIDED.mode_key
_MODE_KEPT = guided.GUIDED.kept_key
MAX_TEXT = 200
"""Longest scenario name or focal organisation the scenario format accepts."""
MAX_LONG_TEXT = 5000
"""Longest description the scenario format accepts."""
PARTNERS_KEY = f"{WIDGET_PREFIX}partners"
PARTNERS_BASE_KEY = f"{WIDGET_PREFIX}partners_base"


def _answer_changed(question: Question) -> None:
    state.set_answer(question.factor, read_answer(question, question.key))


def _field_changed(name: str) -> None:
    value = st.session_state.get(f"{WIDGET_PREFIX}{name}") or ""
    state.set_field(name, value.strip() or None)


def _scenario_details() -> None:
    doc = state.draft()
    with st.expander("About this scenario", icon=":material/description:"):
        for name, label, multiline in (
            ("name", "Scenario name", False),
            ("focal_organization", "Focal organisation (whose advisor this is)", False),
            ("description", "Description", True),
        ):
            key = f"{WIDGET_PREFIX}{name}"
            if key not in st.session_state:
                st.session_state[key] = doc.get(name) or ""
            if multiline:
                st.text_area(
                    label, key=key, on_change=_field_changed, args=(name,), max_chars=MAX_LONG_TEXT
                )
            else:
                st.text_input(
                    label,
                    key=key,
                    on_change=_field_changed,
                    args=(name,),
                    max_chars=MAX_TEXT,
                    help=f"At most {MAX_TEXT} characters; longer text is cut off as you type.",
                )


def _problems() -> None:
    error = state.problems()
    if error is None:
        return
    lines = "\n".join(f"- {problem_line(p)}" for p in error.problems)
    st.error(
        "This scenario cannot be assessed as typed; what you entered is kept, and the advice"
        f" shows the last valid version until it is fixed.\n\n{lines}",
        icon=":material/error:",
    )


def _why_asked(question: Question, rec: Recommendation, answer: Any) -> None:
    kb = advisor.knowledge_base()
    lines = why_asked_lines(
        kb, question, rec, answer, classroom=classroom.on(), hidden=classroom.hidden()
    )
    with st.expander("Why this question?", icon=":material/help:"):
        for line in lines:
            st.markdown(line)


def _partners() -> None:
    kb = advisor.knowledge_base()
    st.markdown("**Partners** — list them with their types, or leave the table empty.")
    if PARTNERS_KEY not in st.session_state or PARTNERS_BASE_KEY not in st.session_state:
        st.session_state[PARTNERS_BASE_KEY] = [dict(p) for p in state.draft().get("partners") or []]
    base = pd.DataFrame(st.session_state[PARTNERS_BASE_KEY], columns=["name", "type"])
    labels: dict[str, str] = {
        t: kb.stakeholders[t].label if t in kb.stakeholders else t for t in PARTNER_TYPES
    }
    edited = st.data_editor(
        base.astype(object),
        key=PARTNERS_KEY,
        num_rows="dynamic",
        hide_index=True,
        width="stretch",
        column_config={
            "name": st.column_config.TextColumn("Name", max_chars=200),
            "type": st.column_config.SelectboxColumn(
                "Type",
                options=list(PARTNER_TYPES),
                format_func=lambda t: labels.get(str(t), str(t)),
            ),
        },
    )
    rows = partner_rows(edited)
    if rows != (state.draft().get("partners") or []):
        state.set_partners(rows)
        st.rerun()


def render() -> None:
    """Draw the questionnaire."""
    kb = advisor.knowledge_base()
    questions = build_questions(kb)
    st.title("Questionnaire")
    state.show_flashes()
    doc = state.draft()
    factors = doc.get("factors") or {}
    rec = advisor.recommendation(state.scenario())

    top_left, top_right = st.columns([2, 3])
    with top_left:
        if MODE_KEY not in st.session_state:  # the widget forgets when another page is shown
            st.session_state[MODE_KEY] = st.session_state.get(_MODE_KEPT, "Full")
        mode = st.radio(
            "Questions",
            ["Quick", "Full"],
            key=MODE_KEY,
            on_change=lambda: st.session_state.update({_MODE_KEPT: st.session_state[MODE_KEY]}),
            horizontal=True,
            help="Quick asks one question at a time, the most decisive first, until the"
            " advice is reasonably sure; Full shows every question. Answers are kept either way.",
        )
    with top_right:
        answered = f"{answered_count(factors, questions)} of {len(questions)} answered"
        if classroom.hidden():
            st.markdown(f"Classroom mode: the advice stays hidden until revealed · {answered}")
        else:
            share = "" if classroom.on() else f" ({percent(rec.confidence)})"
            st.markdown(
                f"Recommended now: **{rec.recommendation_name}** · confidence"
                f" {rec.confidence_label}{share} · {answered}"
            )
        st.caption(
            "Every question may stay *Unknown*; the advice then says what it would hinge on."
        )
    _scenario_details()
    _problems()
    if mode == guided.GUIDED.mode:
        guided.render(questions, classroom=classroom.on(), hidden=classroom.hidden())
        return

    for dimension, items in by_dimension(questions).items():
        info = kb.dimensions[dimension]
        st.subheader(info.title, divider="gray")
        st.caption(info.description)
        if dimension == "partnership":
            _partners()
        columns = st.columns(2, gap="large")
        for index, question in enumerate(items):
            with columns[index % 2]:
                answer = answer_widget(
                    question,
                    key=question.key,
                    value=factors.get(question.factor),
                    on_change=_answer_changed,
                    args=(question,),
                )
                _why_asked(question, rec, answer)


render()
