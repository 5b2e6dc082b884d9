"""Where the library lives and how its database is opened: URL, engine settings, migrations.

SQLite (one person, the default) is opened in WAL mode with ``synchronous=FULL`` and a
``busy_timeout``:

* WAL lets the app's readers go on while a save is written, and a crash (even ``kill -9``)
  mid-save leaves the last committed state intact.
* ``FULL`` syncs the WAL on every commit, so a save the page has acknowledged survives a
  power cut too; ``NORMAL`` would be just as safe against a crashed process but may lose the
  last commits on power loss. A library takes a few saves a minute, so the extra sync per
  commit costs nothing anyone notices.
* ``busy_timeout`` makes a writer wait (up to 5 s) for another process's write instead of
  failing at once with "database is locked".

PostgreSQL (a team, several app replicas) needs the ``postgresql`` extra (psycopg).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import platformdirs
from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

DB_URL_ENV = "ALLIANCE_ADVISOR_DB_URL"
APP_NAME = "alliance-advisor"
BUSY_TIMEOUT_MS = 5000
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
HEAD_REVISION = "0001"


def default_url() -> str:
    """The library's database URL: the environment variable, else SQLite in the data folder."""
    configured = os.environ.get(DB_URL_ENV, "").strip()
    if configured:
        return configured
    folder = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'library.db'}"


def _sqlite_settings(connection: Any, _record: object) -> None:
    cursor = connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute("PRAGMA foreign_keys = ON")
    finally:
        cursor.close()


def open_engine(url: str) -> Engine:
    """A SQLAlchemy engine for the library at ``url``, with SQLite's durability settings.

    Example:
        >>> engine = open_engine("sqlite://")
        >>> with engine.connect() as connection:
        ...     connection.exec_driver_sql("PRAGMA synchronous").scalar()
        2
    """
    if make_url(url).get_backend_name() == "sqlite":
        engine = create_engine(url)
        event.listen(engine, "connect", _sqlite_settings)
        return engine
    return create_engine(url, pool_pre_ping=True)


@contextmanager
def _migration_lock(engine: Engine) -> Iterator[None]:
    """On a SQLite file, one process migrates at a time (PostgreSQL locks in the migration).

    SQLite's driver commits each schema statement on its own, so two processes opening a new
    library together would both try to create the tables; a lock file beside the database
    makes the second wait and then find the schema up to date.
    """
    database = engine.url.database
    if engine.dialect.name != "sqlite" or not database or database == ":memory:":
        yield
        return
    try:
        import fcntl
    except ImportError:  # not POSIX: no lock, as before
        yield
        return
    with open(f"{database}.migrate-lock", "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def migrate(engine: Engine) -> None:
    """Bring the database's schema up to the newest migration (nothing to do if it is)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with _migration_lock(engine), engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def schema_revision(engine: Engine) -> str | None:
    """The migration the database is at, or None if it has none."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


__all__ = [
    "BUSY_TIMEOUT_MS",
    "DB_URL_ENV",
    "HEAD_REVISION",
    "default_url",
    "migrate",
    "open_engine",
    "schema_revision",
]
