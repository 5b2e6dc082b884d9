"""Building the explanation views of a recommendation from fired rules and scores.

The views copy what readers need out of the knowledge base (titles, reasons, names);
how sure the advisor is lives in ``engine.confidence``.
"""

from __future__ import annotations

from collections.abc import Iterable

from engine.bounds import Bounds
from engine.knowledge import KnowledgeBase
from engine.recommendation import (
    DecisionRightView,
    DerivedConclusion,
    EvidenceView,
    Exclusion,
    FactorRef,
    FactRef,
    FiredRule,
    GovernanceBlueprint,
    MissingSupport,
    Need,
    RankedForm,
    RiskFlag,
    RuleRef,
    SourceRef,
    WeighsView,
    WhyNot,
)
from engine.scoring import FormScore, excluded_forms, lead
from rules.schema import RuleSpec

DIGITS = 4
MISSING_SUPPORT_SHOWN = 3


def rounded(value: float) -> float:
    """Numbers in output are rounded the same way everywhere."""
    return round(value, DIGITS) + 0.0


class _Words:
    """The views that depend only on the knowledge base, built once for each one.

    Every view is frozen and holds only text and numbers, so recommendations share
    them; a view holding a list (a fired rule, a missing support) is built afresh
    each time from these parts.
    """

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.factors = {f: FactorRef(id=f, label=text.label) for f, text in kb.factors.items()}
        self.facts = {f: FactRef(id=f, label=text.label) for f, text in kb.derived.items()}
        self.reads = {r.id: tuple(self.factors[f] for f in kb.factors_read_by(r)) for r in kb.rules}
        self.reads_facts = {
            r.id: tuple(self.facts[f] for f in kb.facts_read_by(r)) for r in kb.rules
        }
        self.weighs = {r.id: _weighs_view(kb, r) for r in kb.rules}
        self.evidence = {
            r.id: tuple(
                EvidenceView(form=pull.form, effect=pull.effect, weight=rounded(pull.weight))
                for pull in kb.pulls[r.id]
            )
            for r in kb.rules
        }
        self.pulls_on: dict[str, list[tuple[float, int, str]]] = {}
        for index, rule in enumerate(kb.rules):
            for pull in kb.pulls[rule.id]:
                self.pulls_on.setdefault(pull.form, []).append((pull.weight, index, rule.id))
        self.sources = {
            s: SourceRef(id=s, citation=source.citation, url=source.url)
            for s, source in kb.sources.items()
        }
        self.decision_rights = {
            form: tuple(
                DecisionRightView(decision=d.decision, owner=d.owner)
                for d in spec.governance.decision_rights
            )
            for form, spec in kb.forms.items()
        }
        self.needs = {
            r.id: tuple(Need(kind="factor", id=ref.id, label=ref.label) for ref in self.reads[r.id])
            + tuple(Need(kind="fact", id=ref.id, label=ref.label) for ref in self.reads_facts[r.id])
            for r in kb.rules
        }


_WORDS: dict[int, _Words] = {}  # by id() of the knowledge base, which each entry holds
_RULE_REFS: dict[int, tuple[RuleSpec, RuleRef]] = {}  # by id() of the rule, held likewise
_KEPT = 4096  # entries kept before a cache starts afresh (knowledge bases made in tests)


def _words(kb: KnowledgeBase) -> _Words:
    found = _WORDS.get(id(kb))
    if found is None or found.kb is not kb:
        if len(_WORDS) >= 8:
            _WORDS.clear()
        found = _WORDS[id(kb)] = _Words(kb)
    return found


def rule_ref(rule: RuleSpec) -> RuleRef:
    """A rule named with its title and reason (one view per rule, shared)."""
    found = _RULE_REFS.get(id(rule))
    if found is not None and found[0] is rule:
        return found[1]
    ref = RuleRef(id=rule.id, title=rule.title, because=rule.because)
    if len(_RULE_REFS) >= _KEPT:
        _RULE_REFS.clear()
    _RULE_REFS[id(rule)] = (rule, ref)
    return ref


