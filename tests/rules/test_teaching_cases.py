"""The teaching cases: each is a valid scenario whose first place the engine gets right."""

from __future__ import annotations

from collections import Counter

import pytest

from engine import default_reasoner, recommend, scenario_from_data
from rules.vocabulary import FORM_IDS

KB = default_reasoner().kb
CASES = sorted(KB.cases.values(), key=lambda case: case.id)
MINIMUM_CASES = 15
MINIMUM_PER_FORM = 3
SCENARIO_KEYS = {
    "schema_version",
    "name",
    "description",
    "focal_organization",
    "partners",
    "factors",
}


def test_there_are_enough_cases():
    assert len(CASES) >= MINIMUM_CASES


@pytest.mark.parametrize("form", FORM_IDS)
def test_every_form_has_enough_cases(form):
    counts = Counter(case.expected for case in CASES)
    assert counts[form] >= MINIMUM_PER_FORM, f"only {counts[form]} cases expect {form}"


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_case_is_a_full_valid_scenario(case):
    assert set(case.scenario) == SCENARIO_KEYS
    scenario = scenario_from_data(case.scenario)
    assert scenario.schema_version == 1
    assert scenario.partners is not None
    assert scenario.factors.partner_count == len(scenario.partners)
    listed = {partner.type for partner in scenario.partners}
    assert set(scenario.factors.partner_types) == listed


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_case_sources_resolve(case):
    assert case.sources
    missing = [source for source in case.sources if source not in KB.sources]
    assert not missing, f"{case.id} cites unknown sources {missing}"


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_case_note_and_basis(case):
    assert case.basis in ("public", "composite")
    assert len(case.teaching_note) >= 200
    if case.basis == "composite":
        assert "composite" in case.title.lower() or "composite" in case.teaching_note.lower()


# Cases the staged-probability engine (issue 9) ranks differently; the knowledge base is
# left as it is and each difference is reported with a reading of why.
# biotech-pharma-discovery-licence was listed here (a stake over the licence) until the refit
# on the grown development half of 210 cases: the licence now comes first (0.59 over 0.40).
RANKED_DIFFERENTLY: dict[str, str] = {}


def expected_first_cases():
    for case in CASES:
        reason = RANKED_DIFFERENTLY.get(case.id)
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        yield pytest.param(case, id=case.id, marks=marks)


@pytest.mark.parametrize("case", list(expected_first_cases()))
def test_engine_puts_the_expected_form_first(case):
    rec = recommend(scenario_from_data(case.scenario), analyses=False, robustness=False)
    ranking = [(item.form, item.score) for item in rec.ranking]
    assert rec.recommendation == case.expected, f"{case.id}: ranking {ranking}"
