"""Classroom mode, one switch for the whole app: no numbers or jargon, predict before reveal.

The switch lives in the sidebar (session state, so every page sees it). On the
recommendation page the class first picks the structure it expects; "Reveal" then shows
the advisor's answer in plain words and whether the class agreed. A reveal holds for the
scenario it was made on: change an answer and the class predicts again.
"""

from __future__ import annotations

import hashlib

import streamlit as st

from engine import KnowledgeBase, Recommendation
from ui.app import state

KEY = "classroom_mode"
PREDICTION_KEY = "classroom_prediction"
REVEALED_KEY = "_classroom_revealed"


def on() -> bool:
    """Whether classroom mode is switched on in this session."""
    return bool(st.session_state.get(KEY, False))


def toggle() -> None:
    """The sidebar switch."""
    st.toggle(
        "Classroom mode",
        key=KEY,
        help="Hides numbers and technical words on every page; the class predicts the"
        " structure before the advisor's answer is revealed.",
    )


def _fingerprint() -> str:
    text = state.encode_document(state.draft())
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def revealed() -> bool:
    """Whether the class has revealed the advisor's answer for the current scenario."""
    fingerprint: str = st.session_state.get(REVEALED_KEY, ("", ""))[0]
    return fingerprint == _fingerprint()


def hidden() -> bool:
    """Whether the advice must stay hidden: classroom mode is on and not yet revealed."""
    return on() and not revealed()


def _reveal(fingerprint: str) -> None:
    prediction = st.session_state.get(f"{PREDICTION_KEY}_{fingerprint}", "")
    st.session_state[REVEALED_KEY] = (fingerprint, prediction)


def predict(kb: KnowledgeBase) -> bool:
    """Ask for the class's prediction until it reveals; whether the answer may be shown."""
    if revealed():
        return True
    names = {form.id: form.name for form in kb.forms.values()}
    fingerprint = _fingerprint()  # a new scenario asks afresh, with nothing picked
    key = f"{PREDICTION_KEY}_{fingerprint}"
    st.info(
        "Classroom mode: which structure do you expect the advisor to recommend? Pick one,"
        " then reveal its answer.",
        icon=":material/school:",
    )
    st.radio(
        "The class expects",
        list(names),
        format_func=names.__getitem__,
        index=None,
        key=key,
    )
    st.button(
        "Reveal",
        key="classroom_reveal",
        type="primary",
        icon=":material/visibility:",
        disabled=st.session_state.get(key) is None,
        on_click=_reveal,
        args=(fingerprint,),
    )
    return False


def _show(key: str, fingerprint: str) -> None:
    st.session_state[f"_classroom_shown_{key}"] = fingerprint


def discuss_then_reveal(key: str, about: str, prompt: str) -> bool:
    """A page's own reveal: the class discusses ``prompt`` first, then shows the answer.

    Args:
        key: the page's name for its reveal (and the button's widget key).
        about: what is on show (the chosen scenarios, say); a change asks again.
        prompt: what the class discusses before revealing, in plain words.

    Returns:
        Whether the page may show the advice.
    """
    fingerprint = hashlib.sha256(f"{about}|{_fingerprint()}".encode()).hexdigest()[:16]
    if st.session_state.get(f"_classroom_shown_{key}") == fingerprint:
        return True
    st.info(prompt, icon=":material/school:")
    st.button(
        "Reveal",
        key=f"classroom_reveal_{key}",
        type="primary",
        icon=":material/visibility:",
        on_click=_show,
        args=(key, fingerprint),
    )
    return False


def verdict(kb: KnowledgeBase, rec: Recommendation) -> str:
    """Whether the class's prediction agrees with the advisor, in words (Markdown)."""
    predicted = st.session_state.get(REVEALED_KEY, ("", ""))[1]
    if predicted not in kb.forms:
        return ""
    name = kb.forms[predicted].name
    if predicted == rec.recommendation:
        return f"The class expected **{name}**, and the advisor agrees."
    return f"The class expected **{name}**; the advisor puts **{rec.recommendation_name}** first."


__all__ = [
    "KEY",
    "discuss_then_reveal",
    "hidden",
    "on",
    "predict",
    "revealed",
    "toggle",
    "verdict",
]
