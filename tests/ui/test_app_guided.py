"""The adaptive quick questionnaire: the most decisive question first, one at a time."""

from __future__ import annotations

from app_support import main_text, rerun, revised, start_app, url_document

from engine import recommend, scenario_from_data
from ui.app.presenters.guided import Step, next_question, step_rows, sure_enough
from ui.app.questions import build_questions
from ui.app.views.start import BLANK


def _quick():
    at = start_app(page=None)
    at.button(key="start_mine").click()
    return rerun(at)


def _asked(at) -> list[str]:
    widgets = [*at.selectbox, *at.multiselect, *at.number_input]
    return [w.key.removeprefix("q_guided_") for w in widgets if w.key.startswith("q_guided_")]


def test_the_first_question_is_the_engines_most_decisive(library_url, kb):
    blank = recommend(scenario_from_data(BLANK, "blank"))
    at = _quick()
    assert _asked(at) == [blank.next_questions[0].factor]


def test_an_answer_goes_into_the_scenario_and_the_next_question_follows(library_url, kb):
    at = _quick()
    (factor,) = _asked(at)
    question = next(q for q in build_questions(kb) if q.factor == factor)
    value = question.values[-1] if question.values else question.maximum
    if question.kind == "count":
        at.checkbox(key=f"q_guided_{factor}_unknown").uncheck()
        rerun(at)
        at.number_input(key=f"q_guided_{factor}").set_value(3)
        value = 3
    elif question.kind == "set":
        # Which question comes first depends on the fitted weights; a list question is a
        # multiselect and its answer a list.
        value = [question.values[-1]]
        at.multiselect(key=f"q_guided_{factor}").set_value(value)
    else:
        at.selectbox(key=f"q_guided_{factor}").set_value(value)
    at.button(key="guided_answer").click()
    rerun(at)
    assert url_document(at)["factors"][factor] == value
    assert _asked(at) != [factor]
    assert "How each answer moved the ranking" in main_text(at)


def test_skipping_leaves_the_answer_unknown_and_asks_another(library_url):
    at = _quick()
    (factor,) = _asked(at)
    at.button(key="guided_skip").click()
    rerun(at)
    assert factor not in (url_document(at).get("factors") or {})
    assert _asked(at) and _asked(at) != [factor]


def test_next_question_skips_what_the_user_skipped(questions):
    blank = recommend(scenario_from_data(BLANK, "blank"))
    ordered = tuple(questions.values())
    first = next_question(blank, ordered)
    assert first is not None
    second = next_question(blank, ordered, [first.factor])
    assert second is not None and second.factor != first.factor


def test_with_every_answer_known_there_is_no_next_question(demo_rec, questions):
    answered = revised(demo_rec, unknown_factors=[], next_questions=[])
    assert next_question(answered, tuple(questions.values())) is None


def test_a_step_that_changes_the_first_place_says_who_overtook_whom():
    rows = step_rows(
        [
            Step("Trust", "High", ("Joint venture", 0.4), ("Equity alliance", 0.5), "low"),
            Step("Scale", "Low", ("Equity alliance", 0.5), ("Equity alliance", 0.62), "moderate"),
            Step("Pace", "Low", ("Equity alliance", 0.62), ("Equity alliance", 0.621), "moderate"),
        ]
    )
    assert [r["What moved"] for r in rows] == [
        "Equity alliance overtook Joint venture",
        "Equity alliance +12 points",
        "no change",
    ]
    assert rows[1]["First place"] == "Equity alliance · 62%"


def test_moderate_or_high_confidence_is_sure_enough(demo_rec):
    assert sure_enough(demo_rec) == (demo_rec.confidence_label in ("moderate", "high"))
