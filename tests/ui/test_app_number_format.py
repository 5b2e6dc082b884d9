"""One number format: the app writes percentages and signed pushes through ui.numbers."""

from __future__ import annotations

import re
from pathlib import Path

from app_support import main_text, open_page, sidebar_text

from ui.numbers import percent

APP = Path(__file__).resolve().parents[2] / "ui" / "app"
# A Python format spec for a percentage or a signed decimal inside an f-string field.
OWN_FORMAT = re.compile(r"\{[^{}\"']+:\+?\.\d[%f]\}")


def test_no_page_formats_a_percentage_or_a_signed_push_itself():
    offenders = [
        f"{path.relative_to(APP)}:{number}"
        for path in sorted(APP.rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if OWN_FORMAT.search(line) and "error_bound" not in line
    ]
    assert offenders == []


def test_compare_card_and_sidebar_write_the_confidence_alike(app, demo_rec):
    open_page(app, "compare")
    shown = percent(demo_rec.confidence)
    assert f"({shown})" in main_text(app)
    assert any(f"({shown})" in str(p.proto.text) for p in app.sidebar.get("progress"))
    assert demo_rec.recommendation_name in sidebar_text(app)
