"""Building the explanation views of a recommendation from fired rules and scores.

The views copy what readers need out of the knowledge base (titles, reasons, names);
how sure the advisor is lives in ``engine.confidence``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from engine.bounds import Bounds
from engine.knowledge import KnowledgeBase
from engine.recommendation import (
    DecisionRightView,
    DerivedConclusion,
    EvidenceView,
    Exclusion,
    FiredRule,
    GovernanceBlueprint,
    MissingSupport,
    RankedForm,
    RiskFlag,
    WhyNot,
)
from engine.scoring import FormScore, excluded_forms, lead

DIGITS = 4
MISSING_SUPPORT_SHOWN = 3


def rounded(value: float) -> float:
    """Numbers in output are rounded the same way everywhere."""
    return round(value, DIGITS) + 0.0


def fired_rule_views(kb: KnowledgeBase, fired: Iterable[str]) -> list[FiredRule]:
    """The fired rules in knowledge-base order, with what they read and did."""
    fired_set = set(fired)
    views = []
    for rule in kb.rules:
        if rule.id not in fired_set:
            continue
        views.append(
            FiredRule(
                id=rule.id,
                title=rule.title,
                because=rule.because,
                theme=kb.rule_themes[rule.id],
                strength=rule.strength,
                sources=list(rule.sources),
                reads=list(kb.factors_read_by(rule)),
                reads_facts=list(kb.facts_read_by(rule)),
                derives=rule.derive,
                weighs=rule.weighs.consideration if rule.weighs else None,
                evidence=[
                    EvidenceView(form=pull.form, effect=pull.effect, weight=rounded(pull.weight))
                    for pull in kb.pulls[rule.id]
                ],
                excludes=list(rule.exclude),
                risks=list(rule.risks),
            )
        )
    return views


def derived_views(kb: KnowledgeBase, fired: Iterable[str]) -> list[DerivedConclusion]:
    """The derived facts concluded, each with the rules that concluded it."""
    by_fact: dict[str, list[str]] = {}
    fired_set = set(fired)
    for rule in kb.rules:
        if rule.id in fired_set and rule.derive:
            by_fact.setdefault(rule.derive, []).append(rule.id)
    return [
        DerivedConclusion(
            id=fact_id,
            label=kb.derived[fact_id].label,
            meaning=kb.derived[fact_id].meaning,
            derived_by=rules,
        )
        for fact_id, rules in by_fact.items()
    ]


def ranking_views(kb: KnowledgeBase, ranked: list[FormScore], bounds: Bounds) -> list[RankedForm]:
    """The ranking with each form's score and its possible range."""
    return [
        RankedForm(
            form=item.form,
            name=kb.forms[item.form].name,
            rank=position,
            score=rounded(item.score),
            excluded=item.excluded,
            lowest_possible=rounded(max(bounds.low[item.form], -1.0)),
            highest_possible=rounded(max(bounds.high[item.form], -1.0)),
        )
        for position, item in enumerate(ranked, start=1)
    ]


def exclusion_views(kb: KnowledgeBase, fired: Iterable[str]) -> list[Exclusion]:
    """Forms that fired rules rule out, with the reasons."""
    return [
        Exclusion(
            form=form,
            name=kb.forms[form].name,
            rules=rules,
            reasons=[kb.rules_by_id[r].because for r in rules],
        )
        for form, rules in sorted(excluded_forms(kb, fired).items())
    ]


def _missing_support(kb: KnowledgeBase, form: str, fired: set[str]) -> list[MissingSupport]:
    views = []
    for rule in kb.raisers_by_form.get(form, ()):
        if rule.id in fired:
            continue
        needs = list(kb.factors_read_by(rule)) + [f"({fact})" for fact in kb.facts_read_by(rule)]
        views.append(MissingSupport(rule=rule.id, title=rule.title, needs=needs))
        if len(views) == MISSING_SUPPORT_SHOWN:
            break
    return views


def why_not_views(
    kb: KnowledgeBase,
    ranked: list[FormScore],
    fired: Iterable[str],
    values: Mapping[str, Any],
) -> list[WhyNot]:
    """For every form but the first: what holds it back and what it lacks."""
    fired_set = set(fired)
    winner = ranked[0]
    raises: dict[str, set[str]] = {}
    lowers: dict[str, list[str]] = {}
    for rule in kb.rules:
        if rule.id not in fired_set:
            continue
        for pull in kb.pulls[rule.id]:
            if pull.weight > 0:
                raises.setdefault(pull.form, set()).add(rule.id)
            else:
                lowers.setdefault(pull.form, []).append(rule.id)
    exclusions = excluded_forms(kb, fired_set)
    views = []
    for other in ranked[1:]:
        advantages = sorted(raises.get(winner.form, set()) - raises.get(other.form, set()))
        views.append(
            WhyNot(
                form=other.form,
                name=kb.forms[other.form].name,
                score=rounded(other.score),
                gap=rounded(lead(winner, other)),
                excluded_by=exclusions.get(other.form, []),
                against=lowers.get(other.form, []),
                winner_advantages=advantages,
                missing_support=_missing_support(kb, other.form, fired_set),
            )
        )
    return views


def risk_views(kb: KnowledgeBase, fired: Iterable[str], form: str) -> list[RiskFlag]:
    """Risks raised by fired rules, then the chosen form's typical risks."""
    raised: dict[str, list[str]] = {}
    fired_set = set(fired)
    for rule in kb.rules:
        if rule.id in fired_set:
            for risk_id in rule.risks:
                raised.setdefault(risk_id, []).append(rule.id)
    for risk_id in kb.forms[form].typical_risks:
        raised.setdefault(risk_id, [])
    return [
        RiskFlag(
            id=risk_id,
            title=kb.risks[risk_id].title,
            description=kb.risks[risk_id].description,
            mitigations=list(kb.risks[risk_id].mitigations),
            raised_by=rules,
            sources=list(kb.risks[risk_id].sources),
        )
        for risk_id, rules in raised.items()
    ]


def governance_view(kb: KnowledgeBase, form: str) -> GovernanceBlueprint:
    """The governance blueprint of a form."""
    governance = kb.forms[form].governance
    return GovernanceBlueprint(
        form=form,
        workstreams=list(governance.workstreams),
        decision_rights=[
            DecisionRightView(decision=d.decision, owner=d.owner)
            for d in governance.decision_rights
        ],
        ip_background=governance.ip.background,
        ip_foreground=governance.ip.foreground,
        escalation=list(governance.escalation),
        exit_triggers=list(governance.exit_triggers),
        transition_services=list(governance.transition_services),
    )


__all__ = [
    "derived_views",
    "exclusion_views",
    "fired_rule_views",
    "governance_view",
    "ranking_views",
    "risk_views",
    "rounded",
    "why_not_views",
]
