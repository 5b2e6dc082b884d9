"""Risks and the governance blueprint in words."""

from __future__ import annotations

from app_support import revised, seen

from ui.app.presenters.governance import (
    bullets,
    closing_lists,
    decision_rights_rows,
    ip_text,
    module_rights_rows,
    module_text,
    own_workstreams,
    risk_titles,
    scope_note,
    titled_list,
)


def test_a_risk_raised_by_rules_names_them(kb, demo_rec):
    risk = next(r for r in demo_rec.risks if r.raised_by)
    title = risk_titles(demo_rec)[demo_rec.risks.index(risk)]
    assert title == f"{risk.title} — raised by: " + "; ".join(
        kb.rules_by_id[r.id].title for r in risk.raised_by
    )


def test_a_risk_raised_by_no_rule_is_typical_of_the_form(demo_rec):
    risks = [r.model_dump() | {"raised_by": []} for r in demo_rec.risks[:1]]
    rec = revised(demo_rec, risks=risks)
    assert risk_titles(rec) == [
        f"{demo_rec.risks[0].title} — typical of {demo_rec.recommendation_name}"
    ]


def test_bullets_are_escaped():
    assert bullets(["a_b", "c"]) == "- a\\_b\n- c"


def test_titled_list_puts_the_title_in_italics():
    assert titled_list("Workstreams", ["x"]) == "*Workstreams*\n- x"


def test_the_forms_own_decision_rights_become_rows(demo_rec):
    added = sum(len(m.decision_rights) for m in demo_rec.governance.modules)
    rights = demo_rec.governance.decision_rights[:-added]
    assert decision_rights_rows(demo_rec) == [
        {"Decision": d.decision, "Owner": d.owner} for d in rights
    ]


def test_ip_text_names_background_and_foreground(demo_rec):
    text = ip_text(demo_rec)
    assert text.startswith("*Background IP:* ")
    assert "  \n*Foreground IP:* " in text


def test_closing_lists_are_escalation_exit_and_transition(demo_rec):
    assert [text.split("\n")[0] for text in closing_lists(demo_rec)] == [
        "*Escalation*",
        "*Exit triggers*",
        "*Transition services*",
    ]


def test_the_forms_own_workstreams_leave_out_what_the_scope_adds(demo_rec):
    added = [w.title for m in demo_rec.governance.modules for w in m.workstreams]
    assert added
    assert own_workstreams(demo_rec) + added == demo_rec.governance.workstreams


def test_a_scope_module_shows_why_it_applies_then_each_workstream(demo_rec):
    module = demo_rec.governance.modules[0]
    lines = seen(module_text(module)).split("\n")
    assert lines[0] == f"*{module.because}*"
    assert lines[1] == f"- **{module.workstreams[0].title}**: {module.workstreams[0].detail}"


def test_a_scope_modules_rights_become_rows(demo_rec):
    module = demo_rec.governance.modules[0]
    assert module_rights_rows(module) == [
        {"Decision": d.decision, "Owner": d.owner} for d in module.decision_rights
    ]


def test_an_unanswered_scope_is_pointed_out(demo_rec):
    governance = demo_rec.governance.model_dump() | {"modules": [], "scope_known": False}
    assert "scope is not answered" in scope_note(revised(demo_rec, governance=governance))
    assert scope_note(demo_rec) is None
