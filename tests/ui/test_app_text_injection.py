"""Hostile user text renders as plain text on every page that repeats it (AppTest).

A scenario's name, its partners' names, an unknown factor key and an upload's file name
carry a Markdown link, raw HTML, a bare URL, bold text and inline maths. Every element body
Streamlit renders as Markdown is read back with a CommonMark reader: it must hold no link,
image or HTML, no unescaped ``$`` (Streamlit's maths), nothing GitHub-style autolinking
would turn into a link, and the reader must see exactly the text that was typed (apart
from invisible word joiners).
"""

from __future__ import annotations

import html.parser
import json
import re

from app_support import open_page, rerun, start_app, user_text_document
from markdown_it import MarkdownIt
from streamlit.testing.v1 import AppTest

from ui.app.state import encode_document
from ui.app.user_text import JOINER

HOSTILE = (
    "[x](https://evil.example) <img src=x onerror=alert(1)> https://evil.example **bold** $math$"
)
_READER = MarkdownIt("commonmark").enable(["table", "strikethrough"])
# What GitHub-flavoured autolinking (and Streamlit's Markdown) turns into a link.
_AUTOLINK = re.compile(r"://|www\.|@(?!" + JOINER + ")", re.IGNORECASE)


class _Text(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def visible(markdown: str) -> str:
    """The text a reader sees of ``markdown`` (joiners kept)."""
    reader = _Text()
    reader.feed(_READER.render(markdown))
    return "".join(reader.parts)


def shown(markdown: object) -> str:
    """What a reader sees of ``markdown``, invisible joiners and surrounding space dropped."""
    return visible(str(markdown)).replace(JOINER, "").strip()


def markup_made(markdown: str) -> list[str]:
    """The HTML, and the links or images to the hostile site, ``markdown`` produces."""
    made: list[str] = []
    for token in _READER.parse(markdown):
        for part in [token, *(token.children or ())]:
            target = str(part.attrGet("href") or part.attrGet("src") or "")
            if part.type.startswith("html") or "evil" in target or part.type == "image":
                made.append(part.type)
    return made


def markdown_bodies(at: AppTest) -> list[str]:
    """Every element body the page renders as Markdown, sidebar included."""
    kinds = ("markdown", "caption", "success", "error", "warning", "info", "toast", "title")
    return [str(e.value) for kind in kinds for e in at.get(kind)]


def assert_plain(at: AppTest) -> list[str]:
    """Check that no body becomes markup; return what the reader sees of each.

    The app's own links (citations) are allowed; HTML, images and links to the hostile
    site are not, and a body repeating the hostile text has no maths or autolink either.
    """
    bodies = markdown_bodies(at)
    for body in bodies:
        assert markup_made(body) == [], body
        if "evil" in body:
            assert "$" not in re.sub(r"\\.", "", body), body  # every $ escaped: no maths
            assert not _AUTOLINK.search(visible(body)), body
    return [visible(body).replace(JOINER, "") for body in bodies]


def assert_shown(at: AppTest, text: str = HOSTILE) -> None:
    """The page is free of markup and shows ``text`` as typed."""
    seen = assert_plain(at)
    assert any(text in s for s in seen), seen


def hostile_document(**changes: object) -> dict[str, object]:
    return user_text_document(HOSTILE, **changes)


def test_the_reader_check_catches_each_construct_when_unescaped():
    assert markup_made("[x](https://evil.example)") == ["link_open"]
    assert markup_made("<img src=x onerror=alert(1)>") == ["html_block"]
    assert _AUTOLINK.search(visible("see https\\://evil.example"))
    assert "$" in re.sub(r"\\.", "", "**bold** $math$")


def test_the_recommendation_shows_hostile_names_as_text(library_url):
    at = start_app({"s": encode_document(hostile_document())})
    assert_shown(at)
    assert HOSTILE in [shown(c.value) for c in at.main.caption]  # the scenario's caption
    assert f"{HOSTILE}" in [shown(m.value) for m in at.sidebar.markdown]


def test_the_questionnaire_and_its_problems_show_hostile_text_as_text(library_url):
    # A partner list that disagrees with the count, and a partner type no one offers, make
    # a draft the questionnaire keeps as typed and lists the problems of.
    partners = [{"name": HOSTILE, "type": "pharma"}, {"name": "Plain", "type": HOSTILE}]
    doc = hostile_document(partners=partners, factors={"partner_count": 3})
    at = start_app({"s": encode_document(doc)}, page="questionnaire")
    given = json.dumps(HOSTILE)[:79] + "…"  # a quoted value is cut at 80 characters
    assert_shown(at, f"partners[1].type: not an allowed value; given {given}")
    assert next(t for t in at.text_input if t.label == "Scenario name").value == HOSTILE


def test_a_refused_link_echoes_an_unknown_factor_key_as_text(library_url):
    doc = hostile_document(factors={"partner_count": 2, HOSTILE: "high"})
    at = start_app({"s": encode_document(doc)}, page="questionnaire")
    refusal = [visible(str(e.value)).replace(JOINER, "") for e in at.error]
    assert any("not valid" in e and f'factors["{HOSTILE}"]' in e for e in refusal), refusal
    assert_plain(at)


def test_a_refused_upload_echoes_its_file_name_and_unknown_key_as_text(library_url):
    at = start_app(page="library")
    upload = f"factors:\n  '{HOSTILE}': high\n".encode()
    at.file_uploader(key="lib_upload").upload(f"{HOSTILE}.yaml", upload, "application/yaml")
    rerun(at)
    assert_shown(at, f"“{HOSTILE}.yaml” was not loaded")
    assert_shown(at, f'factors["{HOSTILE}"]: unknown key')


def test_saving_and_comparing_hostile_scenarios_shows_their_names_as_text(library_url):
    at = start_app({"s": encode_document(hostile_document())}, page="library")
    at.text_input(key="lib_save_name").input(HOSTILE)
    at.button(key="lib_save").click()
    rerun(at)
    assert_shown(at)
    open_page(at, "compare")
    at.multiselect(key="compare_choices").set_value(["current", "saved:1"])
    rerun(at)
    assert_shown(at, f"Saved: {HOSTILE}")
    cards = [shown(m.value) for m in at.main.markdown]
    assert cards.count(HOSTILE) == 2  # the current scenario's card and the saved one's
