"""Working-memory facts and an experta engine that remembers why it concluded what it did.

experta has no truth maintenance: a fact declared by a rule stays after the facts that
justified it are retracted. ``JustifyingEngine`` records, for every concluded fact, each
set of facts that supported it. Retracting an input then retracts exactly the
conclusions left with no support, transitively, so a single changed answer can be
re-run incrementally with ``change_factor`` instead of rebuilding working memory.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from experta import Fact, Field, KnowledgeEngine
from experta.matchers import ReteMatcher


class Factor(Fact):
    """A known answer: ``Factor(name=factor_id, value=...)``."""

    name = Field(str, mandatory=True)
    value = Field(object, mandatory=True)


class Derived(Fact):
    """An intermediate conclusion: ``Derived(name=derived_fact_id)``."""

    name = Field(str, mandatory=True)


class Fired(Fact):
    """Evidence that a rule fired: ``Fired(rule=rule_id)``; its effects are in the rule spec."""

    rule = Field(str, mandatory=True)


_Key = tuple[str, str]


class ChangedOnlyReteMatcher(ReteMatcher):
    """experta's Rete matcher, collecting activations only from rules that changed.

    The stock matcher asks every rule's conflict-set node for its new activations
    after each change, which costs a call and two new sets per rule even when only a
    few rules were touched. Skipping the untouched ones gives the same activations.
    """

    def changes(self, adding: Any = None, deleting: Any = None) -> tuple[list[Any], list[Any]]:
        """Pass the changes into the network and return the rules' new (de)activations."""
        for deleted in deleting or ():
            self.root_node.remove(deleted)
        for added in adding or ():
            self.root_node.add(added)
        activated: list[Any] = []
        deactivated: list[Any] = []
        for node in self._get_conflict_set_nodes():
            if node.added or node.removed:
                new, gone = node.get_activations()
                activated.extend(new)
                deactivated.extend(gone)
        return activated, deactivated


class JustifyingEngine(KnowledgeEngine):
    """A ``KnowledgeEngine`` with justification-based retraction of its conclusions."""

    __matcher__ = ChangedOnlyReteMatcher  # experta's hook for choosing the matcher

    def __init__(self) -> None:
        super().__init__()
        self._clear_justifications()

    def _clear_justifications(self) -> None:
        self._concluded: dict[_Key, Fact] = {}
        self._supports: dict[_Key, list[frozenset[int]]] = {}
        self._dependents: defaultdict[int, set[_Key]] = defaultdict(set)
        self._inputs: dict[str, Fact] = {}

    def load(self, values: Mapping[str, Any]) -> None:
        """Reset working memory and declare every known answer (``None`` = unknown)."""
        self.reset()
        self._clear_justifications()
        for name, value in values.items():
            if value is not None:
                # The matcher sees every answer at once when ``run()`` starts.
                self._inputs[name] = self.facts.declare(Factor(name=name, value=value))

    def conclude(self, rule_id: str, derive: str | None, support: Iterable[Fact]) -> None:
        """Record that ``rule_id`` fired on ``support`` (and derived ``derive``, if any)."""
        support_ids = frozenset(fact.__factid__ for fact in support)
        produced: list[tuple[_Key, Fact]] = [(("rule", rule_id), Fired(rule=rule_id))]
        if derive is not None:
            produced.append((("derived", derive), Derived(name=derive)))
        for key, fact in produced:
            if key not in self._concluded:
                declared = self.declare(fact)
                if declared is None:  # already present, e.g. declared by hand
                    continue
                self._concluded[key] = declared
                self._supports[key] = []
            self._supports[key].append(support_ids)
            for fact_id in support_ids:
                self._dependents[fact_id].add(key)

    def _retract_input(self, fact: Fact) -> None:
        # Facts are retracted from the fact list only; the matcher and agenda see all the
        # changes at once at the start of the next ``run()``. (``retract`` would update the
        # agenda after every single fact, polling every rule's conflict set each time.)
        pending = [fact.__factid__]
        self.facts.retract(fact)
        while pending:
            gone = pending.pop()
            for key in self._dependents.pop(gone, ()):
                supports = self._supports.get(key)
                if supports is None:
                    continue
                supports[:] = [s for s in supports if gone not in s]
                if not supports:
                    concluded = self._concluded.pop(key)
                    del self._supports[key]
                    pending.append(concluded.__factid__)
                    self.facts.retract(concluded)

    def change_factor(self, name: str, value: Any) -> None:
        """Replace one answer (``None`` makes it unknown); call ``run()`` afterwards.

        The change reaches the matcher when ``run()`` starts, together with any other
        changes made since the last run.
        """
        old = self._inputs.pop(name, None)
        if old is not None:
            if any(fact is old for fact in self.facts.added):
                self._update_agenda()  # the matcher must see a fact before it is retracted
            self._retract_input(old)
        if value is not None:
            declared = self.facts.declare(Factor(name=name, value=value))
            self._inputs[name] = declared

    def _update_agenda(self) -> None:
        added, removed = self.get_activations()
        self.strategy.update_agenda(self.agenda, added, removed)

    def fired_rules(self) -> frozenset[str]:
        """Ids of the rules whose conclusions currently stand."""
        return frozenset(key[1] for key in self._concluded if key[0] == "rule")

    def derived_facts(self) -> frozenset[str]:
        """Ids of the derived facts currently concluded."""
        return frozenset(key[1] for key in self._concluded if key[0] == "derived")


__all__ = ["Derived", "Factor", "Fired", "JustifyingEngine"]
