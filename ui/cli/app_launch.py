"""The ``streamlit run`` command line that ``alliance-advisor app`` starts.

Only the options the user gave are passed on, so Streamlit's own configuration keeps
working: its environment variables (``STREAMLIT_SERVER_PORT``, ...), the user's
``~/.streamlit/config.toml`` and the app's own settings in ``ui/app/.streamlit/config.toml``
(Streamlit reads that folder beside the entry script wherever the app is started from).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ENTRY = Path(__file__).resolve().parents[1] / "app" / "streamlit_app.py"


def streamlit_command(port: int | None = None, headless: bool | None = None) -> list[str]:
    """The command that serves the app, passing on only the options that were given.

    Args:
        port: the port, or None to leave it to Streamlit's configuration (default 8501).
        headless: whether to open a browser, or None to leave it to Streamlit.

    Returns:
        The argument list for ``subprocess``.

    Example:
        >>> streamlit_command()[-1].endswith("streamlit_app.py")
        True
        >>> streamlit_command(8600, True)[-4:]
        ['--server.port', '8600', '--server.headless', 'true']
    """
    command = [sys.executable, "-m", "streamlit", "run", str(ENTRY)]
    if port is not None:
        command += ["--server.port", str(port)]
    if headless is not None:
        command += ["--server.headless", "true" if headless else "false"]
    return command


def run_streamlit(port: int | None = None, headless: bool | None = None) -> None:
    """Become the Streamlit server (``exec``), so that signals reach it directly.

    A process manager, a reverse proxy's supervisor or ``kill`` then stops the server
    itself, not a launcher that would leave the server running behind it.
    """
    command = streamlit_command(port, headless)
    os.execv(command[0], command)


__all__ = ["ENTRY", "run_streamlit", "streamlit_command"]
