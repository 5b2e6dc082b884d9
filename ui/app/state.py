"""The current scenario of a browser session, and its copy in the page address.

A session holds one *draft*: the scenario document as the user has typed it, which
may be invalid for a moment (say, a partner count that disagrees with the partner
list). Beside it the session keeps the last valid version, which the pages reason
on. The draft travels in the address as one query parameter (``s``): compact JSON,
zlib-compressed, URL-safe base64. A copied link therefore reproduces the scenario
and a refresh loses nothing.

The encoding functions are pure; the rest reads and writes ``st.session_state``.
"""

from __future__ import annotations

import base64
import binascii
import copy
import json
import zlib
from collections.abc import Mapping
from typing import Any, Literal

import streamlit as st

from engine import KnowledgeBase, Scenario, ScenarioError, scenario_from_data
from ui.app.questions import WIDGET_PREFIX
from ui.app.user_text import as_text
from ui.app.wording import problem_line

URL_PARAM = "s"
MAX_DOCUMENT_BYTES = 256 * 1024
MAX_LINK_CHARS = 64 * 1024
"""The longest ``s`` parameter read; the demo scenario's takes about 1,000 characters."""
_DOC_KEY = "_scenario_draft"
_VALID_KEY = "_scenario_valid"
_ERROR_KEY = "_scenario_error"
_FLASH_KEY = "_flash"
_URL_WRITTEN_KEY = "_url_written"
_EDITABLE_PATHS = ("name", "description", "focal_organization", "partners", "factors.partner_count")

FlashKind = Literal["success", "info", "warning", "error"]


def encode_document(doc: Mapping[str, Any]) -> str:
    """Pack a scenario document into a short, URL-safe string.

    Args:
        doc: the scenario document (plain JSON types).

    Returns:
        URL-safe base64 of the zlib-compressed compact JSON, without padding.
    """
    text = json.dumps(doc, separators=(",", ":"), ensure_ascii=False)
    packed = zlib.compress(text.encode("utf-8"), 9)
    return base64.urlsafe_b64encode(packed).decode("ascii").rstrip("=")


def decode_document(text: str) -> dict[str, Any]:
    """Unpack a string made by ``encode_document``.

    Args:
        text: the query parameter's value.

    Returns:
        The scenario document (not yet validated).

    Raises:
        ValueError: the text is not an encoded document; the message says why in words.
    """
    if len(text) > MAX_LINK_CHARS:
        raise ValueError(
            f"the link's scenario is too large ({len(text)} characters;"
            f" at most {MAX_LINK_CHARS} are read)"
        )
    try:
        packed = base64.b64decode(text + "=" * (-len(text) % 4), altchars=b"-_", validate=True)
    except (binascii.Error, ValueError) as exc:
        raise ValueError("the link's scenario is not valid base64") from exc
    inflater = zlib.decompressobj()
    try:
        raw = inflater.decompress(packed, MAX_DOCUMENT_BYTES)
    except zlib.error as exc:
        raise ValueError("the link's scenario is damaged (it does not decompress)") from exc
    if inflater.unconsumed_tail:
        raise ValueError("the link's scenario is too large")
    if not inflater.eof:
        raise ValueError("the link's scenario is damaged (it is cut short)")
    try:
        doc = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError("the link's scenario is not valid JSON") from exc
    if not isinstance(doc, dict):
        raise ValueError("the link's scenario is not a mapping of keys to values")
    return doc


def editable_by_user(error: ScenarioError) -> bool:
    """Whether every problem is one the questionnaire lets a user make and fix.

    Such drafts (a partner list that disagrees with the count, an empty partner name)
    are kept as typed; anything else in a link is refused.
    """
    for problem in error.problems:
        path = problem.path
        if problem.code == "count_mismatch":
            continue
        if not path.startswith(_EDITABLE_PATHS):
            return False
    return True


def validate(doc: Mapping[str, Any]) -> tuple[Scenario | None, ScenarioError | None]:
    """The scenario a document describes, or the reasons it describes none."""
    try:
        return scenario_from_data(doc, "scenario"), None
    except ScenarioError as exc:
        return None, exc


def _clear_widgets() -> None:
    for key in list(st.session_state.keys()):
        if str(key).startswith(WIDGET_PREFIX):
            del st.session_state[key]


def _store(doc: dict[str, Any]) -> None:
    st.session_state[_DOC_KEY] = doc
    scenario, error = validate(doc)
    st.session_state[_ERROR_KEY] = error
    if scenario is not None:
        st.session_state[_VALID_KEY] = scenario


