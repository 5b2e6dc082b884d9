"""The PDF memo, read back with pypdf."""

from __future__ import annotations

import io

import pytest
from pypdf import PageObject, PdfReader
from support.memo_checks import (
    CASES,
    GENERATED_TEXT,
    case,
    expected_headings,
    flat,
    pdf_pages,
    pdf_text,
    rendered_memo,
)

from ui.memo import SECTION_TITLES, MemoOptions, render_memo
from ui.memo.model import ItemList, Memo


@pytest.fixture(scope="module", params=CASES)
def rendered(request: pytest.FixtureRequest) -> tuple[str, bytes]:
    return request.param, rendered_memo("pdf", request.param)


def test_pdf_has_every_section_heading_in_order(rendered: tuple[str, bytes]) -> None:
    _, data = rendered
    lines = [flat(line) for page in pdf_pages(data) for line in page.splitlines()]
    headings = [line for line in lines if line in SECTION_TITLES.values()]
    assert headings == expected_headings()


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
            f"{memo.footer_text} Page {number} of {len(pages)}"
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


def _outline(reader: PdfReader) -> list[tuple[int, str, int]]:
    """(level, title, page number) of each bookmark, in order."""
    rows: list[tuple[int, str, int]] = []

    def walk(items: list, level: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                rows.append((level, item.title, reader.get_destination_page_number(item) + 1))

    walk(reader.outline, 0)
    return rows


def test_pdf_bookmarks_every_section_with_the_appendix_nested(rendered: tuple[str, bytes]) -> None:
    _, data = rendered
    outline = _outline(PdfReader(io.BytesIO(data)))
    front = [title for level, title, _ in outline if level == 0]
    nested = [title for level, title, _ in outline if level == 1]
    assert front[-1] == "Appendix"
    assert front[:-1] + nested == expected_headings()
    pages = [page for _, _, page in outline]
    assert pages == sorted(pages)


def test_pdf_bookmarks_point_at_their_headings(rendered: tuple[str, bytes]) -> None:
    _, data = rendered
    reader = PdfReader(io.BytesIO(data))
    for _, title, page in _outline(reader):
        lines = [flat(line) for line in reader.pages[page - 1].extract_text().splitlines()]
        assert title in lines


def test_pdf_sources_are_clickable_links(rendered: tuple[str, bytes]) -> None:
    name, data = rendered
    _, _, memo = case(name)
    reader = PdfReader(io.BytesIO(data))
    targets = {
        annotation.get_object()["/A"]["/URI"]
        for page in reader.pages
        for annotation in page.get("/Annots", [])
        if annotation.get_object().get("/Subtype") == "/Link" and "/A" in annotation.get_object()
    }
    assert targets == {ref.url for ref in memo.references if ref.url}


def _fragments(page: PageObject) -> list[tuple[str, float, float]]:
    """Each piece of text the page draws, with where it starts (points from bottom left)."""
    pieces: list[tuple[str, float, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        if text.strip():
            pieces.append((text, tm[4], tm[5]))

    page.extract_text(visitor_text=visit)
    return pieces


def _internal_links(reader: PdfReader) -> list[tuple[int, str, list[float]]]:
    """(page index, destination name, rectangle) of every link to a place in the document."""
    return [
        (index, str(link["/Dest"]), [float(v) for v in link["/Rect"]])
        for index, page in enumerate(reader.pages)
        for link in (a.get_object() for a in page.get("/Annots", []))
        if link.get("/Subtype") == "/Link" and "/Dest" in link
    ]


def _cited_numbers(memo: Memo) -> list[int]:
    """Every citation number the memo prints, in order."""
    numbers: list[int] = []
    for section in memo.sections:
        for block in section.blocks:
            items = block.items if isinstance(block, ItemList) else (block,)
            numbers += [n for item in items for n in getattr(item, "cites", ())]
    return numbers


def test_pdf_each_citation_number_links_to_its_entry_in_the_sources(
    rendered: tuple[str, bytes],
) -> None:
    name, data = rendered
    _, _, memo = case(name)
    reader = PdfReader(io.BytesIO(data))
    places = reader.named_destinations
    links = _internal_links(reader)
    assert len(links) == len(_cited_numbers(memo))
    fragments = {index: _fragments(page) for index, page in enumerate(reader.pages)}
    for index, destination, (left, bottom, right, top) in links:
        (shown,) = [t for t, x, y in fragments[index] if left <= x < right and bottom <= y <= top]
        assert destination == f"source-{shown}"
        place = places[destination]
        target = reader.get_page_number(place.page)
        entry = [y for t, _, y in fragments[target] if t.strip() == f"[{shown}]"]
        assert entry and 0 < float(place["/Top"]) - entry[0] < 15  # the entry's first line


@pytest.mark.parametrize(("size", "points"), [("A4", (595, 842)), ("Letter", (612, 792))])
def test_pdf_page_size_follows_the_setting(demo, demo_rec, kb, size, points) -> None:
    options = MemoOptions(length="brief", page_size=size)
    reader = PdfReader(io.BytesIO(render_memo(demo_rec, demo, "pdf", kb=kb, options=options)))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == points
