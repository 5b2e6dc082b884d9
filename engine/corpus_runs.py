"""Running the advisor over the reference corpus: accuracy reports and fitting the weights.

``accuracy_report`` is what ``alliance-advisor kb accuracy`` prints; ``fit_on_corpus`` is
what ``alliance-advisor kb fit`` writes to ``knowledge_base/weights.yaml``. Only the
development half is ever fitted on; the validation half is only reported.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import yaml

from engine.accuracy import CaseOutcome, blank_revision_2, evaluate, report
from engine.advisor import recommend
from engine.analysis import share_first
from engine.corpus import CorpusCase, load_corpus
from engine.decision import consideration_values, form_probabilities
from engine.decision_data import FittedWeights, bias_precisions, prior_biases, prior_weights
from engine.fitting import Example, fit_weights
from engine.reasoner import Reasoner, default_reasoner
from engine.scenario_io import scenario_from_data
from engine.scoring import excluded_forms

PRIOR_PRECISION = 1.0
# Each bias is held toward its contrast's base rate in considerations.yaml with the precision
# given there; a contrast without a base rate is held toward 0 with unit precision, the
# a-priori choice (README "Weights").
BIAS_PRECISION = 1.0
SHORT_NAMES = {
    "non_equity_alliance": "NEA",
    "equity_alliance": "EQA",
    "joint_venture": "JV",
    "consortium": "CON",
    "supply_chain_partnership": "SCP",
}
Progress = Callable[[str], None]


def _advise(reasoner: Reasoner) -> Callable[[dict[str, Any]], tuple[list[str], float, str]]:
    def advise(data: dict[str, Any]) -> tuple[list[str], float, str]:
        rec = recommend(
            scenario_from_data(data),
            analyses=False,
            robustness=False,
            reasoner=reasoner,
            compiled=True,  # bulk runs take the fired rules from the compiled rules
        )
        return [item.form for item in rec.ranking], rec.confidence, rec.confidence_label

    return advise


def corpus_outcomes(
    reasoner: Reasoner, cases: Sequence[CorpusCase], *, blank: bool = False
) -> list[CaseOutcome]:
    """The advisor's answer for every case (with the revision-2 factors blanked if asked)."""
    return evaluate(cases, _advise(reasoner), blank=blank)


def accuracy_report(reasoner: Reasoner | None = None, progress: Progress | None = None) -> str:
    """The accuracy table of both halves, with all factors and with revision 2 blanked."""
    reasoner = reasoner or default_reasoner()
    cases = load_corpus()
    settings = {}
    for setting, blank in (("all factors", False), ("revision-2 factors blanked", True)):
        if progress:
            progress(f"running {len(cases)} cases, {setting}")
        settings[setting] = corpus_outcomes(reasoner, cases, blank=blank)
    labels = [item.label for item in reasoner.kb.scoring.confidence.labels]
    fitted = reasoner.kb.fitted
    head = (
        f"# Reference corpus: {len(cases)} documented alliances; weights fitted on the"
        f" {fitted.fitted_on} ({fitted.cases} cases)\n\n"
        if fitted
        else f"# Reference corpus: {len(cases)} documented alliances; prior weights\n\n"
    )
    return head + report(settings, labels, SHORT_NAMES)


def _examples(reasoner: Reasoner, cases: Sequence[CorpusCase]) -> list[Example]:
    kb = reasoner.kb
    examples = []
    rows = [scenario_from_data(case.scenario).factor_values() for case in cases]
    for case, fired in zip(cases, reasoner.fast.fired_sets(rows), strict=True):
        examples.append(
            Example(
                case.id,
                case.chosen,
                consideration_values(kb.decision, fired),
                frozenset(excluded_forms(kb, fired)),
            )
        )
    return examples


