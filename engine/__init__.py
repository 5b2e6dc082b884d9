"""Alliance Advisor's engine: the public surface the CLI and the app use.

Scenario file -> ``Scenario`` -> facts -> experta rules -> evidence -> ranked,
explained ``Recommendation``.

Names are imported on first use (PEP 562), so ``rules`` can import the vocabulary
from ``engine.vocabulary`` without a circular import, and start-up stays light.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_EXPORTS = {
    "recommend": "engine.advisor",
    "AdvisorError": "engine.errors",
    "FieldProblem": "engine.errors",
    "KnowledgeBaseError": "engine.errors",
    "ScenarioError": "engine.errors",
    "KnowledgeBase": "engine.knowledge",
    "load_knowledge_base": "engine.knowledge",
    "Reasoner": "engine.reasoner",
    "build_reasoner": "engine.reasoner",
    "default_reasoner": "engine.reasoner",
    "Recommendation": "engine.recommendation",
    "Scenario": "engine.scenario",
    "dump_scenario": "engine.scenario_io",
    "load_scenario": "engine.scenario_io",
    "load_scenario_text": "engine.scenario_io",
    "scenario_from_data": "engine.scenario_io",
    "graph_from_data": "engine.trace",
}

__all__ = [
    "AdvisorError",
    "FieldProblem",
    "KnowledgeBase",
    "KnowledgeBaseError",
    "Reasoner",
    "Recommendation",
    "Scenario",
    "ScenarioError",
    "build_reasoner",
    "default_reasoner",
    "dump_scenario",
    "graph_from_data",
    "load_knowledge_base",
    "load_scenario",
    "load_scenario_text",
    "recommend",
    "scenario_from_data",
]

if TYPE_CHECKING:
    from engine.advisor import recommend
    from engine.errors import AdvisorError, FieldProblem, KnowledgeBaseError, ScenarioError
    from engine.knowledge import KnowledgeBase, load_knowledge_base
    from engine.reasoner import Reasoner, build_reasoner, default_reasoner
    from engine.recommendation import Recommendation
    from engine.scenario import Scenario
    from engine.scenario_io import (
        dump_scenario,
        load_scenario,
        load_scenario_text,
        scenario_from_data,
    )
    from engine.trace import graph_from_data


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'engine' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
