"""Scenario library page: own and shared scenarios, files in and out.

Save, load, rename, share, see the history, delete with undo.
The store enforces who may do what; this page only offers what the user's access allows.
Names and other user text are shown as text, and nothing about the database is shown.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import PurePath

import pandas as pd
import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from engine import FieldProblem, ScenarioError, load_scenario_text
from ui.app import downloads, identity, library_panels, resources, state
from ui.app.user_text import as_text
from ui.app.wording import problem_item
from ui.store.access import Access
from ui.store.library import ConflictError, LibraryError, ScenarioLibrary
from ui.store.records import Entry

SAVE_NAME_KEY = "lib_save_name"
CHOICE_KEY = "lib_choice"
NEW_NAME_KEY = "lib_new_name"
UPLOAD_KEY = "lib_upload"
UPLOAD_PROBLEMS_KEY = "_lib_upload_problems"
MAX_UPLOAD_BYTES = 1024 * 1024
LOG = logging.getLogger(__name__)


def _save_to(library: ScenarioLibrary, name: str) -> Entry:
    """Save the current scenario: over the entry it was loaded from, else as a new entry."""
    actor, scenario = identity.current_actor(), state.scenario()
    cleaned = " ".join(name.split())
    loaded = library_panels.loaded()
    if loaded is not None and loaded[2] == cleaned:
        try:
            entry = library.entry(actor, loaded[0])
        except LibraryError:
            entry = None
        if entry is not None and entry.access >= Access.EDIT:
            return library.save(actor, entry.id, scenario, expected_version=loaded[1])
    existing = library.find(actor, cleaned)
    if existing is not None and st.session_state.get("lib_replace"):
        return library.save(actor, existing.id, scenario, expected_version=existing.version)
    return library.create(actor, name, scenario)


def _save() -> None:
    try:
        entry = _save_to(resources.library(), st.session_state.get(SAVE_NAME_KEY, ""))
    except ConflictError as exc:
        state.flash(
            "error",
            f"Not saved: {as_text(str(exc))}. Load it again to see their changes, or save"
            " yours under another name.",
        )
    except LibraryError as exc:
        state.flash("error", f"Not saved: {as_text(str(exc))}.")
    else:
        library_panels.remember(entry)
        st.session_state[CHOICE_KEY] = entry.id
        state.flash("success", f"Saved as “{as_text(entry.name)}” (version {entry.version}).")


def _load(entry: Entry) -> None:
    try:
        loaded = resources.library().load(identity.current_actor(), entry.id)
    except LibraryError as exc:
        state.flash("error", f"Not loaded: {as_text(str(exc))}.")
    except ScenarioError as exc:
        state.flash(
            "error",
            f"“{as_text(entry.name)}” no longer fits the scenario format:\n\n"
            + as_text(exc.describe()),
        )
    else:
        state.replace(loaded.scenario.to_document())
        library_panels.remember(loaded.entry)
        st.session_state[SAVE_NAME_KEY] = loaded.entry.name
        state.flash("success", f"“{as_text(entry.name)}” is now the current scenario.")


def _rename(entry: Entry) -> None:
    new = st.session_state.get(NEW_NAME_KEY, "")
    try:
        renamed = resources.library().rename(
            identity.current_actor(), entry.id, new, expected_version=entry.version
        )
    except LibraryError as exc:
        state.flash("error", f"Not renamed: {as_text(str(exc))}.")
    else:
        loaded = library_panels.loaded()
        if loaded is not None and loaded[0] == entry.id:
            library_panels.remember(renamed)
        state.flash("success", f"“{as_text(entry.name)}” is now called “{as_text(renamed.name)}”.")


def _free_name(names: set[str], wanted: str) -> str:
    if wanted not in names:
        return wanted
    number = 2
    while f"{wanted} ({number})" in names:
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
    message = f"“{as_text(source)}” is now the current scenario."
    if st.session_state.get("lib_save_uploads", True):
        try:
            library, actor = resources.library(), identity.current_actor()
            own = {e.name for e in library.entries(actor) if e.owner == actor.user}
            wanted = " ".join((scenario.name or PurePath(source).stem).split())[:180]
            entry = library.create(actor, _free_name(own, wanted), scenario)
        except LibraryError as exc:
            message += f" It was not saved: {as_text(str(exc))}."
        else:
            library_panels.remember(entry)
            message += f" Saved in the library as “{as_text(entry.name)}”."
    state.flash("success", message)


def _upload_problems() -> None:
    found = st.session_state.get(UPLOAD_PROBLEMS_KEY)
    if not found:
        return
    source, problems = found
    st.error(
        f"“{as_text(source)}” was not loaded: {len(problems)}"
        f" problem{'s' if len(problems) != 1 else ''}. Nothing was changed.",
        icon=":material/error:",
    )
    st.markdown("\n".join(problem_item(p) for p in problems))


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


def _table(entries: list[Entry], user: str) -> None:
    st.dataframe(
        pd.DataFrame(
            [
                {
                    "Name": e.name,
                    "Scenario": e.title or "",
                    "Owner": "you" if e.owner == user else e.owner,
                    "Access": e.access.label,
                    "Version": e.version,
                    "Last changed": e.updated_at.strftime("%Y-%m-%d %H:%M"),
                }
                for e in entries
            ]
        ),
        hide_index=True,
        width="stretch",
    )


def _exporter(entry: Entry) -> Callable[[], bytes]:
    """The download's contents, fetched (and logged as an export) only when it is clicked.

    Streamlit calls it outside the page's run, so the library and the user are bound now.
    """
    library, actor = resources.library(), identity.current_actor()
    return lambda: library.export(actor, entry.id).encode("utf-8")


def _actions(entry: Entry) -> None:
    load_col, download_col = st.columns([1, 2], vertical_alignment="bottom")
    load_col.button(
        "Load",
        key="lib_load",
        icon=":material/open_in_browser:",
        on_click=_load,
        args=(entry,),
        type="primary",
        width="stretch",
    )
    download_col.download_button(
        "Download (JSON)",
        _exporter(entry),
        file_name=f"{downloads.slug(entry.name)}.json",
        mime="application/json",
        key="lib_download",
        on_click="ignore",
        icon=":material/download:",
    )
    if entry.access >= Access.EDIT:
        new_col, rename_col = st.columns([3, 1], vertical_alignment="bottom")
        new_col.text_input("New name", key=NEW_NAME_KEY, max_chars=200)
        rename_col.button(
            "Rename",
            key="lib_rename",
            icon=":material/edit:",
            on_click=_rename,
            args=(entry,),
            width="stretch",
        )
    else:
        st.caption("Shared with you read-only: load it, or save a copy under your own name.")
    library_panels.sharing(entry)
    library_panels.history(entry)
    library_panels.delete_controls(entry)


def _saved_section(library: ScenarioLibrary) -> None:
    st.subheader("Saved scenarios", divider="gray")
    actor = identity.current_actor()
    entries = library.entries(actor)
    if not entries:
        st.info("Nothing saved yet.")
        return
    _table(entries, actor.user)
    by_id = {e.id: e for e in entries}
    if st.session_state.get(CHOICE_KEY) not in by_id:
        st.session_state[CHOICE_KEY] = entries[0].id

    def label(ident: int) -> str:
        entry = by_id[ident]
        return entry.name if entry.owner == actor.user else f"{entry.name} (from {entry.owner})"

    chosen = by_id[st.selectbox("Scenario", list(by_id), format_func=label, key=CHOICE_KEY)]
    _actions(chosen)


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
        library_panels.recently_deleted()
        library_panels.activity()
    except SQLAlchemyError:
        # The details (host, path, driver message) go to the server's log, never to the page.
        LOG.exception("the scenario library's database cannot be used")
        st.error(
            "The scenario library is unavailable right now. Whoever runs this server can"
            " find the reason in its log."
        )
    _files_section()


render()
