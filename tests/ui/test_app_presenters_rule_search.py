"""The rule explorer's filter, search text and captions."""

from __future__ import annotations

from ui.app.presenters.rule_search import (
    RuleFilter,
    firing_cases_line,
    haystack,
    matching_rules,
    rule_caption,
)


def test_an_empty_filter_shows_every_rule(kb, questions):
    assert matching_rules(kb, questions, RuleFilter(), set()) == list(kb.rules)


def test_a_search_word_finds_a_rule_by_its_id(kb, questions):
    rule = kb.rules[0]
    shown = matching_rules(kb, questions, RuleFilter(query=rule.id.upper()), set())
    assert rule in shown


def test_every_search_word_must_occur(kb, questions):
    rule = kb.rules[0]
    wanted = RuleFilter(query=f"{rule.id} no-such-word")
    assert matching_rules(kb, questions, wanted, set()) == []


def test_the_search_text_holds_factor_labels_form_names_and_the_consideration(kb, questions):
    rule = next(r for r in kb.rules if r.weighs and kb.factors_read_by(r))
    text = haystack(kb, rule, questions)
    assert questions[kb.factors_read_by(rule)[0]].label.lower() in text
    assert kb.forms[kb.pulls[rule.id][0].form].name.lower() in text
    weighed = next(c for c in kb.considerations.considerations if c.id == rule.weighs.consideration)
    assert weighed.title.lower() in text


def test_a_theme_filter_keeps_only_that_theme(kb, questions):
    theme = kb.rule_themes[kb.rules[0].id]
    shown = matching_rules(kb, questions, RuleFilter(themes=(theme,)), set())
    assert shown and all(kb.rule_themes[r.id] == theme for r in shown)


def test_a_factor_filter_keeps_the_rules_reading_it(kb, questions):
    shown = matching_rules(kb, questions, RuleFilter(factor="trust"), set())
    assert shown and all("trust" in kb.factors_read_by(r) for r in shown)


def test_a_form_filter_keeps_rules_acting_on_it_or_ruling_it_out(kb, questions):
    shown = matching_rules(kb, questions, RuleFilter(form="joint_venture"), set())
    assert shown
    for rule in shown:
        assert "joint_venture" in {p.form for p in kb.pulls[rule.id]} | set(rule.exclude)


def test_a_form_filter_on_the_contract_finds_rules_of_the_stake_contrast(kb, questions):
    shown = matching_rules(kb, questions, RuleFilter(form="non_equity_alliance"), set())
    stake_rules = [
        r
        for r in kb.rules
        if r.weighs and kb.decision.contrast_of[r.weighs.consideration] == "stake"
    ]
    assert stake_rules and all(rule in shown for rule in stake_rules)


def test_fires_now_keeps_only_fired_rules(kb, questions):
    fired = {kb.rules[1].id}
    assert matching_rules(kb, questions, RuleFilter(only_fired=True), fired) == [kb.rules[1]]


def test_rule_caption_gives_id_theme_and_strength(kb):
    rule = next(r for r in kb.rules if not r.tendency)
    assert rule_caption(kb, rule) == f"`{rule.id}` · {kb.rule_themes[rule.id]} · {rule.strength}"


def test_rule_caption_adds_a_tendency(kb):
    rule = next(r for r in kb.rules if r.tendency)
    assert rule_caption(kb, rule).endswith(f" · tendency {rule.tendency}")


def test_firing_cases_line_lists_titles_or_none():
    titles = {"a": "Case_A", "b": "Case B"}
    assert firing_cases_line(titles, ["a", "b"]) == (
        "**Teaching cases in which it fires:** Case\\_A, Case B"
    )
    assert firing_cases_line(titles, []) == "**Teaching cases in which it fires:** none"
