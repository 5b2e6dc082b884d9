"""The compiled knowledge base and the experta engines that reason with it, one per thread."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from graphlib import CycleError, TopologicalSorter
from pathlib import Path
from typing import Any

from engine.compiled import ArrayRules
from engine.errors import KnowledgeBaseError, KnowledgeBaseProblem
from engine.knowledge import KnowledgeBase, load_knowledge_base
from rules.compiler import CompiledRules, compile_rules, rank_function
from rules.conditions import Predicate, compile_predicate
from rules.schema import RuleSpec
from rules.working_memory import JustifyingEngine


class Memo:
    """A small thread-safe store of recent results, the oldest dropped first.

    For analyses that are a pure function of the answers (the same knowledge base and
    answers always give the same result), so a page re-run on answers seen before need
    not redo them.
    """

    def __init__(self, size: int) -> None:
        self._size = size
        self._items: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """The result stored under ``key``, computed (outside the lock) when missing."""
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        found = compute()
        with self._lock:
            self._items[key] = found
            while len(self._items) > self._size:
                self._items.popitem(last=False)
        return found

    def clear(self) -> None:
        """Forget every stored result."""
        with self._lock:
            self._items.clear()


@dataclass(frozen=True, repr=False)
class Reasoner:
    """An immutable compiled knowledge base; safe to share between threads.

    The experta engine instances it hands out hold working memory and are never
    shared: each thread gets its own (``engine()``).
    """

    kb: KnowledgeBase
    compiled: CompiledRules
    _local: threading.local = field(default_factory=threading.local, repr=False, compare=False)
    memo: Memo = field(default_factory=lambda: Memo(256), repr=False, compare=False)

    def __repr__(self) -> str:
        return f"Reasoner({self.kb!r})"

    def engine(self) -> JustifyingEngine:
        """This thread's engine instance (created on first use)."""
        engine = getattr(self._local, "engine", None)
        if engine is None:
            engine = self.compiled.engine_class()
            self._local.engine = engine
        return engine

    @contextmanager
    def session(self, values: Mapping[str, Any]) -> Iterator[JustifyingEngine]:
        """This thread's engine, loaded with ``values`` and run to quiescence."""
        engine = self.engine()
        engine.load(values)
        engine.run()
        yield engine

    def infer(self, values: Mapping[str, Any]) -> frozenset[str]:
        """Ids of the rules that fire for these factor values (``None`` = unknown)."""
        with self.session(values) as engine:
            return engine.fired_rules()

    @cached_property
    def rank_of(self) -> dict[str, Any]:
        """For each ordered factor, the function giving a value's position."""
        return {
            factor_id: fn
            for factor_id in self.kb.rules_reading_factor
            if (fn := rank_function(factor_id)) is not None
        }

    @cached_property
    def predicates(self) -> dict[str, Predicate]:
        """Each rule's condition compiled to a plain two-valued function."""
        return {rule.id: compile_predicate(rule.when, self.rank_of) for rule in self.kb.rules}

    @cached_property
    def fast(self) -> ArrayRules:
        """The same rules compiled to array arithmetic, for analyses over many scenarios."""
        return ArrayRules(self.kb, self.derivation_order)

    @cached_property
    def derivation_order(self) -> tuple[RuleSpec, ...]:
        """Rules ordered so every producer of a derived fact precedes its consumers."""
        # Cycles are reported by ``kb check``; graphlib raises CycleError here too.
        predecessors: dict[tuple[str, str], set[tuple[str, str]]] = {}
        for rule in self.kb.rules:
            node = ("rule", rule.id)
            predecessors.setdefault(node, set()).update(
                ("fact", fact) for fact in self.kb.facts_read_by(rule)
            )
            if rule.derive:
                predecessors.setdefault(("fact", rule.derive), set()).add(node)
        sorter = TopologicalSorter(predecessors)
        try:
            sorter.prepare()
        except CycleError as exc:
            names = " -> ".join(node[1] for node in exc.args[1])
            raise KnowledgeBaseError(
                [KnowledgeBaseProblem("", f"derivation cycle: {names}")]
            ) from exc
        order: list[RuleSpec] = []
        while sorter.is_active():
            ready = sorted(sorter.get_ready())  # sorted: the same order on every run
            order.extend(self.kb.rules_by_id[node[1]] for node in ready if node[0] == "rule")
            sorter.done(*ready)
        return tuple(order)

    @cached_property
    def rules_downstream_of(self) -> dict[str, frozenset[str]]:
        """For each factor, the rules whose firing can depend on it.

        Directly, or through derived facts.
        """
        consumers: dict[str, list[RuleSpec]] = {}
        for rule in self.kb.rules:
            for fact in self.kb.facts_read_by(rule):
                consumers.setdefault(fact, []).append(rule)
        table = {}
        for factor_id, readers in self.kb.rules_reading_factor.items():
            reached: set[str] = set()
            pending = [self.kb.rules_by_id[r] for r in readers]
            while pending:
                rule = pending.pop()
                if rule.id in reached:
                    continue
                reached.add(rule.id)
                if rule.derive:
                    pending.extend(consumers.get(rule.derive, ()))
            table[factor_id] = frozenset(reached)
        return table


def build_reasoner(kb: KnowledgeBase) -> Reasoner:
    """Compile a knowledge base's rules into a reasoner."""
    return Reasoner(kb=kb, compiled=compile_rules(kb.rules))


@lru_cache(maxsize=4)
def default_reasoner(path: Path | None = None) -> Reasoner:
    """The reasoner for the shipped knowledge base (or ``path``), built once per process."""
    return build_reasoner(load_knowledge_base(path))


__all__ = ["Reasoner", "build_reasoner", "default_reasoner"]
