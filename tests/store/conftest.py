"""Fixtures for the store's tests: the library on SQLite and on a real PostgreSQL server.

Every test that takes ``library_url`` (or ``library``) runs twice, once per database. The
PostgreSQL server is started once for the session (see ``pg_server``); where it cannot start,
those runs are skipped with the reason, and a banner at the end of the run says so.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))  # makes pg_server importable

import pg_server  # noqa: E402

from ui.store.library import ScenarioLibrary  # noqa: E402

_SKIPPED: list[str] = []


@pytest.fixture(scope="session")
def postgres() -> Iterator[pg_server.Server]:
    """A PostgreSQL server for the whole run (skips, loudly, where none can start)."""
    try:
        server = pg_server.start()
    except pg_server.Unavailable as exc:
        _SKIPPED.append(str(exc))
        pytest.skip(f"POSTGRESQL UNAVAILABLE, store tests on PostgreSQL SKIPPED: {exc}")
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def library_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty library database: a SQLite file, or a fresh database on the test server."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'library.db'}"
    server: pg_server.Server = request.getfixturevalue("postgres")
    return server.new_database()


@pytest.fixture
def library(library_url: str) -> Iterator[ScenarioLibrary]:
    store = ScenarioLibrary(library_url)
    yield store
    store.close()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if _SKIPPED:
        terminalreporter.section("POSTGRESQL TESTS SKIPPED", sep="!", red=True, bold=True)
        terminalreporter.line(f"No PostgreSQL server could be started: {_SKIPPED[0]}")
        terminalreporter.line("Install Debian's postgresql package (./dev test does, as root).")
