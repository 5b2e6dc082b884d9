"""End to end in a real headless browser: start the app, change an answer, see the advice move.

Drives Debian's ``chromium`` (installed by ``./dev test``) through Playwright; it never
downloads a browser. Where no chromium is installed the test is skipped, and the skip
reason says what is missing.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from app_support import ROOT

from engine import recommend
from ui.app.questions import build_questions
from ui.app.state import decode_document

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
START_TIMEOUT = 90.0
UPDATE_TIMEOUT_MS = 60_000

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_healthy(server: subprocess.Popen[bytes], port: int, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    url = f"http://127.0.0.1:{port}/_stcore/health"
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"streamlit exited with {server.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.25)
    pytest.fail(
        f"streamlit did not become healthy within {START_TIMEOUT:.0f} s:\n{log.read_text()}"
    )


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
    port = _free_port()
    log = tmp_path / "streamlit.log"
    env = {
        **os.environ,
        "ALLIANCE_ADVISOR_DB_URL": f"sqlite:///{tmp_path / 'library.db'}",
        "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false",
    }
    command = [
        sys.executable, "-m", "streamlit", "run", str(ROOT / "ui" / "app" / "streamlit_app.py"),
        "--server.headless", "true",
        "--server.port", str(port),
        "--server.address", "127.0.0.1",
        "--browser.gatherUsageStats", "false",
        "--server.fileWatcherType", "none",
    ]  # fmt: skip
    with log.open("wb") as output:
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT
        )
        try:
            _wait_healthy(process, port, log)
            yield f"http://127.0.0.1:{port}"
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def test_changing_an_answer_updates_the_recommendation(server, tmp_path, kb, demo, demo_rec):
    if not CHROMIUM.is_file():
        pytest.skip(
            "BROWSER TEST NOT RUN: /usr/bin/chromium is missing; install Debian's chromium"
            " package (./dev test does so when it can run apt-get as root)"
        )
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="BROWSER TEST NOT RUN: the playwright package is missing"
    )
    change = demo_rec.what_if[0]
    question = next(q for q in build_questions(kb) if q.factor == change.factor)
    expected = recommend(demo.with_factors(**{change.factor: change.alternative}), robustness=False)
    assert expected.recommendation_name != demo_rec.recommendation_name

    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
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
            sync_api.expect(
                main.get_by_role("heading", name=expected.recommendation_name)
            ).to_be_visible(timeout=UPDATE_TIMEOUT_MS)
            sync_api.expect(main.get_by_test_id("stMetric").first).to_be_visible()
            sync_api.expect(main.locator("canvas, svg.marks").first).to_be_visible()
            page.wait_for_timeout(500)  # let the chart's transition finish
            page.screenshot(path=str(tmp_path / "recommendation-after-change.png"))
        finally:
            browser.close()
    assert (tmp_path / "questionnaire-after-change.png").stat().st_size > 10_000
