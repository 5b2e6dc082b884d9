"""Compare page: two or more scenarios side by side — ranking, decisive factors, differences."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from engine import KnowledgeBase, Recommendation, Scenario, ScenarioError, scenario_from_data
from ui.app import advisor, charts, resources, state
from ui.app.questions import Question, build_questions
from ui.store.library import LibraryError

CHOICES_KEY = "compare_choices"
DECISIVE_SHOWN = 4


def _options(kb: KnowledgeBase) -> dict[str, str]:
    options = {"current": "Current scenario", "demo": "Demo scenario"}
    try:
        for name in resources.library().names():
            options[f"saved:{name}"] = f"Saved: {name}"
    except SQLAlchemyError as exc:  # an unreachable database must not hide the page
        st.caption(f"The scenario library is unavailable ({exc.__class__.__name__}).")
    for case in kb.cases.values():
        options[f"case:{case.id}"] = f"Case: {case.title}"
    return options


def _scenario(kb: KnowledgeBase, choice: str) -> Scenario:
    if choice == "current":
        return state.scenario()
    if choice == "demo":
        return scenario_from_data(kb.demo, "demo scenario")
    kind, _, ident = choice.partition(":")
    if kind == "saved":
        return resources.library().load(ident)
    return scenario_from_data(kb.cases[ident].scenario, f"case {ident}")


def _decisive(rec: Recommendation, questions: dict[str, Question]) -> list[str]:
    """Factors whose change would flip the first place, then those moving it most."""
    factors = list(dict.fromkeys(w.factor for w in rec.what_if or []))
    factors += [q.factor for q in rec.next_questions or [] if q.factor not in factors]
    shifts = sorted(
        (
            (shift.get(rec.recommendation, 0.0), factor)
            for factor, shift in (rec.sensitivity or {}).items()
        ),
        key=lambda pair: (-pair[0], pair[1]),
    )
    factors += [factor for shift, factor in shifts if shift > 0 and factor not in factors]
    return [questions[f].label for f in factors[:DECISIVE_SHOWN]]


def render() -> None:
    """Draw the comparison."""
    kb = advisor.knowledge_base()
    questions = {q.factor: q for q in build_questions(kb)}
    st.title("Compare scenarios")
    state.show_flashes()
    options = _options(kb)
    if CHOICES_KEY in st.session_state:
        st.session_state[CHOICES_KEY] = [c for c in st.session_state[CHOICES_KEY] if c in options]
    else:
        others = [key for key in options if key.startswith(("saved:", "case:"))]
        st.session_state[CHOICES_KEY] = ["current", others[0] if others else "demo"]
    choices = st.multiselect(
        "Scenarios to compare", list(options), format_func=options.get, key=CHOICES_KEY
    )
    if len(choices) < 2:
        st.info("Choose at least two scenarios.")
        return

    scenarios: dict[str, Scenario] = {}
    for choice in choices:
        try:
            scenarios[options[choice]] = _scenario(kb, choice)
        except (LibraryError, ScenarioError, SQLAlchemyError) as exc:
            st.error(f"{options[choice]} cannot be compared: {exc}")
    if len(scenarios) < 2:
        return
    recs = {label: advisor.recommendation(s) for label, s in scenarios.items()}

    columns = st.columns(len(recs))
    for column, (label, rec) in zip(columns, recs.items(), strict=True):
        with column.container(border=True):
            st.caption(label)
            st.markdown(f"**{scenarios[label].name or 'Untitled scenario'}**")
            st.markdown(f"#### {rec.recommendation_name}")
            st.markdown(f"Confidence {rec.confidence_label} ({rec.confidence:.0%})")
            decisive = _decisive(rec, questions)
            st.markdown(
                "Decisive factors: " + (", ".join(decisive) if decisive else "none stand out")
            )

    st.subheader("Ranking", divider="gray")
    forms = [item.form for item in next(iter(recs.values())).ranking]
    names = {item.form: item.name for item in next(iter(recs.values())).ranking}
    table = pd.DataFrame(
        {
            label: [
                next(
                    f"{i.rank}. {i.score:+.2f}" + (" (ruled out)" if i.excluded else "")
                    for i in rec.ranking
                    if i.form == form
                )
                for form in forms
            ]
            for label, rec in recs.items()
        },
        index=[names[f] for f in forms],
    )
    st.dataframe(table, width="stretch")
    st.vega_lite_chart(
        spec=charts.comparison_chart(recs, [names[f] for f in forms]), width="stretch"
    )

    st.subheader("Differences in the answers", divider="gray")
    values = {label: s.factor_values() for label, s in scenarios.items()}
    rows = []
    for factor, question in questions.items():
        shown = [question.describe(values[label].get(factor)) for label in scenarios]
        if len(set(shown)) > 1:
            rows.append({"Factor": question.label, **dict(zip(scenarios, shown, strict=True))})
    if rows:
        height = 38 + 35 * len(rows)  # every row visible, no inner scrolling
        st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", height=height)
    else:
        st.markdown("The scenarios give the same answers.")


render()
