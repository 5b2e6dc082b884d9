"""A form's score always lies within its own possible range (issue 10 item 8).

Scores are probabilities: every range lies within [0, 1] and contains the score, and an
excluded form's range is its score, 0. (Before, excluded forms reported a range of -1 to
-1 beside a score of 0: a leftover of the old score scale from -1 to 1.)
"""

from __future__ import annotations

from hypothesis import given, settings
from support.strategies import scenario_documents

from engine import recommend, scenario_from_data


def _ranking(document: dict):
    return recommend(scenario_from_data(document), analyses=False, robustness=False).ranking


def test_an_excluded_forms_range_is_its_score():
    ranking = _ranking({"schema_version": 1, "factors": {"equity_restricted": True}})
    excluded = [item for item in ranking if item.excluded]
    assert excluded
    for item in excluded:
        assert item.lowest_possible == item.score == item.highest_possible == 0


@settings(max_examples=40, deadline=None)
@given(scenario_documents())
def test_every_score_lies_within_its_range_and_every_range_within_zero_and_one(document):
    for item in _ranking(document):
        assert 0 <= item.lowest_possible <= item.score <= item.highest_possible <= 1