def rule_refs(kb: KnowledgeBase, rule_ids: Iterable[str]) -> list[RuleRef]:
    """Rules named with their titles and reasons, in the order given."""
    return [rule_ref(kb.rules_by_id[rule_id]) for rule_id in rule_ids]


def factor_ref(kb: KnowledgeBase, factor_id: str) -> FactorRef:
    """A factor named with its label."""
    return _words(kb).factors.get(factor_id) or FactorRef(
        id=factor_id, label=kb.factors[factor_id].label
    )


def fact_ref(kb: KnowledgeBase, fact_id: str) -> FactRef:
    """A derived fact named with its label."""
    return _words(kb).facts.get(fact_id) or FactRef(id=fact_id, label=kb.derived[fact_id].label)


def weighs_view(kb: KnowledgeBase, rule: RuleSpec) -> WeighsView | None:
    """What a rule weighs and which way it leans, with the words of its stage."""
    words = _words(kb)
    if kb.rules_by_id.get(rule.id) is rule:
        return words.weighs[rule.id]
    return _weighs_view(kb, rule)


def _weighs_view(kb: KnowledgeBase, rule: RuleSpec) -> WeighsView | None:
    if rule.weighs is None:
        return None
    consideration = next(
        c for c in kb.considerations.considerations if c.id == rule.weighs.consideration
    )
    contrast = next(c for c in kb.considerations.contrasts if c.id == consideration.contrast)
    return WeighsView(
        consideration=consideration.id,
        title=consideration.title,
        lean=rule.weighs.lean,
        stage=contrast.title,
        toward=contrast.toward,
        toward_name=kb.forms[contrast.toward].name,
    )


def fired_rule_views(kb: KnowledgeBase, fired: Iterable[str]) -> list[FiredRule]:
    """The fired rules in knowledge-base order, with what they read and did."""
    fired_set = set(fired)
    words = _words(kb)
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
                reads=list(words.reads[rule.id]),
                reads_facts=list(words.reads_facts[rule.id]),
                derives=words.facts[rule.derive] if rule.derive else None,
                weighs=words.weighs[rule.id],
                evidence=list(words.evidence[rule.id]),
                excludes=list(rule.exclude),
                risks=list(rule.risks),
            )
        )
    return views


def derived_views(kb: KnowledgeBase, fired: Iterable[str]) -> list[DerivedConclusion]:
    """The derived facts concluded, each with the rules that concluded it."""
    by_fact: dict[str, list[RuleRef]] = {}
    fired_set = set(fired)
    for rule in kb.rules:
        if rule.id in fired_set and rule.derive:
            by_fact.setdefault(rule.derive, []).append(rule_ref(rule))
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
    """The ranking with each form's score and its possible range.

    Scores are probabilities, so a range lies within [0, 1] and always contains the
    score; an excluded form's range is its score, 0.
    """
    return [
        RankedForm(
            form=item.form,
            name=kb.forms[item.form].name,
            rank=position,
            score=rounded(item.score),
            excluded=item.excluded,
            lowest_possible=rounded(_within(bounds.low[item.form], item, low=True)),
            highest_possible=rounded(_within(bounds.high[item.form], item, low=False)),
        )
        for position, item in enumerate(ranked, start=1)
    ]


def _within(bound: float, item: FormScore, *, low: bool) -> float:
    if item.excluded:
        return item.score
    clamped = min(max(bound, 0.0), 1.0)
    return min(clamped, item.score) if low else max(clamped, item.score)


def exclusion_views(kb: KnowledgeBase, fired: Iterable[str]) -> list[Exclusion]:
    """Forms that fired rules rule out, with the reasons."""
    return [
        Exclusion(
            form=form,
            name=kb.forms[form].name,
            rules=rule_refs(kb, rules),
        )
        for form, rules in sorted(excluded_forms(kb, fired).items())
    ]


