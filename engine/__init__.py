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
    "AXIS_IDS": "engine.kb_models",
    "FiredRule": "engine.recommendation",
    "verify_knowledge_base": "engine.verify",
    "DIMENSION_IDS": "engine.vocabulary",
    "FACTOR_IDS": "engine.vocabulary",
    "FACTORS": "engine.vocabulary",
    "FACTORS_BY_ID": "engine.vocabulary",
    "FactorKind": "engine.vocabulary",
    "FORM_IDS": "engine.vocabulary",
    "PARTNER_TYPES": "engine.vocabulary",
    "UNKNOWN": "engine.vocabulary",
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
    "AXIS_IDS",
    "AdvisorError",
    "DIMENSION_IDS",
    "FACTORS",
    "FACTORS_BY_ID",
    "FACTOR_IDS",
    "FORM_IDS",
    "FactorKind",
    "FieldProblem",
    "FiredRule",
    "KnowledgeBase",
    "KnowledgeBaseError",
    "PARTNER_TYPES",
    "Reasoner",
    "Recommendation",
    "Scenario",
    "ScenarioError",
    "UNKNOWN",
    "build_reasoner",
    "default_reasoner",
    "dump_scenario",
    "graph_from_data",
    "load_knowledge_base",
    "load_scenario",
    "load_scenario_text",
    "recommend",
    "scenario_from_data",
    "verify_knowledge_base",
]

if TYPE_CHECKING:
    from engine.advisor import recommend
    from engine.errors import AdvisorError, FieldProblem, KnowledgeBaseError, ScenarioError
    from engine.kb_models import AXIS_IDS
    from engine.knowledge import KnowledgeBase, load_knowledge_base
    from engine.reasoner import Reasoner, build_reasoner, default_reasoner
    from engine.recommendation import FiredRule, Recommendation
    from engine.scenario import Scenario
    from engine.scenario_io import (
        dump_scenario,
        load_scenario,
        load_scenario_text,
        scenario_from_data,
    )
    from engine.trace import graph_from_data
    from engine.verify import verify_knowledge_base
    from engine.vocabulary import (
        DIMENSION_IDS,
        FACTOR_IDS,
        FACTORS,
        FACTORS_BY_ID,
        FORM_IDS,
        PARTNER_TYPES,
        UNKNOWN,
        FactorKind,
    )


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'engine' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
