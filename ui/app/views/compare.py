"""Compare page: two or more scenarios side by side — ranking, decisive factors, differences."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd
import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from engine import KnowledgeBase, Recommendation, Scenario, ScenarioError, scenario_from_data
from ui.app import advisor, charts, classroom, identity, resources, state
from ui.app.presenters.compare import (
    answer_differences,
    initial_choices,
    kept_choices,
    ranking_columns,
    short_labels,
    summary_lines,
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
    *,
    numbers: bool,
    advice: bool,
) -> None:
    columns = st.columns(len(recs))
    for column, (label, rec) in zip(columns, recs.items(), strict=True):
        with column.container(border=True):
            st.caption(as_text(label))  # the full name; the tables' column titles may be cut
            for line in summary_lines(scenarios[label], rec, numbers=numbers, advice=advice):
                st.markdown(line)


def _column_config(titles: Mapping[str, str]) -> dict[str, Any]:
    """Short column titles, each with the scenario's full name on hover."""
    return {
        short: st.column_config.TextColumn(short, help=label) for label, short in titles.items()
    }


def _ranking(
    recs: Mapping[str, Recommendation], titles: Mapping[str, str], *, numbers: bool
) -> None:
    st.subheader("Ranking", divider="gray")
    names, columns = ranking_columns(recs, numbers=numbers)
    table = pd.DataFrame({titles[label]: cells for label, cells in columns.items()}, index=names)
    st.dataframe(table, width="stretch", column_config=_column_config(titles))
    if numbers:
        shown = {titles[label]: rec for label, rec in recs.items()}
        st.vega_lite_chart(spec=charts.comparison_chart(shown, names), width="stretch")


def _differences(
    questions: Mapping[str, Question],
    scenarios: Mapping[str, Scenario],
    titles: Mapping[str, str],
) -> None:
    st.subheader("Differences in the answers", divider="gray")
    rows = answer_differences(questions, {titles[label]: s for label, s in scenarios.items()})
    if rows:  # a static table: long answers (partner types, scope) wrap instead of being cut
        st.table(pd.DataFrame(rows), hide_index=True)
    else:
        st.markdown("The scenarios give the same answers.")


def _revealed(scenarios: Mapping[str, Scenario]) -> bool:
    """Classroom mode: whether the class has discussed the differences and revealed the advice."""
    return classroom.discuss_then_reveal(
        "compare",
        "|".join(scenarios),
        "Classroom mode: look at how the answers differ, and discuss which structure each"
        " scenario should get; then reveal the advisor's answers.",
    )


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
    titles = short_labels(list(scenarios))
    numbers = not classroom.on()
    if numbers:
        _cards(scenarios, recs, numbers=True, advice=True)
        _ranking(recs, titles, numbers=True)
        _differences(questions, scenarios, titles)
        return
    _differences(questions, scenarios, titles)  # classroom: the differences first, then reveal
    advice = _revealed(scenarios)
    _cards(scenarios, recs, numbers=False, advice=advice)
    if advice:
        _ranking(recs, titles, numbers=False)


render()
