"""App links (the ``s`` parameter) cost bounded work, and a bad one says why in words.

A link is compressed, so a few hundred characters can expand to a quarter of a mebibyte
of scenario; before issue 10 such a link of bad partners cost minutes of server time.
"""

from __future__ import annotations

import pytest

from engine.errors import MAX_REPORTED_PROBLEMS
from ui.app.state import MAX_LINK_CHARS, decode_document, encode_document, validate


def _bad_partners(count: int) -> dict:
    return {
        "schema_version": 1,
        "partners": [{"name": "a", "type": "hospital"} for _ in range(count)],
    }


def test_a_short_link_that_expands_to_thousands_of_partners_is_refused_as_a_whole():
    link = encode_document(_bad_partners(6_000))
    assert len(link) < 2000
    _, error = validate(decode_document(link))
    assert error is not None
    (problem,) = error.problems
    assert problem.code == "too_large"
    assert "values" in problem.message


def test_a_link_with_hundreds_of_bad_partners_lists_fifty_and_counts_the_rest():
    _, error = validate(decode_document(encode_document(_bad_partners(300))))
    assert error is not None
    assert len(error.problems) == MAX_REPORTED_PROBLEMS
    assert error.omitted == 300 - MAX_REPORTED_PROBLEMS


def test_an_overlong_link_is_refused_before_it_is_decoded():
    with pytest.raises(ValueError, match="too large"):
        decode_document("A" * (MAX_LINK_CHARS + 1))