def _platt(raw: Sequence[float], right: Sequence[bool]) -> tuple[float, float]:
    """Slope and intercept mapping logit(raw) to the chance of being right (lightly held)."""
    import numpy as np  # only fitting needs numpy and scipy; they are slow to import
    from scipy.optimize import minimize

    x = np.array(
        [math.log(min(max(r, 1e-6), 1 - 1e-6) / (1 - min(max(r, 1e-6), 1 - 1e-6))) for r in raw]
    )
    y = np.array(right, dtype=float)

    def loss(params: Any) -> tuple[float, Any]:
        a, b = params
        z = a * x + b
        p = 1.0 / (1.0 + np.exp(-z))
        # held toward the identity map (slope 1, intercept 0)
        value = float(np.sum(np.logaddexp(0.0, z) - y * z)) + 0.5 * ((a - 1) ** 2 + b**2)
        g = p - y
        return value, np.array([g @ x + (a - 1), g.sum() + b])

    result = minimize(loss, np.array([1.0, 0.0]), jac=True, method="L-BFGS-B")
    return round(float(result.x[0]), 4), round(float(result.x[1]), 4)


def fit_on_corpus(
    reasoner: Reasoner | None = None, progress: Progress | None = None
) -> FittedWeights:
    """Fit weights, biases and the confidence calibration on the development half."""
    reasoner = reasoner or default_reasoner()
    kb = reasoner.kb
    dev = [case for case in load_corpus() if case.half == "development"]
    contrast_of = kb.decision.contrast_of
    priors = prior_weights(kb.considerations)
    bias_priors = prior_biases(kb.considerations)
    precisions = bias_precisions(kb.considerations)
    examples = _examples(reasoner, dev)

    def fitted(subset: Sequence[Example], **extra: Any) -> FittedWeights:
        result = fit_weights(
            contrast_of, priors, subset, PRIOR_PRECISION, BIAS_PRECISION, bias_priors, precisions
        )
        return FittedWeights(
            fitted_on="development half of the reference corpus",
            cases=len(subset),
            prior_precision=PRIOR_PRECISION,
            bias_precision=BIAS_PRECISION,
            biases=result.biases,
            weights=result.weights,
            **extra,
        )

    if progress:
        progress(f"leave-one-out over {len(dev)} development cases")
    # Each case is judged by a model fitted without it: its first place, and the raw
    # confidence (probability x share of completions kept) that the calibration is fitted
    # on. Calibrating on in-sample answers would learn from answers the fit already made
    # right, and tell nothing about how sure to be of a new case.
    hits: list[bool] = []
    raw: list[float] = []
    right: list[bool] = []
    for index, case in enumerate(dev):
        held_out = dataclasses.replace(kb, fitted=fitted(examples[:index] + examples[index + 1 :]))
        judge = dataclasses.replace(reasoner, kb=held_out)
        # Calibrated on each case as documented and as a revision-1 file would give it, so
        # the figure also holds for partly answered scenarios.
        for blank in (False, True):
            data = blank_revision_2(case.scenario) if blank else case.scenario
            values = scenario_from_data(data).factor_values()
            fired = reasoner.infer(values)
            probs = form_probabilities(held_out.decision, fired, excluded_forms(kb, fired))
            first = max(probs, key=lambda f: (probs[f], f))
            raw.append(probs[first] * share_first(judge, values).share[first])
            right.append(case.accepts(first))
            if not blank:
                hits.append(case.accepts(first))
    loo = round(sum(hits) / len(dev), 4)
    weights = fitted(examples, leave_one_out_lenient_top1=loo)
    slope, intercept = _platt(raw, right)
    return weights.model_copy(
        update={"calibration_slope": slope, "calibration_intercept": intercept}
    )


def _fired_and_excluded(reasoner: Reasoner, case: CorpusCase) -> tuple[frozenset[str], list[str]]:
    fired = reasoner.infer(scenario_from_data(case.scenario).factor_values())
    return fired, list(excluded_forms(reasoner.kb, fired))


def write_weights(weights: FittedWeights, path: Path) -> None:
    """Write ``weights.yaml`` with a header saying where it comes from."""
    header = (
        "# Written by `alliance-advisor kb fit`: weights and biases of the decision model\n"
        "# fitted on the development half of the reference corpus, held toward the prior\n"
        "# weights of considerations.yaml; and the Platt calibration of confidence.\n"
        "# Do not edit by hand: change a rule, a consideration or the corpus, then re-fit.\n"
    )
    body = yaml.safe_dump(weights.model_dump(), sort_keys=False, allow_unicode=True)
    path.write_text(header + body, encoding="utf-8")


__all__ = ["accuracy_report", "corpus_outcomes", "fit_on_corpus", "write_weights"]
