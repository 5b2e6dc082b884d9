"""The scenario library: named scenarios kept in a database through SQLAlchemy.

SQLite in the user's data folder by default; set ``ALLIANCE_ADVISOR_DB_URL`` (or pass a
URL) to use another file or a shared PostgreSQL database, e.g.
``postgresql+psycopg://user:password@host/alliances`` (the driver must be installed).
Scenarios are stored as their JSON documents and validated again when loaded.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import platformdirs
from sqlalchemy import DateTime, Integer, String, Text, create_engine, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker

from engine import Scenario, ScenarioError, dump_scenario, load_scenario_text

DB_URL_ENV = "ALLIANCE_ADVISOR_DB_URL"
APP_NAME = "alliance-advisor"
MAX_NAME_LENGTH = 200


class LibraryError(Exception):
    """A library operation that cannot be done; the message says why in plain words."""


class DuplicateNameError(LibraryError):
    """A scenario with that name is already saved."""


class NotFoundError(LibraryError):
    """No saved scenario has that name."""


class InvalidNameError(LibraryError):
    """A name that is empty or too long."""


class _Base(DeclarativeBase):
    pass


class _SavedScenarioRow(_Base):
    __tablename__ = "saved_scenarios"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(MAX_NAME_LENGTH), unique=True, index=True)
    document: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


@dataclass(frozen=True, slots=True)
class SavedScenario:
    """One entry of the library listing."""

    name: str
    title: str | None
    created_at: datetime
    updated_at: datetime


def default_url() -> str:
    """The library's database URL: the environment variable, else SQLite in the data folder."""
    configured = os.environ.get(DB_URL_ENV, "").strip()
    if configured:
        return configured
    folder = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'library.db'}"


def _clean_name(name: str) -> str:
    cleaned = " ".join(name.split())
    if not cleaned:
        raise InvalidNameError("a saved scenario needs a name")
    if len(cleaned) > MAX_NAME_LENGTH:
        raise InvalidNameError(f"names are at most {MAX_NAME_LENGTH} characters")
    return cleaned


def _now() -> datetime:
    return datetime.now(UTC)


class ScenarioLibrary:
    """Named scenarios in a database: save, rename, load, delete and list.

    Example:
        >>> from engine import load_scenario_text
        >>> library = ScenarioLibrary("sqlite://")
        >>> library.save("  Pilot ", load_scenario_text("schema_version: 1"))
        'Pilot'
        >>> [entry.name for entry in library.entries()]
        ['Pilot']
    """

    def __init__(self, url: str | None = None) -> None:
        """Open (and if needed create) the library at a database URL.

        Args:
            url: a SQLAlchemy URL; ``default_url()`` when omitted.
        """
        self.url = url or default_url()
        self._engine = create_engine(self.url)
        _Base.metadata.create_all(self._engine)
        self._sessions = sessionmaker(self._engine, expire_on_commit=False)

    def _row(self, session: Session, name: str) -> _SavedScenarioRow:
        row = session.scalar(select(_SavedScenarioRow).where(_SavedScenarioRow.name == name))
        if row is None:
            raise NotFoundError(f"no saved scenario is called {name!r}")
        return row

    def save(self, name: str, scenario: Scenario, *, replace: bool = False) -> str:
        """Save a scenario under a name.

        Args:
            name: the name (surrounding and repeated spaces are dropped).
            scenario: the scenario to keep.
            replace: overwrite a scenario saved under the same name.

        Returns:
            The name as saved.

        Raises:
            InvalidNameError: the name is empty or too long.
            DuplicateNameError: the name is taken and ``replace`` is false.
        """
        name = _clean_name(name)
        document = dump_scenario(scenario, json_format=True)
        with self._sessions.begin() as session:
            existing = session.scalar(
                select(_SavedScenarioRow).where(_SavedScenarioRow.name == name)
            )
            if existing is not None:
                if not replace:
                    raise DuplicateNameError(f"a scenario called {name!r} is already saved")
                existing.document = document
                existing.updated_at = _now()
                return name
            now = _now()
            session.add(
                _SavedScenarioRow(name=name, document=document, created_at=now, updated_at=now)
            )
            try:
                session.flush()
            except IntegrityError as exc:  # another session saved the same name meanwhile
                raise DuplicateNameError(f"a scenario called {name!r} is already saved") from exc
        return name

    def rename(self, old: str, new: str) -> str:
        """Give a saved scenario another name.

        Returns:
            The new name as saved.

        Raises:
            NotFoundError: nothing is saved under ``old``.
            InvalidNameError: the new name is empty or too long.
            DuplicateNameError: the new name is taken.
        """
        new = _clean_name(new)
        with self._sessions.begin() as session:
            row = self._row(session, old)
            if new == row.name:
                return new
            if session.scalar(select(_SavedScenarioRow.id).where(_SavedScenarioRow.name == new)):
                raise DuplicateNameError(f"a scenario called {new!r} is already saved")
            row.name = new
            row.updated_at = _now()
            try:
                session.flush()
            except IntegrityError as exc:
                raise DuplicateNameError(f"a scenario called {new!r} is already saved") from exc
        return new

    def load(self, name: str) -> Scenario:
        """The scenario saved under a name.

        Raises:
            NotFoundError: nothing is saved under that name.
            ScenarioError: the stored document no longer satisfies the contract.
        """
        with self._sessions() as session:
            document = self._row(session, name).document
        return load_scenario_text(document, f"saved scenario {name!r}", json_format=True)

    def document(self, name: str) -> str:
        """The stored JSON text of a saved scenario.

        Raises:
            NotFoundError: nothing is saved under that name.
        """
        with self._sessions() as session:
            return self._row(session, name).document

    def delete(self, name: str) -> None:
        """Remove a saved scenario.

        Raises:
            NotFoundError: nothing is saved under that name.
        """
        with self._sessions.begin() as session:
            session.delete(self._row(session, name))

    def entries(self) -> list[SavedScenario]:
        """Every saved scenario, most recently changed first."""
        with self._sessions() as session:
            rows = session.scalars(
                select(_SavedScenarioRow).order_by(
                    _SavedScenarioRow.updated_at.desc(), _SavedScenarioRow.name
                )
            ).all()
            result = []
            for row in rows:
                try:
                    title = load_scenario_text(row.document, row.name, json_format=True).name
                except ScenarioError:  # a damaged row still lists, and reports on load
                    title = None
                result.append(SavedScenario(row.name, title, row.created_at, row.updated_at))
            return result

    def names(self) -> list[str]:
        """Every saved name, alphabetically."""
        with self._sessions() as session:
            return list(
                session.scalars(select(_SavedScenarioRow.name).order_by(_SavedScenarioRow.name))
            )

    def __len__(self) -> int:
        """How many scenarios are saved."""
        with self._sessions() as session:
            return session.scalar(select(func.count()).select_from(_SavedScenarioRow)) or 0

    def close(self) -> None:
        """Release the database connections."""
        self._engine.dispose()


__all__ = [
    "DB_URL_ENV",
    "DuplicateNameError",
    "InvalidNameError",
    "LibraryError",
    "NotFoundError",
    "SavedScenario",
    "ScenarioLibrary",
    "default_url",
]
