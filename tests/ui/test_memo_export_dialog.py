"""The app's memo export dialog and its governance tab, driven with Streamlit's AppTest."""

from __future__ import annotations

from app_support import main_text, rerun

from ui.memo import NOTES_MAX


def test_the_export_dialog_offers_length_page_size_and_notes(app):
    radios = {r.key: r for r in app.main.radio}
    assert radios["memo_length"].options[0].startswith("Brief")
    assert radios["memo_length"].value == "full"
    assert list(radios["memo_page_size"].options) == ["A4", "Letter"]
    notes = next(t for t in app.main.text_area if t.key == "memo_notes")
    assert notes.max_chars == NOTES_MAX


def test_every_download_of_one_memo_carries_one_generation_time(app):
    first = dict(app.session_state["memo_times"])
    next(t for t in app.main.text_area if t.key == "memo_notes").input("Board on 5 May.")
    rerun(app)
    next(r for r in app.main.radio if r.key == "memo_page_size").set_value("Letter")
    rerun(app)
    assert app.session_state["memo_times"] == first
    assert len(first) == 1


def test_the_governance_tab_shows_what_the_deals_scope_adds(app, demo_rec):
    text = main_text(app).replace("\\", "")
    assert "What this deal's scope adds" in text
    for module in demo_rec.governance.modules:
        assert module.because in text
        assert module.workstreams[0].title in text
    titles = {e.label for e in app.main.expander}
    assert {m.title for m in demo_rec.governance.modules} <= titles
