"""The explanation views: built from fired rules, carrying the knowledge base's words."""

from __future__ import annotations

from engine.explain import (
    derived_views,
    exclusion_views,
    fired_rule_views,
    risk_views,
    rounded,
    why_not_views,
)
from engine.scoring import rank, score_forms


def deriving_and_excluding(kb):
    deriving = next(rule for rule in kb.rules if rule.derive)
    excluding = next(rule for rule in kb.rules if rule.exclude)
    return deriving, excluding


def test_rounded_gives_four_places_and_no_negative_zero():
    assert rounded(0.123456) == 0.1235
    assert str(rounded(-0.00001)) == "0.0"


def test_fired_rules_come_in_knowledge_base_order_whatever_order_they_fired_in(kb):
    ids = [kb.rules[5].id, kb.rules[1].id, kb.rules[3].id]
    views = fired_rule_views(kb, ids)
    assert [view.id for view in views] == [kb.rules[1].id, kb.rules[3].id, kb.rules[5].id]
    view, rule = views[0], kb.rules[1]
    assert (view.title, view.because, view.theme) == (
        rule.title,
        rule.because,
        kb.rule_themes[rule.id],
    )


def test_a_derived_fact_is_shown_with_its_words_and_the_rules_that_concluded_it(kb):
    deriving, _ = deriving_and_excluding(kb)
    (view,) = derived_views(kb, [deriving.id])
    fact = kb.derived[deriving.derive]
    assert (view.id, view.label, view.meaning, view.derived_by) == (
        fact.id,
        fact.label,
        fact.meaning,
        [deriving.id],
    )


def test_an_exclusion_names_the_form_and_gives_the_rules_reason(kb):
    _, excluding = deriving_and_excluding(kb)
    views = exclusion_views(kb, [excluding.id])
    assert [view.form for view in views] == sorted(excluding.exclude)
    assert all(view.reasons == [excluding.because] for view in views)
    assert all(view.name == kb.forms[view.form].name for view in views)


def test_why_not_covers_every_other_form_with_its_gap(kb):
    fired = [rule.id for rule in kb.rules[:12] if not rule.exclude]
    ranked = rank(score_forms(kb, fired))
    views = why_not_views(kb, ranked, fired, {})
    assert [view.form for view in views] == [item.form for item in ranked[1:]]
    assert [view.gap for view in views] == [
        rounded(ranked[0].score - item.score) for item in ranked[1:]
    ]


def test_risks_raised_by_rules_come_before_the_forms_typical_risks(kb):
    raising = next(rule for rule in kb.rules if rule.risks)
    form = next(f for f in kb.forms.values() if f.typical_risks)
    views = risk_views(kb, [raising.id], form.id)
    raised = [view.id for view in views if view.raised_by]
    assert raised == list(dict.fromkeys(raising.risks))
    assert [view.id for view in views][: len(raised)] == raised
    assert {view.id for view in views} == set(raising.risks) | set(form.typical_risks)
