"""The plain-language headline and the realistic what-if order."""

from __future__ import annotations

import pytest
from app_support import revised

from engine import recommend, scenario_from_data, separating_contrasts
from ui.app.presenters.headline import change_text, driver_texts, headline, sureness_text
from ui.app.presenters.next_steps import gate_factors, margin_text, realistic_changes


@pytest.fixture(scope="module")
def full_demo(kb):
    return recommend(scenario_from_data(kb.demo, "demo"))


def test_sureness_quotes_the_share_of_plausible_answers_that_keep_the_first_place(full_demo):
    share = full_demo.robustness.share_first[full_demo.recommendation]
    text = sureness_text(full_demo)
    assert text.startswith(f"{full_demo.confidence_label.capitalize()} confidence: ")
    assert f"{share:.0%} of the ways the {len(full_demo.unknown_factors)} unanswered" in text


def test_with_nothing_unknown_sureness_says_every_question_is_answered(full_demo):
    answered = revised(full_demo, unknown_factors=[], confidence_label="moderate")
    assert sureness_text(answered).endswith("every question is answered.")


def test_low_confidence_names_the_first_forms_chance_and_its_closest_rival(full_demo):
    low = revised(full_demo, confidence_label="low")
    first, second = low.ranking[0], low.ranking[1]
    text = sureness_text(low)
    assert text.endswith(
        f"On what is known it is a {first.score:.0%} chance against {second.score:.0%}"
        f" for {second.name}."
    )


def test_moderate_confidence_needs_no_close_call_sentence(full_demo):
    assert "chance against" not in sureness_text(revised(full_demo, confidence_label="moderate"))


def test_drivers_are_pushes_that_agree_with_the_path_separating_ones_first_then_strongest(
    full_demo,
):
    first, second = full_demo.ranking[0].form, full_demo.ranking[1].form
    deciding = set(separating_contrasts(first, second))
    agreeing = [
        ((stage.contrast not in deciding, -abs(c.contribution)), c.title)
        for stage in full_demo.stages
        for c in stage.considerations
        if c.pushes == stage.answer
    ]
    top = [title for _, title in sorted(agreeing)[:3]]
    assert [text.split(" (speaks ")[0] for text in driver_texts(full_demo)] == top


def test_legal_gates_come_after_changes_of_substance(kb, full_demo):
    gates = gate_factors(kb)
    assert "equity_restricted" in gates and "local_entity_required" in gates
    order = [w.factor in gates for w in realistic_changes(kb, full_demo)]
    assert order == sorted(order)


def test_the_headline_change_is_a_change_of_substance(kb, full_demo, questions):
    first = realistic_changes(kb, full_demo)[0]
    assert first.factor not in gate_factors(kb)
    assert questions[first.factor].label in change_text(kb, full_demo, questions)


def test_an_open_decisive_question_is_named_before_known_answers(kb, questions):
    rec = recommend(scenario_from_data({"schema_version": 1}, "blank"))
    entry = rec.next_questions[0]
    assert change_text(kb, rec, questions).startswith(
        f"Still open: “{questions[entry.factor].label}”."
    )


def test_a_change_to_the_same_answer_is_never_offered(kb, full_demo):
    same = full_demo.what_if[0].model_copy(update={"alternative": full_demo.what_if[0].current})
    rec = revised(full_demo, what_if=[same.model_dump()])
    assert realistic_changes(kb, rec) == []


def test_a_margin_under_half_a_point_is_a_tie():
    assert margin_text(0.0) == "a tie with the next form"
    assert margin_text(0.2) == "ahead by 20 points"


def test_the_headline_names_the_structure(kb, full_demo, questions):
    assert headline(kb, full_demo, questions).structure == full_demo.recommendation_name


def test_drivers_on_the_question_that_separates_the_first_two_forms_come_first(full_demo):
    first, second = full_demo.ranking[0].form, full_demo.ranking[1].form
    deciding = set(separating_contrasts(first, second))
    titles = {
        item.title
        for stage in full_demo.stages
        if stage.contrast in deciding
        for item in stage.considerations
        if item.pushes == stage.answer
    }
    assert titles
    assert driver_texts(full_demo)[0].split(" (speaks")[0] in titles
