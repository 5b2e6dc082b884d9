"""The recommendation memo: one structured decision record, rendered to several formats.

The memo is assembled from three inputs only: the engine's ``Recommendation``, the
``Scenario`` it answered and the ``KnowledgeBase`` it was made with. It decides nothing
itself; it arranges what the engine concluded and the knowledge base's own words into
sections, in the order a board pack reads them.

Every string in a memo is plain text that has passed :func:`clean_text`: control
characters are removed and whitespace is collapsed to single spaces. Renderers add
their own markup and escape the text for their format.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from engine import (
    AXIS_IDS,
    DIMENSION_IDS,
    FACTOR_IDS,
    FACTORS,
    FACTORS_BY_ID,
    FactorKind,
    FiredRule,
    KnowledgeBase,
    Recommendation,
    Scenario,
)

SECTION_TITLES: dict[str, str] = {
    "recommendation": "Recommendation",
    "summary": "Executive summary",
    "rationale": "Strategic rationale by dimension",
    "why": "Why this form",
    "alternatives": "Alternatives considered",
    "tradeoffs": "Trade-offs between the five forms",
    "risks": "Risks and mitigations",
    "governance": "Governance blueprint",
    "stakeholders": "Stakeholder map",
    "change": "What would change the recommendation",
    "sources": "Sources",
    "audit": "Audit record",
}
"""Every section's key and heading, in the order the memo presents them."""

NEXT_QUESTIONS_TITLE = "Next questions to settle"
UNNAMED_SCENARIO = "Unnamed scenario"

# Characters no output format may carry: C0/C1 controls (whitespace is handled first),
# lone surrogates, Unicode non-characters and the bidirectional embedding, override
# and isolate controls that can make text display differently from what it says.
_FORBIDDEN = re.compile(
    "[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff\u202a-\u202e\u2066-\u2069"
    + "".join(f"\\U{plane:04x}fffe\\U{plane:04x}ffff" for plane in range(1, 17))
    + "]"
)

_EFFECT_WORDS = {"++": "raises strongly", "+": "raises", "-": "lowers", "--": "lowers strongly"}


def clean_text(text: str) -> str:
    r"""Plain single-line text that every output format can hold.

    Runs of whitespace (newlines and tabs included) become one space, and characters
    that XML forbids or that reorder how text is displayed are dropped.

    Example:
        >>> clean_text("  Alpha\n\tBeta\x00 ")
        'Alpha Beta'
    """
    return _FORBIDDEN.sub("", " ".join(text.split()))


# --- the memo's building blocks -------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph, optionally opened by a bold lead-in and closed by citations."""

    text: str
    lead: str | None = None
    cites: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class ListItem:
    """One entry of a list: a bold lead-in, its text, citations and indented details."""

    text: str
    lead: str | None = None
    cites: tuple[int, ...] = ()
    details: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ItemList:
    """A bulleted or numbered list."""

    items: tuple[ListItem, ...]
    numbered: bool = False


@dataclass(frozen=True, slots=True)
class Table:
    """A table with a heading row; ``widths`` are relative column widths."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]


@dataclass(frozen=True, slots=True)
class Subheading:
    """A heading inside a section."""

    text: str


@dataclass(frozen=True, slots=True)
class ChartBar:
    """One form's bar in the ranking chart."""

    form: str
    name: str
    rank: int
    score: float
    lowest_possible: float
    highest_possible: float
    excluded: bool
    recommended: bool


@dataclass(frozen=True, slots=True)
class RankingChart:
    """The ranking as a bar chart (an image where the format allows, else a table)."""

    bars: tuple[ChartBar, ...]
    caption: str

    def as_table(self) -> Table:
        """The chart's data as a table, for formats without images."""
        rows = []
        for bar in self.bars:
            note = "recommended" if bar.recommended else ("ruled out" if bar.excluded else "")
            rows.append(
                (
                    str(bar.rank),
                    bar.name,
                    f"{bar.score:+.2f}",
                    f"{bar.lowest_possible:+.2f} to {bar.highest_possible:+.2f}",
                    note,
                )
            )
        return Table(
            columns=("Rank", "Form", "Score", "Possible range", "Note"),
            rows=tuple(rows),
            widths=(1, 5, 2, 3, 2),
        )


