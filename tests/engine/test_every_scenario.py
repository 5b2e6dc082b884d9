"""Property: every valid scenario gets a full answer; every invalid value is refused by path."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support.strategies import scenario_documents

from engine import ScenarioError, recommend, scenario_from_data
from rules.vocabulary import FACTORS, FORM_IDS, FactorKind


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document=scenario_documents())
def test_every_valid_scenario_gets_all_five_forms_ranked(document):
    rec = recommend(scenario_from_data(document), robustness=False)
    assert sorted(item.form for item in rec.ranking) == sorted(FORM_IDS)
    assert 0.0 <= rec.confidence <= 1.0
    assert rec.recommendation == rec.ranking[0].form


def test_every_factor_given_as_unknown_is_the_same_as_every_factor_omitted():
    document = {"schema_version": 1, "factors": {spec.id: "unknown" for spec in FACTORS}}
    rec = recommend(scenario_from_data(document))
    assert rec == recommend(scenario_from_data({"schema_version": 1}))  # "unknown" = omitted
    assert [f.id for f in rec.unknown_factors] == [spec.id for spec in FACTORS]


def _invalid_value(spec):
    if spec.kind is FactorKind.COUNT:
        return st.one_of(
            st.integers(max_value=1), st.integers(min_value=501), st.just("many"), st.just(True)
        )
    if spec.kind is FactorKind.SET:
        return st.lists(
            st.text(min_size=1, max_size=8).filter(lambda t: t not in spec.values),
            min_size=1,
            max_size=2,
        )
    if spec.kind is FactorKind.BOOLEAN:
        return st.one_of(st.just("yes"), st.integers(), st.just("maybe"))
    return st.one_of(
        st.text(max_size=10).filter(lambda t: t not in spec.values and t != "unknown"),
        st.integers(),
        st.just(True),
    )


@st.composite
def one_bad_factor(draw):
    spec = draw(st.sampled_from(FACTORS))
    return spec, draw(_invalid_value(spec))


@settings(max_examples=80, deadline=None)
@given(case=one_bad_factor())
def test_every_invalid_factor_value_is_refused_with_its_path(case):
    spec, value = case
    with pytest.raises(ScenarioError) as caught:
        scenario_from_data({"schema_version": 1, "factors": {spec.id: value}})
    paths = [p.path for p in caught.value.problems]
    assert all(path.startswith(f"factors.{spec.id}") for path in paths)
    assert caught.value.problems[0].allowed
