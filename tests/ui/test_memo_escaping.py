"""User text reaches every memo format as text: never as markup, fields or broken layout."""

from __future__ import annotations

import csv
import html
import io
import re
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from docx import Document
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from support.memo_checks import (
    GENERATED_AT,
    docx_text,
    markdown_html,
    markdown_tags,
    markdown_text,
    pdf_pages,
    pdf_text,
)

from engine import Scenario, default_reasoner, recommend, scenario_from_data
from ui.cli.batch import SummaryRow, summary_csv
from ui.memo import render_memo
from ui.memo.docx import TOC_FIELD
from ui.memo.markdown import JOINER, escape
from ui.memo.model import clean_text

# What clean_text must drop: C0/C1 controls, lone surrogates, non-characters and the
# bidirectional controls (as the model's docstring lists them).
FORBIDDEN_IN_CLEAN = re.compile(
    "[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff\u202a-\u202e\u2066-\u2069"
    + "".join(f"\\U{plane:04x}fffe\\U{plane:04x}ffff" for plane in range(1, 17))
    + "]"
)

MARKUP_NAME = (
    "<script>alert('x')</script> **bold** _em_ [link](http://evil.example) ![i](x.png)"
    " `code` # | pipe | $x^2$ {nb} &amp; \\n ~~gone~~ {{ MERGEFIELD Name }} <b>1.</b>"
)
LONG_WORD = "W" * 3000


def _scenario(**fields: object) -> Scenario:
    return scenario_from_data({"schema_version": 1, **fields})


def _render(scenario: Scenario, fmt: str) -> bytes:
    rec = recommend(scenario, analyses=False, robustness=False)
    return render_memo(rec, scenario, fmt, generated_at=GENERATED_AT)


@pytest.fixture(scope="module")
def markup() -> Scenario:
    return _scenario(
        name=MARKUP_NAME,
        focal_organization=MARKUP_NAME,
        description=MARKUP_NAME,
        partners=[{"name": MARKUP_NAME, "type": "pharma"}, {"name": "Plain", "type": "biotech"}],
    )


@pytest.fixture(scope="module")
def plain() -> Scenario:
    return _scenario(
        name="Plain",
        focal_organization="Plain",
        description="Plain",
        partners=[{"name": "Plain", "type": "pharma"}, {"name": "Plain", "type": "biotech"}],
    )


def test_markdown_shows_a_markup_name_literally(markup: Scenario) -> None:
    text = markdown_text(_render(markup, "markdown"))
    assert f"Scenario: {MARKUP_NAME}" in text
    assert f"Focal organisation: {MARKUP_NAME}" in text
    assert f"The scenario: {MARKUP_NAME}" in text


def test_markdown_markup_in_user_text_adds_no_element(markup: Scenario, plain: Scenario) -> None:
    with_markup = Counter(markdown_tags(_render(markup, "markdown")))
    without = Counter(markdown_tags(_render(plain, "markdown")))
    assert with_markup == without


@pytest.mark.parametrize(
    "text",
    [
        "- not a list",
        "+ not a list",
        "1. not a list",
        "2) not a list",
        "=== not a heading",
        "# not a heading",
        "> not a quote",
        "<div>not html</div>",
        "a | b | c",
        "*not* _emphasised_",
        "[not](a link) ![nor](an image) <http://not.an.autolink>",
        "&amp; stays &amp;",
        "back\\slash \\*",
    ],
)
def test_markdown_escape_renders_text_as_written(text: str) -> None:
    html = MarkdownIt("commonmark").enable("table").render(escape(text))
    assert html.startswith("<p>")
    assert html.count("<") == 2  # only the paragraph's own <p> and </p>
    unescaped = html.removeprefix("<p>").removesuffix("</p>\n")
    assert (
        unescaped.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
        .replace("&quot;", '"')
        == text
    )


def test_docx_shows_a_markup_name_literally(markup: Scenario) -> None:
    paragraphs = [p.text for p in Document(io.BytesIO(_render(markup, "docx"))).paragraphs]
    assert paragraphs[0] == f"Alliance structure memo: {MARKUP_NAME}"
    assert f"Scenario: {MARKUP_NAME}" in paragraphs
    assert f"Focal organisation: {MARKUP_NAME}" in paragraphs


def test_docx_user_text_creates_no_field_or_markup(markup: Scenario) -> None:
    with zipfile.ZipFile(io.BytesIO(_render(markup, "docx"))) as package:
        body = package.read("word/document.xml").decode("utf-8")
        relations = package.read("word/_rels/document.xml.rels").decode("utf-8")
    # The memo's own table of contents is the one field; the sources' addresses the links.
    instructions = re.findall(r"<w:instrText[^>]*>([^<]*)</w:instrText>", body)
    assert [i.strip() for i in instructions] == [TOC_FIELD]
    assert "<w:fldSimple" not in body and "<script" not in body
    targets = set(re.findall(r'Target="(https?://[^"]*)"', relations))
    assert targets <= {html.escape(s.url) for s in default_reasoner().kb.sources.values() if s.url}
    assert "&lt;script&gt;" in body