Block = Paragraph | ItemList | Table | Subheading | RankingChart


@dataclass(frozen=True, slots=True)
class Section:
    """A titled part of the memo."""

    key: str
    title: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True, slots=True)
class Reference:
    """A bibliography entry, numbered by first citation in the memo."""

    number: int
    source_id: str
    citation: str
    url: str | None


@dataclass(frozen=True, slots=True)
class Audit:
    """What a reader needs to reproduce the memo."""

    knowledge_base_version: str
    scenario_sha256: str
    generated_at: datetime

    @property
    def generated_text(self) -> str:
        """Generation time as ISO 8601 in UTC."""
        return self.generated_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True, slots=True)
class Memo:
    """A recommendation memo, independent of any output format."""

    title: str
    date: str
    scenario_name: str
    focal_organization: str | None
    recommendation: str
    recommendation_name: str
    confidence: float
    confidence_label: str
    sections: tuple[Section, ...]
    references: tuple[Reference, ...]
    audit: Audit
    chart: RankingChart = field(repr=False)

    def section(self, key: str) -> Section:
        """The section with this key."""
        return next(section for section in self.sections if section.key == key)

    @property
    def header_lines(self) -> tuple[tuple[str, str], ...]:
        """The labelled lines under the title."""
        lines = [("Date", self.date), ("Scenario", self.scenario_name)]
        if self.focal_organization:
            lines.append(("Focal organisation", self.focal_organization))
        return tuple(lines)

    @property
    def footer_text(self) -> str:
        """A one-line audit stamp for page footers."""
        return (
            f"Knowledge base {self.audit.knowledge_base_version} | scenario SHA-256"
            f" {self.audit.scenario_sha256[:12]} | generated {self.audit.generated_text}"
        )


# --- helpers --------------------------------------------------------------------------


def scenario_sha256(scenario: Scenario) -> str:
    """SHA-256 of the scenario's canonical JSON (sorted keys, ASCII, no spaces).

    The same scenario hashes alike whether it came from YAML, JSON or the app.
    """
    canonical = json.dumps(
        scenario.to_document(), sort_keys=True, ensure_ascii=True, separators=(",", ":")
    )
    return hashlib.sha256(canonical.encode("ascii")).hexdigest()


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _sentence(text: str) -> str:
    """``text`` ending in a full stop, for a bold lead-in followed by more text."""
    return text if text.endswith((".", "?", "!", ":")) else text + "."


def _date_text(moment: datetime) -> str:
    return f"{moment.day} {moment.strftime('%B %Y')}"


