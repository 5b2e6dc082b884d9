"""User text is text: markup in a scenario's name, description or partner names, arriving by
a shared link, the questionnaire or an upload, is never rendered as Markdown (AppTest)."""

from __future__ import annotations

import re

import pytest
from app_support import main_text, open_page, rerun, start_app, user_text_document
from streamlit.testing.v1 import AppTest

from engine import dump_scenario, scenario_from_data
from ui.app.identity import actor_from_claims
from ui.app.state import encode_document
from ui.app.user_text import JOINER, as_text

EVIL = "[Click me](https://evil.example/x) **bold** :red[alarm] <b>tag</b> www.evil.example"
# A raw fragment that would become a link, bold text, a colour, HTML or an autolink.
MARKUP = re.compile(
    r"(?<!\\)\[Click|(?<!\\)\*\*bold|(?<!\\):red|(?<!\\)<b>|(?<![\\])www\.evil|https://evil"
)


def evil_document() -> dict[str, object]:
    return user_text_document(EVIL)


def markdown_values(at: AppTest) -> list[str]:
    """Every element body Streamlit renders as Markdown, in the sidebar and the main area."""
    values: list[str] = []
    for kind in ("markdown", "caption", "success", "error", "warning", "info", "toast"):
        values += [str(e.value) for e in at.get(kind)]
    return values


def assert_no_markup(at: AppTest) -> None:
    leaks = [v for v in markdown_values(at) if MARKUP.search(v)]
    assert leaks == []


def test_as_text_escapes_every_markdown_construct():
    shown = as_text(EVIL)
    assert not MARKUP.search(shown)
    assert re.sub(r"\\(.)", r"\1", shown).replace(JOINER, "") == EVIL


def test_as_text_breaks_bare_urls_www_addresses_emails_and_short_codes():
    shown = as_text("https://x.example www.x.example ann@x.example :rocket:")
    for linkable in ("://", "www.", "www\\.", "@x", ":rocket:", "rocket\\:"):
        assert linkable not in shown.replace("\\", "")
    assert re.sub(r"\\(.)", r"\1", shown).replace(JOINER, "") == (
        "https://x.example www.x.example ann@x.example :rocket:"
    )


def test_as_text_keeps_line_breaks_and_drops_indentation():
    assert as_text("one\n    two") == "one  \ntwo"


@pytest.mark.parametrize(
    "page", ["start", "recommendation", "questionnaire", "compare", "trade_offs", "library"]
)
def test_a_link_with_markup_renders_as_text_on_every_page(library_url, page):
    at = start_app({"s": encode_document(evil_document())})
    open_page(at, page)
    assert_no_markup(at)
    assert f"**{as_text(EVIL)}**" in [str(m.value) for m in at.sidebar.markdown]


def test_saving_and_loading_a_markup_name_shows_it_as_text(library_url):
    at = start_app({"s": encode_document(evil_document())})
    open_page(at, "library")
    at.text_input(key="lib_save_name").input(EVIL)
    at.button(key="lib_save").click()
    rerun(at)
    assert f"Saved as “{as_text(EVIL)}”" in main_text(at)
    assert at.selectbox(key="lib_choice").options == [EVIL]
    table = next(d.value for d in at.main.dataframe if "Name" in d.value.columns)
    assert list(table["Name"]) == [EVIL]
    at.button(key="lib_load").click()
    rerun(at)
    assert_no_markup(at)


def test_the_questionnaire_name_field_renders_as_text(library_url):
    at = start_app()
    open_page(at, "questionnaire")
    name_box = next(t for t in at.text_input if t.label == "Scenario name")
    name_box.input(EVIL)
    rerun(at)
    assert f"**{as_text(EVIL)}**" in [str(m.value) for m in at.sidebar.markdown]
    assert_no_markup(at)


def test_an_upload_with_markup_in_its_file_name_and_content_renders_as_text(library_url):
    at = start_app()
    open_page(at, "library")
    document = dump_scenario(scenario_from_data(evil_document(), "evil"), json_format=True)
    at.file_uploader(key="lib_upload").upload(
        "[x](https:evil.example).json", document.encode(), "application/json"
    )
    rerun(at)
    assert_no_markup(at)
    assert any("Saved in the library as" in v for v in markdown_values(at))


def test_a_bad_upload_with_markup_in_its_name_renders_as_text(library_url):
    at = start_app()
    open_page(at, "library")
    at.file_uploader(key="lib_upload").upload(
        "**[x](https:evil.example)**.yaml", b"factors: {trust: nonsense}", "application/yaml"
    )
    rerun(at)
    assert not [v for v in markdown_values(at) if "(https:evil" in v or "**[x]" in v]


def test_the_user_is_the_email_claim_else_the_subject_with_teams_from_groups():
    ann = actor_from_claims({"sub": "1", "email": "ann@example.org", "groups": ["a", "b"]})
    assert (ann.user, ann.teams) == ("ann@example.org", frozenset({"a", "b"}))
    assert actor_from_claims({"sub": "1"}).user == "1"
    with pytest.raises(ValueError, match="neither an email nor a subject"):
        actor_from_claims({"name": "No one"})


def test_a_refused_link_repeats_the_given_value_as_text(library_url):
    doc = {"schema_version": 1, "factors": {"trust": "[x](https://evil.example)"}}
    at = start_app({"s": encode_document(doc)})
    errors = [str(e.value) for e in at.error]
    assert any("not valid" in e for e in errors)
    assert not [e for e in errors if "](https" in e or "https://" in e]
