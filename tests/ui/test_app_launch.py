"""``alliance-advisor app`` leaves Streamlit's configuration to Streamlit.

It passes on only the options the user gave, so ``STREAMLIT_*`` environment variables and
config files keep working; the app's own settings apply wherever it is started; and a
server started without a terminal never waits at Streamlit's first-run "Email:" question.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from ui.cli import main
from ui.cli.app_launch import ENTRY, streamlit_command

START_TIMEOUT = 90.0


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_no_option_given_passes_no_streamlit_option():
    assert streamlit_command() == [sys.executable, "-m", "streamlit", "run", str(ENTRY)]


def test_port_and_headless_are_passed_when_given():
    command = streamlit_command(port=8600, headless=True)
    assert command[5:] == ["--server.port", "8600", "--server.headless", "true"]
    assert streamlit_command(headless=False)[5:] == ["--server.headless", "false"]


def test_the_app_verb_becomes_streamlit_with_its_options(monkeypatch):
    started: list[list[str]] = []

    def execv(path: str, command: list[str]) -> None:
        assert path == command[0]
        started.append(command)

    monkeypatch.setattr(os, "execv", execv)
    assert main(["app"]) == 0
    assert main(["app", "--port", "8700", "--headless"]) == 0
    assert started == [streamlit_command(), streamlit_command(8700, True)]


def test_the_apps_settings_ship_beside_the_entry_script():
    config = (ENTRY.parent / ".streamlit" / "config.toml").read_text(encoding="utf-8")
    assert "showEmailPrompt = false" in config
    assert "gatherUsageStats = false" in config


def test_started_elsewhere_without_a_terminal_it_serves_on_the_environments_port(tmp_path: Path):
    """No credentials file, not headless, no terminal: Streamlit would ask for an email."""
    port = _free_port()
    env = {
        **os.environ,
        "HOME": str(tmp_path),  # no ~/.streamlit/credentials.toml
        "STREAMLIT_SERVER_PORT": str(port),
        "STREAMLIT_SERVER_HEADLESS": "false",
        "BROWSER": "true",  # the browser Streamlit opens is /bin/true
        "ALLIANCE_ADVISOR_DB_URL": f"sqlite:///{tmp_path / 'library.db'}",
    }
    log = tmp_path / "app.log"
    with log.open("wb") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "ui.cli", "app"],
            cwd=tmp_path,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + START_TIMEOUT
        healthy = False
        while time.monotonic() < deadline and not healthy:
            if server.poll() is not None:
                pytest.fail(f"the app exited with {server.returncode}:\n{log.read_text()}")
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/_stcore/health", timeout=2
                ) as response:
                    healthy = response.status == 200
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.25)
        assert healthy, log.read_text()
    finally:
        server.terminate()
        server.wait(timeout=30)
    # The launcher became the server, so stopping it stopped the server: nothing listens.
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2)
    output = log.read_text()
    assert "Email" not in output
    # The app's config was read from beside the entry script: usage statistics are off,
    # so Streamlit does not announce that it collects them.
    assert "usage statistics" not in output
    assert f":{port}" in output
