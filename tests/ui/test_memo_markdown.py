"""The Markdown memo, read back with a CommonMark reader."""

from __future__ import annotations

import html
import re

import pytest
from support.memo_checks import (
    CASES,
    GENERATED_AT,
    GENERATED_TEXT,
    case,
    expected_headings,
    markdown_html,
    markdown_text,
    rendered_memo,
)

from engine import scenario_from_data
from ui.memo import memo_filename, render_memo
from ui.memo.markdown import render_markdown


@pytest.fixture(scope="module", params=CASES)
def rendered(request: pytest.FixtureRequest) -> tuple[str, bytes]:
    return request.param, rendered_memo("markdown", request.param)


def test_markdown_has_every_section_heading_in_order(rendered: tuple[str, bytes]) -> None:
    _, data = rendered
    headings = [line[3:] for line in data.decode().splitlines() if line.startswith("## ")]
    assert headings == expected_headings()


def test_markdown_opens_with_title_date_and_scenario(rendered: tuple[str, bytes]) -> None:
    name, data = rendered
    scenario, _, _ = case(name)
    html = markdown_html(data)
    assert html.startswith("<h1>Alliance structure memo: ")
    text = markdown_text(data)
    assert "Date: 23 November 2026" in text
    assert f"Scenario: {scenario.name or 'Unnamed scenario'}" in text


def test_markdown_ends_with_the_audit_record(rendered: tuple[str, bytes]) -> None:
    name, data = rendered
    _, rec, memo = case(name)
    text = markdown_text(data)
    audit = text.split("Audit record", 1)[-1]
    assert f"Knowledge base version: {rec.knowledge_base_version}" in audit
    assert f"Scenario SHA-256: {memo.audit.scenario_sha256}" in audit
    assert f"Generated: {GENERATED_TEXT}" in audit


def test_markdown_shows_the_ranking_as_a_table(rendered: tuple[str, bytes]) -> None:
    name, data = rendered
    _, rec, _ = case(name)
    html = markdown_html(data)
    ranking = html.split("<h2>The decision</h2>", 1)[1].split("<h2>", 1)[0]
    assert "<table>" in ranking
    for item in rec.ranking:
        assert f"<td>{item.name}</td>" in ranking


def test_render_memo_gives_the_same_markdown_for_the_same_inputs(demo, kb) -> None:
    _, rec, _ = case("demo")
    first = render_memo(rec, demo, "markdown", kb=kb, generated_at=GENERATED_AT)
    second = render_memo(rec, demo, "markdown", kb=kb, generated_at=GENERATED_AT)
    assert first == second
    assert first == render_markdown(case("demo")[2]).encode("utf-8")


def test_render_memo_refuses_an_unknown_format(demo) -> None:
    _, rec, _ = case("demo")
    with pytest.raises(ValueError, match="unknown memo format 'html'"):
        render_memo(rec, demo, "html")


def test_a_memo_states_the_knowledge_base_version_its_recommendation_was_made_with(demo) -> None:
    _, rec, _ = case("demo")
    older = rec.model_copy(update={"knowledge_base_version": "0.0.1+000000000000"})
    text = render_memo(older, demo, "markdown", generated_at=GENERATED_AT).decode("utf-8")
    assert "Knowledge base 0.0.1+000000000000 " in text


def test_memo_filename_is_a_safe_slug_of_the_scenario_name() -> None:
    scenario = scenario_from_data({"schema_version": 1, "name": "Ünïcode / ../Alliance: <Q3>"})
    assert memo_filename(scenario, "markdown") == "alliance-memo-unicode-alliance-q3.md"
    assert memo_filename(scenario, "docx") == "alliance-memo-unicode-alliance-q3.docx"
    assert memo_filename(scenario, "pdf") == "alliance-memo-unicode-alliance-q3.pdf"


def test_memo_filename_of_an_unnamed_scenario_is_generic() -> None:
    scenario = scenario_from_data({"schema_version": 1})
    assert memo_filename(scenario, "pdf") == "alliance-memo.pdf"


def test_markdown_puts_the_evidence_under_an_appendix_heading(rendered: tuple[str, bytes]) -> None:
    _, data = rendered
    lines = data.decode().splitlines()
    appendix = lines.index("# Appendix")
    first_appendix = next(
        i for i, line in enumerate(lines) if line == "## How the decision was reached"
    )
    assert appendix < first_appendix
    assert "## The decision asked of the board" in lines[:appendix]


def test_markdown_sources_are_links(rendered: tuple[str, bytes]) -> None:
    name, data = rendered
    _, _, memo = case(name)
    hrefs = set(re.findall(r'<a href="([^"]+)"', markdown_html(data)))
    assert hrefs == {html.escape(ref.url) for ref in memo.references if ref.url}
