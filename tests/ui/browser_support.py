"""Helpers for the library's real-browser tests: waiting for a server (the loopback identity
provider), stopping it, and Debian's chromium through Playwright (skipped, with the reason,
where either is missing). Serving the app itself is ``tests.support.app_server``."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.support import app_server
from tests.support.app_server import CHROMIUM, ServerError


def wait_until_answering(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    """Wait until ``url`` answers 200; fail the test with the server's log if it never does."""
    try:
        app_server.wait_until_answering(url, process, log)
    except ServerError as error:
        pytest.fail(str(error))


def playwright_or_skip() -> Any:
    """Playwright's sync API, or a skip that says what is missing."""
    if not CHROMIUM.is_file():
        pytest.skip(
            "BROWSER TEST NOT RUN: /usr/bin/chromium is missing; install Debian's chromium"
            " package (./dev test does so when it can run apt-get as root)"
        )
    return pytest.importorskip(
        "playwright.sync_api", reason="BROWSER TEST NOT RUN: the playwright package is missing"
    )
