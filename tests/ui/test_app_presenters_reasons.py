"""The recommendation's reasons in words: conclusions, fired rules, why not."""

from __future__ import annotations

from app_support import revised, seen

from engine import RuleRef, recommend, scenario_from_data
from ui.app.presenters.reasons import (
    NOTHING_HOLDS_BACK,
    derived_fact_lines,
    fired_rule_text,
    rules_by_theme,
    why_not_sections,
    why_not_standing,
)
from ui.app.user_text import as_text


def test_derived_fact_lines_name_the_rules_that_reached_them(kb, demo_rec):
    fact = demo_rec.derived_facts[0]
    line = derived_fact_lines(demo_rec)[0]
    assert line.startswith(f"- *{as_text(fact.label)}*: ")
    assert kb.rules_by_id[fact.derived_by[0].id].title in line.replace("\\", "")


def test_rules_by_theme_keeps_every_fired_rule_once(demo_rec):
    themes = rules_by_theme(demo_rec)
    assert [r for rules in themes.values() for r in rules] == sorted(
        demo_rec.fired_rules, key=lambda r: list(themes).index(r.theme)
    )
    assert all(r.theme == theme for theme, rules in themes.items() for r in rules)


def test_fired_rule_text_shows_effects_and_answers_read(kb, demo, demo_rec, questions):
    rule = next(r for r in demo_rec.fired_rules if r.evidence and r.reads)
    values = demo.factor_values()
    text = fired_rule_text(demo_rec, rule, questions, values)
    names = {item.form: item.name for item in demo_rec.ranking}
    first_read = questions[rule.reads[0].id]
    assert text.startswith(f"**{as_text(rule.title)}** · {rule.strength}  \n")
    assert names[rule.evidence[0].form] in text
    weighed = next(c for c in kb.considerations.considerations if c.id == rule.weighs.consideration)
    assert f"weighs “{weighed.title}”" in text.replace("\\", "")
    assert (
        f"{first_read.label} = {first_read.describe(values.get(rule.reads[0].id))}"
        in text.replace("\\", "")
    )


def test_fired_rule_text_of_a_conclusion_only_rule(kb, demo, demo_rec, questions):
    rule = next(r for r in demo_rec.fired_rules if r.derives).model_copy(
        update={"reads": [], "evidence": [], "excludes": []}
    )
    text = fired_rule_text(demo_rec, rule, questions, demo.factor_values())
    label = as_text(kb.derived[rule.derives.id].label)
    assert f"*Effect:* concludes “{label}”" in text
    assert text.endswith("*Read:* conclusions only")


def test_why_not_has_one_section_per_other_form_titled_with_probability_and_gap(demo_rec):
    sections = why_not_sections(demo_rec)
    assert [s.title for s in sections] == [
        f"{w.name} — {w.score:.0%}, {round(w.gap * 100)} points behind" for w in demo_rec.why_not
    ]


def test_why_not_calls_a_ruled_out_form_ruled_out_instead_of_giving_its_gap():
    rule = RuleRef(id="some-rule", title="Some rule", because="It rules it out.")
    assert why_not_standing(0.0, 1.49, [rule]) == "ruled out"
    assert why_not_standing(0.33, 0.16, []) == "33%, 16 points behind"


def test_why_not_lists_the_rules_that_rule_a_form_out(kb):
    case = kb.cases["china-hospital-local-joint-venture"]
    rec = recommend(scenario_from_data(case.scenario, case.id), robustness=False)
    item = next(w for w in rec.why_not if w.excluded_by)
    section = next(s for s in why_not_sections(rec) if s.title.startswith(item.name))
    assert section.lines[0] == "**Ruled out by**"
    assert section.lines[1] == f"- {as_text(kb.rules_by_id[item.excluded_by[0].id].because)}"


def test_why_not_names_the_rules_against_a_form_with_their_titles_and_reasons(demo_rec):
    against = {"id": "r", "title": "A rule against", "because": "It costs too much."}
    why_not = [w.model_dump() for w in demo_rec.why_not[:1]]
    why_not[0].update(excluded_by=[], against=[against], winner_advantages=[], missing_support=[])
    rec = revised(demo_rec, why_not=why_not)
    assert tuple(seen(line) for line in why_not_sections(rec)[0].lines) == (
        "**Rules that count against it**",
        "- **A rule against.** It costs too much.",
    )


def test_why_not_names_what_missing_support_needs_answers_and_conclusions(demo_rec):
    needs = [
        {"kind": "factor", "id": "trust", "label": "Trust between the partners"},
        {"kind": "fact", "id": "deep", "label": "Deep integration"},
    ]
    why_not = [w.model_dump() for w in demo_rec.why_not[:1]]
    why_not[0].update(
        excluded_by=[],
        against=[],
        winner_advantages=[],
        missing_support=[{"rule": "r", "title": "A rule", "needs": needs}],
    )
    rec = revised(demo_rec, why_not=why_not)
    assert tuple(seen(line) for line in why_not_sections(rec)[0].lines) == (
        "**Support it lacks** (rules that would raise it, and what they need)",
        "- A rule — needs: Trust between the partners, the conclusion “Deep integration”",
    )


def test_why_not_says_when_nothing_holds_a_form_back(demo_rec):
    why_not = [w.model_dump() for w in demo_rec.why_not]
    for item in why_not:
        item.update(excluded_by=[], against=[], winner_advantages=[], missing_support=[])
    rec = revised(demo_rec, why_not=why_not)
    assert all(s.lines == (NOTHING_HOLDS_BACK,) for s in why_not_sections(rec))


def test_why_not_says_what_separates_each_form_from_the_first_place(kb, demo_rec):
    from engine import pair_contrast

    fired = [rule.id for rule in demo_rec.fired_rules]
    separations = {
        w.form: pair_contrast(kb, fired, demo_rec.recommendation, w.form) for w in demo_rec.why_not
    }
    sections = why_not_sections(demo_rec, separations)
    for item, section in zip(demo_rec.why_not, sections, strict=True):
        heading = f"**What separates it from {demo_rec.recommendation_name} here**"
        drivers = separations[item.form].drivers
        if drivers:
            index = section.lines.index(heading)
            assert (
                section.lines[index + 1]
                .replace("\\", "")
                .startswith(f"- {drivers[0].title} favours")
            )


def test_why_not_does_not_repeat_the_rules_that_raise_the_first_place(demo_rec):
    text = "\n".join(line for section in why_not_sections(demo_rec) for line in section.lines)
    assert "but not this form" not in text
