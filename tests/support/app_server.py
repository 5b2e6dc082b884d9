"""The app served by ``streamlit run`` on a free loopback port, for real-browser checks.

Shared by the browser test and the screenshot script; it never downloads a browser
(Debian's ``/usr/bin/chromium`` is driven through Playwright).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.support.paths import ROOT

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


class ServerError(RuntimeError):
    """The app did not start; the message holds its log."""


def free_port() -> int:
    """A TCP port nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until_answering(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    """Wait until ``url`` answers 200; raise ``ServerError`` with the log if the process exits
    or the address never answers within ``START_TIMEOUT``."""
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ServerError(
                f"the server for {url} exited with {process.returncode}:\n{log.read_text()}"
            )
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.25)
    raise ServerError(f"{url} did not answer within {START_TIMEOUT:.0f} s:\n{log.read_text()}")


def stop(process: subprocess.Popen[bytes]) -> None:
    """Terminate a server, killing it if it does not stop within 15 s."""
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _wait_healthy(server: subprocess.Popen[bytes], port: int, log: Path) -> None:
    wait_until_answering(f"http://127.0.0.1:{port}/_stcore/health", server, log)


@contextmanager
def serve_app(work: Path, *, port: int | None = None, cwd: Path | None = None) -> Iterator[str]:
    """Run the app with a library in ``work``; yield its address; stop it afterwards.

    ``port`` (default: a free one) and ``cwd`` (default: the project folder, where Streamlit
    looks for ``.streamlit/secrets.toml``) are for tests that configure sign-in.
    """
    port = port or free_port()
    log = work / "streamlit.log"
    env = {
        **os.environ,
        "ALLIANCE_ADVISOR_DB_URL": f"sqlite:///{work / 'library.db'}",
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
            command, cwd=cwd or ROOT, env=env, stdout=output, stderr=subprocess.STDOUT
        )
        try:
            _wait_healthy(process, port, log)
            yield f"http://127.0.0.1:{port}"
        finally:
            stop(process)


__all__ = [
    "CHROMIUM",
    "CHROMIUM_ARGS",
    "ServerError",
    "free_port",
    "serve_app",
    "wait_until_answering",
]
