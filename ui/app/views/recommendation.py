"""Recommendation page: the ranking and why; why not the others; what next and what if."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from engine import KnowledgeBase, Recommendation, Scenario
from ui.app import advisor, charts, downloads, graph, state
from ui.app.questions import Question, build_questions
from ui.app.widgets import answer_widget
from ui.app.wording import EFFECT_WORDS, citations, markdown_escape, rule_title

WHATIF_FACTOR_KEY = "whatif_factor"
FIRST, EVERY = "(first)", "(every)"


def _questions() -> dict[str, Question]:
    return {q.factor: q for q in build_questions(advisor.knowledge_base())}


def _ranking_table(rec: Recommendation) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "Place": item.rank,
                "Form": item.name,
                "Score": round(item.score, 2),
                "Possible": f"{item.lowest_possible:+.2f} … {item.highest_possible:+.2f}",
                "Note": "ruled out" if item.excluded else "",
            }
            for item in rec.ranking
        ]
    )


def _headline(kb: KnowledgeBase, rec: Recommendation) -> None:
    form = kb.forms[rec.recommendation]
    main, confidence, coverage = st.columns([3, 1, 1])
    with main:
        st.caption("Recommended structure")
        st.markdown(f"## {rec.recommendation_name}")
        st.markdown(form.summary)
    confidence.metric(
        "Confidence",
        rec.confidence_label.capitalize(),
        f"{rec.confidence:.0%}",
        delta_color="off",
        delta_arrow="off",
        help="How far the unknown answers could still move the first place, and how much"
        " of the questionnaire is answered.",
    )
    coverage.metric(
        "Answered",
        f"{rec.coverage:.0%}",
        f"{len(rec.unknown_factors)} unknown",
        delta_color="off",
        delta_arrow="off",
        help="Share of the questionnaire answered, each question weighted by how many"
        " rules read it.",
    )
    for note in rec.confidence_notes:
        st.markdown(f"- {markdown_escape(note)}")


def _ranking(rec: Recommendation) -> None:
    st.subheader("Ranking of the five structures", divider="gray")
    chart, table = st.columns([1, 1], gap="large")
    chart.vega_lite_chart(spec=charts.ranking_chart(rec), width="stretch")
    chart.caption("Bars are scores; the thin line shows the range the unknown answers still allow.")
    table.dataframe(_ranking_table(rec), hide_index=True, width="stretch")
    grouped: dict[tuple[str, ...], list[str]] = {}
    for exclusion in rec.excluded:  # one rule often rules out several forms at once
        grouped.setdefault(tuple(exclusion.reasons), []).append(exclusion.name)
    for reasons, forms in grouped.items():
        names = ", ".join(f"**{name}**" for name in forms)
        verb = "is" if len(forms) == 1 else "are"
        text = " ".join(markdown_escape(r) for r in reasons)
        table.error(f"{names} {verb} ruled out: {text}", icon=":material/block:")


def _why(
    kb: KnowledgeBase, rec: Recommendation, questions: dict[str, Question], values: dict[str, Any]
) -> None:
    winner = rec.recommendation
    pushes = sorted(
        (
            (ev.certainty, rule)
            for rule in rec.fired_rules
            for ev in rule.evidence
            if ev.form == winner and ev.certainty > 0
        ),
        key=lambda pair: (-pair[0], pair[1].id),
    )
    if pushes:
        st.markdown(f"**What speaks for {rec.recommendation_name}**")
        for _, rule in pushes:
            st.markdown(f"- **{markdown_escape(rule.title)}.** {markdown_escape(rule.because)}")
    if rec.derived_facts:
        st.markdown("**Conclusions reached on the way**")
        for fact in rec.derived_facts:
            by = ", ".join(rule_title(kb, r) for r in fact.derived_by)
            st.markdown(
                f"- *{markdown_escape(fact.label)}*: {markdown_escape(fact.meaning)}"
                f" :gray[(from: {markdown_escape(by)})]"
            )
    st.markdown(f"**All {len(rec.fired_rules)} rules that fired, by theme**")
    themes: dict[str, list[Any]] = {}
    for rule in rec.fired_rules:
        themes.setdefault(rule.theme, []).append(rule)
    names = {item.form: item.name for item in rec.ranking}
    for theme, rules in themes.items():
        with st.expander(f"{theme} ({len(rules)})"):
            for rule in rules:
                effects = [f"{EFFECT_WORDS[e.effect]} {names[e.form]}" for e in rule.evidence]
                effects += [f"rules out {names[f]}" for f in rule.excludes]
                if rule.derives:
                    effects.append(f"concludes “{kb.derived[rule.derives].label}”")
                read = ", ".join(
                    f"{questions[f].label} = {questions[f].describe(values.get(f))}"
                    for f in rule.reads
                )
                st.markdown(
                    f"**{markdown_escape(rule.title)}** · {rule.strength}  \n"
                    f"{markdown_escape(rule.because)}  \n"
                    f"*Effect:* {markdown_escape('; '.join(effects) or 'none')}  \n"
                    f"*Read:* {markdown_escape(read or 'conclusions only')}"
                )
                st.markdown(citations(kb, rule.sources))


def _why_not(kb: KnowledgeBase, rec: Recommendation, questions: dict[str, Question]) -> None:
    for item in rec.why_not:
        with st.expander(f"{item.name} — score {item.score:+.2f}, {item.gap:.2f} behind"):
            if item.excluded_by:
                st.markdown("**Ruled out by**")
                for rule_id in item.excluded_by:
                    st.markdown(f"- {markdown_escape(kb.rules_by_id[rule_id].because)}")
            if item.against:
                st.markdown("**Rules that count against it**")
                for rule_id in item.against:
                    rule = kb.rules_by_id[rule_id]
                    st.markdown(
                        f"- **{markdown_escape(rule.title)}.** {markdown_escape(rule.because)}"
                    )
            if item.winner_advantages:
                st.markdown(f"**Rules that raise {rec.recommendation_name} but not this form**")
                for rule_id in item.winner_advantages:
                    st.markdown(f"- {markdown_escape(rule_title(kb, rule_id))}")
            if item.missing_support:
                st.markdown("**Support it lacks** (rules that would raise it, and what they need)")
                for missing in item.missing_support:
                    needs = ", ".join(
                        questions[n].label if n in questions else kb.derived[n.strip("()")].label
                        for n in missing.needs
                    )
                    st.markdown(
                        f"- {markdown_escape(missing.title)} — needs: {markdown_escape(needs)}"
                    )
            if not (
                item.excluded_by or item.against or item.winner_advantages or item.missing_support
            ):
                st.markdown(
                    "Nothing specific holds it back; the first place simply has more support."
                )


def _derivation(rec: Recommendation) -> None:
    names = {item.form: item.name for item in rec.ranking}
    labels = {
        FIRST: f"the recommended form ({rec.recommendation_name})",
        EVERY: "every form",
        **names,
    }
    left, right = st.columns([2, 3], vertical_alignment="bottom")
    focus = left.selectbox(
        "Show the paths leading to", list(labels), format_func=labels.get, key="graph_focus"
    )
    right.markdown(
        ":blue-background[Answer] → :orange-background[Rule] → :green-background[Conclusion]"
        " → :violet-background[Form]"
    )
    if not rec.trace.get("nodes"):
        st.info("No rule fired, so there is nothing to draw yet.")
        return
    only = {FIRST: rec.recommendation, EVERY: None}.get(focus, focus)
    dot = graph.to_dot(rec.trace, recommended=rec.recommendation, only_form=only)
    st.graphviz_chart(dot, width="stretch")
    st.caption(
        "Answers (blue) feed rules (yellow), which reach conclusions (green) and pull forms"
        " (purple) up (+, ++) or down (−, −−, dashed)."
    )
    st.download_button(
        "Graph (DOT)",
        dot,
        file_name="derivation.dot",
        mime="text/vnd.graphviz",
        key="graph_download",
        on_click="ignore",
        icon=":material/download:",
    )


def _what_next(rec: Recommendation, questions: dict[str, Question]) -> None:
    names = {item.form: item.name for item in rec.ranking}
    st.markdown("**Questions worth answering next**")
    if not rec.next_questions:
        if rec.unknown_factors:
            st.markdown(
                f"No single unknown answer could move {rec.recommendation_name} from first place."
            )
        else:
            st.markdown("Every question is answered.")
    for entry in rec.next_questions or []:
        question = questions[entry.factor]
        outcomes = "; ".join(
            f"{question.describe(o.value)} → {names.get(o.recommendation, o.recommendation)}"
            for o in entry.outcomes
        )
        st.markdown(
            f"- **{markdown_escape(question.text)}** ({question.label}) — "
            f"{entry.decisiveness:.0%} of its answers change the first place.  \n"
            f"  {markdown_escape(outcomes)}"
        )
    st.markdown("**Single changes that would change the recommendation**")
    if not rec.what_if:
        st.markdown("No single change of a known answer would change the first place.")
        return
    st.dataframe(
        pd.DataFrame(
            [
                {
                    "Factor": w.label,
                    "Now": questions[w.factor].describe(w.current),
                    "If instead": questions[w.factor].describe(w.alternative),
                    "First place would be": names.get(w.recommendation, w.recommendation),
                    "By a margin of": round(w.margin, 2),
                }
                for w in rec.what_if
            ]
        ),
        hide_index=True,
        width="stretch",
    )


def _apply_what_if(doc: dict[str, Any], label: str) -> None:
    state.replace(doc)
    state.flash("success", f"The scenario now uses the changed answer to “{label}”.")


def _what_if(scenario: Scenario, rec: Recommendation, questions: dict[str, Question]) -> None:
    values = scenario.factors.model_dump()
    left, right = st.columns(2)
    decisive = (rec.what_if or [None])[0]
    factors = list(questions)
    factor = left.selectbox(
        "Change the answer to",
        factors,
        index=factors.index(decisive.factor) if decisive else 0,
        format_func=lambda f: questions[f].label,
        key=WHATIF_FACTOR_KEY,
    )
    question = questions[factor]
    with right:
        value = answer_widget(
            question,
            key=f"whatif_value_{factor}",
            value=values.get(factor),
            label=f"{question.label}: new answer",
            show_help=False,
        )
    changed = scenario.with_factors(**{factor: value})
    after = advisor.recommendation(changed)
    names = {item.form: item.name for item in rec.ranking}
    if changed == scenario:
        st.info("Pick a different answer to see how the ranking would change.")
    elif after.recommendation != rec.recommendation:
        st.warning(
            f"With this change, **{names[after.recommendation]}** would come first instead of"
            f" **{rec.recommendation_name}**.",
            icon=":material/swap_vert:",
        )
    else:
        st.success(f"**{rec.recommendation_name}** would stay first.", icon=":material/check:")
    before_col, after_col = st.columns(2)
    before_col.markdown("**Now**")
    before_col.dataframe(
        _ranking_table(rec)[["Place", "Form", "Score"]], hide_index=True, width="stretch"
    )
    after_col.markdown("**With the change**")
    after_col.dataframe(
        _ranking_table(after)[["Place", "Form", "Score"]], hide_index=True, width="stretch"
    )
    order = [item.name for item in rec.ranking]
    st.vega_lite_chart(
        spec=charts.comparison_chart({"Now": rec, "With the change": after}, order), width="stretch"
    )
    st.button(
        "Use this answer in the scenario",
        key="whatif_apply",
        icon=":material/check_circle:",
        disabled=changed == scenario,
        on_click=_apply_what_if,
        args=(changed.to_document(), question.label),
    )


def _sensitivity(rec: Recommendation, questions: dict[str, Question]) -> None:
    if not rec.sensitivity:
        st.info("No answer moves any score.")
        return
    labels = {factor: q.label for factor, q in questions.items()}
    st.vega_lite_chart(spec=charts.sensitivity_chart(rec, labels), width="stretch")
    st.caption(
        "Each cell is the largest change of a form's score that another answer to the"
        " factor (or an answer, where it is unknown) would cause."
    )


def _robustness(scenario: Scenario, rec: Recommendation) -> None:
    if not rec.unknown_factors:
        st.markdown("Every answer is known, so there is nothing to fill in.")
        return
    st.markdown(
        f"{len(rec.unknown_factors)} answers are unknown. The advisor can fill them in every way"
        " (or a large sample of ways) and count how often each form comes first."
    )
    if not st.toggle("Check robustness", key="robustness_on"):
        return
    with st.spinner("Filling in the unknown answers…"):
        full = advisor.recommendation(scenario, robustness=True)
    if full.robustness is None:
        return
    st.vega_lite_chart(spec=charts.robustness_chart(full), width="stretch")
    kind = "every completion" if full.robustness.exhaustive else "a reproducible sample"
    st.caption(f"{full.robustness.completions} completions ({kind}).")


def _risks_and_governance(kb: KnowledgeBase, rec: Recommendation) -> None:
    st.markdown("**Risks to manage**")
    for risk in rec.risks:
        raised = (
            ", ".join(rule_title(kb, r) for r in risk.raised_by)
            or f"typical of {rec.recommendation_name}"
        )
        with st.expander(f"{risk.title} — {raised}"):
            st.markdown(markdown_escape(risk.description))
            st.markdown("\n".join(f"- {markdown_escape(m)}" for m in risk.mitigations))
            st.markdown(citations(kb, risk.sources))
    blueprint = rec.governance
    st.markdown(f"**How to run a {rec.recommendation_name.lower()}**")
    left, right = st.columns(2)
    with left:
        st.markdown(
            "*Workstreams*\n" + "\n".join(f"- {markdown_escape(w)}" for w in blueprint.workstreams)
        )
        st.markdown("*Decision rights*")
        st.dataframe(
            pd.DataFrame(
                [{"Decision": d.decision, "Owner": d.owner} for d in blueprint.decision_rights]
            ),
            hide_index=True,
            width="stretch",
        )
        st.markdown(
            f"*Background IP:* {markdown_escape(blueprint.ip_background)}  \n"
            f"*Foreground IP:* {markdown_escape(blueprint.ip_foreground)}"
        )
    with right:
        for title, items in (
            ("Escalation", blueprint.escalation),
            ("Exit triggers", blueprint.exit_triggers),
            ("Transition services", blueprint.transition_services),
        ):
            st.markdown(f"*{title}*\n" + "\n".join(f"- {markdown_escape(i)}" for i in items))


def _memo(kb: KnowledgeBase, scenario: Scenario, rec: Recommendation) -> None:
    st.markdown("Take the advice with you.")
    if not downloads.memo_buttons(rec, scenario, kb, key_prefix="memo"):
        st.info(
            "Memo documents (Markdown, Word, PDF) appear here once the memo renderer is installed."
        )
    downloads.recommendation_button(rec, scenario, key="download_recommendation")
    downloads.scenario_buttons(scenario, key_prefix="download_scenario")


def render() -> None:
    """Draw the recommendation for the current scenario."""
    kb = advisor.knowledge_base()
    scenario = state.scenario()
    rec = advisor.recommendation(scenario)
    questions = _questions()
    st.title("Recommendation")
    state.show_flashes()
    if state.problems() is not None:
        st.warning("The questionnaire has problems; this is the advice for its last valid version.")
    st.caption(scenario.name or "Untitled scenario")
    _headline(kb, rec)
    _ranking(rec)
    tabs = st.tabs(
        [
            "Why",
            "Why not the others",
            "Derivation",
            "What next",
            "What if",
            "Sensitivity",
            "Robustness",
            "Risks & governance",
            "Memo",
        ]
    )
    values = scenario.factor_values()
    with tabs[0]:
        _why(kb, rec, questions, values)
    with tabs[1]:
        _why_not(kb, rec, questions)
    with tabs[2]:
        _derivation(rec)
    with tabs[3]:
        _what_next(rec, questions)
    with tabs[4]:
        _what_if(scenario, rec, questions)
    with tabs[5]:
        _sensitivity(rec, questions)
    with tabs[6]:
        _robustness(scenario, rec)
    with tabs[7]:
        _risks_and_governance(kb, rec)
    with tabs[8]:
        _memo(kb, scenario, rec)


render()
