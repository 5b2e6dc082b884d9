"""Readable rule conditions, effects and citations."""

from __future__ import annotations

from engine import FieldProblem
from ui.app.questions import build_questions
from ui.app.wording import condition_lines, effect_lines, markdown_escape, problem_line


def test_conditions_read_as_sentences(kb):
    questions = {q.factor: q for q in build_questions(kb)}
    condition = {
        "all": [
            {"factor": "trust", "at_least": "medium"},
            {
                "any": [
                    {"factor": "scope", "includes": "manufacturing"},
                    {"fact": next(iter(kb.derived))},
                ]
            },
        ]
    }
    lines = condition_lines(condition, kb, questions)
    assert lines[0] == f"- **{kb.factors['trust'].label}** is at least medium"
    assert lines[1] == "- any of:"
    assert (
        lines[2].startswith("  - **") and kb.factors["scope"].options["manufacturing"] in lines[2]
    )
    assert lines[3].startswith("  - the advisor has concluded: *")


def test_effects_name_the_forms(kb):
    rule = next(r for r in kb.rules if r.evidence)
    lines = effect_lines(rule, kb)
    assert kb.forms[rule.evidence[0].form].name in lines[0]


def test_markdown_is_escaped():
    assert markdown_escape("a_b *c* [d]") == "a\\_b \\*c\\* \\[d\\]"


def test_problem_lines_skip_long_given_values():
    line = problem_line(
        FieldProblem("factors.trust", "bad", given='"' + "x" * 100 + '"', allowed="low")
    )
    assert line == "**factors.trust**: bad; allowed: low"


def test_nested_all_is_spelled_out_and_indented(kb):
    condition = {"any": [{"all": [{"factor": "trust", "is": "high"}]}]}
    lines = condition_lines(condition, kb, {})
    assert lines == ["- any of:", "  - all of:", "    - **trust** is high"]


def test_a_condition_without_a_known_operator_is_shown_as_data(kb):
    assert condition_lines({"factor": "trust", "odd": 1}, kb, {}) == [
        "- \\{'factor': 'trust', 'odd': 1\\}"
    ]
