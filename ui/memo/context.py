"""What every memo section reads: the recommendation, its scenario, the knowledge base's words.

The recommendation carries its own words (rule titles and reasons, labels, the cited
sources); the knowledge base is read only for what it does not carry: the questionnaire's
words for the answers, dimension titles, form summaries, trade-off profiles and
stakeholders. ``MemoContext`` numbers the sources in the order the memo first cites them,
so the section builders (``ui.memo.sections``) share one numbering. The helpers here are
the small pieces of wording several sections use.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from engine import (
    FACTORS_BY_ID,
    FactorKind,
    FiredRule,
    KnowledgeBase,
    Need,
    Recommendation,
    RuleRef,
    Scenario,
    SourceRef,
)
from ui.memo.model import UNNAMED_SCENARIO, Reference, clean_text


def scenario_sha256(scenario: Scenario) -> str:
    """SHA-256 of the scenario's canonical JSON (sorted keys, ASCII, no spaces).

    The same scenario hashes alike whether it came from YAML, JSON or the app.
    """
    canonical = json.dumps(
        scenario.to_document(), sort_keys=True, ensure_ascii=True, separators=(",", ":")
    )
    return hashlib.sha256(canonical.encode("ascii")).hexdigest()


def count(number: int, noun: str) -> str:
    """``number`` and ``noun``, plural unless the number is one."""
    return f"{number} {noun}{'' if number == 1 else 's'}"


def sentence(text: str) -> str:
    """``text`` ending in a full stop, for a bold lead-in followed by more text."""
    return text if text.endswith((".", "?", "!", ":")) else text + "."


def date_text(moment: datetime) -> str:
    """A date as a memo heads it: ``5 March 2026``."""
    return f"{moment.day} {moment.strftime('%B %Y')}"


class Citations:
    """Numbers sources in the order the memo first cites them."""

    def __init__(self, sources: Mapping[str, SourceRef]) -> None:
        self._sources = sources
        self._numbers: dict[str, int] = {}

    def __call__(self, source_ids: Iterable[str]) -> tuple[int, ...]:
        """The numbers of these sources in ascending order, numbering any not cited before."""
        numbers = []
        for source_id in dict.fromkeys(source_ids):
            if source_id not in self._sources:
                continue
            number = self._numbers.setdefault(source_id, len(self._numbers) + 1)
            numbers.append(number)
        return tuple(sorted(numbers))

    def references(self) -> tuple[Reference, ...]:
        """Every source cited so far, in citation order."""
        return tuple(
            Reference(
                number=number,
                source_id=source_id,
                citation=clean_text(self._sources[source_id].citation),
                url=clean_text(self._sources[source_id].url or "") or None,
            )
            for source_id, number in self._numbers.items()
        )


def _bibliography(rec: Recommendation, kb: KnowledgeBase) -> dict[str, SourceRef]:
    """The recommendation's sources, then the stakeholders' (which it does not carry)."""
    sources = {source.id: source for source in rec.sources}
    for stakeholder in kb.stakeholders.values():
        for source_id in stakeholder.sources:
            if source_id not in sources and source_id in kb.sources:
                source = kb.sources[source_id]
                sources[source_id] = SourceRef(
                    id=source_id, citation=source.citation, url=source.url
                )
    return sources


def _plain(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


class MemoContext:
    """One memo's inputs and the words its sections share."""

    def __init__(
        self,
        rec: Recommendation,
        scenario: Scenario,
        kb: KnowledgeBase,
        generated_at: datetime,
        notes: str | None = None,
        *,
        full: bool = True,
    ) -> None:
        self.rec = rec
        self.scenario = scenario
        self.kb = kb
        self.generated_at = generated_at
        self.notes = notes
        self.full = full  # the memo carries the full appendix, not the brief one
        self.rule_numbers: dict[str, int] = {}
        self.values = scenario.factor_values()
        self.cite = Citations(_bibliography(rec, kb))
        self.form_name = {item.form: item.name for item in rec.ranking}

    def factor_label(self, factor_id: str) -> str:
        """A factor's label, or its id where the knowledge base has none."""
        text = self.kb.factors.get(factor_id)
        return text.label if text else factor_id

    def answer(self, factor_id: str, value: Any) -> str:
        """A factor's answer in a few words."""
        value = _plain(value)
        spec = FACTORS_BY_ID.get(factor_id)
        if value is None or spec is None:
            return "unknown" if value is None else str(value)
        if spec.kind is FactorKind.SET:
            options = self.kb.factors[factor_id].options
            return ", ".join(options.get(item, str(item)) for item in value)
        if spec.kind is FactorKind.BOOLEAN:
            return "yes" if value else "no"
        return str(value)

    def meaning(self, factor_id: str, value: Any) -> str:
        """What the knowledge base says an answer means, where it says so."""
        spec = FACTORS_BY_ID[factor_id]
        if value is None or spec.kind in (FactorKind.SET, FactorKind.COUNT):
            return ""
        return self.kb.factors[factor_id].levels.get(str(value).lower(), "")

    @staticmethod
    def needs_text(need: Need) -> str:
        """What a missing rule needs: a factor's label or a derived conclusion's."""
        return f"the conclusion '{need.label}'" if need.kind == "fact" else need.label

    @property
    def scenario_name(self) -> str:
        """The scenario's name as the memo shows it."""
        return self.scenario.name or self.rec.scenario_name or UNNAMED_SCENARIO

    def partner_type_label(self, partner_type: str) -> str:
        """A partner type's label, or its id where the knowledge base has none."""
        stakeholder = self.kb.stakeholders.get(partner_type)
        return stakeholder.label if stakeholder else partner_type

    @staticmethod
    def weighs(rule: FiredRule) -> str:
        """What a rule weighs and which way it leans, in words ('' when it weighs nothing)."""
        if rule.weighs is None:
            return ""
        view = rule.weighs
        direction = "toward" if view.lean > 0 else "away from"
        return f"{view.title}, leaning {direction} {view.toward_name} (stage: {view.stage})"

    def number_rules(self, rules: Iterable[FiredRule]) -> None:
        """Number the rules R1, R2, ... in the order the evidence lists them."""
        for rule in rules:
            self.rule_numbers.setdefault(rule.id, len(self.rule_numbers) + 1)

    def rule_labels(self, rules: Iterable[RuleRef | FiredRule]) -> str:
        """Rules by their evidence number ("R3, R7"); by title if the evidence is not listed."""
        return ", ".join(
            f"R{self.rule_numbers[rule.id]}" if rule.id in self.rule_numbers else rule.title
            for rule in rules
        )
