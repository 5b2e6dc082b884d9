"""End to end in a real headless browser: start the app, change an answer, see the advice move.

Drives Debian's ``chromium`` (installed by ``./dev test``) through Playwright; it never
downloads a browser. Where no chromium is installed the test is skipped, and the skip
reason says what is missing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from engine import recommend, scenario_from_data
from tests.support.app_server import CHROMIUM, CHROMIUM_ARGS, ServerError, serve_app
from ui.app.presenters.guided import next_question
from ui.app.questions import build_questions
from ui.app.state import decode_document, encode_document
from ui.app.views.start import BLANK

UPDATE_TIMEOUT_MS = 60_000
SELECT_KINDS = ("level", "choice", "boolean")

pytestmark = pytest.mark.slow


def _choose(page, label: str, option: str) -> None:
    """Pick an option of a Streamlit selectbox, as a user would.

    The drop-down closes when the page scrolls, so the box is scrolled into view before
    the click, and the click is repeated if the list did not stay open.
    """
    box = page.get_by_role("combobox", name=label, exact=True)
    choice = page.get_by_role("option", name=option, exact=True)
    for _ in range(3):
        box.scroll_into_view_if_needed()
        page.wait_for_timeout(300)
        box.click()
        try:
            choice.wait_for(state="visible", timeout=3000)
        except Exception:  # noqa: BLE001 - playwright's TimeoutError; try again
            page.keyboard.press("Escape")
            continue
        choice.click()
        return
    pytest.fail(f"the options of {label!r} never opened")


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    """The app served by ``streamlit run`` on a free loopback port; yields its address."""
    try:
        with serve_app(tmp_path) as address:
            yield address
    except ServerError as exc:
        pytest.fail(str(exc))


@pytest.fixture
def browser():
    """Debian's chromium driven by Playwright (skipped, loudly, where either is missing)."""
    if not CHROMIUM.is_file():
        pytest.skip(
            "BROWSER TEST NOT RUN: /usr/bin/chromium is missing; install Debian's chromium"
            " package (./dev test does so when it can run apt-get as root)"
        )
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="BROWSER TEST NOT RUN: the playwright package is missing"
    )
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


def test_changing_an_answer_updates_the_recommendation(
    server, browser, tmp_path, kb, demo, demo_rec
):
    from playwright import sync_api

    change = demo_rec.what_if[0]
    question = next(q for q in build_questions(kb) if q.factor == change.factor)
    expected = recommend(demo.with_factors(**{change.factor: change.alternative}), robustness=False)
    assert expected.recommendation_name != demo_rec.recommendation_name

    page = browser.new_page(viewport={"width": 1440, "height": 1100})
    page.goto(f"{server}/questionnaire")
    sidebar = page.get_by_test_id("stSidebar")
    sync_api.expect(sidebar).to_contain_text(
        demo_rec.recommendation_name, timeout=UPDATE_TIMEOUT_MS
    )

    _choose(page, question.text, question.option_label(change.alternative))

    heading = sidebar.get_by_role("heading", name=expected.recommendation_name, exact=True)
    sync_api.expect(heading).to_be_visible(timeout=UPDATE_TIMEOUT_MS)
    sync_api.expect(page).to_have_url(
        re.compile(r"[?&]s=[A-Za-z0-9_-]+"), timeout=UPDATE_TIMEOUT_MS
    )
    page.screenshot(path=str(tmp_path / "questionnaire-after-change.png"))

    query = page.url.split("s=", 1)[1].split("&", 1)[0]
    assert decode_document(query)["factors"][change.factor] == change.alternative

    page.get_by_test_id("stSidebarNav").get_by_text("Recommendation", exact=True).click()
    main = page.get_by_test_id("stMain")
    sync_api.expect(main.get_by_role("heading", name=expected.recommendation_name)).to_be_visible(
        timeout=UPDATE_TIMEOUT_MS
    )
    sync_api.expect(main.get_by_text("How sure:").first).to_be_visible()
    sync_api.expect(main.locator("canvas:visible, svg.marks:visible").first).to_be_visible(
        timeout=UPDATE_TIMEOUT_MS
    )
    page.wait_for_timeout(500)  # let the chart's transition finish
    page.screenshot(path=str(tmp_path / "recommendation-after-change.png"))
    assert (tmp_path / "questionnaire-after-change.png").stat().st_size > 10_000


