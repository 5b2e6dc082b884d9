"""The robustness sample: uniform draws, kept per factor, ranked exactly as the scalar way."""

from __future__ import annotations

import numpy as np
import pytest
from support.paths import CONTRACT_EXAMPLES

from engine import load_scenario
from engine.analysis import _value_classes
from engine.scoring import rank
from rules.vocabulary import FACTOR_IDS, FORM_IDS

DRAWS = 3000
SEED = 7


def _most_unknown(reasoner):
    """The contract example with most answers unknown, and the classes of its unknowns."""
    values = load_scenario(CONTRACT_EXAMPLES / "minimal-unknowns.yaml").factor_values()
    unknown = [f for f in FACTOR_IDS if values.get(f) is None]
    return values, {f: _value_classes(reasoner, f) for f in unknown}


def _known(values):
    return {k: v for k, v in values.items() if v is not None}


def test_a_factor_draws_the_same_values_whatever_else_is_unknown(reasoner):
    values, classes = _most_unknown(reasoner)
    fast = reasoner.fast
    alone = fast.encode_sample(_known(values), {"scope": classes["scope"]}, DRAWS, SEED)
    together = fast.encode_sample(_known(values), classes, DRAWS, SEED)
    assert np.array_equal(alone.columns["scope"], together.columns["scope"])


def test_each_class_is_drawn_about_as_often_as_its_share_of_the_values(reasoner):
    values, classes = _most_unknown(reasoner)
    drawn = reasoner.fast.encode_sample(_known(values), classes, 20_000, SEED)
    for factor in ("trust", "scope", "partner_types"):
        found = classes[factor]
        palette = reasoner.fast.encode_columns(
            {}, {factor: found.representatives}, {factor: np.arange(len(found.sizes))}
        )
        codes = list(palette.columns[factor])
        share = np.bincount(
            [codes.index(code) for code in drawn.columns[factor]], minlength=len(codes)
        ) / len(drawn.columns[factor])
        assert share == pytest.approx(found.sizes / found.sizes.sum(), abs=0.02), factor


def test_different_seeds_draw_different_samples(reasoner):
    values, classes = _most_unknown(reasoner)
    fast = reasoner.fast
    one = fast.encode_sample(_known(values), classes, DRAWS, SEED)
    other = fast.encode_sample(_known(values), classes, DRAWS, SEED + 1)
    assert not np.array_equal(one.columns["scope"], other.columns["scope"])


def _assert_kept_truths_equal_lookups(fast, encoded):
    """Every test truth kept with ``encoded`` equals the same test looked up from its codes."""
    assert encoded.tested
    plain = type(encoded)(encoded.size, encoded.columns, encoded.counts)
    numbers = sorted(encoded.tested)
    afresh = fast._test_truths(plain, numbers)
    for number in numbers:
        kept = np.broadcast_to(encoded.tested[number], DRAWS)
        assert np.array_equal(kept, afresh[number]), fast._test_list[number]


def test_kept_test_truths_equal_the_tests_looked_up_afresh(reasoner):
    values, classes = _most_unknown(reasoner)
    fast = reasoner.fast
    _assert_kept_truths_equal_lookups(
        fast, fast.encode_sample(_known(values), classes, DRAWS, SEED)
    )


def test_leaders_give_the_first_place_of_the_exact_scores_on_every_drawn_row(reasoner):
    values, classes = _most_unknown(reasoner)
    fast = reasoner.fast
    fired = fast.fire(fast.encode_sample(_known(values), classes, DRAWS, SEED), scoring=True)
    leaders = fast.leaders(fired)
    exact = [FORM_IDS.index(rank(row)[0].form) for row in fast.score(fired).rows()]
    settled = ~leaders.close
    assert settled.sum() > DRAWS * 0.9
    assert leaders.first[settled].tolist() == np.asarray(exact)[settled].tolist()


def test_chunked_log_odds_are_within_rounding_of_the_exact_ones(reasoner):
    values, classes = _most_unknown(reasoner)
    fast = reasoner.fast
    fired = fast.fire(fast.encode_sample(_known(values), classes, DRAWS, SEED), scoring=True)
    exact = fast.logits(fired)
    chunked = fast._approximate_logits(fired)
    for contrast, figures in exact.items():
        assert np.max(np.abs(np.asarray(chunked[contrast]) - figures)) < 1e-12, contrast


def test_every_rule_fires_on_a_sample_as_it_does_on_its_codes_alone(reasoner):
    values, classes = _most_unknown(reasoner)
    fast = reasoner.fast
    drawn = fast.encode_sample(_known(values), classes, DRAWS, SEED)
    plain = type(drawn)(drawn.size, drawn.columns, drawn.counts)
    kept, afresh = fast.fire(drawn).rules, fast.fire(plain).rules
    assert kept.keys() == afresh.keys()
    for rule_id, truth in kept.items():
        assert np.array_equal(
            np.broadcast_to(truth, DRAWS), np.broadcast_to(afresh[rule_id], DRAWS)
        )


def test_truths_picked_per_palette_entry_equal_the_tests_looked_up_from_the_codes(reasoner):
    values, classes = _most_unknown(reasoner)
    fast = reasoner.fast
    rng = np.random.default_rng(SEED)
    palettes = {f: (*c.representatives, None) for f, c in classes.items()}
    picks = {f: rng.integers(0, len(p), DRAWS) for f, p in palettes.items()}
    _assert_kept_truths_equal_lookups(fast, fast.encode_columns(_known(values), palettes, picks))
