"""Classroom mode on every page: no numbers or jargon, and nothing that gives the answer away
before the class has predicted and revealed it."""

from __future__ import annotations

import re

from app_support import main_text, open_page, rerun, sidebar_text, start_app

from engine import recommend
from ui.app.presenters.questionnaire import HIDDEN_ADVICE_LINE

LEAKED_NUMBER = re.compile(
    r"\d\s?%|\d\.\d|[+−-]\d+ points|log-odds|probabilit|\bscores?\b|weight of evidence"
    r"|\bweights\b|tendency",
    re.IGNORECASE,
)
"""What classroom mode must not show: percentages, decimals, moved points, scoring words."""


def _classroom(page: str | None = "recommendation"):
    at = start_app(page=page)
    at.toggle(key="classroom_mode").set_value(True)
    return rerun(at)


def _reveal_on_recommendation_page(at, form: str):
    open_page(at, "recommendation")
    (choice,) = [r for r in at.main.radio if r.label == "The class expects"]
    choice.set_value(form)
    rerun(at)
    at.button(key="classroom_reveal").click()
    return rerun(at)


def _tables(at) -> str:
    """Every table's column titles and cells, as text."""
    parts = []
    for frame in [*at.main.dataframe, *at.main.table]:
        table = frame.value
        parts += [str(c) for c in table.columns] + [str(i) for i in table.index]
        parts += [str(v) for v in table.to_numpy().ravel()]
    return "\n".join(parts)


def _everything(at) -> str:
    """What the reader sees: text and tables, without link addresses (a DOI has decimals)."""
    text = "\n".join([main_text(at), sidebar_text(at), _tables(at)])
    return re.sub(r"\]\([^)]*\)", "]", text)


def _assert_no_numbers(at) -> None:
    text = _everything(at)
    assert not LEAKED_NUMBER.search(text), LEAKED_NUMBER.search(text)


def _answer_first_quick_question(at, questions):
    widgets = [*at.selectbox, *at.multiselect, *at.number_input]
    (factor,) = [w.key.removeprefix("q_guided_") for w in widgets if w.key.startswith("q_guided_")]
    question = questions[factor]
    if question.kind == "count":
        at.checkbox(key=f"q_guided_{factor}_unknown").uncheck()
        rerun(at)
        at.number_input(key=f"q_guided_{factor}").set_value(3)
    elif question.kind == "set":
        at.multiselect(key=f"q_guided_{factor}").set_value([question.values[-1]])
    else:
        at.selectbox(key=f"q_guided_{factor}").set_value(question.values[-1])
    at.button(key="guided_answer").click()
    return rerun(at)


def _quick_classroom(questions):
    at = start_app(page=None)
    at.button(key="start_mine").click()
    rerun(at)
    at.toggle(key="classroom_mode").set_value(True)
    rerun(at)
    return _answer_first_quick_question(at, questions)


def test_questionnaire_hints_do_not_say_what_would_move_first_place_before_the_reveal():
    at = _classroom("questionnaire")
    text = main_text(at)
    assert HIDDEN_ADVICE_LINE in text
    assert "first place" not in text
    _assert_no_numbers(at)


def test_questionnaire_hints_after_the_reveal_use_words_not_numbers(demo):
    rec = recommend(demo)
    at = _reveal_on_recommendation_page(_classroom(), rec.recommendation)
    open_page(at, "questionnaire")
    assert HIDDEN_ADVICE_LINE not in main_text(at)
    assert "Recommended now" in main_text(at)
    _assert_no_numbers(at)


def test_quick_mode_lists_the_answers_without_the_ranking_before_the_reveal(library_url, questions):
    at = _quick_classroom(questions)
    (table,) = at.main.dataframe
    assert list(table.value.columns) == ["Question", "Answer"]
    assert "How each answer moved the ranking" not in main_text(at)
    _assert_no_numbers(at)


def test_quick_mode_after_the_reveal_says_what_moved_in_words(library_url, questions, kb):
    at = _quick_classroom(questions)
    rec_name = at.session_state["_guided_history"][-1].after[0]
    form = next(f.id for f in kb.forms.values() if f.name == rec_name)
    at = _reveal_on_recommendation_page(at, form)
    open_page(at, "questionnaire")
    (table,) = at.main.dataframe
    assert "First place" in table.value.columns
    assert list(table.value["First place"]) == [rec_name]
    _assert_no_numbers(at)


def _compare_classroom():
    at = _classroom("compare")
    at.multiselect(key="compare_choices").set_value(["current", "demo"])
    return rerun(at)


def test_compare_shows_the_differences_but_not_the_advice_until_revealed(library_url, demo):
    at = _compare_classroom()
    name = recommend(demo).recommendation_name
    assert f"#### {name}" not in main_text(at)
    assert not at.main.get("vega_lite_chart")
    assert not at.main.dataframe  # no ranking; the differences are a static table
    _assert_no_numbers(at)


def test_compare_reveal_shows_each_first_place_without_numbers(library_url, demo):
    at = _compare_classroom()
    at.button(key="classroom_reveal_compare").click()
    rerun(at)
    name = recommend(demo).recommendation_name
    assert f"#### {name}" in main_text(at)
    assert at.main.dataframe  # the ranking, places only
    assert not at.main.get("vega_lite_chart")
    _assert_no_numbers(at)


def test_rule_explorer_shows_no_rule_ids_codes_or_firing_marks_before_the_reveal(kb, demo):
    at = _classroom("rules")
    text = main_text(at) + "\n" + "\n".join(str(e.label) for e in at.main.expander)
    assert not [rule.id for rule in kb.rules if f"`{rule.id}`" in text]
    assert "fires now" not in text
    assert not [c for c in at.main.checkbox if c.key == "rules_fired_only"]
    _assert_no_numbers(at)


def test_trade_offs_neither_marks_the_advice_nor_shows_tipping_points_before_the_reveal(
    demo,
):
    at = _classroom("trade_offs")
    rec = recommend(demo)
    highlight = at.selectbox(key="tradeoff_highlight")
    assert not [o for o in highlight.options if "recommended now" in o]
    assert not [t for t in at.main.toggle if t.key.startswith("tip_")]
    assert "Tipping points" in main_text(at)
    assert f"{rec.recommendation_name} is first overall" not in main_text(at)
