"""The ranking as the pages show it: table rows, form names and exclusion lines."""

from __future__ import annotations

from app_support import revised, seen

from engine import recommend, scenario_from_data
from ui.app.presenters.ranking import exclusion_lines, form_names, ranking_rows


def test_form_names_are_keyed_by_form_id(demo_rec):
    assert form_names(demo_rec) == {item.form: item.name for item in demo_rec.ranking}


def test_ranking_rows_follow_the_ranking_with_probabilities_as_percentages(demo_rec):
    rows = ranking_rows(demo_rec)
    first = demo_rec.ranking[0]
    assert [row["Form"] for row in rows] == [item.name for item in demo_rec.ranking]
    assert rows[0] == {
        "Place": first.rank,
        "Form": first.name,
        "Probability": f"{first.score:.0%}",
        "Possible": f"{first.lowest_possible:.0%} – {first.highest_possible:.0%}",
        "Note": "",
    }


def test_a_range_the_unknowns_could_rule_out_starts_at_zero(demo_rec):
    ranking = [item.model_dump() for item in demo_rec.ranking]
    ranking[1].update(score=0.25, lowest_possible=-1.0, highest_possible=0.4)
    rec = revised(demo_rec, ranking=ranking)
    assert ranking_rows(rec)[1]["Possible"] == "0% – 40%"


def test_ranking_rows_note_a_ruled_out_form(demo_rec):
    ranking = [item.model_dump() for item in demo_rec.ranking]
    ranking[-1]["excluded"] = True
    rec = revised(demo_rec, ranking=ranking)
    assert ranking_rows(rec)[-1]["Note"] == "ruled out"
    assert ranking_rows(rec)[-1]["Possible"] == "ruled out"


def test_no_exclusions_give_no_lines(demo_rec):
    assert demo_rec.excluded == []
    assert exclusion_lines(demo_rec) == []


def test_forms_ruled_out_for_the_same_reasons_share_one_line(kb):
    case = kb.cases["china-hospital-local-joint-venture"]
    rec = recommend(scenario_from_data(case.scenario, case.id), robustness=False)
    reasons = {tuple(rule.because for rule in e.rules) for e in rec.excluded}
    lines = exclusion_lines(rec)
    assert len(lines) == len(reasons)
    for exclusion in rec.excluded:
        assert sum(f"**{exclusion.name}**" in line for line in lines) == 1


def test_one_form_is_ruled_out_and_several_are_ruled_out(demo_rec):
    r1 = {"id": "r1", "title": "R1", "because": "A_b."}
    r2 = {"id": "r2", "title": "R2", "because": "C."}
    one = {"form": "joint_venture", "name": "Joint venture", "rules": [r1]}
    two = {"form": "consortium", "name": "Consortium", "rules": [r2]}
    three = {**two, "form": "equity_alliance", "name": "Equity alliance"}
    rec = revised(demo_rec, excluded=[one, two, three])
    assert [seen(line) for line in exclusion_lines(rec)] == [
        "**Joint venture** is ruled out: A_b.",
        "**Consortium**, **Equity alliance** are ruled out: C.",
    ]
