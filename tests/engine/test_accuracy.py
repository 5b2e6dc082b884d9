"""Accuracy summaries (engine/accuracy.py) on hand-made outcomes, and the pinned accuracy."""

from __future__ import annotations

import pytest

from engine.accuracy import (
    REVISION_2_FACTORS,
    CaseOutcome,
    blank_revision_2,
    evaluate,
    format_summary,
    summarise,
)
from engine.corpus import CorpusCase
from engine.corpus_runs import SHORT_NAMES

LABELS = ["high", "moderate", "low", "very low"]


def case(case_id, chosen, acceptable=()):
    return CorpusCase.model_validate(
        {
            "id": case_id,
            "title": case_id,
            "year": 2020,
            "chosen": chosen,
            "acceptable": list(acceptable),
            "clarity": "clear",
            "rationale": "hand-made",
            "sources": [{"title": "t", "kind": "other"}],
            "scenario": {"schema_version": 1, "factors": {}},
        }
    )


def outcome(chosen, ranking, label="high", acceptable=()):
    case_id = f"c-{chosen}-{ranking[0]}".replace("_", "-")
    return CaseOutcome(case(case_id, chosen, acceptable), ranking, 0.9, label)


JV, EQA, NEA, CON = "joint_venture", "equity_alliance", "non_equity_alliance", "consortium"
OUTCOMES = [
    outcome(JV, (JV, EQA), "high"),  # strict hit
    outcome(EQA, (NEA, EQA), "moderate", acceptable=[NEA]),  # lenient hit, top-2
    outcome(NEA, (EQA, CON), "low"),  # miss, not in top 2
    outcome(JV, (CON, JV), "high"),  # miss, top-2
]


def test_summary_counts_strict_lenient_and_top_two():
    summary = summarise(OUTCOMES, LABELS)
    assert summary.cases == 4
    assert summary.top1_strict == pytest.approx(1 / 4)
    assert summary.top1_lenient == pytest.approx(2 / 4)
    assert summary.top2 == pytest.approx(3 / 4)


def test_summary_per_form_is_lenient_over_the_cases_that_chose_it():
    per_form = summarise(OUTCOMES, LABELS).per_form
    assert per_form[JV] == (2, 0.5)
    assert per_form[EQA] == (1, 1.0)
    assert per_form[NEA] == (1, 0.0)
    assert per_form["supply_chain_partnership"] == (0, 0.0)


def test_summary_per_label_is_lenient_over_the_answers_given_with_it():
    by_label = summarise(OUTCOMES, LABELS).by_label
    assert by_label == {
        "high": (2, 0.5),
        "moderate": (1, 1.0),
        "low": (1, 0.0),
        "very low": (0, 0.0),
    }


def test_confusion_rows_are_chosen_and_columns_advised():
    confusion = summarise(OUTCOMES, LABELS).confusion
    assert confusion[JV][JV] == 1 and confusion[JV][CON] == 1
    assert confusion[NEA][EQA] == 1
    assert sum(sum(row.values()) for row in confusion.values()) == 4


def test_an_empty_summary_is_all_zero():
    summary = summarise([], LABELS)
    assert (summary.cases, summary.top1_strict, summary.top1_lenient, summary.top2) == (0, 0, 0, 0)


def test_blanking_revision_2_removes_exactly_the_ten_newer_factors():
    scenario = {"schema_version": 1, "factors": {"trust": "high", "cross_border": True}}
    blanked = blank_revision_2(scenario)
    assert blanked["factors"] == {"trust": "high"}
    assert scenario["factors"]["cross_border"] is True  # the input is left alone
    assert len(REVISION_2_FACTORS) == 10


def test_evaluate_passes_each_scenario_and_keeps_the_answers():
    cases = [case("one", JV), case("two", NEA)]
    seen = []

    def advise(data):
        seen.append(data)
        return [NEA, JV], 0.5, "low"

    outcomes = evaluate(cases, advise)
    assert [o.first for o in outcomes] == [NEA, NEA]
    assert [o.strict for o in outcomes] == [False, True]
    assert seen == [c.scenario for c in cases]


def test_format_summary_prints_the_figures():
    lines = format_summary("development", summarise(OUTCOMES, LABELS), SHORT_NAMES)
    assert lines[0] == "## development (4 cases)"
    assert "top-1 strict 0.25   top-1 lenient 0.50   top-2 0.75" in lines[1]


# --- accuracy pinned so it cannot silently fall --------------------------------------------

# The development half grew from 69 to 98 cases when 60 alliances were encoded (before the
# advisor was run on them), and to 154 when 120 more were encoded in the next session. Issue 9's
# own_body considerations (integrated operation, fee for service, one side funds) raised the
# leave-one-out figure on the same 154 cases from 0.73 to 0.86; fitted on all 154, lenient
# top-1 is 0.88. Both are pinned at 0.84, about three development cases of slack: a change that
# loses more fails here and has to be argued for in its commit.
# The next session held the stake bias to the sources' base rate and added two revision-1
# readings (leave-one-out on the same 154 cases 0.864 -> 0.870). Then 120 fresh alliances,
# encoded blind and contract-heavy (53 contracts, 15 stakes), were measured once on the frozen
# model (lenient 0.71 on all 120, 0.75 on the 56 that fall in the development half) and joined
# the corpus: on the grown development half of 210 cases, leave-one-out is 0.838 and in-sample
# lenient top-1 0.86. The pin moves to 0.82, about three of 210 cases below leave-one-out,
# because the harder cases joined the half, not because a change lost accuracy.
# A sixth wave of 48 (41 contracts), encoded blind with no form quota, was measured once on
# that model (lenient 0.83) and joined too: on 237 development cases leave-one-out is 0.848 and
# in-sample 0.86. The pin stays at 0.82.
PINNED_LENIENT_TOP1 = 0.82


def test_development_half_lenient_top1_does_not_fall(dev_outcomes):
    lenient = sum(o.lenient for o in dev_outcomes) / len(dev_outcomes)
    assert len(dev_outcomes) >= 40
    assert lenient >= PINNED_LENIENT_TOP1


def test_the_recorded_leave_one_out_accuracy_does_not_fall(kb):
    assert kb.fitted is not None
    assert kb.fitted.fitted_on == "development half of the reference corpus"
    assert kb.fitted.leave_one_out_lenient_top1 is not None
    assert kb.fitted.leave_one_out_lenient_top1 >= PINNED_LENIENT_TOP1
