"""The library page: save, reload, rename, delete; uploads and downloads."""

from __future__ import annotations

import yaml
from app_support import main_text, open_page, rerun, start_app, url_document

from engine import dump_scenario
from ui.store.library import ScenarioLibrary


def save_current(at, name: str):
    open_page(at, "library")
    at.text_input(key="lib_save_name").input(name)
    at.button(key="lib_save").click()
    return rerun(at)


def test_save_then_reload_round_trips(app, library_url, demo):
    save_current(app, "Cardiac pilot")
    assert "Saved as “Cardiac pilot”" in main_text(app)
    open_page(app, "questionnaire")
    app.selectbox(key="q_trust").set_value("high")
    rerun(app)
    assert url_document(app)["factors"]["trust"] == "high"
    open_page(app, "library")
    app.selectbox(key="lib_choice").set_value("Cardiac pilot")
    app.button(key="lib_load").click()
    rerun(app)
    assert url_document(app) == demo.to_document()
    open_page(app, "questionnaire")
    assert app.selectbox(key="q_trust").value == demo.factors.trust


def test_saved_scenarios_survive_a_restart(app, library_url, demo):
    save_current(app, "Kept")
    again = start_app()
    open_page(again, "library")
    assert again.selectbox(key="lib_choice").options == ["Kept"]
    assert ScenarioLibrary(library_url).load("Kept") == demo


def test_a_taken_name_is_refused_unless_replacing(app, library_url):
    save_current(app, "Twice")
    save_current(app, "Twice")
    assert any("already saved" in e.value for e in app.error)
    app.checkbox(key="lib_replace").check()
    app.button(key="lib_save").click()
    rerun(app)
    assert "Saved as “Twice”" in main_text(app)
    assert ScenarioLibrary(library_url).names() == ["Twice"]


def test_rename_and_delete(app, library_url):
    save_current(app, "First name")
    app.text_input(key="lib_new_name").input("Second name")
    app.button(key="lib_rename").click()
    rerun(app)
    assert ScenarioLibrary(library_url).names() == ["Second name"]
    assert app.selectbox(key="lib_choice").value == "Second name"
    app.button(key="lib_delete").click()
    rerun(app)
    assert ScenarioLibrary(library_url).names() == []
    assert any("Nothing saved yet" in i.value for i in app.info)


def test_a_bad_upload_lists_each_problem_and_changes_nothing(app, library_url):
    save_current(app, "Existing")
    before = url_document(app)
    bad = yaml.safe_dump(
        {
            "schema_version": 1,
            "factors": {"trust": "total", "synergy": "modular", "partner_count": 1},
        }
    ).encode()
    app.file_uploader(key="lib_upload").upload("bad.yaml", bad, "application/yaml")
    rerun(app)
    assert any("“bad.yaml” was not loaded: 3 problems" in e.value for e in app.error)
    problems = next(d.value for d in app.main.dataframe if "Field" in d.value.columns)
    assert sorted(problems["Field"]) == [
        "factors.partner_count",
        "factors.synergy",
        "factors.trust",
    ]
    assert "synergy_type" in set(problems["Did you mean"])
    assert url_document(app) == before
    assert ScenarioLibrary(library_url).names() == ["Existing"]


def test_an_unparseable_upload_is_reported(app, library_url):
    open_page(app, "library")
    app.file_uploader(key="lib_upload").upload("broken.json", b"{not json", "application/json")
    rerun(app)
    assert any("“broken.json” was not loaded" in e.value for e in app.error)
    assert ScenarioLibrary(library_url).names() == []


def test_a_good_upload_becomes_current_and_is_saved(app, library_url, demo):
    changed = demo.with_factors(trust="low").model_copy(update={"name": "Uploaded case"})
    open_page(app, "library")
    app.file_uploader(key="lib_upload").upload(
        "case.json", dump_scenario(changed, json_format=True).encode(), "application/json"
    )
    rerun(app)
    assert url_document(app)["factors"]["trust"] == "low"
    assert ScenarioLibrary(library_url).names() == ["Uploaded case"]
    assert "Saved in the library as “Uploaded case”" in main_text(app)


def test_current_scenario_can_be_downloaded(app):
    open_page(app, "library")
    keys = {b.key for b in app.main.get("download_button")}
    assert {"lib_current_yaml", "lib_current_json"} <= keys
