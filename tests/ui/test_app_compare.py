"""The compare page: scenarios side by side, their rankings, decisive factors and differences."""

from __future__ import annotations

from app_support import main_text, open_page, rerun, seen

from engine import recommend
from ui.app.presenters.compare import SHORT_LABEL, short_labels


def test_compare_shows_both_scenarios_side_by_side(app, demo, demo_rec):
    change = demo_rec.what_if[0]
    open_page(app, "questionnaire")
    app.selectbox(key=f"q_{change.factor}").set_value(change.alternative)
    rerun(app)
    open_page(app, "compare")
    app.multiselect(key="compare_choices").set_value(["current", "demo"])
    rerun(app)
    changed = recommend(demo.with_factors(**{change.factor: change.alternative}), robustness=False)
    text = main_text(app)
    assert f"#### {changed.recommendation_name}" in text
    assert f"#### {demo_rec.recommendation_name}" in text
    ranking = app.main.dataframe[0].value
    assert list(ranking.columns) == ["Current scenario", "Demo scenario"]
    assert ranking.loc[demo_rec.recommendation_name, "Demo scenario"].startswith("1. ")
    assert ranking.loc[changed.recommendation_name, "Current scenario"].startswith("1. ")
    differences = app.main.table[0].value
    assert list(differences["Factor"]) == [demo_rec.what_if[0].label]
    assert "Decisive factors: " in text


def test_compare_starts_with_the_current_scenario_and_one_other(app):
    open_page(app, "compare")
    choices = app.multiselect(key="compare_choices").value
    assert choices[0] == "current" and len(choices) == 2


def test_compare_needs_two_scenarios(app):
    open_page(app, "compare")
    app.multiselect(key="compare_choices").set_value(["current"])
    rerun(app)
    assert any("at least two" in i.value for i in app.info)


def test_saved_scenarios_can_be_compared(app):
    open_page(app, "library")
    app.text_input(key="lib_save_name").input("Saved copy")
    app.button(key="lib_save").click()
    rerun(app)
    open_page(app, "compare")
    assert "Saved: Saved copy" in app.multiselect(key="compare_choices").options
    app.multiselect(key="compare_choices").set_value(["demo", "saved:1"])
    rerun(app)
    assert "The scenarios give the same answers." in main_text(app)


def test_long_case_titles_get_short_column_titles_and_the_full_title_on_the_card(app, kb):
    case = max(kb.cases.values(), key=lambda c: len(c.title))
    open_page(app, "compare")
    app.multiselect(key="compare_choices").set_value(["current", f"case:{case.id}"])
    rerun(app)
    columns = list(app.main.dataframe[0].value.columns)
    assert columns[0] == "Current scenario"
    assert columns[1].endswith("…") and len(columns[1]) <= SHORT_LABEL + 1
    assert f"Case: {case.title}".startswith(columns[1].removesuffix("…"))
    captions = [seen(str(c.value)) for c in app.main.caption]
    assert f"Case: {case.title}" in captions


def test_short_labels_stay_apart_when_two_names_cut_alike():
    long = "Case: " + "word " * 10
    titles = short_labels([long + "one", long + "two"])
    assert len(set(titles.values())) == 2
