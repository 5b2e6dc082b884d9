"""The words beside each question, and the partner table read back."""

from __future__ import annotations

import math

import pandas as pd

from ui.app.presenters.questionnaire import (
    RULES_LISTED,
    partner_rows,
    readers_line,
    why_asked_lines,
)


def test_readers_line_counts_the_rules_and_lists_the_first_few(kb):
    factor, rules = max(kb.rules_reading_factor.items(), key=lambda pair: len(pair[1]))
    assert len(rules) > RULES_LISTED
    line = readers_line(kb, factor)
    assert line.startswith(f"Read by {len(rules)} rules: ")
    assert line.endswith(f" and {len(rules) - RULES_LISTED} more.")


def test_readers_line_for_a_factor_no_rule_reads(kb):
    assert readers_line(kb, "no-such-factor") == (
        "No rule reads this answer yet; it is kept for the record."
    )


def test_a_known_answer_that_could_flip_the_first_place(kb, demo, demo_rec, questions):
    change = demo_rec.what_if[0]
    question = questions[change.factor]
    answer = demo.factor_values()[change.factor]
    line = why_asked_lines(kb, question, demo_rec, answer)[1]
    assert line.startswith("A different answer **would change the first place**: ")
    assert question.describe(change.alternative) in line


def test_a_known_answer_that_cannot_flip_the_first_place(kb, demo, demo_rec, questions):
    flipping = {w.factor for w in demo_rec.what_if}
    factor = next(f for f, v in demo.factor_values().items() if v is not None and f not in flipping)
    line = why_asked_lines(kb, questions[factor], demo_rec, demo.factor_values()[factor])[1]
    assert line == (
        f"No other answer to this question alone would move **{demo_rec.recommendation_name}**"
        " from first place."
    )


def test_an_unknown_answer_that_could_flip_the_first_place(kb, questions, blank_rec):
    entry = blank_rec.next_questions[0]
    line = why_asked_lines(kb, questions[entry.factor], blank_rec, None)[1]
    assert line.startswith(
        f"Answering it **could change the first place** ({entry.decisiveness:.0%} of"
    )


def test_an_unknown_answer_that_cannot_flip_the_first_place(kb, demo_rec, questions):
    factor = demo_rec.unknown_factors[0].id
    assert why_asked_lines(kb, questions[factor], demo_rec, None)[1] == (
        f"Whatever the answer, **{demo_rec.recommendation_name}** stays first."
    )


def test_why_asked_starts_with_the_rules_reading_the_question(kb, demo_rec, questions):
    question = questions["trust"]
    assert why_asked_lines(kb, question, demo_rec, None)[0] == readers_line(kb, "trust")


def test_partner_rows_trim_names_and_skip_empty_rows():
    frame = pd.DataFrame(
        [
            {"name": "  Acme ", "type": "pharma"},
            {"name": None, "type": None},
            {"name": math.nan, "type": math.nan},
            {"name": "Beta", "type": math.nan},
            {"name": "", "type": "payer"},
        ]
    )
    assert partner_rows(frame) == [
        {"name": "Acme", "type": "pharma"},
        {"name": "Beta"},
        {"name": "", "type": "payer"},
    ]
