"""Alliance Advisor's engine: the public surface the CLI and the app use.

Scenario file -> ``Scenario`` -> facts -> experta rules -> evidence -> ranked,
explained ``Recommendation``. The contract vocabulary is defined in ``rules.vocabulary``
(the layer below) and re-exported here.
"""

from __future__ import annotations

from engine.advisor import recommend
from engine.corpus_runs import accuracy_report, fit_on_corpus, write_weights
from engine.drivers import (
    ContrastDrivers,
    Driver,
    PairContrast,
    PairDriver,
    RuleShare,
    contrast_drivers,
    pair_contrast,
    path_answers,
    separating_contrasts,
)
from engine.errors import AdvisorError, FieldProblem, KnowledgeBaseError, ScenarioError
from engine.governance import fitted_governance
from engine.kb_models import AXIS_IDS
from engine.knowledge import KnowledgeBase, load_knowledge_base
from engine.reasoner import Reasoner, build_reasoner, default_reasoner
from engine.recommendation import (
    ConsiderationView,
    DecisionRightView,
    DerivedConclusion,
    Exclusion,
    FactorRef,
    FactRef,
    FiredRule,
    GovernanceBlueprint,
    GovernanceModuleView,
    MissingSupport,
    Need,
    NextQuestion,
    Recommendation,
    RiskFlag,
    RuleRef,
    SensitivityRow,
    SourceRef,
    StageView,
    WeighsView,
    WhatIf,
    WhyNot,
    WorkstreamView,
)
from engine.scenario import Scenario
from engine.scenario_io import (
    dump_scenario,
    load_scenario,
    load_scenario_text,
    scenario_from_data,
)
from engine.trace import graph_from_data
from engine.verify import verify_knowledge_base
from rules.vocabulary import (
    DIMENSION_IDS,
    FACTOR_IDS,
    FACTORS,
    FACTORS_BY_ID,
    FORM_IDS,
    PARTNER_TYPES,
    UNKNOWN,
    FactorKind,
)

__all__ = [
    "AXIS_IDS",
    "AdvisorError",
    "ConsiderationView",
    "ContrastDrivers",
    "DIMENSION_IDS",
    "DecisionRightView",
    "DerivedConclusion",
    "Driver",
    "Exclusion",
    "FACTORS",
    "FACTORS_BY_ID",
    "FACTOR_IDS",
    "FORM_IDS",
    "FactRef",
    "FactorKind",
    "FactorRef",
    "FieldProblem",
    "FiredRule",
    "GovernanceBlueprint",
    "GovernanceModuleView",
    "KnowledgeBase",
    "KnowledgeBaseError",
    "MissingSupport",
    "Need",
    "NextQuestion",
    "PARTNER_TYPES",
    "PairContrast",
    "PairDriver",
    "Reasoner",
    "Recommendation",
    "RiskFlag",
    "RuleRef",
    "RuleShare",
    "Scenario",
    "ScenarioError",
    "SensitivityRow",
    "SourceRef",
    "StageView",
    "UNKNOWN",
    "WeighsView",
    "WhatIf",
    "WhyNot",
    "WorkstreamView",
    "accuracy_report",
    "build_reasoner",
    "contrast_drivers",
    "default_reasoner",
    "dump_scenario",
    "fit_on_corpus",
    "fitted_governance",
    "graph_from_data",
    "load_knowledge_base",
    "load_scenario",
    "load_scenario_text",
    "pair_contrast",
    "path_answers",
    "recommend",
    "scenario_from_data",
    "separating_contrasts",
    "verify_knowledge_base",
    "write_weights",
]
