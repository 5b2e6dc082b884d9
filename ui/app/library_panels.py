"""The library page's panels for one chosen scenario: sharing, history, deleting and undo.

Each panel calls the store with the session's actor; the store decides what is allowed, and
a refusal comes back as a ``LibraryError`` that is shown in words. User text (names, user
and team names) is always shown as text.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ui.app import identity, resources, state
from ui.app.user_text import as_text
from ui.store.access import Access
from ui.store.library import LibraryError
from ui.store.records import Entry

CONFIRM_KEY = "_lib_confirm_delete"
LOADED_KEY = "_lib_loaded"


def remember(entry: Entry) -> None:
    """Note that the session's scenario is this entry at this version (for conflict checks)."""
    st.session_state[LOADED_KEY] = (entry.id, entry.version, entry.name)


def loaded() -> tuple[int, int, str] | None:
    """The entry (id, version, name) the session's scenario was last loaded or saved as."""
    found: tuple[int, int, str] | None = st.session_state.get(LOADED_KEY)
    return found


def _ask_delete(entry: Entry) -> None:
    st.session_state[CONFIRM_KEY] = entry.id


def _cancel_delete() -> None:
    st.session_state.pop(CONFIRM_KEY, None)


def _delete(entry: Entry) -> None:
    st.session_state.pop(CONFIRM_KEY, None)
    try:
        resources.library().delete(identity.current_actor(), entry.id)
    except LibraryError as exc:
        state.flash("error", f"Not deleted: {as_text(str(exc))}.")
    else:
        minutes = int(resources.library().undo_window.total_seconds() // 60)
        state.flash(
            "success",
            f"“{as_text(entry.name)}” is deleted. You can bring it back for {minutes} minutes"
            " under “Recently deleted”.",
        )


def _undo(entry: Entry) -> None:
    try:
        resources.library().undo_delete(identity.current_actor(), entry.id)
    except LibraryError as exc:
        state.flash("error", f"Not brought back: {as_text(str(exc))}.")
    else:
        state.flash("success", f"“{as_text(entry.name)}” is back.")


def delete_controls(entry: Entry) -> None:
    """A delete button that asks for confirmation first (owners only)."""
    if entry.access < Access.OWNER:
        return
    if st.session_state.get(CONFIRM_KEY) != entry.id:
        st.button(
            "Delete…",
            key="lib_delete",
            icon=":material/delete:",
            on_click=_ask_delete,
            args=(entry,),
        )
        return
    with st.container(border=True):
        st.warning(f"Delete “{as_text(entry.name)}”? You can undo this for a while.")
        yes, no = st.columns(2)
        yes.button(
            "Yes, delete",
            key="lib_delete_confirm",
            on_click=_delete,
            args=(entry,),
            type="primary",
            width="stretch",
        )
        no.button("Cancel", key="lib_delete_cancel", on_click=_cancel_delete, width="stretch")


def recently_deleted() -> None:
    """The user's deletions that can still be undone, each with an Undo button."""
    gone = resources.library().deleted(identity.current_actor())
    if not gone:
        return
    st.subheader("Recently deleted", divider="gray")
    for entry in gone:
        name_col, button_col = st.columns([4, 1], vertical_alignment="center")
        name_col.text(entry.name)
        button_col.button(
            "Undo",
            key=f"lib_undo_{entry.id}",
            icon=":material/undo:",
            on_click=_undo,
            args=(entry,),
            width="stretch",
        )


def _share(entry: Entry) -> None:
    kind = "team" if st.session_state.get("lib_share_kind") == "Team" else "user"
    grantee = st.session_state.get("lib_share_name", "")
    can_edit = bool(st.session_state.get("lib_share_edit"))
    try:
        resources.library().share(
            identity.current_actor(), entry.id, kind, grantee, can_edit=can_edit
        )
    except LibraryError as exc:
        state.flash("error", f"Not shared: {as_text(str(exc))}.")
    else:
        right = "edit" if can_edit else "read"
        state.flash(
            "success",
            f"“{as_text(entry.name)}” is shared with {kind} {as_text(grantee)} ({right}).",
        )


def _unshare(entry: Entry, kind: str, grantee: str) -> None:
    try:
        resources.library().unshare(identity.current_actor(), entry.id, kind, grantee)
    except LibraryError as exc:
        state.flash("error", f"Not changed: {as_text(str(exc))}.")
    else:
        state.flash("success", f"{kind.title()} {as_text(grantee)} no longer has access.")


def sharing(entry: Entry) -> None:
    """Who the chosen scenario is shared with, and a form to share it (owners only)."""
    if entry.access < Access.OWNER:
        return
    with st.expander("Sharing", icon=":material/share:"):
        current = resources.library().shares(identity.current_actor(), entry.id)
        if not current:
            st.caption("Private: only you can see it.")
        for number, grant in enumerate(current):
            who_col, button_col = st.columns([4, 1], vertical_alignment="center")
            right = "can edit" if grant.can_edit else "read only"
            who_col.text(f"{grant.kind} {grant.grantee} · {right}")
            button_col.button(
                "Remove",
                key=f"lib_unshare_{number}",
                on_click=_unshare,
                args=(entry, grant.kind, grant.grantee),
                width="stretch",
            )
        kind_col, name_col, edit_col, button_col = st.columns(
            [1.2, 3, 1.2, 1], vertical_alignment="bottom"
        )
        kind_col.selectbox("Share with", ["User", "Team"], key="lib_share_kind")
        name_col.text_input("User e-mail or team name", key="lib_share_name", max_chars=320)
        edit_col.checkbox("Can edit", key="lib_share_edit")
        button_col.button("Share", key="lib_share", on_click=_share, args=(entry,))


def _restore(entry: Entry) -> None:
    version = st.session_state.get("lib_version")
    try:
        restored = resources.library().restore(
            identity.current_actor(), entry.id, int(version or 0), expected_version=entry.version
        )
    except LibraryError as exc:
        state.flash("error", f"Not restored: {as_text(str(exc))}.")
    else:
        state.flash(
            "success",
            f"Version {version} of “{as_text(restored.name)}” is now version {restored.version}.",
        )


def history(entry: Entry) -> None:
    """Every saved version of the chosen scenario; editors may restore one."""
    with st.expander("History", icon=":material/history:"):
        versions = resources.library().history(identity.current_actor(), entry.id)
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        "Version": v.version,
                        "Name": v.name,
                        "Saved": v.saved_at.strftime("%Y-%m-%d %H:%M"),
                        "By": v.saved_by,
                    }
                    for v in versions
                ]
            ),
            hide_index=True,
            width="stretch",
        )
        if entry.access >= Access.EDIT and len(versions) > 1:
            pick_col, button_col = st.columns([3, 1], vertical_alignment="bottom")
            pick_col.selectbox("Version", [v.version for v in versions[1:]], key="lib_version")
            button_col.button(
                "Restore",
                key="lib_restore",
                icon=":material/restore:",
                on_click=_restore,
                args=(entry,),
                width="stretch",
            )


def activity(limit: int = 50) -> None:
    """The latest lines of the audit log the user may see (theirs, and all on their scenarios)."""
    events = resources.library().audit(identity.current_actor())[-limit:]
    if not events:
        return
    with st.expander("Activity", icon=":material/manage_history:"):
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        "When": e.at.strftime("%Y-%m-%d %H:%M"),
                        "Who": e.actor,
                        "What": e.action,
                        "Outcome": e.outcome,
                        "Detail": e.detail,
                    }
                    for e in reversed(events)
                ]
            ),
            hide_index=True,
            width="stretch",
        )


__all__ = [
    "activity",
    "delete_controls",
    "history",
    "loaded",
    "recently_deleted",
    "remember",
    "sharing",
]
