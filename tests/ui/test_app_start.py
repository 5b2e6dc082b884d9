"""The first screen: what the advisor is, and three ways in."""

from __future__ import annotations

from app_support import first_place, main_text, rerun, start_app, url_document

from ui.app.views.start import BLANK


def _first_screen():
    return start_app(page=None)


def test_the_first_screen_says_what_the_advisor_is(library_url):
    at = _first_screen()
    assert at.title[0].value == "Alliance Advisor"
    assert "helps a healthcare or life-science leader choose" in main_text(at)


def test_the_first_screen_offers_three_ways_in(library_url):
    at = _first_screen()
    labels = [b.label for b in at.main.button]
    assert labels == ["Start my scenario", "Explore the demo", "Teach with a case"]


def test_exploring_the_demo_opens_its_recommendation(library_url, demo_rec):
    at = _first_screen()
    at.button(key="start_demo").click()
    rerun(at)
    assert at.title[0].value == "Recommendation"
    assert first_place(at) == demo_rec.recommendation_name


def test_starting_my_scenario_opens_the_quick_questions_on_a_blank_scenario(library_url):
    at = _first_screen()
    at.button(key="start_mine").click()
    rerun(at)
    assert at.title[0].value == "Questionnaire"
    assert at.radio(key="questionnaire_mode").value == "Quick"
    assert url_document(at) == BLANK


def test_teaching_with_a_case_opens_the_trade_offs_and_cases(library_url):
    at = _first_screen()
    at.button(key="start_teach").click()
    rerun(at)
    assert at.title[0].value.startswith("Trade-offs")
