"""The scenario model: factor fields generated from the vocabulary; the partner-count rule."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from engine.errors import FieldProblem
from engine.scenario import Factors, Scenario, partner_count_clash
from rules.vocabulary import FACTORS, FactorKind

CHOICES = [spec for spec in FACTORS if spec.kind in (FactorKind.LEVEL, FactorKind.CHOICE)]


@pytest.mark.parametrize("spec", CHOICES, ids=lambda s: s.id)
def test_a_level_or_choice_factor_accepts_its_values_and_unknown_and_nothing_else(spec):
    for value in spec.values:
        assert getattr(Factors.model_validate({spec.id: value}), spec.id) == value
    assert getattr(Factors.model_validate({spec.id: "unknown"}), spec.id) is None
    with pytest.raises(ValidationError):
        Factors.model_validate({spec.id: "somewhat"})


def test_a_boolean_factor_is_strict():
    assert Factors.model_validate({"equity_restricted": False}).equity_restricted is False
    with pytest.raises(ValidationError):
        Factors.model_validate({"equity_restricted": "yes"})


def test_a_count_factor_is_a_strict_integer_within_its_range():
    assert Factors.model_validate({"partner_count": 500}).partner_count == 500
    for bad in (1, 501, "3", 2.0, True):
        with pytest.raises(ValidationError):
            Factors.model_validate({"partner_count": bad})


def test_a_list_factor_keeps_order_drops_repeats_and_reads_empty_as_unknown():
    factors = Factors.model_validate({"scope": ["manufacturing", "care_delivery", "manufacturing"]})
    assert factors.scope == ("manufacturing", "care_delivery")
    assert Factors.model_validate({"scope": []}).scope is None
    with pytest.raises(ValidationError):
        Factors.model_validate({"scope": ["manufacturing", "catering"]})


def test_the_partner_count_clash_is_one_structured_problem():
    assert partner_count_clash(3, ["a", "b"]) == FieldProblem(
        "factors.partner_count",
        "disagrees with the 2 partners listed",
        given="3",
        allowed="2 (the length of partners), or unknown",
        code="count_mismatch",
    )
    assert partner_count_clash(2, ["a", "b"]) is None
    assert partner_count_clash(None, ["a", "b"]) is None
    assert partner_count_clash(3, None) is None
    assert partner_count_clash("3", ["a", "b"]) is None  # a wrong type is reported elsewhere


PARTNERS = [{"name": "A", "type": "payer"}, {"name": "B", "type": "pharma"}]


def test_the_model_refuses_a_count_that_disagrees_with_the_partners():
    with pytest.raises(ValidationError) as caught:
        Scenario.model_validate(
            {"schema_version": 1, "partners": PARTNERS, "factors": {"partner_count": 3}}
        )
    assert [e["type"] for e in caught.value.errors()] == ["count_mismatch"]


def test_making_the_count_unknown_keeps_the_partner_list():
    scenario = Scenario.model_validate(
        {"schema_version": 1, "partners": PARTNERS, "factors": {"partner_count": 2}}
    )
    changed = scenario.with_factors(partner_count="unknown")
    assert changed.partners == scenario.partners
    assert changed.factor_values()["partner_count"] == 2
