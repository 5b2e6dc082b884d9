"""The explanation views: built from fired rules, carrying the knowledge base's words."""

from __future__ import annotations

from engine.explain import (
    derived_views,
    exclusion_views,
    fired_rule_views,
    risk_views,
    rounded,
    source_views,
    why_not_views,
    winner_support_view,
)
from engine.recommendation import RuleRef
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
        [RuleRef(id=deriving.id, title=deriving.title, because=deriving.because)],
    )


def test_an_exclusion_names_the_form_and_gives_the_rules_reason(kb):
    _, excluding = deriving_and_excluding(kb)
    views = exclusion_views(kb, [excluding.id])
    assert [view.form for view in views] == sorted(excluding.exclude)
    assert all([rule.because for rule in view.rules] == [excluding.because] for view in views)
    assert all(view.name == kb.forms[view.form].name for view in views)


def test_why_not_covers_every_other_form_with_its_gap(kb):
    fired = [rule.id for rule in kb.rules[:12] if not rule.exclude]
    ranked = rank(score_forms(kb, fired))
    views = why_not_views(kb, ranked, fired, winner_support_view(kb, fired, ranked[0].form))
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


def test_why_not_names_the_rules_against_a_form_with_their_titles_and_reasons(kb):
    fired = [rule.id for rule in kb.rules[:40] if not rule.exclude]
    ranked = rank(score_forms(kb, fired))
    views = why_not_views(kb, ranked, fired, winner_support_view(kb, fired, ranked[0].form))
    against = [ref for view in views for ref in view.against]
    assert against
    for ref in against:
        rule = kb.rules_by_id[ref.id]
        assert (ref.title, ref.because) == (rule.title, rule.because)


def test_the_winners_support_is_its_raising_rules_strongest_first(kb):
    fired = [rule.id for rule in kb.rules[:40] if not rule.exclude]
    winner = rank(score_forms(kb, fired))[0].form
    support = winner_support_view(kb, fired, winner)
    strongest = [max(p.weight for p in kb.pulls[ref.id] if p.form == winner) for ref in support]
    assert support and all(weight > 0 for weight in strongest)
    assert strongest == sorted(strongest, reverse=True)
    raising = {r for r in fired for p in kb.pulls[r] if p.form == winner and p.weight > 0}
    assert {ref.id for ref in support} == raising


def test_why_not_takes_the_winners_advantages_from_its_support(kb):
    fired = [rule.id for rule in kb.rules[:40] if not rule.exclude]
    ranked = rank(score_forms(kb, fired))
    support = winner_support_view(kb, fired, ranked[0].form)
    for view in why_not_views(kb, ranked, fired, support):
        assert all(ref in support for ref in view.winner_advantages)
        raising_it = {r for r in fired for p in kb.pulls[r] if p.form == view.form and p.weight > 0}
        assert not any(ref.id in raising_it for ref in view.winner_advantages)


def test_missing_support_needs_are_typed_factors_and_facts_with_labels(kb):
    ranked = rank(score_forms(kb, []))
    views = why_not_views(kb, ranked, [], [])
    needs = [n for v in views for m in v.missing_support for n in m.needs]
    assert {n.kind for n in needs} == {"factor", "fact"}
    for need in needs:
        words = kb.factors[need.id] if need.kind == "factor" else kb.derived[need.id]
        assert need.label == words.label


def test_the_bibliography_holds_every_source_cited_with_its_citation(kb):
    fired = [rule.id for rule in kb.rules[:40]]
    winner = rank(score_forms(kb, fired))[0].form
    rules = fired_rule_views(kb, fired)
    risks = risk_views(kb, fired, winner)
    sources = source_views(kb, rules, risks, winner)
    cited = {s for r in rules for s in r.sources} | {s for r in risks for s in r.sources}
    cited |= set(kb.forms[winner].sources)
    assert {s.id for s in sources} == cited & set(kb.sources)
    assert all(s.citation == kb.sources[s.id].citation for s in sources)


def test_a_fired_rules_views_list_what_it_reads_from_its_condition(kb):
    rule = next(rule for rule in kb.rules if kb.facts_read_by(rule) and kb.factors_read_by(rule))
    (view,) = fired_rule_views(kb, [rule.id])
    assert [ref.id for ref in view.reads] == list(kb.factors_read_by(rule))
    assert [ref.id for ref in view.reads_facts] == list(kb.facts_read_by(rule))
    assert [ref.label for ref in view.reads_facts] == [
        kb.derived[fact].label for fact in kb.facts_read_by(rule)
    ]


def test_two_recommendations_never_share_a_list_that_one_could_change(kb):
    rule = next(rule for rule in kb.rules if kb.factors_read_by(rule) and kb.pulls[rule.id])
    first, second = fired_rule_views(kb, [rule.id]), fired_rule_views(kb, [rule.id])
    first[0].reads.clear()
    first[0].evidence.clear()
    assert second[0].reads and second[0].evidence
    assert fired_rule_views(kb, [rule.id])[0] == second[0]
