"""The Word memo, read back with python-docx."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader
from support.memo_checks import CASES, GENERATED_TEXT, case, expected_headings, rendered_memo

from ui.memo import MemoOptions, render_memo
from ui.memo.docx import TOC_FIELD
from ui.memo.model import APPENDIX_TITLE, FRONT_TITLES

SOFFICE = shutil.which("soffice")


@pytest.fixture(scope="module", params=CASES)
def rendered(request: pytest.FixtureRequest) -> tuple[str, bytes]:
    return request.param, rendered_memo("docx", request.param)


def test_docx_has_every_section_heading_in_order(rendered: tuple[str, bytes]) -> None:
    _, data = rendered
    document = Document(io.BytesIO(data))
    headings = [p.text for p in document.paragraphs if p.style.name in ("Heading 1", "Heading 2")]
    assert [h for h in headings if h != APPENDIX_TITLE] == expected_headings()
    assert headings.index(APPENDIX_TITLE) == len(FRONT_TITLES) - 1  # no notes given


def test_docx_opens_with_title_date_and_scenario(rendered: tuple[str, bytes]) -> None:
    name, data = rendered
    scenario, _, memo = case(name)
    paragraphs = Document(io.BytesIO(data)).paragraphs
    assert paragraphs[0].style.name == "Title"
    assert paragraphs[0].text == memo.title
    assert paragraphs[1].text == "Date: 23 November 2026"
    assert paragraphs[2].text == f"Scenario: {scenario.name or 'Unnamed scenario'}"


def test_docx_ends_with_the_audit_record(rendered: tuple[str, bytes]) -> None:
    name, data = rendered
    _, rec, memo = case(name)
    paragraphs = [p.text for p in Document(io.BytesIO(data)).paragraphs]
    assert paragraphs[-3:] == [
        f"Knowledge base version: {rec.knowledge_base_version}",
        f"Scenario SHA-256: {memo.audit.scenario_sha256}",
        f"Generated: {GENERATED_TEXT}",
    ]


def test_docx_footer_carries_the_audit_stamp(rendered: tuple[str, bytes]) -> None:
    name, data = rendered
    _, _, memo = case(name)
    footer = Document(io.BytesIO(data)).sections[0].footer.paragraphs[0].text
    assert footer == memo.footer_text


def test_docx_includes_the_ranking_chart_as_a_png(rendered: tuple[str, bytes]) -> None:
    _, data = rendered
    document = Document(io.BytesIO(data))
    assert len(document.inline_shapes) == 1
    images = [part for part in document.part.package.parts if part.content_type == "image/png"]
    assert len(images) == 1
    assert images[0].blob.startswith(b"\x89PNG\r\n\x1a\n")


def test_docx_governance_decision_rights_are_a_table(rendered: tuple[str, bytes]) -> None:
    name, data = rendered
    _, rec, _ = case(name)
    tables = Document(io.BytesIO(data)).tables
    rights = [t for t in tables if t.rows[0].cells[0].text == "Decision"]
    rows = [(row.cells[0].text, row.cells[1].text) for t in rights for row in t.rows[1:]]
    assert rows == [(d.decision, d.owner) for d in rec.governance.decision_rights]


def test_render_memo_docx_is_a_word_document(demo, kb) -> None:
    _, rec, _ = case("demo")
    data = render_memo(rec, demo, "docx", kb=kb)
    assert data.startswith(b"PK")
    assert Document(io.BytesIO(data)).core_properties.author == "Alliance Advisor"


def _instructions(xml: bytes) -> list[str]:
    text = xml.decode("utf-8")
    return [i.strip() for i in re.findall(r"<w:instrText[^>]*>([^<]*)</w:instrText>", text)]


def _part(data: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return package.read(name)


def test_docx_has_a_table_of_contents_field_showing_every_heading(
    rendered: tuple[str, bytes],
) -> None:
    _, data = rendered
    assert _instructions(_part(data, "word/document.xml")) == [TOC_FIELD]
    paragraphs = [p.text for p in Document(io.BytesIO(data)).paragraphs]
    start = paragraphs.index("Contents") + 1
    shown = paragraphs[start : start + len(expected_headings()) + 1]
    assert [t for t in shown if t != APPENDIX_TITLE] == expected_headings()
    settings = _part(data, "word/settings.xml").decode("utf-8")
    assert '<w:updateFields w:val="true"/>' in settings


def test_docx_footer_numbers_pages_with_word_fields(rendered: tuple[str, bytes]) -> None:
    _, data = rendered
    footer = Document(io.BytesIO(data)).sections[0].footer
    assert footer.paragraphs[1].text.startswith("Page ")
    footers = [n for n in zipfile.ZipFile(io.BytesIO(data)).namelist() if "footer" in n]
    fields = [i for name in footers for i in _instructions(_part(data, name))]
    assert fields == ["PAGE", "NUMPAGES"]


def test_docx_sources_are_hyperlinks(rendered: tuple[str, bytes]) -> None:
    name, data = rendered
    _, _, memo = case(name)
    document = Document(io.BytesIO(data))
    targets = {
        rel.target_ref for rel in document.part.rels.values() if rel.reltype.endswith("/hyperlink")
    }
    assert targets == {ref.url for ref in memo.references if ref.url}


@pytest.mark.parametrize(("size", "mm"), [("A4", (210, 297)), ("Letter", (216, 279))])
def test_docx_page_size_follows_the_setting(demo, demo_rec, kb, size, mm) -> None:
    options = MemoOptions(length="brief", page_size=size)
    section = Document(io.BytesIO(render_memo(demo_rec, demo, "docx", kb=kb, options=options)))
    page = section.sections[0]
    assert (round(page.page_width.mm), round(page.page_height.mm)) == mm


def test_docx_contents_entries_link_to_their_headings(rendered: tuple[str, bytes]) -> None:
    _, data = rendered
    xml = _part(data, "word/document.xml").decode("utf-8")
    links = re.findall(r'<w:hyperlink w:anchor="([^"]+)"[^>]*>.*?<w:t[^>]*>([^<]*)</w:t>', xml)
    front = len(FRONT_TITLES) - 1  # no analyst notes given
    headings = expected_headings()
    assert [t for _, t in links] == [*headings[:front], APPENDIX_TITLE, *headings[front:]]
    for anchor, title in links:
        heading = re.search(
            rf'<w:bookmarkStart w:id="\d+" w:name="{anchor}"/>.*?<w:t[^>]*>([^<]*)</w:t>', xml
        )
        assert heading is not None and heading.group(1) == title


def _libreoffice_pages(data: bytes, tmp_path: Path) -> list[str]:
    """The text of each page as LibreOffice lays the document out (converted to PDF)."""
    source = tmp_path / "memo.docx"
    source.write_bytes(data)
    subprocess.run(
        [SOFFICE, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        check=True,
        capture_output=True,
        timeout=240,
    )
    return [page.extract_text() or "" for page in PdfReader(tmp_path / "memo.pdf").pages]


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
@pytest.mark.parametrize(("length", "size"), [("brief", "A4"), ("full", "Letter")])
def test_docx_front_fits_two_pages_as_libreoffice_lays_it_out(
    demo, demo_rec, kb, tmp_path: Path, length: str, size: str
) -> None:
    options = MemoOptions(length=length, page_size=size)
    pages = _libreoffice_pages(
        render_memo(demo_rec, demo, "docx", kb=kb, options=options), tmp_path
    )
    appendix = [i for i, text in enumerate(pages) if text.lstrip().startswith(APPENDIX_TITLE)]
    assert appendix and appendix[0] <= 2, [p[:80] for p in pages[:4]]
