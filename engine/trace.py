"""The derivation trace as a networkx graph: factors -> rules -> derived facts -> forms."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import networkx as nx

from engine.knowledge import KnowledgeBase


def factor_node(factor_id: str) -> str:
    """Node id of a factor."""
    return f"factor:{factor_id}"


def rule_node(rule_id: str) -> str:
    """Node id of a rule."""
    return f"rule:{rule_id}"


def fact_node(fact_id: str) -> str:
    """Node id of a derived fact."""
    return f"fact:{fact_id}"


def form_node(form_id: str) -> str:
    """Node id of a form."""
    return f"form:{form_id}"


def derivation_graph(
    kb: KnowledgeBase, fired: Iterable[str], values: Mapping[str, Any]
) -> nx.DiGraph:
    """The graph of how the fired rules connect the answers to the forms.

    Nodes carry ``kind`` (factor, rule, fact, form) and ``label``; rule -> form edges
    carry ``effect`` (``+``, ``++``, ``-``, ``--`` or ``excluded``) and ``certainty``.
    """
    graph: nx.DiGraph = nx.DiGraph()
    fired_set = set(fired)
    for rule in kb.rules:
        if rule.id not in fired_set:
            continue
        graph.add_node(rule_node(rule.id), kind="rule", label=rule.title)
        for factor_id in kb.factors_read_by(rule):
            value = values.get(factor_id)
            shown = ", ".join(value) if isinstance(value, tuple) else str(value).lower()
            graph.add_node(
                factor_node(factor_id),
                kind="factor",
                label=f"{kb.factors[factor_id].label} = {shown}",
            )
            graph.add_edge(factor_node(factor_id), rule_node(rule.id))
        for fact_id in kb.facts_read_by(rule):
            graph.add_node(fact_node(fact_id), kind="fact", label=kb.derived[fact_id].label)
            graph.add_edge(fact_node(fact_id), rule_node(rule.id))
        if rule.derive:
            graph.add_node(fact_node(rule.derive), kind="fact", label=kb.derived[rule.derive].label)
            graph.add_edge(rule_node(rule.id), fact_node(rule.derive))
        for item in rule.evidence:
            graph.add_node(form_node(item.form), kind="form", label=kb.forms[item.form].name)
            graph.add_edge(
                rule_node(rule.id),
                form_node(item.form),
                effect=item.effect,
                certainty=round(kb.scoring.certainty_of(rule.strength, item.effect), 4),
            )
        for form in rule.exclude:
            graph.add_node(form_node(form), kind="form", label=kb.forms[form].name)
            graph.add_edge(rule_node(rule.id), form_node(form), effect="excluded", certainty=-1.0)
    return graph


def graph_to_data(graph: nx.DiGraph) -> dict[str, Any]:
    """Node-link data of a derivation graph (plain JSON types, stable order)."""
    data = nx.node_link_data(graph, edges="edges")
    data["nodes"] = sorted(data["nodes"], key=lambda n: n["id"])
    data["edges"] = sorted(data["edges"], key=lambda e: (e["source"], e["target"]))
    return data


def graph_from_data(data: Mapping[str, Any]) -> nx.DiGraph:
    """Rebuild a derivation graph from ``graph_to_data`` output."""
    return nx.node_link_graph(dict(data), edges="edges")


__all__ = [
    "derivation_graph",
    "fact_node",
    "factor_node",
    "form_node",
    "graph_from_data",
    "graph_to_data",
    "rule_node",
]
