"""The scenario model's closed types and the contract vocabulary say the same thing."""

from __future__ import annotations

from typing import get_args

from engine import scenario
from engine.kb_models import AXIS_IDS, AxisId
from engine.scenario import Factors
from rules.vocabulary import FACTOR_IDS, FACTORS_BY_ID, FORM_IDS, PARTNER_TYPES, SCOPES, FormId


def test_partner_type_and_scope_literals_match_the_vocabulary():
    assert get_args(scenario.PartnerType) == PARTNER_TYPES
    assert get_args(scenario.ScopeItem) == SCOPES


def test_form_id_literal_matches_the_form_ids():
    assert get_args(FormId) == FORM_IDS


def test_axis_literal_matches_the_axis_ids():
    assert get_args(AxisId) == AXIS_IDS


def test_the_factor_model_has_exactly_the_contract_factors_in_order():
    assert tuple(Factors.model_fields) == FACTOR_IDS


def test_every_level_factor_accepts_exactly_its_vocabulary():
    for factor_id, spec in FACTORS_BY_ID.items():
        if spec.kind.value in ("level", "choice"):
            for value in spec.values:
                assert getattr(Factors.model_validate({factor_id: value}), factor_id) == value