class _Citations:
    """Numbers sources in the order the memo first cites them."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self._kb = kb
        self._numbers: dict[str, int] = {}

    def __call__(self, source_ids: Iterable[str]) -> tuple[int, ...]:
        numbers = []
        for source_id in dict.fromkeys(source_ids):
            if source_id not in self._kb.sources:
                continue
            number = self._numbers.setdefault(source_id, len(self._numbers) + 1)
            numbers.append(number)
        return tuple(numbers)

    def references(self) -> tuple[Reference, ...]:
        return tuple(
            Reference(
                number=number,
                source_id=source_id,
                citation=clean_text(self._kb.sources[source_id].citation),
                url=clean_text(self._kb.sources[source_id].url or "") or None,
            )
            for source_id, number in self._numbers.items()
        )


def _plain(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


class _Builder:
    """Builds one memo; each ``_section`` method returns one section's blocks."""

    def __init__(
        self, rec: Recommendation, scenario: Scenario, kb: KnowledgeBase, generated_at: datetime
    ) -> None:
        self.rec = rec
        self.scenario = scenario
        self.kb = kb
        self.generated_at = generated_at
        self.values = scenario.factor_values()
        self.cite = _Citations(kb)
        self.form_name = {form_id: form.name for form_id, form in kb.forms.items()}
        self.rule_title = {rule.id: rule.title for rule in kb.rules}

    # words ----------------------------------------------------------------------------

    def factor_label(self, factor_id: str) -> str:
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

    def needs_text(self, need: str) -> str:
        if need.startswith("(") and need.endswith(")"):
            fact = self.kb.derived.get(need[1:-1])
            return f"the conclusion '{fact.label}'" if fact else need
        return self.factor_label(need)

    def titles(self, rule_ids: Iterable[str]) -> str:
        return "; ".join(self.rule_title.get(rule_id, rule_id) for rule_id in rule_ids)

    @property
    def scenario_name(self) -> str:
        return self.scenario.name or self.rec.scenario_name or UNNAMED_SCENARIO

    # sections -------------------------------------------------------------------------

    def recommendation(self) -> list[Block]:
        rec, form = self.rec, self.kb.forms[self.rec.recommendation]
        blocks: list[Block] = [
            Paragraph(rec.recommendation_name, lead="Recommended structure:"),
            Paragraph(
                f"{rec.confidence_label} ({rec.confidence:.2f} on a scale from 0 to 1)",
                lead="Confidence:",
            ),
            Paragraph(form.summary, cites=self.cite(form.sources)),
            ItemList(tuple(ListItem(note) for note in rec.confidence_notes)),
            self.chart(),
        ]
        return blocks

    def chart(self) -> RankingChart:
        bars = tuple(
            ChartBar(
                form=item.form,
                name=item.name,
                rank=item.rank,
                score=item.score,
                lowest_possible=item.lowest_possible,
                highest_possible=item.highest_possible,
                excluded=item.excluded,
                recommended=item.form == self.rec.recommendation,
            )
            for item in self.rec.ranking
        )
        return RankingChart(
            bars=bars,
            caption="Net score of each form, from -1 (evidence against) to +1 (evidence for);"
            " the whiskers span the scores the unknown answers could still produce.",
        )

    def summary(self) -> list[Block]:
        rec = self.rec
        form = self.kb.forms[rec.recommendation]
        sentences = [
            f"Recommended structure for {self.scenario_name}: {rec.recommendation_name}.",
            form.summary,
            f"Confidence is {rec.confidence_label} ({rec.confidence:.2f} on a scale from 0 to 1).",
        ]
        supporting = self.supporting_rules()
        if supporting:
            ranked = sorted(supporting, key=lambda r: -self.pull_on_winner(r))
            titles = "; ".join(rule.title for rule in ranked[:3])
            sentences.append(
                f"{_count(len(rec.fired_rules), 'rule')} fired; the strongest in favour of"
                f" this form: {titles}."
            )
        elif rec.fired_rules:
            sentences.append(
                f"{_count(len(rec.fired_rules), 'rule')} fired, none of them raising this form"
                " directly."
            )
        else:
            sentences.append("No rule fired for these answers, so the order is provisional.")
        if rec.why_not:
            runner = rec.why_not[0]
            sentences.append(f"The runner-up is {runner.name}, {runner.gap:.2f} behind.")
        unknown = len(rec.unknown_factors)
        if unknown:
            sentences.append(f"{unknown} of {len(FACTOR_IDS)} questions are still unanswered.")
        if rec.next_questions:
            first = rec.next_questions[0]
            sentences.append(
                f"The answer most likely to change the result is {self.factor_label(first.factor)}."
            )
        sentences.append(
            "The governance blueprint, risks and next steps for this form follow below."
        )
        return [Paragraph(" ".join(sentences))]

    def rationale(self) -> list[Block]:
        blocks: list[Block] = []
        if self.scenario.description:
            blocks.append(Paragraph(self.scenario.description, lead="The scenario:"))
        if self.scenario.partners:
            named = "; ".join(
                f"{p.name} ({self.partner_type_label(p.type)})" for p in self.scenario.partners
            )
            blocks.append(Paragraph(named, lead="Partners:"))
        for dimension_id in DIMENSION_IDS:
            dimension = self.kb.dimensions[dimension_id]
            factor_ids = [f.id for f in FACTORS if f.dimension == dimension_id]
            known = [f for f in factor_ids if self.values.get(f) is not None]
            unknown = [f for f in factor_ids if self.values.get(f) is None]
            blocks.append(Subheading(dimension.title))
            if known:
                rows = tuple(
                    (
                        self.factor_label(f),
                        self.answer(f, self.values[f]),
                        self.meaning(f, self.values[f]) or "-",
                    )
                    for f in known
                )
                blocks.append(Table(("Factor", "Answer", "What the answer means"), rows, (3, 2, 6)))
            else:
                blocks.append(Paragraph("No question in this dimension is answered."))
            if unknown:
                labels = ", ".join(self.factor_label(f) for f in unknown)
                blocks.append(Paragraph(labels, lead="Unknown:"))
        return blocks

    def partner_type_label(self, partner_type: str) -> str:
        stakeholder = self.kb.stakeholders.get(partner_type)
        return stakeholder.label if stakeholder else partner_type

    def pull_on_winner(self, rule: FiredRule) -> float:
        return max(
            (e.certainty for e in rule.evidence if e.form == self.rec.recommendation), default=0.0
        )

    def supporting_rules(self) -> list[FiredRule]:
        return [rule for rule in self.rec.fired_rules if self.pull_on_winner(rule) > 0]

    def rule_item(self, rule: FiredRule) -> ListItem:
        details = []
        if rule.reads:
            read = "; ".join(
                f"{self.factor_label(f)}: {self.answer(f, self.values.get(f))}" for f in rule.reads
            )
            details.append(f"Answers read: {read}")
        if rule.reads_facts:
            facts = "; ".join(
                self.kb.derived[f].label for f in rule.reads_facts if f in self.kb.derived
            )
            details.append(f"Builds on: {facts}")
        if rule.derives and rule.derives in self.kb.derived:
            details.append(f"Concludes: {self.kb.derived[rule.derives].label}")
        if rule.evidence:
            effects = "; ".join(
                f"{_EFFECT_WORDS[e.effect]} {self.form_name.get(e.form, e.form)}"
                for e in rule.evidence
            )
            details.append(f"Effect: {effects}")
        if rule.excludes:
            details.append(
                "Rules out: " + "; ".join(self.form_name.get(f, f) for f in rule.excludes)
            )
        details.append(f"Strength of the evidence: {rule.strength}")
        return ListItem(
            rule.because,
            lead=_sentence(rule.title),
            cites=self.cite(rule.sources),
            details=tuple(details),
        )

    def why(self) -> list[Block]:
        rec = self.rec
        if not rec.fired_rules:
            return [
                Paragraph(
                    "No rule fired for these answers, so no form has evidence for or against it;"
                    " the order shown is provisional. Answering the next questions below gives"
                    " the knowledge base something to weigh."
                )
            ]
        supporting = self.supporting_rules()
        deriving = [r for r in rec.fired_rules if r.derives and r not in supporting]
        others = [r for r in rec.fired_rules if r not in supporting and r not in deriving]
        blocks: list[Block] = [
            Paragraph(
                f"{_count(len(rec.fired_rules), 'rule')} fired. Each is given with the reason"
                " it holds, the answers it read and the sources behind it."
            )
        ]
        groups = (
            (f"Rules in favour of {rec.recommendation_name}", supporting),
            ("Intermediate conclusions", deriving),
            ("Other rules that fired", others),
        )
        for title, rules in groups:
            if rules:
                blocks.append(Subheading(title))
                blocks.append(ItemList(tuple(self.rule_item(rule) for rule in rules)))
        return blocks

    def alternatives(self) -> list[Block]:
        reasons = {item.form: item.reasons for item in self.rec.excluded}
        ranks = {item.form: item.rank for item in self.rec.ranking}
        items = []
        for alt in self.rec.why_not:
            form = self.kb.forms[alt.form]
            details = []
            if alt.excluded_by:
                details.append("Ruled out: " + " ".join(reasons.get(alt.form, [])))
            if alt.against:
                details.append(f"Rules against it: {self.titles(alt.against)}")
            if alt.winner_advantages:
                details.append(
                    f"Rules that favour {self.rec.recommendation_name} but not this form:"
                    f" {self.titles(alt.winner_advantages)}"
                )
            for missing in alt.missing_support:
                needs = ", ".join(self.needs_text(n) for n in missing.needs)
                details.append(f"Would gain from '{missing.title}', which needs: {needs}")
            if not (alt.excluded_by or alt.against or alt.winner_advantages):
                details.append(f"No fired rule separates it from {self.rec.recommendation_name}.")
            items.append(
                ListItem(
                    form.summary,
                    lead=f"{alt.name} (rank {ranks.get(alt.form, '?')}, score {alt.score:+.2f},"
                    f" {alt.gap:.2f} behind).",
                    details=tuple(details),
                )
            )
        if not items:
            return [Paragraph("No alternative was ranked.")]
        return [ItemList(tuple(items))]

    def tradeoffs(self) -> list[Block]:
        order = [item.form for item in self.rec.ranking]
        columns = ("Axis", *(self.form_name[f] for f in order))
        rows = [("Score (-1 to +1)", *(f"{self.rec.score_of(f):+.2f}" for f in order))]
        for axis_id in AXIS_IDS:
            axis = self.kb.axes[axis_id]
            rows.append((axis.label, *(f"{self.kb.forms[f].profile[axis_id]} / 5" for f in order)))
        legend = tuple(
            ListItem(f"1 means: {axis.low} 5 means: {axis.high}", lead=f"{axis.label}:")
            for axis in (self.kb.axes[a] for a in AXIS_IDS)
        )
        return [
            Paragraph(
                "Each form's profile on the seven trade-off axes, from 1 (low) to 5 (high),"
                " with forms in ranking order."
            ),
            Table(columns, tuple(rows), (3, *([2] * len(order)))),
            Subheading("What the axes mean"),
            ItemList(legend),
        ]

    def risks(self) -> list[Block]:
        if not self.rec.risks:
            return [Paragraph("The knowledge base flags no risk for this form and scenario.")]
        blocks: list[Block] = []
        for risk in self.rec.risks:
            blocks.append(Subheading(risk.title))
            blocks.append(Paragraph(risk.description, cites=self.cite(risk.sources)))
            if risk.raised_by:
                blocks.append(Paragraph(self.titles(risk.raised_by), lead="Raised by:"))
            else:
                blocks.append(
                    Paragraph(f"A typical risk of the {self.rec.recommendation_name} form.")
                )
            blocks.append(Paragraph("", lead="Mitigations:"))
            blocks.append(ItemList(tuple(ListItem(m) for m in risk.mitigations)))
        return blocks

    def governance(self) -> list[Block]:
        plan = self.rec.governance
        form = self.kb.forms[plan.form]
        return [
            Paragraph(
                f"How the recommended form, {form.name}, should be run for this scenario and,"
                " when the time comes, ended.",
                cites=self.cite(form.sources),
            ),
            Subheading("Workstreams"),
            ItemList(tuple(ListItem(w) for w in plan.workstreams)),
            Subheading("Decision rights"),
            Table(
                ("Decision", "Who decides"),
                tuple((d.decision, d.owner) for d in plan.decision_rights),
                (1, 1),
            ),
            Subheading("Intellectual property"),
            Paragraph(plan.ip_background, lead="Background IP:"),
            Paragraph(plan.ip_foreground, lead="Foreground IP:"),
            Subheading("Escalation path"),
            ItemList(tuple(ListItem(step) for step in plan.escalation), numbered=True),
            Subheading("Exit triggers"),
            ItemList(tuple(ListItem(t) for t in plan.exit_triggers)),
            Subheading("Transition services"),
            ItemList(tuple(ListItem(s) for s in plan.transition_services)),
        ]

    def stakeholders(self) -> list[Block]:
        types = self.values.get("partner_types")
        if not types:
            return [
                Paragraph(
                    "The partner types are not known, so no stakeholder map can be drawn;"
                    f" answering '{self.factor_label('partner_types')}' adds one."
                )
            ]
        blocks: list[Block] = []
        for partner_type in types if isinstance(types, tuple) else ():
            stakeholder = self.kb.stakeholders.get(str(partner_type))
            if stakeholder is None:
                continue
            blocks.append(Subheading(stakeholder.label))
            names = [p.name for p in self.scenario.partners or () if p.type == partner_type]
            if names:
                blocks.append(Paragraph("; ".join(names), lead="In this alliance:"))
            cites = self.cite(stakeholder.sources)
            blocks.append(Paragraph("", lead="Interests:", cites=cites))
            blocks.append(ItemList(tuple(ListItem(i) for i in stakeholder.interests)))
            blocks.append(Paragraph("", lead="Concerns:"))
            blocks.append(ItemList(tuple(ListItem(c) for c in stakeholder.concerns)))
        return blocks

    def change(self) -> list[Block]:
        rec = self.rec
        blocks: list[Block] = []
        if rec.what_if is None:
            blocks.append(Paragraph("Changes to known answers were not analysed for this memo."))
        elif rec.what_if:
            items = tuple(
                ListItem(
                    f"If it were {self.answer(w.factor, w.alternative)} instead of"
                    f" {self.answer(w.factor, w.current)}, the recommendation would become"
                    f" {self.form_name.get(w.recommendation, w.recommendation)}"
                    f" (lead {w.margin:.2f}).",
                    lead=f"{w.label}:",
                )
                for w in rec.what_if
            )
            blocks.append(Paragraph("Single changes to a known answer that move the first place:"))
            blocks.append(ItemList(items))
        else:
            blocks.append(Paragraph("No single change to a known answer changes the first place."))
        if rec.robustness and rec.robustness.unknown_factors:
            robust = rec.robustness
            shares = sorted(robust.share_first.items(), key=lambda kv: (-kv[1], kv[0]))
            spread = "; ".join(
                f"{self.form_name.get(form, form)} {share:.0%}"
                for form, share in shares
                if share > 0
            )
            tried = "every" if robust.exhaustive else "a sample of"
            blocks.append(
                Paragraph(
                    f"Trying {tried} {robust.completions} combinations of the unknown answers,"
                    f" the first place goes to: {spread}."
                )
            )
        blocks.append(Subheading(NEXT_QUESTIONS_TITLE))
        if rec.next_questions is None:
            blocks.append(Paragraph("The unknown answers were not analysed for this memo."))
        elif rec.next_questions:
            items = []
            for question in rec.next_questions:
                text = self.kb.factors[question.factor]
                dimension = self.kb.dimensions.get(question.dimension)
                outcomes = tuple(
                    f"If {self.answer(question.factor, o.value)}:"
                    f" {self.form_name.get(o.recommendation, o.recommendation)}"
                    f" (lead {o.margin:.2f})"
                    for o in question.outcomes
                )
                items.append(
                    ListItem(
                        f"{text.question} ({dimension.title if dimension else question.dimension};"
                        f" {question.decisiveness:.0%} of its answers change the first place)",
                        lead=f"{text.label}:",
                        details=outcomes,
                    )
                )
            blocks.append(ItemList(tuple(items), numbered=True))
        elif rec.unknown_factors:
            blocks.append(Paragraph("No unknown answer could change the first place."))
        else:
            blocks.append(Paragraph("Every question is answered."))
        return blocks

    def sources(self, references: Sequence[Reference]) -> list[Block]:
        if not references:
            return [Paragraph("No source is cited.")]
        return [
            ItemList(
                tuple(
                    ListItem(
                        ref.citation + (f" {ref.url}" if ref.url else ""), lead=f"[{ref.number}]"
                    )
                    for ref in references
                )
            )
        ]

    def audit_blocks(self, audit: Audit) -> list[Block]:
        return [
            Paragraph(audit.knowledge_base_version, lead="Knowledge base version:"),
            Paragraph(audit.scenario_sha256, lead="Scenario SHA-256:"),
            Paragraph(audit.generated_text, lead="Generated:"),
        ]

    def build(self) -> Memo:
        content = {
            "recommendation": self.recommendation(),
            "summary": self.summary(),
            "rationale": self.rationale(),
            "why": self.why(),
            "alternatives": self.alternatives(),
            "tradeoffs": self.tradeoffs(),
            "risks": self.risks(),
            "governance": self.governance(),
            "stakeholders": self.stakeholders(),
            "change": self.change(),
        }
        references = self.cite.references()
        audit = Audit(
            knowledge_base_version=clean_text(self.rec.knowledge_base_version),
            scenario_sha256=scenario_sha256(self.scenario),
            generated_at=self.generated_at,
        )
        content["sources"] = self.sources(references)
        content["audit"] = self.audit_blocks(audit)
        sections = tuple(
            Section(key, title, tuple(_cleaned(block) for block in content[key]))
            for key, title in SECTION_TITLES.items()
        )
        chart = next(b for b in sections[0].blocks if isinstance(b, RankingChart))
        return Memo(
            title=clean_text(f"Alliance structure memo: {self.scenario_name}"),
            date=_date_text(self.generated_at),
            scenario_name=clean_text(self.scenario_name),
            focal_organization=clean_text(self.scenario.focal_organization or "") or None,
            recommendation=self.rec.recommendation,
            recommendation_name=clean_text(self.rec.recommendation_name),
            confidence=self.rec.confidence,
            confidence_label=clean_text(self.rec.confidence_label),
            sections=sections,
            references=references,
            audit=audit,
            chart=chart,
        )


