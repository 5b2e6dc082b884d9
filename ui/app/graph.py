"""The derivation graph as Graphviz DOT text: answers -> rules -> conclusions -> forms.

The engine delivers the graph as networkx node-link data; this module only lays it out
for ``st.graphviz_chart``, which renders DOT in the browser.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from typing import Any

import networkx as nx

from engine import graph_from_data

KIND_STYLE: dict[str, dict[str, str]] = {
    "factor": {
        "shape": "box",
        "style": "rounded,filled",
        "fillcolor": "#dbeafe",
        "color": "#1d4ed8",
    },
    "rule": {"shape": "box", "style": "filled", "fillcolor": "#fef3c7", "color": "#b45309"},
    "fact": {"shape": "hexagon", "style": "filled", "fillcolor": "#dcfce7", "color": "#15803d"},
    "form": {
        "shape": "box",
        "style": "rounded,filled,bold",
        "fillcolor": "#ede9fe",
        "color": "#6d28d9",
    },
}
KIND_NAMES = {"factor": "Answer", "rule": "Rule", "fact": "Conclusion", "form": "Form"}
_EDGE_COLOURS = {
    "++": "#15803d",
    "+": "#22c55e",
    "-": "#f87171",
    "--": "#b91c1c",
    "excluded": "#7f1d1d",
}
_RANK = {"factor": "min", "form": "max"}


def dot_escape(text: str) -> str:
    """Text safe inside a double-quoted DOT string."""
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ").replace("\r", " ")


def _label(text: str, width: int = 28) -> str:
    lines = textwrap.wrap(text, width) or [""]
    return "\\n".join(dot_escape(line) for line in lines)


def focus(graph: nx.DiGraph[str], form_node: str | None) -> nx.DiGraph[str]:
    """The part of the graph that leads to one form (the whole graph for ``None``)."""
    if form_node is None or form_node not in graph:
        return graph
    keep = nx.ancestors(graph, form_node) | {form_node}
    return graph.subgraph(keep).copy()


def to_dot(
    trace: Mapping[str, Any],
    *,
    recommended: str | None = None,
    only_form: str | None = None,
) -> str:
    """The derivation graph as DOT text, left to right.

    Args:
        trace: the recommendation's ``trace`` (node-link data).
        recommended: the first place's form id, drawn with a heavier border.
        only_form: keep only what leads to this form id.

    Returns:
        A complete ``digraph`` in DOT.
    """
    graph = graph_from_data(trace)
    graph = focus(graph, f"form:{only_form}" if only_form else None)
    lines = [
        "digraph derivation {",
        '  graph [rankdir=LR, nodesep=0.25, ranksep=0.9, fontname="Helvetica",'
        ' bgcolor="transparent"];',
        '  node [fontname="Helvetica", fontsize=11, margin="0.12,0.06"];',
        '  edge [fontname="Helvetica", fontsize=10, color="#64748b", arrowsize=0.7];',
    ]
    by_kind: dict[str, list[str]] = {}
    for node in sorted(graph.nodes):  # node ids are unique: the same order as by (id, data)
        data = graph.nodes[node]
        kind = str(data.get("kind", "rule"))
        by_kind.setdefault(kind, []).append(node)
        style = dict(KIND_STYLE.get(kind, KIND_STYLE["rule"]))
        if kind == "form" and recommended and node == f"form:{recommended}":
            style.update(fillcolor="#c4b5fd", penwidth="3")
        attributes = ", ".join(f'{k}="{v}"' for k, v in style.items())
        tooltip = dot_escape(f"{KIND_NAMES.get(kind, kind)}: {data.get('label', node)}")
        lines.append(
            f'  "{dot_escape(node)}" [label="{_label(str(data.get("label", node)))}",'
            f' tooltip="{tooltip}", {attributes}];'
        )
    for kind, rank in _RANK.items():
        if by_kind.get(kind):
            members = "; ".join(f'"{dot_escape(n)}"' for n in by_kind[kind])
            lines.append(f"  {{ rank={rank}; {members}; }}")
    for source, target in sorted(graph.edges):
        data = graph.edges[source, target]
        effect = data.get("effect")
        attributes = ""
        if effect:
            colour = _EDGE_COLOURS.get(str(effect), "#64748b")
            text = "excluded" if effect == "excluded" else str(effect)
            dashed = (
                ', style="dashed"' if effect == "excluded" or str(effect).startswith("-") else ""
            )
            attributes = (
                f' [label="{dot_escape(text)}", color="{colour}", fontcolor="{colour}"{dashed}]'
            )
        lines.append(f'  "{dot_escape(source)}" -> "{dot_escape(target)}"{attributes};')
    lines.append("}")
    return "\n".join(lines) + "\n"


__all__ = ["KIND_NAMES", "KIND_STYLE", "dot_escape", "focus", "to_dot"]
