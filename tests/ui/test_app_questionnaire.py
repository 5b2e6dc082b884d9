"""The questionnaire page: answers, unknowns, quick mode, errors and the page address."""

from __future__ import annotations

from app_support import first_place, main_text, open_page, rerun, seen, start_app, url_document

from engine import recommend
from ui.app.questions import build_questions, value_key
from ui.app.state import encode_document
from ui.app.widgets import FITS


def test_every_factor_has_a_keyed_widget_in_full_mode(app, kb):
    open_page(app, "questionnaire")
    keys = {w.key for w in [*app.selectbox, *app.multiselect, *app.number_input]}
    assert {q.key for q in build_questions(kb)} <= keys


def test_quick_mode_asks_one_question_at_a_time(app, kb):
    open_page(app, "questionnaire")
    app.radio(key="questionnaire_mode").set_value("Quick")
    rerun(app)
    keys = {w.key for w in [*app.selectbox, *app.multiselect, *app.number_input]}
    asked = {q.key for q in build_questions(kb)} & keys
    assert not asked  # the full questionnaire's widgets are not drawn
    assert len([k for k in keys if k.startswith("q_guided_")]) == 1


def test_the_scenario_name_is_capped_at_the_formats_limit(app):
    open_page(app, "questionnaire")
    name = next(w for w in app.text_input if w.key == "q_name")
    assert name.max_chars == 200
    assert "200 characters" in name.help


def test_changing_an_answer_changes_the_ranking_as_the_engine_says(app, demo, demo_rec):
    change = demo_rec.what_if[0]
    expected = recommend(demo.with_factors(**{change.factor: change.alternative}), robustness=False)
    open_page(app, "questionnaire")
    app.selectbox(key=f"q_{change.factor}").set_value(change.alternative)
    rerun(app)
    assert first_place(app) == expected.recommendation_name != demo_rec.recommendation_name
    assert url_document(app)["factors"][change.factor] == change.alternative
    open_page(app, "recommendation")
    ranking = app.main.dataframe[0].value
    assert list(ranking["Form"]) == [item.name for item in expected.ranking]


def test_answers_can_be_made_unknown(app, demo):
    open_page(app, "questionnaire")
    for factor in ("trust", "synergy_type", "equity_restricted"):
        app.selectbox(key=f"q_{factor}").set_value("unknown")
        rerun(app)
    app.multiselect(key="q_scope").set_value([])
    rerun(app)
    app.checkbox(key="q_partner_count_unknown").check()
    rerun(app)
    factors = url_document(app)["factors"]
    assert not {"trust", "synergy_type", "equity_restricted", "scope", "partner_count"} & set(
        factors
    )
    expected = recommend(
        demo.with_factors(
            trust=None, synergy_type=None, equity_restricted=None, scope=None, partner_count=None
        ),
        robustness=False,
    )
    assert first_place(app) == expected.recommendation_name
    assert not app.error


def test_a_blank_scenario_still_gets_a_recommendation(app):
    app.button(key="sidebar_blank").click()
    rerun(app)
    open_page(app, "questionnaire")
    assert all(s.value == "unknown" for s in app.selectbox if s.key.startswith("q_"))
    expected = recommend(load_blank(), robustness=False)
    assert first_place(app) == expected.recommendation_name
    assert "Answering it **could change the first place**" in main_text(app)


def load_blank():
    from engine import scenario_from_data

    return scenario_from_data({"schema_version": 1, "name": "New scenario"})


def test_a_count_disagreeing_with_the_partner_list_is_an_error_that_keeps_the_input(app, demo_rec):
    open_page(app, "questionnaire")
    app.number_input(key="q_partner_count").set_value(5)
    rerun(app)
    errors = "\n".join(e.value for e in app.error)
    assert "disagrees with the 2 partners listed; given 5" in errors
    assert '"market' not in errors  # the whole document is not echoed
    assert app.number_input(key="q_partner_count").value == 5
    assert url_document(app)["factors"]["partner_count"] == 5
    assert first_place(app) == demo_rec.recommendation_name  # the last valid version


def test_why_a_question_is_asked_names_its_rules(app, kb):
    open_page(app, "questionnaire")
    rules = kb.rules_reading_factor["synergy_type"]
    text = main_text(app)
    assert f"Read by {len(rules)} rules" in text
    assert kb.rules_by_id[rules[0]].title in text


def test_scenario_details_are_editable(app):
    open_page(app, "questionnaire")
    app.text_input(key="q_name").input("Oncology data alliance")
    rerun(app)
    assert url_document(app)["name"] == "Oncology data alliance"
    assert "Oncology data alliance" in app.sidebar.markdown[0].value


def test_a_copied_link_reproduces_the_scenario(library_url, demo):
    doc = demo.with_factors(trust="high", scope=["manufacturing"]).to_document()
    at = start_app({"s": encode_document(doc)})
    open_page(at, "questionnaire")
    assert at.selectbox(key="q_trust").value == "high"
    assert at.multiselect(key="q_scope").value == ["manufacturing"]
    assert url_document(at) == doc


def test_an_unreadable_link_shows_an_error_and_the_demo(library_url, demo_rec):
    at = start_app({"s": "not-a-scenario"})
    assert any("could not be read" in e.value for e in at.error)
    assert first_place(at) == demo_rec.recommendation_name


def test_a_link_with_invalid_answers_is_refused_with_its_problems(library_url, demo_rec):
    at = start_app({"s": encode_document({"schema_version": 1, "factors": {"trust": "total"}})})
    errors = seen("\n".join(e.value for e in at.error))
    assert 'factors.trust**: not an allowed value; given "total"' in errors
    assert first_place(at) == demo_rec.recommendation_name


def test_partners_can_be_listed_with_their_types(app, demo):
    open_page(app, "questionnaire")
    app.session_state["q_partners"] = {
        "edited_rows": {},
        "added_rows": [{"name": "Northwind Labs", "type": "academic"}],
        "deleted_rows": [],
    }
    rerun(app)
    partners = url_document(app)["partners"]
    assert partners[-1] == {"name": "Northwind Labs", "type": "academic"}
    assert len(partners) == len(demo.partners) + 1
    errors = "\n".join(e.value for e in app.error)
    assert f"disagrees with the {len(partners)} partners listed" in errors  # count still 2
    app.checkbox(key="q_partner_count_unknown").check()
    rerun(app)
    assert not app.error
    assert url_document(app)["partners"] == partners


def test_browser_back_to_the_previous_address_undoes_the_answer(app, demo, demo_rec):
    change = demo_rec.what_if[0]
    open_page(app, "questionnaire")
    before = app.query_params["s"]
    app.selectbox(key=f"q_{change.factor}").set_value(change.alternative)
    rerun(app)
    assert url_document(app)["factors"][change.factor] == change.alternative
    app.query_params["s"] = before  # what the browser's Back button does to the address
    rerun(app)
    assert app.query_params["s"] == before
    assert first_place(app) == demo_rec.recommendation_name
    assert app.selectbox(key=f"q_{change.factor}").value == change.current


def test_an_answer_too_long_for_its_drop_down_is_repeated_in_full_beneath_it(demo, questions):
    at = start_app(page="questionnaire")
    factors = demo.factor_values()
    long_answers = [
        q
        for q in questions.values()
        if q.kind in ("level", "choice", "boolean")
        and factors.get(q.factor) not in (None, "unknown")
        and len(q.option_label(factors[q.factor])) > FITS
    ]
    assert long_answers
    captions = {seen(str(c.value)) for c in at.main.caption}
    for question in long_answers:
        assert question.meanings[value_key(factors[question.factor])] in captions
