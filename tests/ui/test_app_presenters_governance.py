"""Risks and the governance blueprint in words."""

from __future__ import annotations

from app_support import revised

from ui.app.presenters.governance import (
    bullets,
    closing_lists,
    decision_rights_rows,
    ip_text,
    risk_titles,
    titled_list,
)


def test_a_risk_raised_by_rules_names_them(kb, demo_rec):
    risk = next(r for r in demo_rec.risks if r.raised_by)
    title = risk_titles(demo_rec)[demo_rec.risks.index(risk)]
    assert title == f"{risk.title} — " + ", ".join(
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


def test_decision_rights_become_rows(demo_rec):
    rights = demo_rec.governance.decision_rights
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
