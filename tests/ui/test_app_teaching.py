"""Teaching: two forms on the trade-off axes, tipping points, classroom mode, the handout."""

from __future__ import annotations

from app_support import main_text, open_page, rerun, seen

from engine import recommend, scenario_from_data
from ui.app.handout import handout_html
from ui.app.presenters.teaching import case_answers, tipping_points, with_toggles
from ui.app.questions import build_questions


def _trade_offs(app):
    return open_page(app, "trade_offs")


def test_two_forms_can_be_highlighted_at_once(app, demo_rec):
    at = _trade_offs(app)
    assert at.selectbox(key="tradeoff_highlight").value == demo_rec.recommendation
    assert at.selectbox(key="tradeoff_second").value == demo_rec.ranking[1].form


def test_tipping_points_offer_one_toggle_per_answer_that_tips_the_pair(app, kb, demo, questions):
    at = _trade_offs(app)
    rec = recommend(demo)
    pair = (rec.recommendation, rec.ranking[1].form)
    toggles = tipping_points(kb, rec, questions, pair)
    assert toggles
    keys = [t.key for t in at.toggle if t.key.startswith("tip_")]
    assert keys == [f"tip_{t.factor}" for t in toggles]


def test_switching_a_tipping_point_on_shows_the_ranking_after_it(app, kb, demo, questions):
    at = _trade_offs(app)
    rec = recommend(demo)
    pair = (rec.recommendation, rec.ranking[1].form)
    toggle = tipping_points(kb, rec, questions, pair)[0]
    at.toggle(key=f"tip_{toggle.factor}").set_value(True)
    rerun(at)
    after = recommend(with_toggles(demo, [toggle]))
    assert f"first overall: {after.recommendation_name}" in seen(main_text(at))
    assert after.recommendation_name == toggle.leads_to


def test_classroom_mode_hides_the_answers_until_the_class_predicts(app):
    at = _trade_offs(app)
    at.toggle(key="classroom_mode").set_value(True)
    rerun(at)
    assert not [m for m in at.main.metric if m.label == "An expert would choose"]
    assert at.button(key="case_reveal").disabled
    case_id = at.selectbox(key="case_choice").value
    at.radio(key=f"case_prediction_{case_id}").set_value("joint_venture")
    rerun(at)
    at.button(key="case_reveal").click()
    rerun(at)
    text = main_text(at)
    assert "The class predicted **Joint venture**." in text
    assert "An experienced executive would choose" in text
    assert "%" not in "\n".join(str(m.value) for m in at.main.markdown if "advisor" in m.value)


def test_classroom_mode_shows_no_probabilities_in_the_tipping_points(app, demo_rec):
    at = _trade_offs(app)
    at.toggle(key="classroom_mode").set_value(True)
    rerun(at)
    open_page(at, "recommendation")  # the tipping points wait for the class's reveal
    (choice,) = [r for r in at.main.radio if r.label == "The class expects"]
    choice.set_value(demo_rec.recommendation)
    rerun(at)
    at.button(key="classroom_reveal").click()
    rerun(at)
    at = _trade_offs(at)
    standing = [str(m.value) for m in at.main.markdown if str(m.value).startswith("**Now:**")]
    assert standing and "%" not in standing[0]


def test_the_handout_holds_the_case_and_hides_the_answer_below_the_fold(kb):
    case = next(iter(kb.cases.values()))
    answers = case_answers(build_questions(kb), case.scenario)
    advised = recommend(scenario_from_data(case.scenario, case.id), analyses=False)
    page = handout_html(kb, case.id, answers, advised.recommendation)
    assert page.startswith("<!doctype html>")
    assert (
        page.index("For the class")
        < page.index("class='fold'")
        < page.index("An experienced executive would choose")
    )
    assert answers and answers[0][0] in page


def test_the_handout_escapes_the_cases_text(kb):
    case = next(iter(kb.cases.values()))
    page = handout_html(kb, case.id, [("Partner", "<script>alert(1)</script>")], None)
    assert "<script>" not in page
    assert "&lt;script&gt;" in page


def test_a_case_offers_its_handout_for_download(app):
    at = _trade_offs(app)
    assert at.main.get("download_button")
