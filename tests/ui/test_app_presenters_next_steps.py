"""What could change the recommendation: next questions, what-if rows and verdicts."""

from __future__ import annotations

from app_support import revised, seen

from engine import recommend
from ui.app.presenters.next_steps import (
    next_question_lines,
    realistic_changes,
    what_if_rows,
    what_if_start,
    what_if_verdict,
)
from ui.app.user_text import as_text
from ui.app.wording import lead_text


def test_every_answer_known_and_nothing_to_ask(demo_rec, questions):
    rec = revised(demo_rec, next_questions=[], unknown_factors=[])
    assert next_question_lines(rec, questions) == ["Every question is answered."]


def test_unknown_answers_that_cannot_move_the_first_place(demo_rec, questions):
    assert demo_rec.unknown_factors and not demo_rec.next_questions
    assert next_question_lines(demo_rec, questions) == [
        f"No single unknown answer could move {demo_rec.recommendation_name} from first place."
    ]


def test_next_questions_show_decisiveness_and_outcomes(blank_rec, questions):
    entry = blank_rec.next_questions[0]
    question = questions[entry.factor]
    lines = next_question_lines(blank_rec, questions)
    assert len(lines) == len(blank_rec.next_questions)
    assert lines[0].startswith(f"- **{as_text(question.text)}** ({question.label}) — ")
    assert f"{entry.decisiveness:.0%} of its answers change the first place." in lines[0]
    assert question.describe(entry.outcomes[0].value) in seen(lines[0])


def test_what_if_rows_describe_now_and_instead(kb, demo_rec, questions):
    change = realistic_changes(kb, demo_rec)[0]
    names = {item.form: item.name for item in demo_rec.ranking}
    assert what_if_rows(kb, demo_rec, questions)[0] == {
        "Factor": change.label,
        "Now": questions[change.factor].describe(change.current),
        "If instead": questions[change.factor].describe(change.alternative),
        "First place would be": names[change.recommendation],
        "Lead": f"ahead by {round(change.margin * 100)} points",
    }


def test_a_lead_reads_in_percentage_points_or_as_every_other_form_ruled_out():
    assert lead_text(0.16) == "16 points"
    assert lead_text(2.0) == "every other form ruled out"


def test_no_what_if_gives_no_rows(kb, blank_rec, questions):
    assert what_if_rows(kb, blank_rec, questions) == []


def test_what_if_starts_at_the_first_realistic_change(kb, demo_rec, questions):
    factors = list(questions)
    expected = realistic_changes(kb, demo_rec)[0].factor
    assert factors[what_if_start(kb, demo_rec, factors)] == expected


def test_what_if_starts_at_the_first_factor_without_changes(kb, blank_rec, questions):
    assert what_if_start(kb, blank_rec, list(questions)) == 0


def test_an_unchanged_scenario_asks_for_another_answer(demo, demo_rec):
    assert what_if_verdict(demo_rec, demo, demo, demo_rec) == (
        "info",
        "Pick a different answer to see how the ranking would change.",
    )


def test_a_change_that_flips_the_first_place_warns(demo, demo_rec):
    change = demo_rec.what_if[0]
    changed = demo.with_factors(**{change.factor: change.alternative})
    after = recommend(changed, robustness=False)
    names = {item.form: item.name for item in demo_rec.ranking}
    assert what_if_verdict(demo_rec, demo, changed, after) == (
        "warning",
        f"With this change, **{names[after.recommendation]}** would come first instead of"
        f" **{demo_rec.recommendation_name}**.",
    )


def test_a_change_that_keeps_the_first_place_reassures(demo, demo_rec):
    changed = demo.model_copy(update={"name": "renamed"})  # the ranking stays as it is
    assert what_if_verdict(demo_rec, demo, changed, demo_rec) == (
        "success",
        f"**{demo_rec.recommendation_name}** would stay first.",
    )


def test_a_change_that_leaves_two_forms_level_is_called_a_tie(demo, demo_rec):
    ranking = [item.model_dump() for item in demo_rec.ranking]
    ranking[1]["score"] = ranking[0]["score"]
    after = revised(demo_rec, ranking=ranking)
    changed = demo.with_factors(
        trust="high" if demo.factor_values().get("trust") != "high" else "low"
    )
    kind, text = what_if_verdict(demo_rec, demo, changed, after)
    assert kind == "warning"
    assert "would tie for first place" in text
