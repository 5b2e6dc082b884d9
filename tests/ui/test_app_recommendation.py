"""The recommendation page: ranking, confidence, explanations, what-if and downloads."""

from __future__ import annotations

import pytest
from app_support import first_place, main_text, rerun, seen, url_document

from engine import Recommendation, contrast_drivers, pair_contrast, recommend


def _fired(rec: Recommendation) -> list[str]:
    return [rule.id for rule in rec.fired_rules]


def app_rec(app) -> Recommendation:
    """The recommendation the app shows (the demo's, as the engine gives it)."""
    from engine import scenario_from_data
    from ui.app.state import decode_document

    return recommend(scenario_from_data(decode_document(app.query_params["s"]), "app"))


def _choose_what_if(app, change) -> None:
    """Pick a what-if change's question and then its alternative answer, as a user does."""
    app.selectbox(key="whatif_factor").set_value(change.factor)
    rerun(app)
    app.selectbox(key=f"whatif_value_{change.factor}").set_value(change.alternative)
    rerun(app)


def test_demo_opens_on_its_recommendation(app, demo_rec):
    assert first_place(app) == demo_rec.recommendation_name
    text = seen(main_text(app))
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


def test_the_headline_says_how_sure_what_decides_and_what_would_change_it(app, demo):
    rec = recommend(demo)
    text = main_text(app).replace("\\", "")
    share = rec.robustness.share_first[rec.recommendation]
    assert f"**How sure:** {rec.confidence_label.capitalize()} confidence" in text
    assert f"{share:.0%} of the ways the" in text
    assert "**What decides it:**" in text
    assert "**What would change it:**" in text


def test_the_drivers_tab_draws_a_contribution_chart_per_pushed_contrast_and_the_pair(app, kb):
    pushed = [v for v in contrast_drivers(kb, _fired(app_rec(app))) if v.drivers]
    charts = app.tabs[0].get("vega_lite_chart")
    assert len(charts) == len(pushed) + 1
    assert "Contrast two forms: what separates them here" in main_text(app)


def test_each_rule_that_pushes_is_named_once_under_the_stages(app, kb, demo_rec):
    stage_text = "\n".join(
        str(m.value)
        for m in app.tabs[0].markdown
        if str(m.value).startswith(("- The usual lean", "- Nothing in the answers"))
    ).replace("\\", "")
    pushing = {
        share.rule.id
        for view in contrast_drivers(kb, _fired(demo_rec))
        for driver in view.drivers
        for share in driver.rules
    }
    assert pushing
    for rule in demo_rec.fired_rules:
        expected = 1 if rule.id in pushing else 0
        assert stage_text.count(f"  - {rule.title} (") == expected, rule.id


def test_the_pair_view_separates_the_chosen_forms(app, kb, demo_rec):
    app.selectbox(key="pair_first").set_value("joint_venture")
    app.selectbox(key="pair_second").set_value("equity_alliance")
    rerun(app)
    pair = pair_contrast(kb, _fired(demo_rec), "joint_venture", "equity_alliance")
    text = main_text(app).replace("\\", "")
    for driver in pair.drivers:
        assert f"- **{driver.title}** favours" in text


def test_picking_the_same_form_twice_asks_for_two_different_forms(app):
    app.selectbox(key="pair_first").set_value("joint_venture")
    app.selectbox(key="pair_second").set_value("joint_venture")
    rerun(app)
    assert any("two different forms" in i.value for i in app.main.info)


def test_why_lists_the_reasons_of_the_fired_rules(app, demo_rec):
    text = seen(main_text(app))
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
    _choose_what_if(app, change)
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
    _choose_what_if(app, change)
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


def _two_changes(kb, demo_rec):
    from ui.app.presenters.next_steps import realistic_changes

    changes = realistic_changes(kb, demo_rec)
    first = changes[0]
    second = next(c for c in changes if c.factor != first.factor)
    return first, second


def test_several_what_if_answers_combine(app, kb, demo, demo_rec):
    first, second = _two_changes(kb, demo_rec)
    _choose_what_if(app, first)
    app.button(key="whatif_keep").click()
    rerun(app)
    _choose_what_if(app, second)
    assert "**Also changed**" in main_text(app)
    both = recommend(
        demo.with_factors(**{first.factor: first.alternative, second.factor: second.alternative})
    )
    after = [
        d.value
        for d in app.main.dataframe
        if list(d.value.columns) == ["Place", "Form", "Probability"]
    ][1]
    assert list(after["Form"]) == [item.name for item in both.ranking]
    app.button(key="whatif_apply").click()
    rerun(app)
    factors = url_document(app)["factors"]
    assert factors[first.factor] == first.alternative
    assert factors[second.factor] == second.alternative


def test_using_a_what_if_answer_keeps_the_what_if_tab_open(app, kb, demo_rec):
    first, _ = _two_changes(kb, demo_rec)
    _choose_what_if(app, first)
    app.session_state["recommendation_tab"] = "What if"
    app.button(key="whatif_apply").click()
    rerun(app)
    assert app.session_state["recommendation_tab"] == "What if"
    assert any("changed answers" in s.value for s in app.main.success)


def test_the_current_answer_itself_cannot_be_kept_or_used_as_a_change(app):
    assert app.button(key="whatif_keep").disabled
    assert app.button(key="whatif_apply").disabled


def _outside_the_audit_record(app) -> str:
    from collections import Counter

    from ui.app.tabs.reasons import RECORD_TITLE

    every = Counter(str(m.value) for m in app.main.markdown)
    (record,) = [e for e in app.main.expander if e.label.startswith(RECORD_TITLE)]
    every.subtract(Counter(str(m.value) for m in record.markdown))
    labels = [e.label for e in app.main.expander]
    return "\n".join([*every.elements(), *labels]).replace("\\", "")


def test_a_fired_rule_is_named_at_most_once_outside_the_audit_record(app, demo_rec):
    text = _outside_the_audit_record(app)
    for rule in demo_rec.fired_rules:
        assert text.count(rule.title) <= 1, rule.id


def test_the_audit_record_lists_every_fired_rule_collapsed(app, demo_rec):
    from ui.app.tabs.reasons import RECORD_TITLE

    (record,) = [e for e in app.main.expander if e.label.startswith(RECORD_TITLE)]
    text = "\n".join(str(m.value) for m in record.markdown).replace("\\", "")
    assert all(rule.title in text for rule in demo_rec.fired_rules)
    assert not record.proto.expanded
