"""The rule explorer: every rule, searchable, with conditions, effects and sources."""

from __future__ import annotations

import pytest
from app_support import main_text, open_page, rerun, seen

from engine import recommend, scenario_from_data


def _titles(app) -> set[str]:
    return {e.label.removesuffix(" · fires now") for e in app.main.expander}


def test_every_rule_is_listed_twenty_to_a_page(app, kb):
    open_page(app, "rules")
    pages = -(-len(kb.rules) // 20)
    assert f"{len(kb.rules)} of {len(kb.rules)} rules match; page 1 of {pages}." in main_text(app)
    assert len(app.main.expander) == 20
    titles = _titles(app)
    for page in range(2, pages + 1):
        app.number_input(key="rules_page").set_value(page)
        rerun(app)
        titles |= _titles(app)
    assert {rule.title for rule in kb.rules} <= titles


def test_each_rule_shows_its_effects_as_chips(app, kb):
    rule = next(r for r in kb.rules if r.exclude)
    open_page(app, "rules")
    app.text_input(key="rules_search").input(rule.id)
    rerun(app)
    chips = next(str(m.value) for m in app.main.markdown if "-badge[" in str(m.value))
    assert f":red-badge[✕ {kb.forms[rule.exclude[0]].name}]" in chips


def test_rules_that_separate_two_forms_are_only_those_on_their_differing_contrasts(app, kb):
    open_page(app, "rules")
    app.selectbox(key="rules_separate_first").set_value("equity_alliance")
    app.selectbox(key="rules_separate_second").set_value("non_equity_alliance")
    rerun(app)
    stake = {
        r.title
        for r in kb.rules
        if r.weighs and kb.decision.contrast_of[r.weighs.consideration] == "stake"
    } | {
        r.title
        for r in kb.rules
        if ("equity_alliance" in r.exclude) != ("non_equity_alliance" in r.exclude)
    }
    assert f"{len(stake)} of {len(kb.rules)} rules match" in main_text(app)
    assert _titles(app) <= stake


def test_search_narrows_the_list(app, kb):
    rule = kb.rules[0]
    open_page(app, "rules")
    app.text_input(key="rules_search").input(rule.id)
    rerun(app)
    labels = [e.label for e in app.main.expander]
    assert labels and all(label.startswith(rule.title) for label in labels)
    text = seen(main_text(app))
    assert "**When**" in text and "**Then it**" in text
    assert kb.sources[rule.sources[0]].citation.split(" ")[0] in text


def test_a_rule_card_says_what_the_rule_weighs(app, kb):
    rule = next(r for r in kb.rules if r.weighs)
    weighed = next(c for c in kb.considerations.considerations if c.id == rule.weighs.consideration)
    open_page(app, "rules")
    app.text_input(key="rules_search").input(rule.id)
    rerun(app)
    text = main_text(app).replace("\\", "")
    direction = "toward" if rule.weighs.lean > 0 else "away from"
    assert f"weighs “{weighed.title}”, leaning {direction}" in text


def test_fired_filter_keeps_the_rules_that_fire_now(app, demo_rec):
    open_page(app, "rules")
    app.checkbox(key="rules_fired_only").check()
    rerun(app)
    assert f"{len(demo_rec.fired_rules)} of " in main_text(app)
    assert len(app.main.expander) == min(20, len(demo_rec.fired_rules))
    assert all(e.label.endswith(" · fires now") for e in app.main.expander)


def test_factor_filter_matches_the_knowledge_base(app, kb):
    open_page(app, "rules")
    app.selectbox(key="rules_factor").set_value("trust")
    rerun(app)
    assert f"{len(kb.rules_reading_factor['trust'])} of " in main_text(app)


def test_a_rule_names_the_teaching_cases_that_fire_it(app, kb):
    if not kb.cases:
        pytest.skip("the knowledge base holds no teaching cases")
    case = next(iter(kb.cases.values()))
    fired = recommend(scenario_from_data(case.scenario), analyses=False, robustness=False)
    rule = fired.fired_rules[0]
    open_page(app, "rules")
    app.text_input(key="rules_search").input(rule.id)
    rerun(app)
    line = next(m.value for m in app.main.markdown if "Teaching cases in which it fires" in m.value)
    assert case.title.split(",")[0] in line