def test_pdf_shows_a_markup_name_literally(markup: Scenario) -> None:
    text = pdf_text(_render(markup, "pdf"))
    assert text.startswith(f"Alliance structure memo: {MARKUP_NAME}")
    assert f"Scenario: {MARKUP_NAME}" in text
    assert f"The scenario: {MARKUP_NAME}" in text


def test_pdf_page_count_alias_in_user_text_stays_literal(markup: Scenario) -> None:
    pages = pdf_pages(_render(markup, "pdf"))
    assert "{nb}" in pages[0]
    assert pages[0].rstrip().endswith(f"Page 1 of {len(pages)}")


def test_control_characters_xml_forbids_are_dropped_in_every_format() -> None:
    scenario = _scenario(
        name="Al\x00li\x01ance\x0b\x1f one", description="Tab\there\nand\x7f there"
    )
    assert "Scenario: Alliance one" in markdown_text(_render(scenario, "markdown"))
    assert "Scenario: Alliance one" in docx_text(_render(scenario, "docx"))
    assert "The scenario: Tab here and there" in pdf_text(_render(scenario, "pdf"))


def test_characters_the_pdf_font_lacks_become_replacement_marks_not_gaps() -> None:
    scenario = _scenario(name="Alliance 漢字 Ωμέγα")
    assert "Scenario: Alliance \ufffd\ufffd Ωμέγα" in pdf_text(_render(scenario, "pdf"))
    assert "Scenario: Alliance 漢字 Ωμέγα" in docx_text(_render(scenario, "docx"))
    assert "Scenario: Alliance 漢字 Ωμέγα" in markdown_text(_render(scenario, "markdown"))


def test_pdf_wraps_an_unbroken_long_description_inside_the_page() -> None:
    pages = pdf_pages(_render(_scenario(description=LONG_WORD), "pdf"))
    pieces = [line for page in pages for line in page.splitlines() if re.fullmatch("W+", line)]
    assert "".join(pieces) == LONG_WORD
    assert max(len(piece) for piece in pieces) < 120


def test_docx_and_markdown_keep_a_long_description_whole() -> None:
    scenario = _scenario(description=LONG_WORD)
    assert f"The scenario: {LONG_WORD}" in docx_text(_render(scenario, "docx"))
    assert f"The scenario: {LONG_WORD}" in markdown_text(_render(scenario, "markdown"))


def test_clean_text_collapses_whitespace_and_drops_controls() -> None:
    assert clean_text(" a\r\n\tb\u2028c\x00\u202e d ") == "a b c d"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=0x2100)) | st.text())
def test_clean_text_joins_the_words_with_single_spaces_and_drops_the_rest(text: str) -> None:
    cleaned = clean_text(text)
    assert not FORBIDDEN_IN_CLEAN.search(cleaned)
    assert cleaned == FORBIDDEN_IN_CLEAN.sub("", " ".join(text.split()))


def test_summary_csv_neutralises_spreadsheet_formulas() -> None:
    row = SummaryRow(
        source=Path("x.yaml"),
        memo=Path("x.md"),
        scenario='=HYPERLINK("http://evil.example","open")',
        recommendation="Joint venture",
        confidence=0.5,
        runner_up="Equity alliance",
        margin=0.25,
    )
    rows = list(csv.reader(io.StringIO(summary_csv([row]).decode("utf-8"))))
    assert rows[1][:5] == [
        '\'=HYPERLINK("http://evil.example","open")',
        "Joint venture",
        "0.5000",
        "Equity alliance",
        "0.2500",
    ]


HOSTILE = (
    "[x](https://evil.example) <img src=x onerror=alert(1)> https://evil.example"
    " www.evil.example ann@evil.example **bold** $math$"
)
# What GitHub's renderer links with no markup: "://" and "www." in the unescaped source,
# and an e-mail address (a word joiner after its "@" stops that).
GITHUB_AUTOLINK = re.compile(r"(?<!\\)://evil|www\.evil|@evil")


def test_markdown_memo_shows_hostile_user_text_with_no_link_html_maths_or_autolink() -> None:
    hostile = _scenario(
        name=HOSTILE,
        focal_organization=HOSTILE,
        description=HOSTILE,
        partners=[{"name": HOSTILE, "type": "pharma"}, {"name": "Plain", "type": "biotech"}],
    )
    data = _render(hostile, "markdown")
    source = data.decode("utf-8")
    assert f"Scenario: {HOSTILE}" in markdown_text(data).replace(JOINER, "")
    assert markdown_text(data).replace(JOINER, "").count(HOSTILE) >= 4
    assert "img" not in markdown_tags(data)
    assert "evil.example" not in "".join(re.findall(r'href="([^"]*)"', markdown_html(data)))
    assert not GITHUB_AUTOLINK.search(source)
    assert "$" not in re.sub(r"\\.", "", source)
