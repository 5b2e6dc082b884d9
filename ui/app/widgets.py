"""Answer widgets: one Streamlit input per question, keyed by the factor id.

Each widget is seeded once from the scenario (never through a ``value=`` argument, so
Streamlit keeps what the user chose across reruns) and read back as the scenario's value.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from ui.app.questions import UNKNOWN, Question, value_key
from ui.app.user_text import as_text

UNKNOWN_SUFFIX = "_unknown"
FITS = 48
"""About how many characters a closed drop-down shows (at 390 px, or in a half-width column)
before it cuts the answer off; a longer answer is repeated in full beneath it."""


def _seed(key: str, value: Any) -> None:
    if key not in st.session_state:
        st.session_state[key] = value


def read_answer(question: Question, key: str) -> Any:
    """The scenario value a question's widget currently shows (``None`` for unknown)."""
    if question.kind == "count":
        if st.session_state.get(key + UNKNOWN_SUFFIX, True):
            return None
        value = st.session_state.get(key)
        return int(value) if value is not None else None
    return question.from_widget(st.session_state.get(key))


def answer_widget(
    question: Question,
    *,
    key: str,
    value: Any,
    on_change: Callable[..., None] | None = None,
    args: tuple[Any, ...] = (),
    label: str | None = None,
    show_help: bool = True,
) -> Any:
    """Draw the input for one question and return the scenario value it shows.

    Args:
        question: the question.
        key: the widget key (counts also use ``key + "_unknown"``).
        value: the scenario's current answer, used only to seed a new widget.
        on_change: called (with ``args``) when the user changes the answer.
        args: arguments for ``on_change``.
        label: the widget label; the question text by default.
        show_help: show the knowledge base's help text as a tooltip.

    Returns:
        The answer as the scenario holds it (``None`` for unknown).
    """
    label = label or question.text
    help_text = question.help if show_help else None
    if question.kind == "count":
        unknown_key = key + UNKNOWN_SUFFIX
        seeded = question.to_widget(value)
        _seed(unknown_key, seeded is None)
        _seed(key, seeded if seeded is not None else question.minimum)
        st.number_input(
            label,
            min_value=question.minimum,
            max_value=question.maximum,
            step=1,
            key=key,
            help=help_text,
            disabled=bool(st.session_state[unknown_key]),
            on_change=on_change,
            args=args,
        )
        st.checkbox("Unknown", key=unknown_key, on_change=on_change, args=args)
    elif question.kind == "set":
        _seed(key, question.to_widget(value))
        st.multiselect(
            label,
            options=list(question.values),
            format_func=question.option_label,
            key=key,
            help=help_text,
            placeholder="Unknown — choose any that apply",
            on_change=on_change,
            args=args,
        )
    else:
        _seed(key, question.to_widget(value))
        st.selectbox(
            label,
            options=list(question.options),
            format_func=question.option_label,
            key=key,
            help=help_text,
            on_change=on_change,
            args=args,
        )
        _full_answer(question, st.session_state.get(key))
    return read_answer(question, key)


def _full_answer(question: Question, chosen: Any) -> None:
    """What the chosen answer means, in full, when the drop-down is too narrow to show it."""
    if chosen is None or chosen == UNKNOWN or len(question.option_label(chosen)) <= FITS:
        return
    meaning = question.meanings.get(value_key(chosen))
    if meaning:
        st.caption(as_text(meaning))


__all__ = ["UNKNOWN_SUFFIX", "answer_widget", "read_answer"]
