"""The questionnaire model built from the vocabulary and the knowledge base's words."""

from __future__ import annotations

from ui.app.questions import UNKNOWN, answered_count, build_questions, by_dimension


def questions_by_id(kb):
    return {q.factor: q for q in build_questions(kb)}


def test_every_factor_becomes_a_question_with_its_words(kb):
    questions = build_questions(kb)
    assert [q.factor for q in questions] == list(kb.factors)
    for question in questions:
        assert question.text == kb.factors[question.factor].question
        assert question.key == f"q_{question.factor}"


def test_single_choice_questions_offer_unknown_first(kb):
    trust = questions_by_id(kb)["trust"]
    assert trust.options == (UNKNOWN, "low", "medium", "high")
    assert trust.option_label(UNKNOWN) == "Unknown"
    assert trust.option_label("high") == f"High — {kb.factors['trust'].levels['high']}"


def test_boolean_answers_use_the_true_false_meanings(kb):
    question = questions_by_id(kb)["equity_restricted"]
    assert question.options == (UNKNOWN, True, False)
    assert question.option_label(True).startswith("Yes — ")
    assert question.to_widget(1) == UNKNOWN  # 1 is not True in the contract


def test_widget_values_map_to_scenario_values(kb):
    questions = questions_by_id(kb)
    assert questions["trust"].from_widget(UNKNOWN) is None
    assert questions["scope"].from_widget([]) is None
    assert questions["scope"].from_widget(["manufacturing"]) == ["manufacturing"]
    assert questions["partner_count"].to_widget("3") is None
    assert questions["partner_count"].to_widget(3) == 3


def test_quick_mode_keeps_only_quick_questions_grouped_by_dimension(kb):
    groups = by_dimension(build_questions(kb), quick=True)
    assert all(q.quick for items in groups.values() for q in items)
    assert list(groups) == [d for d in kb.dimensions if d in groups]


def test_answered_count_ignores_unknowns(kb):
    questions = build_questions(kb)
    assert answered_count({"trust": "high", "scope": [], "market_access": None}, questions) == 1
