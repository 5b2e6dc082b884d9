"""Alliance Advisor's engine: the public surface the CLI and the app use.

Scenario file -> ``Scenario`` -> facts -> experta rules -> evidence -> ranked,
explained ``Recommendation``.
"""

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