def test_the_first_screen_leads_into_the_adaptive_quick_questions(server, browser, tmp_path, kb):
    from playwright import sync_api

    blank = recommend(scenario_from_data(BLANK, "blank"))
    ordered = build_questions(kb)
    questions = {q.factor: q for q in ordered}
    skipped: list[str] = []  # the first question, then any that is not a drop-down
    chosen = next_question(blank, ordered, skipped)
    while chosen is not None and (not skipped or chosen.kind not in SELECT_KINDS):
        skipped.append(chosen.factor)
        chosen = next_question(blank, ordered, skipped)
    assert chosen is not None
    asked = chosen.factor
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(server)
    main = page.get_by_test_id("stMain")
    sync_api.expect(main.get_by_role("heading", name="Alliance Advisor")).to_be_visible(
        timeout=UPDATE_TIMEOUT_MS
    )
    sync_api.expect(main.get_by_text("Explore the demo").first).to_be_visible()
    page.screenshot(path=str(tmp_path / "first-screen-phone.png"))

    main.get_by_role("button", name="Start my scenario").click()
    sync_api.expect(main.get_by_text("Most decisive open question")).to_be_visible(
        timeout=UPDATE_TIMEOUT_MS
    )
    for factor in skipped:
        sync_api.expect(main.get_by_text(questions[factor].text)).to_be_visible(
            timeout=UPDATE_TIMEOUT_MS
        )
        main.get_by_role("button", name="Skip (leave unknown)").click()
    sync_api.expect(main.get_by_text(questions[asked].text)).to_be_visible(
        timeout=UPDATE_TIMEOUT_MS
    )
    value = questions[asked].values[0]
    _choose(page, questions[asked].text, questions[asked].option_label(value))
    main.get_by_role("button", name="Answer").click()
    sync_api.expect(main.get_by_text("How each answer moved the ranking")).to_be_visible(
        timeout=UPDATE_TIMEOUT_MS
    )
    page.screenshot(path=str(tmp_path / "quick-mode-phone.png"))
    query = page.url.split("s=", 1)[1].split("&", 1)[0]
    factors = decode_document(query)["factors"]
    assert factors == {asked: value}

    page.go_back()  # Back undoes the answer: the question is open again
    sync_api.expect(page).to_have_url(
        re.compile(re.escape(f"s={encode_document(BLANK)}")), timeout=UPDATE_TIMEOUT_MS
    )
    sync_api.expect(main.get_by_text(questions[asked].text)).to_be_visible(
        timeout=UPDATE_TIMEOUT_MS
    )


def test_the_memo_downloads_from_the_recommendation(server, browser, tmp_path, demo_rec):
    from playwright import sync_api

    page = browser.new_page(viewport={"width": 1440, "height": 900})
    page.goto(f"{server}/recommendation")
    main = page.get_by_test_id("stMain")
    sync_api.expect(main.get_by_text("How sure:").first).to_be_visible(timeout=UPDATE_TIMEOUT_MS)
    main.get_by_role("tab", name="Memo").click()
    button = main.get_by_role("button", name="Memo (Markdown)")
    sync_api.expect(button).to_be_visible(timeout=UPDATE_TIMEOUT_MS)
    with page.expect_download(timeout=UPDATE_TIMEOUT_MS) as download:
        button.click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.suffix == ".md"
    assert demo_rec.recommendation_name in saved.read_text(encoding="utf-8")
