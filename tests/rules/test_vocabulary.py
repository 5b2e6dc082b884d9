"""The contract vocabulary: ids are unique, every dimension is used, scales are ordered."""

from __future__ import annotations

from collections import Counter

import pytest

from rules.vocabulary import DIMENSION_IDS, FACTOR_IDS, FACTORS, FACTORS_BY_ID, FactorKind


def test_factor_ids_are_unique_and_indexed():
    assert [i for i, n in Counter(FACTOR_IDS).items() if n > 1] == []
    assert list(FACTORS_BY_ID) == list(FACTOR_IDS)


def test_every_dimension_has_a_factor_and_every_factor_a_known_dimension():
    used = Counter(spec.dimension for spec in FACTORS)
    assert set(used) == set(DIMENSION_IDS)


@pytest.mark.parametrize("spec", FACTORS, ids=lambda s: s.id)
def test_each_kind_carries_what_it_needs(spec):
    if spec.kind is FactorKind.COUNT:
        assert spec.values == () and spec.minimum is not None and spec.minimum < spec.maximum
    else:
        assert spec.values and len(set(spec.values)) == len(spec.values)
        assert spec.minimum is None and spec.maximum is None
    if spec.kind is FactorKind.BOOLEAN:
        assert spec.values == (True, False)


def test_only_levels_and_counts_are_ordered():
    ordered = {spec.id for spec in FACTORS if spec.ordered}
    assert ordered == {
        spec.id for spec in FACTORS if spec.kind in (FactorKind.LEVEL, FactorKind.COUNT)
    }
    assert "synergy_type" not in ordered and "partner_count" in ordered


def test_rank_follows_the_scale():
    time_horizon = FACTORS_BY_ID["time_horizon"]
    assert [time_horizon.rank(v) for v in ("short", "medium", "long")] == [0, 1, 2]
    assert FACTORS_BY_ID["partner_count"].rank(7) == 7
