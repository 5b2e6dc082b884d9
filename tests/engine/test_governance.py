"""The governance blueprint is fitted to the deal: its scope and the recommended form."""

from __future__ import annotations

import pytest

from engine import default_reasoner, recommend, scenario_from_data
from engine.governance import fitted_governance


@pytest.fixture(scope="module")
def kb():
    return default_reasoner().kb


def titles(blueprint):
    return [w.title for m in blueprint.modules for w in m.workstreams]


def owners(blueprint):
    return {d.decision: d.owner for d in blueprint.decision_rights}


CO_PROMOTION = {"scope": ("commercialization",), "partner_types": ("pharma", "biotech")}
REMOTE_MONITORING = {
    "scope": ("care_delivery", "data_analytics"),
    "partner_types": ("provider", "technology"),
}


def test_a_co_promotion_gets_the_authorisation_holder_safety_detailing_and_true_ups(kb):
    blueprint = fitted_governance(kb, CO_PROMOTION, "non_equity_alliance")
    assert titles(blueprint) == [
        "Marketing authorisation holder",
        "Pharmacovigilance and safety data exchange",
        "Detailing split and field-force coordination",
        "Profit and loss sharing with true-ups",
    ]
    assert "Label changes, safety signals and recalls" in owners(blueprint)


def test_a_co_promotion_under_a_contract_has_no_stake_to_sell(kb):
    blueprint = fitted_governance(kb, CO_PROMOTION, "non_equity_alliance")
    assert not any("stake" in d.decision.lower() for d in blueprint.decision_rights)


def test_a_remote_monitoring_service_gets_care_and_data_workstreams_and_no_research(kb):
    blueprint = fitted_governance(kb, REMOTE_MONITORING, "non_equity_alliance")
    assert [m.id for m in blueprint.modules] == ["care_delivery", "data_ai"]
    assert {"Clinical governance", "Licensure and approvals", "Who employs the clinicians"} <= set(
        titles(blueprint)
    )
    assert {
        "De-identification and data use agreements",
        "Rights to train and to derived models",
    } <= (set(titles(blueprint)))
    assert not any("research" in w.lower() for w in blueprint.workstreams)
    assert not any("publication" in d.decision.lower() for d in blueprint.decision_rights)


def test_manufacturing_supply_gets_quality_transfer_take_or_pay_and_capacity(kb):
    blueprint = fitted_governance(kb, {"scope": ("manufacturing",)}, "supply_chain_partnership")
    assert titles(blueprint) == [
        "Quality agreement",
        "Technology transfer",
        "Take-or-pay and minimum purchase",
        "Capacity reservation and forecasting",
    ]


def test_research_gets_joint_steering_ip_and_publication(kb):
    blueprint = fitted_governance(kb, {"scope": ("research_development",)}, "equity_alliance")
    assert titles(blueprint) == [
        "Joint steering of the research plan",
        "Intellectual property",
        "Publication",
    ]


def test_a_module_reads_differently_under_each_form(kb):
    def employer(form):
        module = fitted_governance(kb, REMOTE_MONITORING, form).modules[0]
        return next(w.detail for w in module.workstreams if w.title.startswith("Who employs"))

    assert "corporate practice of medicine" in employer("joint_venture")
    assert employer("joint_venture") != employer("non_equity_alliance")


def test_a_module_a_form_already_covers_is_left_out(kb):
    blueprint = fitted_governance(kb, {"scope": ("research_development",)}, "consortium")
    assert blueprint.modules == []


def test_co_promotion_needs_a_drug_developer_among_the_partners(kb):
    values = {"scope": ("commercialization",), "partner_types": ("medtech", "provider")}
    modules = [m.id for m in fitted_governance(kb, values, "non_equity_alliance").modules]
    assert modules == ["market_launch"]


def test_each_module_says_why_it_applies(kb):
    module = fitted_governance(kb, CO_PROMOTION, "non_equity_alliance").modules[0]
    assert module.because == (
        "The scope includes commercialisation; partner types include pharmaceutical company"
        " and biotechnology company."
    )


def test_an_unanswered_scope_keeps_the_forms_own_blueprint_and_says_so(kb):
    blueprint = fitted_governance(kb, {"scope": None}, "joint_venture")
    assert blueprint.modules == []
    assert not blueprint.scope_known
    assert blueprint.workstreams == list(kb.forms["joint_venture"].governance.workstreams)


def test_the_forms_own_workstreams_come_first_then_each_modules(kb):
    blueprint = fitted_governance(kb, CO_PROMOTION, "equity_alliance")
    own = list(kb.forms["equity_alliance"].governance.workstreams)
    assert blueprint.workstreams == own + titles(blueprint)


def test_the_recommendation_carries_the_fitted_blueprint_and_cites_its_sources():
    scenario = scenario_from_data(default_reasoner().kb.demo)
    rec = recommend(scenario, analyses=False, robustness=False)
    cited = {source.id for source in rec.sources}
    assert rec.governance.modules
    for module in rec.governance.modules:
        assert set(module.sources) <= cited
