"""Process-wide handles shared by every session: the scenario library's database."""

from __future__ import annotations

import streamlit as st

from ui.store.database import default_url
from ui.store.library import ScenarioLibrary


@st.cache_resource(show_spinner=False)
def _library(url: str) -> ScenarioLibrary:
    return ScenarioLibrary(url)


def library() -> ScenarioLibrary:
    """The scenario library at the configured URL, opened (and migrated) once per process.

    A SQLAlchemy engine is a thread-safe connection pool, so sessions may share it.
    """
    return _library(default_url())


__all__ = ["library"]
