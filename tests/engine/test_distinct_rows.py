"""The robustness count's numbering of distinct rows (``engine.analysis._distinct_rows``)."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from engine.analysis import _distinct_rows

# Few distinct values per column (as the log-odds and exclusion flags have), -0.0 and
# 0.0 among them, so rows repeat and columns are often constant.
keys = st.integers(1, 40).flatmap(
    lambda rows: st.integers(1, 6).flatmap(
        lambda columns: arrays(
            np.float64, (rows, columns), elements=st.sampled_from([-1.5, -0.0, 0.0, 0.25, 3.0])
        )
    )
)


@settings(max_examples=200, deadline=None)
@given(key=keys)
def test_distinct_rows_are_numbered_as_numpy_unique_numbers_whole_rows(key):
    _, first, inverse = np.unique(key, axis=0, return_index=True, return_inverse=True)
    found_first, found_inverse = _distinct_rows(key)
    assert found_first.tolist() == first.tolist()
    assert found_inverse.tolist() == inverse.ravel().tolist()


def test_rows_that_are_all_alike_are_one_distinct_row():
    first, inverse = _distinct_rows(np.full((4, 3), 2.0))
    assert first.tolist() == [0]
    assert inverse.tolist() == [0, 0, 0, 0]
