"""The derivation trace: factors -> rules -> derived facts -> forms.

The recommendation carries the trace as networkx node-link data (plain JSON);
``graph_from_data`` turns it into a ``networkx.DiGraph``. Building the data directly
keeps networkx's import cost off the command line's start-up.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from engine.knowledge import KnowledgeBase

if TYPE_CHECKING:
    import networkx as nx


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


def _shown(value: Any) -> str:
    return ", ".join(value) if isinstance(value, tuple) else str(value).lower()


def derivation_data(
    kb: KnowledgeBase, fired: Iterable[str], values: Mapping[str, Any]
) -> dict[str, Any]:
    """Node-link data of how the fired rules connect the answers to the forms.

    Nodes carry ``kind`` (factor, rule, fact, form) and ``label``; rule -> form edges
    carry ``effect`` (``+``, ``-`` or ``excluded``) and ``weight`` (log-odds).
    """
    nodes: dict[str, dict[str, Any]] = {}
    edges: dict[tuple[str, str], dict[str, Any]] = {}
    fired_set = set(fired)
    for rule in kb.rules:
        if rule.id not in fired_set:
            continue
        this = rule_node(rule.id)
        nodes[this] = {"kind": "rule", "label": rule.title}
        for factor_id in kb.factors_read_by(rule):
            label = f"{kb.factors[factor_id].label} = {_shown(values.get(factor_id))}"
            nodes[factor_node(factor_id)] = {"kind": "factor", "label": label}
            edges[(factor_node(factor_id), this)] = {}
        for fact_id in kb.facts_read_by(rule):
            nodes[fact_node(fact_id)] = {"kind": "fact", "label": kb.derived[fact_id].label}
            edges[(fact_node(fact_id), this)] = {}
        if rule.derive:
            nodes[fact_node(rule.derive)] = {"kind": "fact", "label": kb.derived[rule.derive].label}
            edges[(this, fact_node(rule.derive))] = {}
        for pull in kb.pulls[rule.id]:
            nodes[form_node(pull.form)] = {"kind": "form", "label": kb.forms[pull.form].name}
            weight = round(pull.weight, 4)
            edges[(this, form_node(pull.form))] = {"effect": pull.effect, "weight": weight}
        for form in rule.exclude:
            nodes[form_node(form)] = {"kind": "form", "label": kb.forms[form].name}
            edges[(this, form_node(form))] = {"effect": "excluded", "weight": None}
    return {
        "directed": True,
        "multigraph": False,
        "graph": {},
        "nodes": [{"id": node, **attrs} for node, attrs in sorted(nodes.items())],
        "edges": [
            {"source": source, "target": target, **attrs}
            for (source, target), attrs in sorted(edges.items())
        ],
    }


def graph_from_data(data: Mapping[str, Any]) -> nx.DiGraph[str]:
    """The trace as a ``networkx.DiGraph`` (from ``Recommendation.trace``)."""
    import networkx as nx

    graph = nx.node_link_graph(dict(data), directed=True, edges="edges")
    assert isinstance(graph, nx.DiGraph)  # the data says directed: true
    return graph


__all__ = [
    "derivation_data",
    "fact_node",
    "factor_node",
    "form_node",
    "graph_from_data",
    "rule_node",
]
