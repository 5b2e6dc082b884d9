"""The library page: save, reload, rename, delete; uploads and downloads."""

from __future__ import annotations

import yaml
from app_support import main_text, open_page, rerun, seen, start_app, url_document

from engine import dump_scenario
from ui.store.access import LOCAL
from ui.store.library import ScenarioLibrary


def names(url: str) -> list[str]:
    library = ScenarioLibrary(url)
    try:
        return sorted(e.name for e in library.entries(LOCAL))
    finally:
        library.close()


def saved_id(url: str, name: str) -> int:
    library = ScenarioLibrary(url)
    try:
        found = library.find(LOCAL, name)
        assert found is not None, name
        return found.id
    finally:
        library.close()


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
    app.selectbox(key="lib_choice").set_value(saved_id(library_url, "Cardiac pilot"))
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
    library = ScenarioLibrary(library_url)
    assert library.load(LOCAL, saved_id(library_url, "Kept")).scenario == demo
    library.close()


def test_a_taken_name_is_refused_unless_replacing(app, library_url):
    save_current(app, "Twice")
    other = start_app()
    save_current(other, "Twice")
    assert any("already saved" in e.value for e in other.error)
    other.checkbox(key="lib_replace").check()
    other.button(key="lib_save").click()
    rerun(other)
    assert "Saved as “Twice” (version 2)" in main_text(other)
    assert names(library_url) == ["Twice"]


def test_rename(app, library_url):
    save_current(app, "First name")
    app.text_input(key="lib_new_name").input("Second name")
    app.button(key="lib_rename").click()
    rerun(app)
    assert names(library_url) == ["Second name"]
    assert app.selectbox(key="lib_choice").value == saved_id(library_url, "Second name")


def test_delete_asks_first_and_can_be_undone(app, library_url):
    save_current(app, "Doomed")
    ident = saved_id(library_url, "Doomed")
    app.button(key="lib_delete").click()
    rerun(app)
    assert any("Delete “Doomed”?" in w.value for w in app.warning)
    app.button(key="lib_delete_cancel").click()
    rerun(app)
    assert names(library_url) == ["Doomed"]
    app.button(key="lib_delete").click()
    rerun(app)
    app.button(key="lib_delete_confirm").click()
    rerun(app)
    assert names(library_url) == []
    assert any("Nothing saved yet" in i.value for i in app.info)
    app.button(key=f"lib_undo_{ident}").click()
    rerun(app)
    assert names(library_url) == ["Doomed"]
    assert "“Doomed” is back" in main_text(app)


def test_saving_a_loaded_scenario_again_makes_a_new_version_with_history(app, library_url):
    save_current(app, "Evolving")
    open_page(app, "questionnaire")
    app.selectbox(key="q_trust").set_value("low")
    rerun(app)
    save_current(app, "Evolving")
    assert "Saved as “Evolving” (version 2)" in main_text(app)
    history = next(
        d.value
        for d in app.main.dataframe
        if "Version" in d.value.columns and "By" in d.value.columns
    )
    assert list(history["Version"]) == [2, 1]


def test_a_save_over_someone_elses_newer_save_is_refused(app, library_url, demo):
    save_current(app, "Contested")
    other = ScenarioLibrary(library_url)
    ident = saved_id(library_url, "Contested")
    other.save(LOCAL, ident, demo.with_factors(trust="low"), expected_version=1)
    other.close()
    save_current(app, "Contested")
    assert any("changed by local" in e.value and "not saved" in e.value for e in app.error)
    library = ScenarioLibrary(library_url)
    assert library.load(LOCAL, ident).scenario.factors.trust == "low"
    library.close()


def test_the_page_never_shows_the_database_location(app, library_url, tmp_path):
    save_current(app, "Anything")
    shown = main_text(app) + "\n".join(str(c.value) for c in app.sidebar.caption)
    assert str(tmp_path) not in shown
    assert "sqlite" not in shown.lower()
    assert "ALLIANCE_ADVISOR_DB_URL" not in shown


