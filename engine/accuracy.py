"""How often the advisor's answer matches the structure documented alliances chose.

Top-1 is counted strictly (the form chosen) and leniently (the chosen form or one an
expert would also accept); top-2 asks whether the chosen form is among the first two.
Per-form accuracy is lenient top-1 over the cases that chose that form; accuracy per
confidence label is lenient top-1 over the answers given with that label.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from engine.corpus import HALVES, CorpusCase
from rules.vocabulary import FORM_IDS

REVISION_2_FACTORS: tuple[str, ...] = (
    "size_asymmetry",
    "financing_need",
    "alliance_experience",
    "acquisition_intent",
    "vendor_relationship",
    "specific_investments_by",
    "jurisdictions",
    "cross_border",
    "tax_exempt_party",
    "referral_relationship",
)


@dataclass(frozen=True, slots=True)
class CaseOutcome:
    """What the advisor said about one corpus case."""

    case: CorpusCase
    ranking: tuple[str, ...]
    confidence: float
    label: str

    @property
    def first(self) -> str:
        """The advisor's first place."""
        return self.ranking[0]

    @property
    def strict(self) -> bool:
        """First place is the form chosen."""
        return self.first == self.case.chosen

    @property
    def lenient(self) -> bool:
        """First place is the form chosen or one an expert also accepts."""
        return self.case.accepts(self.first)

    @property
    def top2(self) -> bool:
        """The form chosen is among the first two."""
        return self.case.chosen in self.ranking[:2]


@dataclass(frozen=True)
class Summary:
    """Accuracy figures for a set of outcomes."""

    cases: int
    top1_strict: float
    top1_lenient: float
    top2: float
    per_form: dict[str, tuple[int, float]]
    by_label: dict[str, tuple[int, float]]
    confusion: dict[str, dict[str, int]] = field(default_factory=dict)


def _share(flags: Sequence[bool]) -> float:
    return sum(flags) / len(flags) if flags else 0.0


def summarise(outcomes: Sequence[CaseOutcome], labels: Iterable[str]) -> Summary:
    """Top-1 (strict and lenient), top-2, per form, per confidence label, and the confusion."""
    per_form: dict[str, tuple[int, float]] = {}
    for form in FORM_IDS:
        chosen = [o.lenient for o in outcomes if o.case.chosen == form]
        per_form[form] = (len(chosen), _share(chosen))
    by_label: dict[str, tuple[int, float]] = {}
    for label in labels:
        given = [o.lenient for o in outcomes if o.label == label]
        by_label[label] = (len(given), _share(given))
    confusion: dict[str, dict[str, int]] = {form: dict.fromkeys(FORM_IDS, 0) for form in FORM_IDS}
    for o in outcomes:
        confusion[o.case.chosen][o.first] += 1
    return Summary(
        cases=len(outcomes),
        top1_strict=_share([o.strict for o in outcomes]),
        top1_lenient=_share([o.lenient for o in outcomes]),
        top2=_share([o.top2 for o in outcomes]),
        per_form=per_form,
        by_label=by_label,
        confusion=confusion,
    )


def blank_revision_2(scenario: dict[str, Any]) -> dict[str, Any]:
    """The scenario as a revision-1 file would give it: the ten newer factors removed."""
    factors = {
        k: v for k, v in (scenario.get("factors") or {}).items() if k not in REVISION_2_FACTORS
    }
    return {**scenario, "factors": factors}


def evaluate(
    cases: Sequence[CorpusCase],
    advise: Callable[[dict[str, Any]], tuple[Sequence[str], float, str]],
    *,
    blank: bool = False,
) -> list[CaseOutcome]:
    """Run the advisor on each case.

    ``advise`` maps scenario data to the ranking, the confidence and its label.
    """
    outcomes = []
    for case in cases:
        data = blank_revision_2(case.scenario) if blank else case.scenario
        ranking, confidence, label = advise(data)
        outcomes.append(CaseOutcome(case, tuple(ranking), confidence, label))
    return outcomes


def _pct(x: float) -> str:
    return f"{x:.2f}"


def format_summary(title: str, summary: Summary, short: dict[str, str]) -> list[str]:
    """A block of plain-text lines for one summary."""
    lines = [
        f"## {title} ({summary.cases} cases)",
        f"top-1 strict {_pct(summary.top1_strict)}   top-1 lenient {_pct(summary.top1_lenient)}"
        f"   top-2 {_pct(summary.top2)}",
        "per form (lenient top-1): "
        + ", ".join(f"{short[f]} {_pct(a)} (n={n})" for f, (n, a) in summary.per_form.items()),
        "per confidence label (lenient top-1): "
        + ", ".join(f"{label} {_pct(a)} (n={n})" for label, (n, a) in summary.by_label.items()),
        "confusion (rows: chosen, columns: advised): "
        + "  ".join(f"{short[f]:>5}" for f in FORM_IDS),
    ]
    for chosen, row in summary.confusion.items():
        lines.append(f"  {short[chosen]:>5} " + " ".join(f"{row[f]:>6}" for f in FORM_IDS))
    return lines


def report(
    outcomes_by_setting: dict[str, list[CaseOutcome]], labels: Sequence[str], short: dict[str, str]
) -> str:
    """The accuracy report: each setting (e.g. all factors, revision 2 blanked) by half."""
    lines: list[str] = []
    for setting, outcomes in outcomes_by_setting.items():
        for half in HALVES:
            part = [o for o in outcomes if o.case.half == half]
            lines += format_summary(f"{half} half, {setting}", summarise(part, labels), short)
            lines.append("")
    wrong = [o for o in next(iter(outcomes_by_setting.values())) if not o.lenient]
    if wrong:
        lines.append("## still wrong (all factors)")
        for o in sorted(wrong, key=lambda o: (o.case.half, o.case.id)):
            lines.append(
                f"  [{o.case.half[:3]}] {o.case.id}: chosen {short[o.case.chosen]},"
                f" advised {short[o.first]} ({o.label} {o.confidence:.2f})"
            )
    return "\n".join(lines) + "\n"


__all__ = [
    "REVISION_2_FACTORS",
    "CaseOutcome",
    "Summary",
    "blank_revision_2",
    "evaluate",
    "format_summary",
    "report",
    "summarise",
]