def _cleaned(block: Block) -> Block:
    """The block with every string passed through :func:`clean_text`."""
    if isinstance(block, Paragraph):
        return Paragraph(
            clean_text(block.text), clean_text(block.lead) if block.lead else None, block.cites
        )
    if isinstance(block, ItemList):
        return ItemList(
            tuple(
                ListItem(
                    clean_text(item.text),
                    clean_text(item.lead) if item.lead else None,
                    item.cites,
                    tuple(clean_text(d) for d in item.details),
                )
                for item in block.items
            ),
            block.numbered,
        )
    if isinstance(block, Table):
        return Table(
            tuple(clean_text(c) for c in block.columns),
            tuple(tuple(clean_text(c) for c in row) for row in block.rows),
            block.widths,
        )
    if isinstance(block, Subheading):
        return Subheading(clean_text(block.text))
    bars = tuple(
        ChartBar(
            bar.form,
            clean_text(bar.name),
            bar.rank,
            bar.score,
            bar.lowest_possible,
            bar.highest_possible,
            bar.excluded,
            bar.recommended,
        )
        for bar in block.bars
    )
    return RankingChart(bars, clean_text(block.caption))


def build_memo(
    rec: Recommendation,
    scenario: Scenario,
    kb: KnowledgeBase,
    *,
    generated_at: datetime | None = None,
) -> Memo:
    """Arrange a recommendation, its scenario and the knowledge base's words into a memo.

    Args:
        rec: what the engine concluded for ``scenario``.
        scenario: the scenario the recommendation answers.
        kb: the knowledge base the recommendation was made with.
        generated_at: the memo's timestamp; now (UTC) by default. Inject it for
            reproducible output.

    Returns:
        The memo, ready for any renderer.

    Raises:
        ValueError: the recommendation was made with another knowledge base version.
    """
    if rec.knowledge_base_version != kb.version:
        raise ValueError(
            f"the recommendation was made with knowledge base {rec.knowledge_base_version},"
            f" but {kb.version} is loaded; recompute it before writing a memo"
        )
    moment = generated_at or datetime.now(UTC)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return _Builder(rec, scenario, kb, moment).build()


__all__ = [
    "NEXT_QUESTIONS_TITLE",
    "SECTION_TITLES",
    "Audit",
    "Block",
    "ChartBar",
    "ItemList",
    "ListItem",
    "Memo",
    "Paragraph",
    "RankingChart",
    "Reference",
    "Section",
    "Subheading",
    "Table",
    "build_memo",
    "clean_text",
    "scenario_sha256",
]
