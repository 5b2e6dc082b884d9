"""Verifying the knowledge base as a whole: the checks behind ``alliance-advisor kb check``."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from engine.bounds import rule_truths
from engine.decision_data import stale_weights
from engine.reasoner import Reasoner
from engine.scoring import score_forms
from rules.vocabulary import FACTOR_IDS, FACTORS, FORM_IDS, FactorKind, FactorSpec

if TYPE_CHECKING:  # networkx is imported where used: it is slow to import
    import networkx as nx

SEARCH_PASSES = 3


@dataclass
class VerificationReport:
    """What the checks found: errors fail the check, warnings and facts inform."""

    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    facts: list[str] = field(default_factory=list)
    winning_scenarios: dict[str, dict[str, Any]] = field(default_factory=dict)

    def render(self) -> str:
        """The report as readable text."""
        lines = ["Knowledge base check", ""]
        lines += [f"  {fact}" for fact in self.facts]
        lines.append("")
        if self.errors:
            lines.append(f"{len(self.errors)} error(s):")
            lines += [f"  ERROR {e}" for e in self.errors]
        if self.warnings:
            lines.append(f"{len(self.warnings)} warning(s):")
            lines += [f"  warning {w}" for w in self.warnings]
        lines.append("")
        lines.append("FAILED" if self.errors else "OK: no errors")
        return "\n".join(lines)


def dependency_graph(reasoner: Reasoner) -> nx.DiGraph[tuple[str, str]]:
    """Rules and derived facts: fact -> consuming rule, rule -> derived fact."""
    import networkx as nx

    kb = reasoner.kb
    graph: nx.DiGraph[tuple[str, str]] = nx.DiGraph()
    for rule in kb.rules:
        graph.add_node(("rule", rule.id))
        for fact in kb.facts_read_by(rule):
            graph.add_edge(("fact", fact), ("rule", rule.id))
        if rule.derive:
            graph.add_edge(("rule", rule.id), ("fact", rule.derive))
    return graph


def _options(spec: FactorSpec, counts: tuple[int, ...]) -> list[Any]:
    if spec.kind is FactorKind.COUNT:
        return [None, *counts]
    if spec.kind is FactorKind.SET:
        return [None, *[(member,) for member in spec.values]]
    return [None, *spec.values]


def find_winning_scenario(reasoner: Reasoner, form: str) -> dict[str, Any] | None:
    """Greedy search for factor values under which ``form`` comes first, or ``None``."""
    counts = reasoner.kb.scoring.robustness.partner_count_levels
    values: dict[str, Any] = dict.fromkeys(FACTOR_IDS)

    def advantage(candidate: dict[str, Any]) -> float:
        fired = [r for r, t in rule_truths(reasoner, candidate).items() if t]
        scores = score_forms(reasoner.kb, fired)
        others = max(scores[f].sort_value for f in FORM_IDS if f != form)
        return scores[form].sort_value - others

    best = advantage(values)
    for _ in range(SEARCH_PASSES):
        improved = False
        for spec in FACTORS:
            for option in _options(spec, counts):
                trial = {**values, spec.id: option}
                score = advantage(trial)
                if score > best + 1e-9:
                    best, values, improved = score, trial, True
        if best > 0 and not improved:
            break
    return {k: v for k, v in values.items() if v is not None} if best > 0 else None


def _effects_signature(pulls: Any) -> dict[str, int]:
    return {pull.form: 1 if pull.weight > 0 else -1 for pull in pulls}


def _check_derivations(reasoner: Reasoner, report: VerificationReport) -> bool:
    """Cycles and unused or never-concluded derived facts; whether the graph is acyclic."""
    import networkx as nx

    kb = reasoner.kb
    graph = dependency_graph(reasoner)
    cycles = list(nx.simple_cycles(graph))
    for cycle in cycles:
        names = " -> ".join(node[1] for node in cycle)
        report.errors.append(f"derivation cycle: {names}")
    produced = {rule.derive for rule in kb.rules if rule.derive}
    consumed = {fact for rule in kb.rules for fact in kb.facts_read_by(rule)}
    for fact in sorted(set(kb.derived) - produced):
        report.errors.append(f"derived fact {fact!r} is never concluded by any rule")
    for fact in sorted(set(kb.derived) - consumed):
        report.errors.append(f"derived fact {fact!r} is concluded but no rule uses it")
    if not cycles:
        depth = sum(1 for node in nx.dag_longest_path(graph) if node[0] == "rule")
        report.facts.append(f"longest derivation chain: {depth} rule(s) deep")
    return not cycles


def _check_twin_rules(reasoner: Reasoner, report: VerificationReport) -> None:
    """Rules with the same conditions must not pull one form in opposite directions."""
    seen: dict[Any, Any] = {}
    for rule in reasoner.kb.rules:
        key = rule.when.model_dump_json()
        for other in seen.get(key, []):
            pulls = reasoner.kb.pulls
            mine, theirs = _effects_signature(pulls[rule.id]), _effects_signature(pulls[other.id])
            clash = [f for f in mine if f in theirs and mine[f] != theirs[f]]
            if clash:
                report.errors.append(
                    f"rules {other.id} and {rule.id} have the same conditions but opposite"
                    f" effects on {', '.join(clash)}"
                )
        seen.setdefault(key, []).append(rule)


def _check_factor_use(reasoner: Reasoner, report: VerificationReport) -> None:
    """Warn about factors no rule, or only one rule, reads."""
    kb = reasoner.kb
    reads = Counter(factor for rule in kb.rules for factor in kb.factors_read_by(rule))
    unread = [factor for factor in FACTOR_IDS if reads[factor] == 0]
    for factor in unread:
        report.warnings.append(f"no rule reads factor {factor!r}")
    for factor in FACTOR_IDS:
        if 0 < reads[factor] < 2:
            report.warnings.append(f"factor {factor!r} is read by only {reads[factor]} rule")


def _count_pulls(reasoner: Reasoner, report: VerificationReport) -> None:
    """How many rules raise and lower each form."""
    raise_count: Counter[str] = Counter()
    lower_count: Counter[str] = Counter()
    for rule in reasoner.kb.rules:
        for pull in reasoner.kb.pulls[rule.id]:
            (raise_count if pull.weight > 0 else lower_count)[pull.form] += 1
    for form in FORM_IDS:
        report.facts.append(
            f"{form}: raised by {raise_count[form]} rules, lowered by {lower_count[form]}"
        )


def _find_winners(reasoner: Reasoner, report: VerificationReport) -> None:
    """A scenario in which each form comes first, or an error for each form without one."""
    for form in FORM_IDS:
        example = find_winning_scenario(reasoner, form)
        if example is None:
            report.errors.append(f"no scenario found in which {form} comes first")
        else:
            report.winning_scenarios[form] = example
    report.facts.append(
        f"forms that can come first: {len(report.winning_scenarios)} of {len(FORM_IDS)}"
    )


# What a rule's strength asks of its sources (see README "Sources and strength").
_BACKING: dict[str, frozenset[str]] = {
    "strong": frozenset({"replicated", "legal"}),
    "moderate": frozenset({"replicated", "legal", "empirical", "framework"}),
    "weak": frozenset({"replicated", "legal", "empirical", "framework", "case", "opinion"}),
}
_STRENGTH_ORDER = ("weak", "moderate", "strong")


def _backed(kb: Any, strength: str, source_ids: Any) -> bool:
    supports = [kb.sources[s].support for s in source_ids]
    # Two independent empirical studies replicate a finding between them, and a theory
    # with an empirical test of its own is "canonical theory with broad support".
    if strength == "strong" and (
        supports.count("empirical") >= 2 or {"empirical", "framework"} <= set(supports)
    ):
        return True
    return any(support in _BACKING[strength] for support in supports)


def _check_sources(reasoner: Reasoner, report: VerificationReport) -> None:
    """Sources cited by nothing, sources without authors or year, strengths not backed."""
    kb = reasoner.kb
    cited: set[str] = set()
    for rule in kb.rules:
        cited.update(rule.sources)
        if not _backed(kb, rule.strength, rule.sources):
            kinds = ", ".join(sorted({kb.sources[s].support for s in rule.sources}))
            report.errors.append(
                f"rule {rule.id} is {rule.strength} but its sources are only {kinds}"
            )
    for group in (kb.risks.values(), kb.forms.values(), kb.cases.values(), kb.governance.values()):
        for item in group:
            cited.update(item.sources)
    for stakeholder in kb.stakeholders.values():
        cited.update(getattr(stakeholder, "sources", ()))
    for contrast in kb.considerations.contrasts:
        cited.update(contrast.base_rate.sources if contrast.base_rate else ())
    for source_id in sorted(set(kb.sources) - cited):
        report.errors.append(
            f"source {source_id} is cited by no rule, risk, form, case or governance module"
        )
    for source in kb.sources.values():
        # A source that carries no date says so in its citation with the bibliographic "n.d.".
        undated = source.year is None and "(n.d.)" not in source.citation
        if not source.authors.strip() or undated:
            missing = " and ".join(
                part
                for part, gap in (("authors", not source.authors.strip()), ("year", undated))
                if gap
            )
            report.warnings.append(f"source {source.id} has no {missing}")
    strongest: dict[str, int] = {}
    for rule in kb.rules:
        if rule.weighs is not None:
            rank = _STRENGTH_ORDER.index(rule.strength)
            name = rule.weighs.consideration
            strongest[name] = max(strongest.get(name, 0), rank)
    for consideration in kb.considerations.considerations:
        if _STRENGTH_ORDER.index(consideration.strength) > strongest.get(consideration.id, 0):
            report.errors.append(
                f"consideration {consideration.id} is {consideration.strength}, stronger than"
                " any of its rules"
            )


def verify_knowledge_base(reasoner: Reasoner) -> VerificationReport:
    """Run every whole-knowledge-base check (references were checked at load)."""
    kb = reasoner.kb
    report = VerificationReport()
    report.facts.append(f"version {kb.version}")
    report.facts.append(
        f"{len(kb.rules)} rules, {len(kb.derived)} derived facts, {len(kb.sources)} sources,"
        f" {len(kb.cases)} teaching cases"
    )
    acyclic = _check_derivations(reasoner, report)
    _check_twin_rules(reasoner, report)
    _check_factor_use(reasoner, report)
    _count_pulls(reasoner, report)
    _check_sources(reasoner, report)
    report.errors += stale_weights(kb.considerations, kb.fitted)
    if not acyclic:
        report.errors.append("not searched for winning scenarios: fix the cycles first")
        return report
    _find_winners(reasoner, report)
    return report


__all__ = [
    "VerificationReport",
    "dependency_graph",
    "find_winning_scenario",
    "verify_knowledge_base",
]