def _missing_support(kb: KnowledgeBase, form: str, fired: set[str]) -> list[MissingSupport]:
    views = []
    needs = _words(kb).needs
    for rule in kb.raisers_by_form.get(form, ()):
        if rule.id in fired:
            continue
        views.append(MissingSupport(rule=rule.id, title=rule.title, needs=list(needs[rule.id])))
        if len(views) == MISSING_SUPPORT_SHOWN:
            break
    return views


def _pulls_on(kb: KnowledgeBase, fired: set[str], form: str) -> list[tuple[float, int, str]]:
    """The fired rules' pulls on a form: weight, rule position and id, in rule order."""
    return [pull for pull in _words(kb).pulls_on.get(form, ()) if pull[2] in fired]


def winner_support_view(kb: KnowledgeBase, fired: Iterable[str], winner: str) -> list[RuleRef]:
    """The fired rules that raise the first place, strongest pull first (then rule order)."""
    strongest: dict[str, tuple[float, int]] = {}
    for weight, index, rule_id in _pulls_on(kb, set(fired), winner):
        if weight > 0 and weight > strongest.get(rule_id, (0.0, 0))[0]:
            strongest[rule_id] = (weight, index)
    order = sorted(strongest, key=lambda r: (-strongest[r][0], strongest[r][1]))
    return rule_refs(kb, order)


def why_not_views(
    kb: KnowledgeBase,
    ranked: list[FormScore],
    fired: Iterable[str],
    winner_support: list[RuleRef],
) -> list[WhyNot]:
    """For every form but the first: what holds it back and what it lacks.

    ``winner_support`` is the first place's supporting rules (``winner_support_view``),
    computed once for the recommendation.
    """
    fired_set = set(fired)
    winner = ranked[0]
    exclusions = excluded_forms(kb, fired_set)
    views = []
    for other in ranked[1:]:
        pulls = _pulls_on(kb, fired_set, other.form)
        raising = {rule_id for weight, _, rule_id in pulls if weight > 0}
        against = list(dict.fromkeys(rule_id for weight, _, rule_id in pulls if weight <= 0))
        views.append(
            WhyNot(
                form=other.form,
                name=kb.forms[other.form].name,
                score=rounded(other.score),
                gap=rounded(lead(winner, other)),
                excluded_by=rule_refs(kb, exclusions.get(other.form, [])),
                against=rule_refs(kb, against),
                winner_advantages=[ref for ref in winner_support if ref.id not in raising],
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
            raised_by=rule_refs(kb, rules),
            sources=list(kb.risks[risk_id].sources),
        )
        for risk_id, rules in raised.items()
    ]


def source_views(
    kb: KnowledgeBase,
    fired_rules: Iterable[FiredRule],
    risks: Iterable[RiskFlag],
    form: str,
    governance_sources: Iterable[str] = (),
) -> list[SourceRef]:
    """Every source the recommendation cites: the form's, the rules', the risks', governance's."""
    cited = list(kb.forms[form].sources)
    cited += [s for rule in fired_rules for s in rule.sources]
    cited += [s for risk in risks for s in risk.sources]
    cited += list(governance_sources)
    known = _words(kb).sources
    return [known[s] for s in dict.fromkeys(cited) if s in known]


def governance_view(kb: KnowledgeBase, form: str) -> GovernanceBlueprint:
    """The governance blueprint of a form."""
    governance = kb.forms[form].governance
    return GovernanceBlueprint(
        form=form,
        workstreams=list(governance.workstreams),
        decision_rights=list(_words(kb).decision_rights[form]),
        ip_background=governance.ip.background,
        ip_foreground=governance.ip.foreground,
        escalation=list(governance.escalation),
        exit_triggers=list(governance.exit_triggers),
        transition_services=list(governance.transition_services),
    )


__all__ = [
    "derived_views",
    "exclusion_views",
    "fact_ref",
    "factor_ref",
    "fired_rule_views",
    "governance_view",
    "ranking_views",
    "risk_views",
    "rounded",
    "rule_ref",
    "rule_refs",
    "source_views",
    "why_not_views",
    "weighs_view",
    "winner_support_view",
]
