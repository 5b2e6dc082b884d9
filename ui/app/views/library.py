"""Scenario library page: save, rename, reload and delete named scenarios; files in and out."""

from __future__ import annotations

from pathlib import PurePath

import pandas as pd
import streamlit as st
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from engine import FieldProblem, ScenarioError, load_scenario_text
from ui.app import downloads, resources, state
from ui.store.library import LibraryError, ScenarioLibrary

SAVE_NAME_KEY = "lib_save_name"
CHOICE_KEY = "lib_choice"
NEW_NAME_KEY = "lib_new_name"
UPLOAD_KEY = "lib_upload"
UPLOAD_PROBLEMS_KEY = "_lib_upload_problems"
MAX_UPLOAD_BYTES = 1024 * 1024


def _save() -> None:
    name = st.session_state.get(SAVE_NAME_KEY, "")
    replace = bool(st.session_state.get("lib_replace"))
    try:
        saved = resources.library().save(name, state.scenario(), replace=replace)
    except LibraryError as exc:
        state.flash("error", f"Not saved: {exc}.")
    else:
        state.flash("success", f"Saved as “{saved}”.")


def _load(name: str) -> None:
    try:
        scenario = resources.library().load(name)
    except LibraryError as exc:
        state.flash("error", f"Not loaded: {exc}.")
    except ScenarioError as exc:
        state.flash("error", f"“{name}” no longer fits the scenario format:\n\n{exc.describe()}")
    else:
        state.replace(scenario.to_document())
        state.flash("success", f"“{name}” is now the current scenario.")


def _rename(name: str) -> None:
    new = st.session_state.get(NEW_NAME_KEY, "")
    try:
        saved = resources.library().rename(name, new)
    except LibraryError as exc:
        state.flash("error", f"Not renamed: {exc}.")
    else:
        st.session_state[CHOICE_KEY] = saved
        state.flash("success", f"“{name}” is now called “{saved}”.")


def _delete(name: str) -> None:
    try:
        resources.library().delete(name)
    except LibraryError as exc:
        state.flash("error", f"Not deleted: {exc}.")
    else:
        st.session_state.pop(CHOICE_KEY, None)
        state.flash("success", f"“{name}” is deleted.")


def _free_name(library: ScenarioLibrary, wanted: str) -> str:
    taken = set(library.names())
    if wanted not in taken:
        return wanted
    number = 2
    while f"{wanted} ({number})" in taken:
        number += 1
    return f"{wanted} ({number})"


def _uploaded() -> None:
    upload = st.session_state.get(UPLOAD_KEY)
    st.session_state.pop(UPLOAD_PROBLEMS_KEY, None)
    if upload is None:
        return
    source = upload.name
    data = upload.getvalue()
    try:
        if len(data) > MAX_UPLOAD_BYTES:
            raise ScenarioError(source, [FieldProblem("", "the file is larger than 1 MiB")])
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ScenarioError(source, [FieldProblem("", "not UTF-8 text")]) from exc
        suffix = PurePath(source).suffix.lower()
        scenario = load_scenario_text(text, source, json_format=suffix == ".json" or None)
    except ScenarioError as exc:
        st.session_state[UPLOAD_PROBLEMS_KEY] = (source, list(exc.problems))
        return
    state.replace(scenario.to_document())
    message = f"“{source}” is now the current scenario."
    if st.session_state.get("lib_save_uploads", True):
        try:
            library = resources.library()
            name = library.save(
                _free_name(library, scenario.name or PurePath(source).stem), scenario
            )
        except LibraryError as exc:
            message += f" It was not saved: {exc}."
        else:
            message += f" Saved in the library as “{name}”."
    state.flash("success", message)


def _upload_problems() -> None:
    found = st.session_state.get(UPLOAD_PROBLEMS_KEY)
    if not found:
        return
    source, problems = found
    st.error(
        f"“{source}” was not loaded: {len(problems)} problem{'s' if len(problems) != 1 else ''}."
        " Nothing was changed.",
        icon=":material/error:",
    )
    st.dataframe(
        pd.DataFrame(
            [
                {
                    "Field": p.path or "(whole file)",
                    "Problem": p.message,
                    "Given": p.given or "",
                    "Allowed": p.allowed or "",
                    "Did you mean": p.suggestion or "",
                }
                for p in problems
            ]
        ),
        hide_index=True,
        width="stretch",
    )


