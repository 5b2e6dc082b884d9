"""The recommendation page: ranking, confidence, explanations, what-if and downloads."""

from __future__ import annotations

import pytest
from app_support import first_place, main_text, rerun, url_document

from engine import recommend


def test_demo_opens_on_its_recommendation(app, demo_rec):
    assert first_place(app) == demo_rec.recommendation_name
    text = main_text(app)
    assert f"## {demo_rec.recommendation_name}" in text
    assert demo_rec.confidence_notes[0] in text
    assert url_document(app)["name"] == demo_rec.scenario_name


def test_ranking_lists_all_five_forms_in_the_engines_order(app, demo_rec):
    table = app.main.dataframe[0].value
    assert list(table["Form"]) == [item.name for item in demo_rec.ranking]
    assert list(table["Probability"]) == [f"{item.score:.0%}" for item in demo_rec.ranking]


def test_confidence_is_shown_in_words_and_numbers(app, demo_rec):
    metric = next(m for m in app.main.metric if m.label == "Confidence")
    assert metric.value == demo_rec.confidence_label.capitalize()
    assert metric.delta == f"{demo_rec.confidence:.0%}"


def test_the_sidebar_ranking_gives_probabilities_as_percentages(app, demo_rec):
    captions = "\n".join(str(c.value) for c in app.sidebar.caption)
    first = demo_rec.ranking[0]
    assert f"1. {first.name} · {first.score:.0%}" in captions


def test_why_walks_through_the_stages_before_the_rules(app, demo_rec):
    text = main_text(app).replace("\\", "")
    heading = f"How the advisor reached {demo_rec.recommendation_name}, stage by stage"
    assert heading in text
    for number, stage in enumerate(demo_rec.stages, start=1):
        assert f"**{number}. {stage.title}** — **{stage.answer}**: {stage.meaning}" in text
    assert text.index(heading) < text.index(f"All {len(demo_rec.fired_rules)} rules that fired")


def test_why_lists_the_reasons_of_the_fired_rules(app, demo_rec):
    text = main_text(app)
    for rule in demo_rec.fired_rules:
        assert rule.title in text


def test_why_not_has_one_section_per_alternative(app, demo_rec):
    labels = [e.label for e in app.main.expander]
    for item in demo_rec.why_not:
        assert any(label.startswith(f"{item.name} — {item.score:.0%}, ") for label in labels)


def test_derivation_graph_is_drawn(app):
    assert len(app.main.get("graphviz_chart")) == 1


def test_what_if_panel_shows_the_new_first_place_beside_the_old(app, demo, demo_rec):
    change = demo_rec.what_if[0]
    app.selectbox(key="whatif_factor").set_value(change.factor)
    rerun(app)
    app.selectbox(key=f"whatif_value_{change.factor}").set_value(change.alternative)
    rerun(app)
    expected = recommend(demo.with_factors(**{change.factor: change.alternative}), robustness=False)
    assert expected.recommendation == change.recommendation
    assert any(expected.recommendation_name in w.value for w in app.main.warning)
    before, after = [
        d.value
        for d in app.main.dataframe
        if list(d.value.columns) == ["Place", "Form", "Probability"]
    ]
    assert before["Form"].iloc[0] == demo_rec.recommendation_name
    assert after["Form"].iloc[0] == expected.recommendation_name
    assert first_place(app) == demo_rec.recommendation_name  # only a what-if: nothing applied


def test_applying_a_what_if_changes_the_scenario(app, demo_rec):
    change = demo_rec.what_if[0]
    app.selectbox(key="whatif_factor").set_value(change.factor)
    rerun(app)
    app.selectbox(key=f"whatif_value_{change.factor}").set_value(change.alternative)
    rerun(app)
    app.button(key="whatif_apply").click()
    rerun(app)
    assert url_document(app)["factors"][change.factor] == change.alternative
    assert first_place(app) != demo_rec.recommendation_name


def test_robustness_is_computed_on_request(app):
    app.button(key="sidebar_blank").click()
    rerun(app)
    app.toggle(key="robustness_on").set_value(True)
    rerun(app)
    assert any("completions" in c.value for c in app.main.caption)


def test_memo_buttons_follow_the_renderer(app):
    from ui.app.downloads import memo_renderer

    keys = {b.key for b in app.main.get("download_button")}
    assert "download_recommendation" in keys
    assert {"download_scenario_yaml", "download_scenario_json"} <= keys
    if memo_renderer() is None:
        assert any("memo renderer" in i.value for i in app.main.info)
    else:
        assert {"memo_markdown", "memo_docx", "memo_pdf"} <= keys


@pytest.mark.parametrize("form_index", [0, 2])
def test_graph_can_focus_on_one_form(app, demo_rec, form_index):
    form = demo_rec.ranking[form_index].form
    app.selectbox(key="graph_focus").set_value(form)
    rerun(app)
    assert not app.exception
