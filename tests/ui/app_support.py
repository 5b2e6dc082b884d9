"""Helpers for driving the app with Streamlit's AppTest."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from streamlit.testing.v1 import AppTest

from engine import Recommendation
from ui.app.state import decode_document
from ui.app.user_text import JOINER

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "ui" / "app" / "streamlit_app.py"
TIMEOUT = 30  # the first run compiles the rules


def _check(at: AppTest) -> AppTest:
    assert not at.exception, [e.value for e in at.exception]
    return at


def start_app(
    query_params: dict[str, str] | None = None, page: str | None = "recommendation"
) -> AppTest:
    """A fresh session of the app, run once on ``views/<page>.py`` (``None``: the first screen).

    Most tests start on the recommendation, as a shared link to it would.
    """
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    if query_params:
        at.query_params.update(query_params)
    if page is not None:
        at.switch_page(f"views/{page}.py")
    return _check(at.run())


def open_page(at: AppTest, name: str) -> AppTest:
    """Switch to ``ui/app/views/<name>.py`` and run."""
    return _check(at.switch_page(f"views/{name}.py").run())


def rerun(at: AppTest) -> AppTest:
    """Run again (after changing a widget), failing on any exception."""
    return _check(at.run())


def sidebar_text(at: AppTest) -> str:
    """All Markdown text in the sidebar."""
    return "\n".join(str(m.value) for m in at.sidebar.markdown)


def main_text(at: AppTest) -> str:
    """The text of the main area's Markdown, alerts, captions and titles."""
    parts: list[str] = []
    for kind in (
        "markdown",
        "error",
        "warning",
        "success",
        "info",
        "caption",
        "title",
        "subheader",
    ):
        parts += [str(e.value) for e in getattr(at.main, kind)]
    return "\n".join(parts)


def url_document(at: AppTest) -> dict[str, Any]:
    """The scenario document the page address holds."""
    return decode_document(at.query_params["s"])


def first_place(at: AppTest) -> str:
    """The recommended form's name as the sidebar shows it."""
    heads = [str(m.value) for m in at.sidebar.markdown if str(m.value).startswith("### ")]
    assert heads, sidebar_text(at)
    return heads[0].removeprefix("### ")


def revised(rec: Recommendation, **fields: Any) -> Recommendation:
    """``rec`` with some fields replaced (given as plain data), validated like the original."""
    return Recommendation.model_validate({**rec.model_dump(), **fields})


def seen(markdown: str) -> str:
    """What a reader sees of escaped Markdown text: escapes undone, invisible joiners dropped."""
    return re.sub(r"\\(.)", r"\1", markdown).replace(JOINER, "")


def user_text_document(text: str, **changes: Any) -> dict[str, Any]:
    """A valid scenario document with ``text`` as its name, description, focal organisation
    and first partner's name (``changes`` replace top-level keys)."""
    doc: dict[str, Any] = {
        "schema_version": 1,
        "name": text,
        "description": text,
        "focal_organization": text,
        "partners": [{"name": text, "type": "pharma"}, {"name": "Plain", "type": "biotech"}],
        "factors": {"partner_count": 2},
    }
    return {**doc, **changes}
