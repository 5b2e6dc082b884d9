"""The PDF memo, read back with pypdf."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from support.memo_checks import (
    CASES,
    GENERATED_TEXT,
    case,
    flat,
    pdf_pages,
    pdf_text,
    rendered_memo,
)

from ui.memo import SECTION_TITLES, render_memo


@pytest.fixture(scope="module", params=CASES)
def rendered(request: pytest.FixtureRequest) -> tuple[str, bytes]:
    return request.param, rendered_memo("pdf", request.param)


def test_pdf_has_every_section_heading_in_order(rendered: tuple[str, bytes]) -> None:
    _, data = rendered
    lines = [flat(line) for page in pdf_pages(data) for line in page.splitlines()]
    headings = [line for line in lines if line in SECTION_TITLES.values()]
    assert headings == list(SECTION_TITLES.values())


def test_pdf_opens_with_title_date_and_scenario(rendered: tuple[str, bytes]) -> None:
    name, data = rendered
    scenario, _, memo = case(name)
    text = pdf_text(data)
    assert text.startswith(memo.title)
    assert "Date: 23 November 2026" in text
    assert f"Scenario: {scenario.name or 'Unnamed scenario'}" in text


def test_pdf_ends_with_the_audit_record(rendered: tuple[str, bytes]) -> None:
    name, data = rendered
    _, rec, memo = case(name)
    audit = pdf_text(data).rsplit("Audit record", 1)[-1].strip()
    assert audit == (
        f"Knowledge base version: {rec.knowledge_base_version}"
        f" Scenario SHA-256: {memo.audit.scenario_sha256} Generated: {GENERATED_TEXT}"
    )


def test_pdf_footer_on_every_page_carries_the_audit_stamp(rendered: tuple[str, bytes]) -> None:
    name, data = rendered
    _, _, memo = case(name)
    pages = pdf_pages(data)
    for number, page in enumerate(pages, start=1):
        assert flat(page.rstrip().rsplit("\n", 1)[-1]) == (
            f"{memo.footer_text} {number} / {len(pages)}"
        )


def test_pdf_includes_the_ranking_chart_image(rendered: tuple[str, bytes]) -> None:
    _, data = rendered
    reader = PdfReader(io.BytesIO(data))
    images = [image for page in reader.pages for image in page.images]
    assert len(images) == 1
    assert images[0].image.width > 600


def test_pdf_records_title_and_creation_date(rendered: tuple[str, bytes]) -> None:
    name, data = rendered
    _, _, memo = case(name)
    metadata = PdfReader(io.BytesIO(data)).metadata
    assert metadata.title == memo.title
    assert metadata.creation_date.isoformat().startswith("2026-11-23T09:30:00")


def test_render_memo_pdf_is_a_pdf(demo, kb) -> None:
    _, rec, _ = case("demo")
    data = render_memo(rec, demo, "pdf", kb=kb)
    assert data.startswith(b"%PDF-")
    assert len(PdfReader(io.BytesIO(data)).pages) > 1
