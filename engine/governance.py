"""The governance blueprint fitted to the deal: the form's own, plus what the scope adds.

The recommended form gives the blueprint's frame (its bodies, core decision rights,
IP regime, escalation, exit and transition, from ``forms.yaml``). The deal's scope
(and, for some modules, the partner types) picks governance modules from
``governance.yaml``: a co-promotion adds the marketing authorisation holder,
pharmacovigilance, the detailing split and P&L true-ups; a care-delivery deal adds
clinical governance, licensure and who employs the clinicians. Each module's text may
differ by form.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from engine.explain import governance_view
from engine.kb_models import GovernanceModule
from engine.knowledge import KnowledgeBase
from engine.recommendation import (
    DecisionRightView,
    GovernanceBlueprint,
    GovernanceModuleView,
    WorkstreamView,
)


def _members(values: Mapping[str, Any], factor_id: str) -> tuple[str, ...]:
    value = values.get(factor_id)
    return tuple(str(v) for v in value) if isinstance(value, tuple | list) else ()


def _for_form(by_form: Mapping[Any, str], form: str, default: str) -> str:
    return by_form.get(form, default)


def applies(module: GovernanceModule, values: Mapping[str, Any], form: str) -> bool:
    """Whether a module fits a deal with these answers under this form.

    It fits when the scope includes one of its scope items, a partner is of one of its
    partner types (when it names any) and it is not limited to other forms.
    """
    scope = _members(values, "scope")
    types = _members(values, "partner_types")
    return (
        any(item in scope for item in module.scope_any)
        and (not module.partner_types_any or any(t in types for t in module.partner_types_any))
        and (not module.forms or form in module.forms)
    )


def _because(kb: KnowledgeBase, module: GovernanceModule, values: Mapping[str, Any]) -> str:
    scope_words = kb.factors["scope"].options
    type_words = kb.factors["partner_types"].options
    scope = [scope_words[s] for s in module.scope_any if s in _members(values, "scope")]
    reason = "The scope includes " + " and ".join(s.split(" (")[0].lower() for s in scope)
    if module.partner_types_any:
        types = _members(values, "partner_types")
        named = [type_words[t].split(" (")[0] for t in module.partner_types_any if t in types]
        reason += "; partner types include " + " and ".join(n.lower() for n in named)
    return reason + "."


_Parts = tuple[GovernanceModule, tuple[WorkstreamView, ...], tuple[DecisionRightView, ...]]
# A module's workstreams and decision rights for a form, built once (the views are
# frozen text): by id() of the module, which each entry holds, and the form.
_PARTS: dict[tuple[int, str], _Parts] = {}
_KEPT = 4096


def _parts(module: GovernanceModule, form: str) -> _Parts:
    found = _PARTS.get((id(module), form))
    if found is None or found[0] is not module:
        if len(_PARTS) >= _KEPT:
            _PARTS.clear()
        found = _PARTS[(id(module), form)] = (
            module,
            tuple(
                WorkstreamView(title=w.title, detail=_for_form(w.by_form, form, w.detail))
                for w in module.workstreams
            ),
            tuple(
                DecisionRightView(decision=d.decision, owner=_for_form(d.by_form, form, d.owner))
                for d in module.decision_rights
            ),
        )
    return found


def module_view(
    kb: KnowledgeBase, module: GovernanceModule, values: Mapping[str, Any], form: str
) -> GovernanceModuleView:
    """One module with each text chosen for ``form``."""
    _, workstreams, decision_rights = _parts(module, form)
    return GovernanceModuleView(
        id=module.id,
        title=module.title,
        because=_because(kb, module, values),
        workstreams=list(workstreams),
        decision_rights=list(decision_rights),
        sources=[s for s in module.sources if s in kb.sources],
    )


def fitted_governance(
    kb: KnowledgeBase, values: Mapping[str, Any], form: str
) -> GovernanceBlueprint:
    """The form's governance blueprint with the modules the deal's scope calls for.

    Args:
        kb: the knowledge base.
        values: the scenario's answers by factor id (unknown answers are ``None``).
        form: the recommended form.

    Returns:
        The blueprint: the form's own workstreams and decision rights first, then each
        module's, and the modules themselves with why each applies. An unanswered scope
        selects no module and says so (``scope_known``).
    """
    base = governance_view(kb, form)
    modules = [
        module_view(kb, module, values, form)
        for module in kb.governance.values()
        if applies(module, values, form)
    ]
    return base.model_copy(
        update={
            "workstreams": [
                *base.workstreams,
                *(w.title for m in modules for w in m.workstreams),
            ],
            "decision_rights": [
                *base.decision_rights,
                *(d for m in modules for d in m.decision_rights),
            ],
            "modules": modules,
            "scope_known": bool(_members(values, "scope")),
        }
    )


__all__ = ["applies", "fitted_governance", "module_view"]
