"""Screenshots of every page of the app at desktop and phone width, for looking at.

    uv run python -m tests.support.screenshots [--out DIR]

Starts the app headless, opens each page at 1440x900 and 390x844 in Debian's chromium
(through Playwright), opens every tab of the recommendation page and writes full-page
PNGs named ``<page>[-<tab>]-<width>.png``. Prints each file and whether the page is
wider than the viewport (a sign something does not fit or scroll in its own box).
"""

from __future__ import annotations

import argparse
import re
import tempfile
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

from tests.support.app_server import CHROMIUM, CHROMIUM_ARGS, serve_app

VIEWPORTS = {"desktop": (1440, 900), "phone": (390, 844)}
PAGES = ["", "recommendation", "questionnaire", "trade_offs", "compare", "rules", "library"]
SETTLE_MS = 1500
MAX_HEIGHT = 9000
TIMEOUT_MS = 60_000


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


_IDLE = """() => {
  const status = document.querySelector('[data-testid="stStatusWidget"]');
  const busy = status && /Stop|Running/.test(status.innerText);
  return !busy && !document.querySelector('[data-testid="stSkeleton"]');
}"""


def _settle(page: Page) -> None:
    page.get_by_test_id("stMain").locator("h1").first.wait_for(timeout=TIMEOUT_MS)
    page.wait_for_timeout(300)
    page.wait_for_function(_IDLE, timeout=TIMEOUT_MS)
    page.wait_for_timeout(SETTLE_MS)


def _overflow(page: Page) -> int:
    width = page.evaluate("() => document.documentElement.scrollWidth")
    return int(width) - int(page.viewport_size["width"] if page.viewport_size else 0)


def _shoot(page: Page, path: Path) -> None:
    """Grow the window to the main area's height (Streamlit scrolls inside it), then shoot."""
    size = page.viewport_size or {"width": 1440, "height": 900}
    tall = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size(
        {"width": size["width"], "height": min(max(tall, size["height"]), MAX_HEIGHT)}
    )
    page.wait_for_timeout(SETTLE_MS)
    page.screenshot(path=str(path))
    page.set_viewport_size(size)
    extra = _overflow(page)
    note = f"  WIDER THAN THE VIEWPORT by {extra} px" if extra > 0 else ""
    print(f"{path}{note}")


def shoot_all(server: str, out: Path) -> None:
    """Every page (and every recommendation tab) at both widths."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            for label, (width, height) in VIEWPORTS.items():
                page = browser.new_page(viewport={"width": width, "height": height})
                for name in PAGES:
                    page.goto(f"{server}/{name}")
                    _settle(page)
                    _shoot(page, out / f"{name or 'start'}-{label}.png")
                    if name == "recommendation":
                        tabs = page.get_by_role("tab")
                        for index in range(tabs.count()):
                            tab = tabs.nth(index)
                            title = tab.inner_text()
                            tab.click()
                            page.wait_for_timeout(SETTLE_MS)
                            _shoot(page, out / f"recommendation-{_slug(title)}-{label}.png")
                page.close()
        finally:
            browser.close()


def main() -> None:
    """Parse the output folder and take the screenshots."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("screenshots"))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work, serve_app(Path(work)) as server:
        shoot_all(server, args.out)


if __name__ == "__main__":
    main()