def _save_section() -> None:
    scenario = state.scenario()
    st.subheader("Save the current scenario", divider="gray")
    if SAVE_NAME_KEY not in st.session_state:
        st.session_state[SAVE_NAME_KEY] = scenario.name or "Untitled scenario"
    name_col, replace_col, button_col = st.columns([3, 1.2, 1], vertical_alignment="bottom")
    name_col.text_input("Name", key=SAVE_NAME_KEY, max_chars=200)
    replace_col.checkbox("Replace if taken", key="lib_replace")
    button_col.button(
        "Save", key="lib_save", icon=":material/save:", on_click=_save, type="primary"
    )
    if state.problems() is not None:
        st.caption("The questionnaire has problems; the last valid version is what gets saved.")


def _saved_section(library: ScenarioLibrary) -> None:
    st.subheader("Saved scenarios", divider="gray")
    entries = library.entries()
    if not entries:
        st.info("Nothing saved yet.")
        return
    st.dataframe(
        pd.DataFrame(
            [
                {
                    "Name": e.name,
                    "Scenario": e.title or "",
                    "Last changed": e.updated_at.strftime("%Y-%m-%d %H:%M"),
                }
                for e in entries
            ]
        ),
        hide_index=True,
        width="stretch",
    )
    names = [e.name for e in entries]
    if st.session_state.get(CHOICE_KEY) not in names:
        st.session_state[CHOICE_KEY] = names[0]
    chosen = st.selectbox("Scenario", names, key=CHOICE_KEY)
    load_col, delete_col, download_col = st.columns([1, 1, 2], vertical_alignment="bottom")
    load_col.button(
        "Load",
        key="lib_load",
        icon=":material/open_in_browser:",
        on_click=_load,
        args=(chosen,),
        type="primary",
        width="stretch",
    )
    delete_col.button(
        "Delete",
        key="lib_delete",
        icon=":material/delete:",
        on_click=_delete,
        args=(chosen,),
        width="stretch",
    )
    try:
        document = library.document(chosen)
    except LibraryError:
        document = None
    if document is not None:
        download_col.download_button(
            "Download (JSON)",
            document,
            file_name=f"{downloads.slug(chosen)}.json",
            mime="application/json",
            key="lib_download",
            on_click="ignore",
            icon=":material/download:",
        )
    new_col, rename_col = st.columns([3, 1], vertical_alignment="bottom")
    new_col.text_input("New name", key=NEW_NAME_KEY, max_chars=200)
    rename_col.button(
        "Rename",
        key="lib_rename",
        icon=":material/edit:",
        on_click=_rename,
        args=(chosen,),
        width="stretch",
    )


def _files_section() -> None:
    st.subheader("Scenario files", divider="gray")
    upload_col, download_col = st.columns(2, gap="large")
    with upload_col:
        st.file_uploader(
            "Open a scenario file (YAML or JSON)",
            type=["yaml", "yml", "json"],
            key=UPLOAD_KEY,
            on_change=_uploaded,
        )
        st.checkbox("Also save uploads in the library", value=True, key="lib_save_uploads")
        _upload_problems()
    with download_col:
        st.markdown("Download the current scenario")
        downloads.scenario_buttons(state.scenario(), key_prefix="lib_current")


def render() -> None:
    """Draw the library page."""
    st.title("Scenario library")
    state.show_flashes()
    try:
        library = resources.library()
        _save_section()
        _saved_section(library)
    except SQLAlchemyError as exc:
        st.error(f"The scenario library's database cannot be used: {exc.__class__.__name__}: {exc}")
        library = None
    _files_section()
    if library is not None:
        shown = make_url(library.url).render_as_string(hide_password=True)
        st.caption(f"Library database: `{shown}` (set ALLIANCE_ADVISOR_DB_URL to use another).")


render()
