"""The advisor's one entry point: a scenario in, a typed, explained recommendation out.

This module only orchestrates: it runs inference and the analyses once and hands the
results to the view builders (``engine.explain``, ``engine.confidence``,
``engine.sensitivity``).
"""

from __future__ import annotations

from engine.analysis import Variant, compiled_variants, share_first
from engine.bounds import bounds_from_truths, exact_bounds
from engine.confidence import confidence, confidence_label, confidence_notes, coverage
from engine.explain import (
    derived_views,
    exclusion_views,
    factor_ref,
    fired_rule_views,
    ranking_views,
    risk_views,
    rounded,
    source_views,
    why_not_views,
    winner_support_view,
)
from engine.governance import fitted_governance
from engine.reasoner import Reasoner, default_reasoner
from engine.recommendation import Recommendation, Robustness
from engine.scenario import Scenario
from engine.scoring import rank, score_forms
from engine.sensitivity import next_question_views, sensitivity_table, what_if_views
from engine.stages import stage_views
from engine.trace import derivation_data
from rules.vocabulary import FACTOR_IDS


def recommend(
    scenario: Scenario,
    *,
    analyses: bool = True,
    robustness: bool = True,
    sensitivity: bool = True,
    reasoner: Reasoner | None = None,
    compiled: bool = False,
) -> Recommendation:
    """Rank the five forms for a scenario and explain the ranking.

    Args:
        scenario: the validated scenario.
        analyses: also compute what-if changes and next questions.
        robustness: also complete the unknown answers and count how often each form wins.
        sensitivity: with ``analyses``, also report how far every factor moves every
            form (what-if and next questions are the same either way).
        reasoner: the compiled knowledge base; the shipped one by default.
        compiled: take the fired rules from the compiled rules instead of an experta
            run (the same rules, proven equal; for bulk runs such as the corpus, never
            for a recommendation a user sees).

    Returns:
        The recommendation. The same scenario and knowledge base always give the same one.

    Example:
        >>> from engine import load_scenario_text, recommend
        >>> rec = recommend(load_scenario_text("schema_version: 1"), analyses=False)
        >>> len(rec.ranking)
        5
    """
    reasoner = reasoner or default_reasoner()
    kb = reasoner.kb
    values = scenario.factor_values()
    variants: list[Variant] = []
    # experta reasons on the scenario itself; the variants come from the same rules
    # compiled to array arithmetic (equal to experta's, tests/engine/test_compiled_*).
    fired = reasoner.fast.fired_sets([values])[0] if compiled else reasoner.infer(values)
    scores = score_forms(kb, fired)
    ranked = rank(scores)
    winner = ranked[0].form
    if analyses:
        variants = compiled_variants(reasoner, values)
    # Confidence needs how the unknowns could fall, whether or not the view is shown.
    truths = reasoner.fast.truths(values)  # equal to rule_truths (tests/engine/test_compiled_*)
    shares = share_first(reasoner, values, truths)
    unknown = [factor_id for factor_id in FACTOR_IDS if values.get(factor_id) is None]
    bounds = bounds_from_truths(kb, truths) if unknown else exact_bounds(scores, fired)
    answered = coverage(kb, values)
    runner_up = 0.0 if ranked[1].excluded else ranked[1].score
    value = confidence(kb, ranked[0], shares.share[winner], runner_up)
    excluded = [item.form for item in ranked if item.excluded]
    support = winner_support_view(kb, fired, winner)
    fired_views = fired_rule_views(kb, fired)
    risks = risk_views(kb, fired, winner)
    governance = fitted_governance(kb, values, winner)
    return Recommendation(
        recommendation=winner,
        recommendation_name=kb.forms[winner].name,
        ranking=ranking_views(kb, ranked, bounds),
        confidence=rounded(value),
        confidence_label=confidence_label(kb, value),
        confidence_notes=confidence_notes(kb, ranked, shares.share, unknown, value),
        fired_rules=fired_views,
        knowledge_base_version=kb.version,
        scenario_name=scenario.name,
        winner_support=support,
        stages=stage_views(kb, fired, excluded, winner),
        derived_facts=derived_views(kb, fired),
        excluded=exclusion_views(kb, fired),
        why_not=why_not_views(kb, ranked, fired, support),
        unknown_factors=[factor_ref(kb, factor_id) for factor_id in unknown],
        coverage=rounded(answered),
        risks=risks,
        governance=governance,
        next_questions=next_question_views(reasoner, values, winner, scores, variants)
        if analyses
        else None,
        what_if=what_if_views(reasoner, values, winner, variants) if analyses else None,
        sensitivity=sensitivity_table(kb, scores, variants) if analyses and sensitivity else None,
        robustness=Robustness(
            unknown_factors=shares.unknown,
            completions=shares.completions,
            exhaustive=shares.exhaustive,
            share_first={form: rounded(share) for form, share in shares.share.items()},
            error_bound=rounded(shares.error_bound),
            error_level=kb.scoring.robustness.error_level,
        )
        if robustness
        else None,
        sources=source_views(
            kb, fired_views, risks, winner, (s for m in governance.modules for s in m.sources)
        ),
        trace=derivation_data(kb, fired, values),
    )


__all__ = ["recommend"]
