"""What every memo format must say, each format read back with its own real reader."""

from __future__ import annotations

import pytest
from support.memo_checks import CASES, READERS, case, cited_source_ids, flat, rendered_memo


@pytest.fixture(
    scope="module",
    params=[(fmt, name) for fmt in READERS for name in CASES],
    ids=lambda param: "-".join(param),
)
def read_back(request: pytest.FixtureRequest) -> tuple[str, str]:
    """A case's name and the text a reader sees in its memo in one format."""
    fmt, name = request.param
    return name, READERS[fmt](rendered_memo(fmt, name))


def test_memo_states_the_recommended_form_and_confidence(read_back: tuple[str, str]) -> None:
    name, text = read_back
    _, rec, _ = case(name)
    assert f"Recommended structure: {rec.recommendation_name}" in text
    label = rec.confidence_label[:1].upper() + rec.confidence_label[1:]
    assert f"How sure: {label} confidence ({rec.confidence:.0%})." in text


def test_memo_says_what_the_confidence_measures(read_back: tuple[str, str]) -> None:
    name, text = read_back
    _, rec, _ = case(name)
    assert rec.confidence_notes[0].startswith(f"Confidence {rec.confidence:.0%} is the estimated")
    assert flat(rec.confidence_notes[0]) in text


def test_memo_walks_through_the_stages(read_back: tuple[str, str]) -> None:
    name, text = read_back
    _, rec, _ = case(name)
    assert "The decision, stage by stage" in text
    for stage in rec.stages:
        assert flat(f"{stage.answer.capitalize()}: {stage.meaning}") in text


def test_memo_lists_every_cited_source_in_full(read_back: tuple[str, str], kb) -> None:
    name, text = read_back
    scenario, rec, _ = case(name)
    missing = [
        source_id
        for source_id in sorted(cited_source_ids(rec, scenario, kb))
        if flat(kb.sources[source_id].citation) not in text
    ]
    assert missing == []