def test_without_sign_in_the_sidebar_says_single_local_user(app):
    assert any("Single local user" in str(c.value) for c in app.sidebar.caption)


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
    assert any("“bad\\.yaml” was not loaded: 3 problems" in e.value for e in app.error)
    listed = seen(_problem_list(app))
    for field in ("factors.partner_count", "factors.synergy", "factors.trust"):
        assert f"- **{field}**: " in listed
    assert "Did you mean synergy_type?" in listed
    assert url_document(app) == before
    assert names(library_url) == ["Existing"]


def _problem_list(app) -> str:
    return next(str(m.value) for m in app.main.markdown if str(m.value).startswith("- **"))


def test_an_upload_problem_says_what_is_wrong_allowed_and_given(app, library_url):
    open_page(app, "library")
    bad = b"schema_version: 1\nfactors: {trust: total}\n"
    app.file_uploader(key="lib_upload").upload("bad.yaml", bad, "application/yaml")
    rerun(app)
    assert seen(_problem_list(app)) == (
        "- **factors.trust**: not an allowed value  \n"
        "  Allowed: low, medium, high or unknown  \n"
        '  Given: "total"'
    )


def test_an_unknown_key_is_given_as_a_key_not_allowed(app, library_url):
    open_page(app, "library")
    bad = b"schema_version: 1\nbudget: 3\n"
    app.file_uploader(key="lib_upload").upload("bad.yaml", bad, "application/yaml")
    rerun(app)
    listed = _problem_list(app)
    assert listed.startswith("- **budget**: unknown key")
    assert "Given: (key not allowed)" in listed


def test_a_yaml_syntax_error_names_no_parser_internals(app, library_url):
    open_page(app, "library")
    app.file_uploader(key="lib_upload").upload("bad.yaml", b"a: [1, 2\nb: 3", "application/yaml")
    rerun(app)
    listed = _problem_list(app)
    assert "not valid YAML" in listed and "line 2" in listed
    assert "<unicode string>" not in listed and "unicode" not in listed


def test_a_rejected_upload_clears_the_previous_uploads_banner(app, library_url):
    open_page(app, "library")
    good = b"schema_version: 1\nname: Good\n"
    app.file_uploader(key="lib_upload").upload("good.yaml", good, "application/yaml")
    rerun(app)
    assert [s for s in app.success if "is now the current scenario" in s.value]
    app.file_uploader(key="lib_upload").upload("bad.yaml", b"budget: 3\n", "application/yaml")
    rerun(app)
    assert not app.success
    assert any("“bad\\.yaml” was not loaded" in e.value for e in app.error)


def test_an_unparseable_upload_is_reported(app, library_url):
    open_page(app, "library")
    app.file_uploader(key="lib_upload").upload("broken.json", b"{not json", "application/json")
    rerun(app)
    assert any("“broken\\.json” was not loaded" in e.value for e in app.error)
    assert names(library_url) == []


def test_a_good_upload_becomes_current_and_is_saved(app, library_url, demo):
    changed = demo.with_factors(trust="low").model_copy(update={"name": "Uploaded case"})
    open_page(app, "library")
    app.file_uploader(key="lib_upload").upload(
        "case.json", dump_scenario(changed, json_format=True).encode(), "application/json"
    )
    rerun(app)
    assert url_document(app)["factors"]["trust"] == "low"
    assert names(library_url) == ["Uploaded case"]
    assert "Saved in the library as “Uploaded case”" in main_text(app)


def test_current_scenario_can_be_downloaded(app):
    open_page(app, "library")
    keys = {b.key for b in app.main.get("download_button")}
    assert {"lib_current_yaml", "lib_current_json"} <= keys


def test_showing_the_download_button_is_not_an_export(app, library_url):
    save_current(app, "Listed")
    rerun(app)
    library = ScenarioLibrary(library_url)
    assert [e.action for e in library.audit(LOCAL)] == ["create"]
    library.close()


def test_an_earlier_version_can_be_restored_from_the_history(app, library_url, demo):
    save_current(app, "Revisited")
    open_page(app, "questionnaire")
    app.selectbox(key="q_trust").set_value("low")
    rerun(app)
    save_current(app, "Revisited")
    app.selectbox(key="lib_version").set_value(1)
    app.button(key="lib_restore").click()
    rerun(app)
    assert "Version 1 of “Revisited” is now version 3" in main_text(app)
    library = ScenarioLibrary(library_url)
    assert library.load(LOCAL, saved_id(library_url, "Revisited")).scenario == demo
    library.close()
