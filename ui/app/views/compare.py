"""Compare page: two or more scenarios side by side — ranking, decisive factors, differences."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from engine import KnowledgeBase, Recommendation, Scenario, ScenarioError, scenario_from_data
from ui.app import advisor, charts, identity, resources, state
from ui.app.presenters.compare import (
    answer_differences,
    initial_choices,
    kept_choices,
    ranking_columns,
    summary_lines,
    table_height,
)
from ui.app.questions import Question, build_questions
from ui.app.user_text import as_text
from ui.store.library import LibraryError

CHOICES_KEY = "compare_choices"


def _options(kb: KnowledgeBase) -> dict[str, str]:
    options = {"current": "Current scenario", "demo": "Demo scenario"}
    try:
        for entry in resources.library().entries(identity.current_actor()):
            options[f"saved:{entry.id}"] = f"Saved: {entry.name}"
    except SQLAlchemyError:  # an unreachable database must not hide the page
        st.caption("The scenario library is unavailable right now.")
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
        return resources.library().load(identity.current_actor(), int(ident)).scenario
    return scenario_from_data(kb.cases[ident].scenario, f"case {ident}")


def _choose(options: dict[str, str]) -> list[str]:
    keys: list[str] = list(options)
    if CHOICES_KEY in st.session_state:
        st.session_state[CHOICES_KEY] = kept_choices(st.session_state[CHOICES_KEY], keys)
    else:
        st.session_state[CHOICES_KEY] = initial_choices(keys)
    return st.multiselect(
        "Scenarios to compare", keys, format_func=lambda k: options[k], key=CHOICES_KEY
    )


def _scenarios(
    kb: KnowledgeBase, choices: list[str], options: dict[str, str]
) -> dict[str, Scenario]:
    scenarios: dict[str, Scenario] = {}
    for choice in choices:
        try:
            scenarios[options[choice]] = _scenario(kb, choice)
        except (LibraryError, ScenarioError, SQLAlchemyError) as exc:
            st.error(f"{as_text(options[choice])} cannot be compared: {as_text(str(exc))}")
    return scenarios


def _cards(
    scenarios: Mapping[str, Scenario],
    recs: Mapping[str, Recommendation],
    questions: Mapping[str, Question],
) -> None:
    columns = st.columns(len(recs))
    for column, (label, rec) in zip(columns, recs.items(), strict=True):
        with column.container(border=True):
            st.caption(as_text(label))
            for line in summary_lines(scenarios[label], rec):
                st.markdown(line)


def _ranking(recs: Mapping[str, Recommendation]) -> None:
    st.subheader("Ranking", divider="gray")
    names, columns = ranking_columns(recs)
    st.dataframe(pd.DataFrame(columns, index=names), width="stretch")
    st.vega_lite_chart(spec=charts.comparison_chart(recs, names), width="stretch")


def _differences(questions: Mapping[str, Question], scenarios: Mapping[str, Scenario]) -> None:
    st.subheader("Differences in the answers", divider="gray")
    rows = answer_differences(questions, scenarios)
    if rows:
        st.dataframe(
            pd.DataFrame(rows), hide_index=True, width="stretch", height=table_height(len(rows))
        )
    else:
        st.markdown("The scenarios give the same answers.")


def render() -> None:
    """Draw the comparison."""
    kb = advisor.knowledge_base()
    questions = {q.factor: q for q in build_questions(kb)}
    st.title("Compare scenarios")
    state.show_flashes()
    options = _options(kb)
    choices = _choose(options)
    if len(choices) < 2:
        st.info("Choose at least two scenarios.")
        return
    scenarios = _scenarios(kb, choices, options)
    if len(scenarios) < 2:
        return
    recs = {label: advisor.recommendation(s) for label, s in scenarios.items()}
    _cards(scenarios, recs, questions)
    _ranking(recs)
    _differences(questions, scenarios)


render()
