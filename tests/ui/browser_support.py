"""Helpers for the library's real-browser tests: waiting for a server (the loopback identity
provider), stopping it, and Debian's chromium through Playwright (skipped, with the reason,
where either is missing). Serving the app itself is ``tests.support.app_server``."""

from __future__ import annotations

import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from tests.support.app_server import CHROMIUM

START_TIMEOUT = 90.0


def wait_until_answering(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    """Wait until ``url`` answers 200; fail with the server's log if it exits or never does."""
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(
                f"the server for {url} exited with {process.returncode}:\n{log.read_text()}"
            )
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.25)
    pytest.fail(f"{url} did not answer within {START_TIMEOUT:.0f} s:\n{log.read_text()}")


def stop(process: subprocess.Popen[bytes]) -> None:
    """Terminate a server, killing it if it does not stop within 15 s."""
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


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
