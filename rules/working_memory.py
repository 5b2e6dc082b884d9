"""Working-memory facts and the experta engine the compiled rules run in.

The known answers are one fact, ``Answers``: each rule tests all the answers it reads in
one check on it. (experta passes every fact past every check at the top of its network,
copying a token each time, so one fact with one check per rule costs a fraction of one
fact per answer: a run takes less than half the time it took with a fact per answer.)
Derived conclusions are ``Derived`` facts that other rules read; that a rule fired is
only recorded, since no rule reads it.

Changing an answer re-runs from the answers (``change_factor``): with one answers fact
every conclusion depends on it, and a fresh run costs less than retracting them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from rules.quiet_experta import Fact, Field, KnowledgeEngine, ReteMatcher, watchers

# experta logs every check, token and activation through its watchers, even when nothing
# is shown: disabled loggers answer "not enabled" at once. ``watch()`` still turns them on.
for _name in watchers.ALL:
    getattr(watchers, _name).disabled = True


class Answers(Fact):
    """The known answers: ``Answers(values={factor_id: value, ...})`` (unknown ones left out)."""

    values = Field(object, mandatory=True)


class Derived(Fact):
    """An intermediate conclusion: ``Derived(name=derived_fact_id)``."""

    name = Field(str, mandatory=True)


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

    def reset(self) -> None:
        """Empty every node's memory, as the stock ``reset`` does, visiting each node once.

        The stock reset walks the network from the root, so a node shared by several
        rules is reset once per path to it (about 520 visits on this knowledge base);
        only the nodes that hold matches have anything to empty.
        """
        nodes = self.__dict__.get("_nodes_with_memory")
        if nodes is None:
            nodes = self._nodes_with_memory = _nodes_with_memory(self.root_node)
        for node in nodes:
            node._reset()  # noqa: SLF001 - experta's own per-node reset hook


def _nodes_with_memory(root: Any) -> list[Any]:
    """The nodes under ``root`` (each once, in the order a walk meets them) that hold matches."""
    seen: dict[int, Any] = {}
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen[id(node)] = node
        stack.extend(child.node for child in reversed(node.children))
    return [node for node in seen.values() if type(node)._reset.__qualname__ != "NoMemory._reset"]


class JustifyingEngine(KnowledgeEngine):
    """A ``KnowledgeEngine`` that records which rules fired and what they derived."""

    __matcher__ = ChangedOnlyReteMatcher  # experta's hook for choosing the matcher
    # The factors some rule reads (``None``: all); answers to others are left out.
    read_factors: ClassVar[frozenset[str] | None] = None

    def __init__(self) -> None:
        super().__init__()
        self._answers: dict[str, Any] = {}
        self._fired: set[str] = set()
        self._derived: set[str] = set()

    def get_deffacts(self) -> list[Any]:
        """The deffacts, found once per engine (experta searches every member at each reset)."""
        found = self.__dict__.get("_deffacts")
        if found is None:
            found = self._deffacts = super().get_deffacts()
        for deffacts in found:
            deffacts.ke = self  # bound to this engine, as experta's search does each time
        return list(found)

    def load(self, values: Mapping[str, Any]) -> None:
        """Reset working memory and declare the known answers (``None`` = unknown)."""
        self.reset()
        self._fired = set()
        self._derived = set()
        self._answers = {
            name: value for name, value in values.items() if value is not None and self._reads(name)
        }
        # The matcher sees the answers when ``run()`` starts.
        self.facts.declare(Answers(values=dict(self._answers)))

    def _reads(self, name: str) -> bool:
        return self.read_factors is None or name in self.read_factors

    def conclude(self, rule_id: str, derive: str | None) -> None:
        """Record that ``rule_id`` fired, and declare the fact it derives (if any, once)."""
        self._fired.add(rule_id)
        if derive is not None and derive not in self._derived:
            self._derived.add(derive)
            self.declare(Derived(name=derive))

    def change_factor(self, name: str, value: Any) -> None:
        """Replace one answer (``None`` makes it unknown); call ``run()`` afterwards.

        Working memory is reloaded with the changed answers, so the next run concludes
        exactly what a fresh run on them would.
        """
        answers = dict(self._answers)
        answers[name] = value
        self.load(answers)

    def fired_rules(self) -> frozenset[str]:
        """Ids of the rules that fired."""
        return frozenset(self._fired)

    def derived_facts(self) -> frozenset[str]:
        """Ids of the derived facts concluded."""
        return frozenset(self._derived)


__all__ = ["Answers", "Derived", "JustifyingEngine"]
