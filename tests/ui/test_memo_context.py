"""The memo's shared wording: counts, dates, citation numbering and the scenario hash."""

from __future__ import annotations

from datetime import UTC, datetime

from engine import Need
from ui.memo.context import Citations, MemoContext, count, date_text, scenario_sha256, sentence


def test_count_is_plural_unless_one():
    assert [count(n, "rule") for n in (0, 1, 2)] == ["0 rules", "1 rule", "2 rules"]


def test_sentence_adds_a_full_stop_only_where_missing():
    assert [sentence(t) for t in ("Done", "Done.", "Why?", "Note:")] == [
        "Done.",
        "Done.",
        "Why?",
        "Note:",
    ]


def test_date_text_has_no_leading_zero():
    assert date_text(datetime(2026, 3, 5, tzinfo=UTC)) == "5 March 2026"


def test_citations_number_sources_by_first_citation_and_skip_unknown_ones(demo_rec):
    first, second = [source.id for source in demo_rec.sources[:2]]
    cite = Citations({source.id: source for source in demo_rec.sources})
    assert cite([second, "no-such-source", second]) == (1,)
    assert cite([first, second]) == (1, 2)
    assert [ref.source_id for ref in cite.references()] == [second, first]


def test_the_scenario_hash_does_not_depend_on_key_order(demo):
    again = type(demo).model_validate(dict(reversed(list(demo.to_document().items()))))
    assert scenario_sha256(again) == scenario_sha256(demo)


def test_the_context_answers_in_words(demo, demo_rec, kb):
    ctx = MemoContext(demo_rec, demo, kb, datetime(2026, 1, 1, tzinfo=UTC))
    assert ctx.answer("trust", None) == "unknown"
    assert ctx.factor_label("no_such_factor") == "no_such_factor"
    assert (
        ctx.needs_text(Need(kind="fact", id="x", label="Deep ties")) == "the conclusion 'Deep ties'"
    )
    assert ctx.needs_text(Need(kind="factor", id="trust", label="Trust")) == "Trust"
