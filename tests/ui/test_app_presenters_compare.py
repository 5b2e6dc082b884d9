"""The compare page's content: choices, decisive factors, ranking columns, differences."""

from __future__ import annotations

from app_support import revised

from ui.app.presenters.compare import (
    DECISIVE_SHOWN,
    answer_differences,
    decisive_factors,
    initial_choices,
    kept_choices,
    ranking_columns,
    summary_lines,
)


def test_first_comparison_is_the_current_scenario_and_the_first_saved_one():
    options = ["current", "demo", "saved:b", "case:c"]
    assert initial_choices(options) == ["current", "saved:b"]


def test_first_comparison_falls_back_to_the_demo():
    assert initial_choices(["current", "demo"]) == ["current", "demo"]


def test_choices_no_longer_offered_are_dropped():
    assert kept_choices(["current", "saved:gone", "demo"], ["current", "demo"]) == [
        "current",
        "demo",
    ]


def test_decisive_factors_start_with_what_flips_the_first_place(demo_rec):
    decisive = decisive_factors(demo_rec)
    assert decisive[0] == demo_rec.what_if[0].label
    assert len(decisive) <= DECISIVE_SHOWN


def test_decisive_factors_then_follow_the_largest_shift(demo_rec):
    first = demo_rec.recommendation
    rec = revised(
        demo_rec,
        what_if=[],
        next_questions=[],
        sensitivity=[
            {"factor": "trust", "label": "Trust", "shifts": {first: 0.1}},
            {"factor": "scope", "label": "Scope", "shifts": {first: 0.3}},
            {"factor": "ip_sensitivity", "label": "IP", "shifts": {first: 0.0}},
        ],
    )
    assert decisive_factors(rec) == ["Scope", "Trust"]


def test_summary_lines_name_scenario_first_place_and_confidence(demo, demo_rec, questions):
    lines = summary_lines(demo, demo_rec)
    assert lines[:3] == [
        f"**{demo.name}**",
        f"#### {demo_rec.recommendation_name}",
        f"Confidence {demo_rec.confidence_label} ({demo_rec.confidence:.0%})",
    ]
    assert lines[3].startswith("Decisive factors: ")


def test_summary_says_when_no_factor_stands_out(demo, demo_rec):
    rec = revised(demo_rec, what_if=[], next_questions=[], sensitivity=[])
    assert summary_lines(demo, rec)[3] == "Decisive factors: none stand out"


def test_ranking_columns_follow_the_first_scenarios_order(demo_rec, blank_rec):
    names, columns = ranking_columns({"Demo": demo_rec, "Blank": blank_rec})
    assert names == [item.name for item in demo_rec.ranking]
    assert columns["Demo"][0] == f"1. {demo_rec.ranking[0].score:.0%}"
    blank_first = next(i for i in blank_rec.ranking if i.form == demo_rec.ranking[0].form)
    assert columns["Blank"][0] == f"{blank_first.rank}. {blank_first.score:.0%}"


def test_answer_differences_list_only_differing_questions(demo, questions):
    changed = demo.with_factors(trust=None)
    rows = answer_differences(questions, {"Now": demo, "Then": changed})
    assert rows == [
        {
            "Factor": questions["trust"].label,
            "Now": questions["trust"].describe(demo.factor_values().get("trust")),
            "Then": "Unknown",
        }
    ]


def test_answer_differences_start_each_cell_with_a_capital(demo, questions):
    rows = answer_differences(questions, {"Now": demo, "Then": demo.with_factors(trust=None)})
    assert all(cell[:1].isupper() for row in rows for cell in row.values())