def start(kb: KnowledgeBase) -> None:
    """Set up the session's scenario once: from the address if it holds one, else the demo.

    A link that cannot be read is reported and the demo is shown instead.
    """
    if _DOC_KEY in st.session_state:
        return
    demo = copy.deepcopy(kb.demo)
    st.session_state[_VALID_KEY] = scenario_from_data(demo, "demo scenario")
    doc = demo
    raw = st.query_params.get(URL_PARAM)
    if raw:
        try:
            candidate = decode_document(raw)
        except ValueError as exc:
            reason = as_text(str(exc))
            flash("error", f"The link could not be read ({reason}); showing the demo scenario.")
        else:
            _, error = validate(candidate)
            if error is None or editable_by_user(error):
                doc = candidate
            else:
                lines = "\n".join(f"- {problem_line(p)}" for p in error.problems)
                flash("error", f"The link's scenario is not valid; showing the demo.\n\n{lines}")
    _store(doc)


def follow_url() -> None:
    """Adopt the address's scenario when the browser changed it (Back, Forward, an edit).

    Every change of the scenario writes a new address (a new history entry), so going
    Back shows the previous address; when it differs from the one last written, the
    scenario it holds becomes the current one again. Addresses that cannot be read are
    ignored here (the page keeps what it shows).
    """
    raw = st.query_params.get(URL_PARAM)
    written = st.session_state.get(_URL_WRITTEN_KEY)
    if not raw or written is None or raw == written:
        return
    st.session_state[_URL_WRITTEN_KEY] = raw
    try:
        candidate = decode_document(raw)
    except ValueError:
        return
    _, error = validate(candidate)
    if error is None or editable_by_user(error):
        _clear_widgets()
        _store(candidate)


def draft() -> dict[str, Any]:
    """The scenario document as the user has typed it (do not mutate; use the setters)."""
    doc: dict[str, Any] = st.session_state[_DOC_KEY]
    return doc


def scenario() -> Scenario:
    """The last valid version of the scenario, which the pages reason on."""
    valid: Scenario = st.session_state[_VALID_KEY]
    return valid


def problems() -> ScenarioError | None:
    """Why the draft is not valid, or ``None`` when it is."""
    return st.session_state.get(_ERROR_KEY)


def replace(doc: Mapping[str, Any]) -> None:
    """Make another document the current scenario (a load, an upload, a teaching case).

    The questionnaire's widgets are reset so they show the new answers.
    """
    _clear_widgets()
    _store(json.loads(json.dumps(doc)))


def set_answer(factor: str, value: Any) -> None:
    """Change one factor's answer in the draft (``None`` makes it unknown)."""
    doc = copy.deepcopy(draft())
    factors = dict(doc.get("factors") or {})
    if value is None:
        factors.pop(factor, None)
    else:
        factors[factor] = list(value) if isinstance(value, tuple) else value
    doc["factors"] = factors
    _store(doc)


def set_field(name: str, value: str | None) -> None:
    """Change a top-level text field of the draft (empty removes it)."""
    doc = copy.deepcopy(draft())
    if value:
        doc[name] = value
    else:
        doc.pop(name, None)
    _store(doc)


def set_partners(partners: list[dict[str, Any]] | None) -> None:
    """Replace the draft's partner list (``None`` or empty removes it)."""
    doc = copy.deepcopy(draft())
    if partners:
        doc["partners"] = partners
    else:
        doc.pop("partners", None)
    _store(doc)


def sync_url() -> None:
    """Write the draft into the address, if it is not there already."""
    encoded = encode_document(draft())
    if st.query_params.get(URL_PARAM) != encoded:
        st.query_params[URL_PARAM] = encoded
    st.session_state[_URL_WRITTEN_KEY] = encoded


def flash(kind: FlashKind, message: str) -> None:
    """Queue a message for the next page render (callbacks cannot draw directly)."""
    st.session_state.setdefault(_FLASH_KEY, []).append((kind, message))


def show_flashes() -> None:
    """Draw and forget the queued messages."""
    for kind, message in st.session_state.pop(_FLASH_KEY, []):
        getattr(st, kind)(message)


__all__ = [
    "URL_PARAM",
    "decode_document",
    "draft",
    "editable_by_user",
    "encode_document",
    "flash",
    "follow_url",
    "problems",
    "replace",
    "scenario",
    "set_answer",
    "set_field",
    "set_partners",
    "show_flashes",
    "start",
    "sync_url",
    "validate",
]
