"""What the library hands back (entries, versions, shares, audit events) and its errors."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from engine import Scenario
from ui.store.access import Access


class LibraryError(Exception):
    """A library operation that cannot be done; the message says why in plain words."""


class InvalidNameError(LibraryError):
    """A name that is empty or too long."""


class DuplicateNameError(LibraryError):
    """The user already has a scenario of that name."""


class NotFoundError(LibraryError):
    """No such version in a scenario's history, or no deleted scenario to bring back."""


class AccessDeniedError(LibraryError):
    """The actor may not do this with the scenario (or it does not exist for them)."""


class InvalidShareError(LibraryError):
    """A share that names nobody, an unknown kind of grantee, or the owner."""


class UndoExpiredError(LibraryError):
    """The deletion is older than the undo window: the scenario is gone for good."""


class ConflictError(LibraryError):
    """Someone saved the scenario since this user loaded it; nothing was overwritten."""

    def __init__(self, name: str, expected: int, current: int, by: str, at: datetime) -> None:
        self.expected, self.current, self.changed_by, self.changed_at = expected, current, by, at
        super().__init__(
            f"{name!r} was changed by {by} at {at:%Y-%m-%d %H:%M} UTC (version {current}) "
            f"after you loaded version {expected}; your changes were not saved"
        )


@dataclass(frozen=True, slots=True)
class Entry:
    """One saved scenario as a given actor sees it."""

    id: int
    name: str
    title: str | None
    owner: str
    version: int
    access: Access
    created_at: datetime
    updated_at: datetime
    updated_by: str


@dataclass(frozen=True, slots=True)
class Loaded:
    """A scenario read from the library with the entry (and version) it was read at."""

    entry: Entry
    scenario: Scenario


@dataclass(frozen=True, slots=True)
class VersionInfo:
    """One saved state in a scenario's history."""

    version: int
    name: str
    saved_at: datetime
    saved_by: str


@dataclass(frozen=True, slots=True)
class ShareInfo:
    """Who else may use a scenario, and how."""

    kind: str
    grantee: str
    can_edit: bool


@dataclass(frozen=True, slots=True)
class AuditEvent:
    """One line of the audit log."""

    at: datetime
    actor: str
    action: str
    outcome: str
    scenario_id: int | None
    detail: str
