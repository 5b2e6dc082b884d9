"""The derivation graph drawn as DOT."""

from __future__ import annotations

from ui.app.graph import dot_escape, to_dot


def test_labels_are_escaped():
    assert dot_escape('say "hi" \\ bye\n') == 'say \\"hi\\" \\\\ bye '


def test_every_node_and_edge_is_drawn(demo_rec):
    dot = to_dot(demo_rec.trace, recommended=demo_rec.recommendation)
    assert dot.startswith("digraph derivation {")
    for node in demo_rec.trace["nodes"]:
        assert f'"{node["id"]}" [label=' in dot
    for edge in demo_rec.trace["edges"]:
        assert f'"{edge["source"]}" -> "{edge["target"]}"' in dot
    assert 'penwidth="3"' in dot  # the recommended form stands out


def test_focus_keeps_only_what_leads_to_one_form(demo_rec):
    dot = to_dot(demo_rec.trace, only_form="consortium")
    forms = [n["id"] for n in demo_rec.trace["nodes"] if n["kind"] == "form"]
    assert '"form:consortium" [label=' in dot
    assert all(f'"{f}" [label=' not in dot for f in forms if f != "form:consortium")


def test_hostile_labels_cannot_break_out_of_the_graph():
    trace = {
        "directed": True,
        "multigraph": False,
        "graph": {},
        "nodes": [{"id": 'rule:x"];evil', "kind": "rule", "label": 'a"] ; b [label="c'}],
        "edges": [],
    }
    dot = to_dot(trace)
    assert '\\"];evil' in dot and 'a\\"] ; b [label=\\"c' in dot
