"""The library in a real browser: sign-in through an OpenID Connect provider on loopback,
private libraries, and markup in user text shown as text.

Drives Debian's ``chromium`` through Playwright like ``test_app_browser``; the provider is
``oidc-provider-mock`` (a test dependency) started on a free loopback port, and the app reads
its ``[auth]`` settings from a ``secrets.toml`` in the folder it is started from.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_support import playwright_or_skip, wait_until_answering

from tests.support.app_server import (
    CHROMIUM,
    CHROMIUM_ARGS,
    ServerError,
    free_port,
    serve_app,
    stop,
)
from ui.app.state import encode_document
from ui.app.user_text import JOINER
from ui.store.access import Actor
from ui.store.library import ScenarioLibrary

WAIT_MS = 60_000
EVIL = "[Click me](https://evil.example/x) **bold** :red[alarm] <b>tag</b> www.evil.example"

pytestmark = pytest.mark.slow


def _serve(folder: Path, port: int) -> Iterator[str]:
    try:
        with serve_app(folder, port=port, cwd=folder) as address:
            yield address
    except ServerError as exc:
        pytest.fail(str(exc))


@pytest.fixture
def provider(tmp_path: Path) -> Iterator[str]:
    """oidc-provider-mock on a free loopback port; yields its issuer address."""
    port = free_port()
    log = tmp_path / "oidc.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [sys.executable, "-W", "ignore", "-m", "oidc_provider_mock", "-p", str(port)],
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    issuer = f"http://127.0.0.1:{port}"
    try:
        wait_until_answering(f"{issuer}/.well-known/openid-configuration", process, log)
        yield issuer
    finally:
        stop(process)


@pytest.fixture
def signed_in_app(tmp_path: Path, provider: str) -> Iterator[str]:
    """The app with sign-in configured against the loopback provider; yields its address."""
    port = free_port()
    (tmp_path / ".streamlit").mkdir()
    (tmp_path / ".streamlit" / "secrets.toml").write_text(
        "[auth]\n"
        f'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
        'cookie_secret = "a-long-random-test-cookie-secret"\n'
        'client_id = "alliance-advisor"\n'
        'client_secret = "test-client-secret"\n'
        f'server_metadata_url = "{provider}/.well-known/openid-configuration"\n',
        encoding="utf-8",
    )
    yield from _serve(tmp_path, port)


@pytest.fixture
def local_app(tmp_path: Path) -> Iterator[str]:
    """The app without sign-in (single local user); yields its address."""
    yield from _serve(tmp_path, free_port())


def _sign_in(sync_api, page, app: str, user: str) -> None:
    page.goto(app)
    page.get_by_role("button", name=re.compile("Sign in")).click(timeout=WAIT_MS)
    page.locator("input[name=sub]").fill(user, timeout=WAIT_MS)
    page.get_by_role("button", name="Authorize").click()
    sidebar = page.get_by_test_id("stSidebar")
    sync_api.expect(sidebar).to_contain_text(user, timeout=WAIT_MS)


def _open_library(sync_api, page) -> None:
    page.get_by_test_id("stSidebarNav").get_by_text("Scenario library", exact=True).click()
    main = page.get_by_test_id("stMain")
    sync_api.expect(main.get_by_role("heading", name="Scenario library")).to_be_visible(
        timeout=WAIT_MS
    )


def _save_as(sync_api, page, name: str) -> None:
    box = page.get_by_label("Name", exact=True)
    box.fill(name)
    box.press("Enter")
    page.wait_for_timeout(500)
    page.get_by_role("button", name=re.compile("Save$")).click()
    sync_api.expect(page.get_by_test_id("stAlertContentSuccess").first).to_contain_text(
        "Saved as", timeout=WAIT_MS
    )


def test_signed_in_users_see_only_their_own_scenarios(signed_in_app, tmp_path):
    sync_api = playwright_or_skip()
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            ann = browser.new_context(viewport={"width": 1440, "height": 1100}).new_page()
            ann.goto(signed_in_app)
            sync_api.expect(ann.get_by_test_id("stMain")).to_contain_text(
                "Sign in to use the advisor", timeout=WAIT_MS
            )
            assert ann.get_by_test_id("stSidebarNav").count() == 0
            _sign_in(sync_api, ann, signed_in_app, "ann@example.org")
            _open_library(sync_api, ann)
            _save_as(sync_api, ann, "Ann confidential deal")
            sync_api.expect(ann.get_by_test_id("stMain")).to_contain_text("Ann confidential deal")
            ann.screenshot(path=str(tmp_path / "ann-library.png"))
            with ann.expect_download(timeout=WAIT_MS) as download:
                ann.get_by_role("button", name=re.compile("Download \\(JSON\\)")).click()
            exported = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
            assert exported["schema_version"] == 1

            bob = browser.new_context(viewport={"width": 1440, "height": 1100}).new_page()
            _sign_in(sync_api, bob, signed_in_app, "bob@example.org")
            _open_library(sync_api, bob)
            main = bob.get_by_test_id("stMain")
            sync_api.expect(main).to_contain_text("Nothing saved yet", timeout=WAIT_MS)
            assert "Ann confidential deal" not in main.inner_text()
            bob.screenshot(path=str(tmp_path / "bob-library.png"))
        finally:
            browser.close()
    library = ScenarioLibrary(f"sqlite:///{tmp_path / 'library.db'}")
    ann_events = [(e.actor, e.action) for e in library.audit(Actor("ann@example.org"))]
    assert ann_events == [("ann@example.org", "create"), ("ann@example.org", "export")]
    assert library.entries(Actor("bob@example.org")) == []
    library.close()


def test_markup_in_a_link_and_a_saved_name_is_shown_as_text(local_app, tmp_path):
    sync_api = playwright_or_skip()
    document = {"schema_version": 1, "name": EVIL, "description": EVIL,
                "partners": [{"name": EVIL, "type": "pharma"}, {"name": "B", "type": "biotech"}],
                "factors": {"partner_count": 2}}  # fmt: skip
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1440, "height": 1100})
            page.goto(f"{local_app}/?s={encode_document(document)}")
            sidebar = page.get_by_test_id("stSidebar")
            sync_api.expect(sidebar).to_contain_text("Click me", timeout=WAIT_MS)
            # The sidebar shows the typed characters (and invisible word joiners).
            assert EVIL in sidebar.inner_text().replace(JOINER, "")
            _open_library(sync_api, page)
            _save_as(sync_api, page, EVIL)
            success = page.get_by_test_id("stAlertContentSuccess").first
            assert f"Saved as “{EVIL}”" in success.inner_text().replace(JOINER, "")
            # Rendered markup would give an element whose whole text is one of these pieces.
            pieces = page.eval_on_selector_all(
                "[data-testid=stSidebar] *, [data-testid=stMain] *",
                "els => els.map(e => e.textContent.trim())"
                ".filter(t => ['Click me', 'bold', 'alarm', 'tag'].includes(t))",
            )
            assert pieces == []
            hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
            leaks = page.eval_on_selector_all(
                "a[href*='evil']",
                "els => els.map(e => (e.closest('[data-testid]') || e).getAttribute('data-testid')"
                " + ': ' + e.parentElement.outerHTML.slice(0, 300))",
            )
            assert leaks == [], hrefs
            page.screenshot(path=str(tmp_path / "markup-as-text.png"))
        finally:
            browser.close()
