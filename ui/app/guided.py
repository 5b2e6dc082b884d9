"""The adaptive quick questionnaire: one question at a time, the most decisive first.

It asks until confidence reaches "moderate" or the user stops, and shows how each answer
moved the ranking. Which question comes next is worked out in
``ui.app.presenters.guided`` from the engine's ranking of unknown answers.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from ui.app import advisor, state
from ui.app.page_paths import RECOMMENDATION
from ui.app.presenters.guided import Step, next_question, step, step_rows, sure_enough
from ui.app.questions import WIDGET_PREFIX, Question
from ui.app.user_text import as_text
from ui.app.widgets import answer_widget, read_answer


@dataclass(frozen=True, slots=True)
class GuidedMode:
    """The questionnaire's mode switch as the guided mode uses it."""

    mode: str = "Quick"
    mode_key: str = "questionnaire_mode"
    kept_key: str = "_questionnaire_mode"


GUIDED = GuidedMode()
HISTORY_KEY = "_guided_history"
SKIPPED_KEY = "_guided_skipped"
ANSWER_KEY = f"{WIDGET_PREFIX}guided_"


def _history() -> list[Step]:
    history: list[Step] = st.session_state.setdefault(HISTORY_KEY, [])
    return history


def _answer(question: Question) -> None:
    value = read_answer(question, ANSWER_KEY + question.factor)
    if value is None:
        state.flash("info", "Choose an answer first, or skip the question.")
        return
    before = advisor.recommendation(state.scenario())
    state.set_answer(question.factor, value)
    after = advisor.recommendation(state.scenario())
    _history().append(step(question, value, before, after))


def _skip(question: Question) -> None:
    st.session_state.setdefault(SKIPPED_KEY, []).append(question.factor)


def _ask(question: Question) -> None:
    with st.container(border=True):
        st.caption("Most decisive open question")
        answer_widget(question, key=ANSWER_KEY + question.factor, value=None)
        st.caption(as_text(question.help))
        answer, skip = st.columns(2)
        answer.button(
            "Answer",
            key="guided_answer",
            type="primary",
            icon=":material/check:",
            on_click=_answer,
            args=(question,),
            width="stretch",
        )
        skip.button(
            "Skip (leave unknown)",
            key="guided_skip",
            on_click=_skip,
            args=(question,),
            width="stretch",
        )


def _moves(*, classroom: bool, hidden: bool) -> None:
    rows = step_rows(_history(), numbers=not classroom, advice=not hidden)
    if not rows:
        return
    if hidden:
        st.markdown("**The answers given so far**")
        st.caption(
            "How each answer moved the advice is shown once the class has revealed it on"
            " the Recommendation page."
        )
    else:
        st.markdown("**How each answer moved the ranking**")
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


def render(
    questions: tuple[Question, ...], *, classroom: bool = False, hidden: bool = False
) -> None:
    """Draw the next question, the stop point and the moves so far.

    Args:
        questions: every question of the questionnaire.
        classroom: classroom mode is on (no numbers).
        hidden: the class has not revealed the advice yet (no first place either).
    """
    rec = advisor.recommendation(state.scenario())
    question = next_question(rec, questions, st.session_state.get(SKIPPED_KEY, []))
    if sure_enough(rec):
        st.success(
            f"Confidence is now {rec.confidence_label}: the advice is reasonably sure."
            " You can stop here, or keep answering to make it surer.",
            icon=":material/task_alt:",
        )
    if st.button("See the recommendation", key="guided_done", icon=":material/insights:"):
        st.switch_page(RECOMMENDATION)
    if question is None:
        st.info("No open question is left that could move the advice.")
    else:
        _ask(question)
    _moves(classroom=classroom, hidden=hidden)


def reset() -> None:
    """Forget the answers' history and the skipped questions (a new scenario starts)."""
    st.session_state.pop(HISTORY_KEY, None)
    st.session_state.pop(SKIPPED_KEY, None)


__all__ = ["GUIDED", "GuidedMode", "render", "reset"]
