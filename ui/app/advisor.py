"""The engine as the pages use it: compiled once per process, answers cached per scenario.

The reasoner is immutable and hands each thread its own experta engine, so sharing it
through ``st.cache_resource`` is safe; no engine instance is ever cached. Recommendations
are frozen pydantic models, cached (shared, not copied) with ``st.cache_resource`` under
the scenario's JSON text.

Streamlit runs every script run on a fresh thread, so a per-thread engine would be
rebuilt (about 0.1 s for the Rete network) on every answer change. Reasoning therefore
runs on a small, long-lived pool of worker threads: each worker builds its own engine
once and runs one recommendation at a time, so no engine is ever used by two threads.
"""

from __future__ import annotations

import os
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import streamlit as st

from engine import (
    KnowledgeBase,
    Reasoner,
    Recommendation,
    Scenario,
    ScenarioError,
    default_reasoner,
    dump_scenario,
    load_scenario_text,
    recommend,
    scenario_from_data,
)

KB_ENV = "ALLIANCE_ADVISOR_KB"
"""Environment variable naming another knowledge-base folder (for previewing drafts)."""
WORKERS = max(2, min(4, os.cpu_count() or 2))
"""Reasoning threads (each with its own experta engine) shared by all sessions."""


def _kb_path() -> str:
    return os.environ.get(KB_ENV, "")


@st.cache_resource(show_spinner="Loading the knowledge base…")
def _reasoner(path: str) -> Reasoner:
    return default_reasoner(Path(path) if path else None)


@st.cache_resource(show_spinner=False)
def _workers(path: str) -> ThreadPoolExecutor:
    reasoner = _reasoner(path)
    pool = ThreadPoolExecutor(
        max_workers=WORKERS, thread_name_prefix="reasoner", initializer=reasoner.engine
    )
    started = threading.Barrier(WORKERS)
    for _ in range(WORKERS):  # start every worker now, so each builds its engine up front
        pool.submit(started.wait, 60)
    return pool


def _on_worker(
    path: str, scenario: Scenario, *, analyses: bool, robustness: bool
) -> Recommendation:
    job = _workers(path).submit(
        recommend, scenario, analyses=analyses, robustness=robustness, reasoner=_reasoner(path)
    )
    return job.result()


def reasoner() -> Reasoner:
    """The compiled knowledge base, built once per process."""
    return _reasoner(_kb_path())


def knowledge_base() -> KnowledgeBase:
    """The parsed, immutable knowledge base."""
    return reasoner().kb


# cache_resource: the frozen recommendation itself is shared, not a pickled copy that
# every page run would unpickle (several times a run: the page, the sidebar, the headline).
@st.cache_resource(max_entries=512, show_spinner=False)
def _recommend(path: str, scenario_json: str, analyses: bool, robustness: bool) -> Recommendation:
    scenario = load_scenario_text(scenario_json, "scenario", json_format=True)
    return _on_worker(path, scenario, analyses=analyses, robustness=robustness)


def scenario_key(scenario: Scenario) -> str:
    """The text a scenario is cached under (its JSON document)."""
    return dump_scenario(scenario, json_format=True)


def recommendation(
    scenario: Scenario, *, analyses: bool = True, robustness: bool = True
) -> Recommendation:
    """The engine's recommendation for a scenario, computed once per scenario.

    Args:
        scenario: the scenario.
        analyses: include what-if, next questions and sensitivity.
        robustness: include how often each form wins across the unknown answers (the
            engine counts it for the confidence anyway, so it costs only the view; the
            headline quotes the first form's share).

    Returns:
        The recommendation.
    """
    return _recommend(_kb_path(), scenario_key(scenario), analyses, robustness)


@st.cache_data(show_spinner=False)
def _case_results(path: str) -> dict[str, tuple[str, tuple[str, ...]]]:
    kb = _reasoner(path).kb
    results = {}
    for case in kb.cases.values():
        try:
            scenario = scenario_from_data(case.scenario, f"case {case.id}")
        except ScenarioError:
            continue
        rec = _on_worker(path, scenario, analyses=False, robustness=False)
        results[case.id] = (rec.recommendation, tuple(rule.id for rule in rec.fired_rules))
    return results


def case_results() -> dict[str, tuple[str, tuple[str, ...]]]:
    """For each teaching case, the advisor's first place and the rules that fire."""
    return _case_results(_kb_path())


def cases_firing(rule_id: str) -> list[str]:
    """Ids of the teaching cases in which a rule fires."""
    return [case for case, (_, fired) in case_results().items() if rule_id in fired]


__all__ = [
    "KB_ENV",
    "case_results",
    "cases_firing",
    "knowledge_base",
    "reasoner",
    "recommendation",
    "scenario_key",
]
