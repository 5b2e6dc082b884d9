"""Readable rule conditions, effects and citations."""

from __future__ import annotations

from app_support import seen

from engine import FieldProblem
from ui.app.questions import build_questions
from ui.app.user_text import as_text
from ui.app.wording import condition_lines, effect_lines, problem_line


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


def _weighing(kb, sign):
    rule = next(r for r in kb.rules if r.weighs and r.weighs.lean * sign > 0)
    consideration = next(
        c for c in kb.considerations.considerations if c.id == rule.weighs.consideration
    )
    contrast = next(c for c in kb.considerations.contrasts if c.id == consideration.contrast)
    return rule, consideration, contrast


def test_effects_name_the_consideration_and_lean_toward_the_contrasts_form(kb):
    rule, consideration, contrast = _weighing(kb, +1)
    line = seen(effect_lines(rule, kb)[0])
    assert line == (
        f"- weighs “{consideration.title}”, leaning toward {kb.forms[contrast.toward].name}"
        f" (stage: {contrast.title})"
    )


def test_a_negative_lean_reads_away_from_the_contrasts_form(kb):
    rule, consideration, contrast = _weighing(kb, -1)
    line = effect_lines(rule, kb)[0]
    assert f"leaning away from {kb.forms[contrast.toward].name}" in line


def test_a_rule_that_weighs_nothing_has_no_weighs_line(kb):
    rule = next(r for r in kb.rules if r.weighs is None)
    assert not any("weighs" in line for line in effect_lines(rule, kb))


def test_markdown_is_escaped():
    assert as_text("a_b *c* [d]") == "a\\_b \\*c\\* \\[d\\]"


def test_problem_lines_skip_long_given_values():
    line = problem_line(
        FieldProblem("factors.trust", "bad", given='"' + "x" * 100 + '"', allowed="low")
    )
    assert seen(line) == "**factors.trust**: bad; allowed: low"


def test_nested_all_is_spelled_out_and_indented(kb):
    condition = {"any": [{"all": [{"factor": "trust", "is": "high"}]}]}
    lines = condition_lines(condition, kb, {})
    assert lines == ["- any of:", "  - all of:", "    - **trust** is high"]


def test_a_condition_without_a_known_operator_is_shown_as_data(kb):
    lines = condition_lines({"factor": "trust", "odd": 1}, kb, {})
    assert [seen(line) for line in lines] == ["- {'factor': 'trust', 'odd': 1}"]
