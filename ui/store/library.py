"""The scenario library: private, shareable, versioned scenarios in a SQL database.

SQLite in the user's data folder by default (one person); set ``ALLIANCE_ADVISOR_DB_URL``
(or pass a URL) for a shared PostgreSQL database, e.g.
``postgresql+psycopg://user:password@host/alliances`` (install the ``postgresql`` extra).
The schema is migrated (Alembic) when the library opens.

Every call names the ``Actor`` it acts for, and the store itself decides what that actor
may do (see ``ui.store.access``): nobody can list, load, change, share or delete a scenario
that is not theirs or shared with them, whatever the page shows. Each refused attempt is
written to the audit log, as are creations, changes, shares, exports and deletions.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta
from typing import Any, TypeVar

from sqlalchemy import Connection, RowMapping, delete, insert, or_, select, update

from engine import Scenario, dump_scenario, load_scenario_text
from ui.store.access import GRANTEE_KINDS, Access, Actor, access_of
from ui.store.database import default_url, migrate, open_engine
from ui.store.queries import (
    Refused,
    aware,
    check_free,
    conflict_error,
    fetch,
    grantee_is,
    grants,
    grants_of,
    insert_scenario,
    keep_version,
    log_event,
    now,
)
from ui.store.records import (
    AccessDeniedError,
    AuditEvent,
    ConflictError,
    DuplicateNameError,
    Entry,
    InvalidNameError,
    InvalidShareError,
    LibraryError,
    Loaded,
    NotFoundError,
    ShareInfo,
    UndoExpiredError,
    VersionInfo,
)
from ui.store.schema import (
    MAX_NAME_LENGTH,
    MAX_USER_LENGTH,
    audit_log,
    scenario_versions,
    scenarios,
    shares,
)

UNDO_WINDOW = timedelta(minutes=10)
T = TypeVar("T")


def _clean_name(name: str) -> str:
    cleaned = " ".join(name.split())
    if not cleaned:
        raise InvalidNameError("a saved scenario needs a name")
    if len(cleaned) > MAX_NAME_LENGTH:
        raise InvalidNameError(f"names are at most {MAX_NAME_LENGTH} characters")
    return cleaned


def _title(document: str) -> str | None:
    try:
        name = json.loads(document).get("name")
    except (ValueError, AttributeError):  # a damaged row still lists, and reports on load
        return None
    return name if isinstance(name, str) else None


def _entry(row: RowMapping, access: Access) -> Entry:
    return Entry(
        id=row["id"],
        name=row["name"],
        title=_title(row["document"]),
        owner=row["owner"],
        version=row["version"],
        access=access,
        created_at=aware(row["created_at"]),
        updated_at=aware(row["updated_at"]),
        updated_by=row["updated_by"],
    )


class ScenarioLibrary:
    """Saved scenarios with owners, shares, versions, undoable deletion and an audit log.

    Example:
        >>> from engine import load_scenario_text
        >>> from ui.store.access import Actor
        >>> library = ScenarioLibrary("sqlite://")
        >>> ann, bob = Actor("ann"), Actor("bob")
        >>> pilot = library.create(ann, "  Pilot ", load_scenario_text("schema_version: 1"))
        >>> pilot.name, pilot.version
        ('Pilot', 1)
        >>> [e.name for e in library.entries(ann)], library.entries(bob)
        (['Pilot'], [])
    """

    def __init__(self, url: str | None = None, *, undo_window: timedelta = UNDO_WINDOW) -> None:
        """Open the library at a database URL, migrating its schema to the newest version.

        Args:
            url: a SQLAlchemy URL; ``default_url()`` when omitted.
            undo_window: how long a deleted scenario can be brought back.
        """
        self.url = url or default_url()
        self.undo_window = undo_window
        self._engine = open_engine(self.url)
        migrate(self._engine)

    # -- plumbing ---------------------------------------------------------------------------

    def _run(self, actor: Actor, action: str, scenario_id: int | None, work: Callable[..., T]) -> T:
        try:
            with self._engine.begin() as connection:
                return work(connection)
        except Refused as refused:
            self._record(actor, action, refused.outcome, scenario_id, refused.owner, refused.error)
            raise refused.error from None

    def _record(
        self,
        actor: Actor,
        action: str,
        outcome: str,
        scenario_id: int | None,
        owner: str | None,
        detail: object,
    ) -> None:
        with self._engine.begin() as connection:
            log_event(connection, actor, action, outcome, scenario_id, owner, str(detail))

    def _require(
        self, connection: Connection, actor: Actor, scenario_id: int, needed: Access, doing: str
    ) -> RowMapping:
        row = (
            connection.execute(select(scenarios).where(scenarios.c.id == scenario_id))
            .mappings()
            .first()
        )
        if row is None or row["deleted_at"] is not None:
            raise Refused(
                AccessDeniedError(
                    f"scenario {scenario_id} does not exist or is not shared with you"
                ),
                "denied",
                row["owner"] if row is not None else None,
            )
        access = access_of(actor, row["owner"], grants(connection, scenario_id))
        if access == Access.NONE:
            raise Refused(
                AccessDeniedError(
                    f"scenario {scenario_id} does not exist or is not shared with you"
                ),
                "denied",
                row["owner"],
            )
        if access < needed:
            why = "only its owner can" if needed == Access.OWNER else "it is shared with you"
            rest = f"{doing} it" if needed == Access.OWNER else "read-only"
            raise Refused(
                AccessDeniedError(f"{row['name']!r}: {why} {rest}"), "denied", row["owner"]
            )
        return row

    # -- creating and changing ---------------------------------------------------------------

    def create(self, actor: Actor, name: str, scenario: Scenario) -> Entry:
        """Save a scenario as a new entry owned by ``actor``.

        Raises:
            InvalidNameError: the name is empty or too long.
            DuplicateNameError: the actor already has a scenario of that name.
        """
        name = _clean_name(name)
        document = dump_scenario(scenario, json_format=True)

        def work(connection: Connection) -> Entry:
            check_free(connection, actor.user, name, None)
            moment = now()
            values = {
                "owner": actor.user,
                "name": name,
                "document": document,
                "version": 1,
                "created_at": moment,
                "updated_at": moment,
                "updated_by": actor.user,
            }
            new_id = insert_scenario(connection, values, name)
            keep_version(connection, new_id, 1, name, document, moment, actor.user)
            log_event(connection, actor, "create", "ok", new_id, actor.user, f"created {name!r}")
            return _entry(fetch(connection, new_id), Access.OWNER)

        return self._run(actor, "create", None, work)

    def save(
        self, actor: Actor, scenario_id: int, scenario: Scenario, *, expected_version: int
    ) -> Entry:
        """Save new contents over a scenario the actor may edit, as its next version.

        Args:
            actor: who saves.
            scenario_id: the entry's id.
            scenario: the new contents.
            expected_version: the version the actor loaded; if the stored one has moved on,
                nothing is written.

        Raises:
            AccessDeniedError: the actor may not edit it (or it does not exist for them).
            ConflictError: someone saved it since ``expected_version``.
        """
        document = dump_scenario(scenario, json_format=True)
        return self._change(actor, scenario_id, expected_version, "change", {"document": document})

    def rename(
        self, actor: Actor, scenario_id: int, new_name: str, *, expected_version: int
    ) -> Entry:
        """Give a scenario the actor may edit another name (a new version, same contents).

        Raises:
            InvalidNameError: the new name is empty or too long.
            DuplicateNameError: the owner already has a scenario of that name.
            AccessDeniedError: the actor may not edit it.
            ConflictError: someone saved it since ``expected_version``.
        """
        return self._change(
            actor, scenario_id, expected_version, "rename", {"name": _clean_name(new_name)}
        )

    def restore(
        self, actor: Actor, scenario_id: int, version: int, *, expected_version: int
    ) -> Entry:
        """Make an earlier version's name and contents the newest version.

        Raises:
            NotFoundError: the history has no such version.
            AccessDeniedError: the actor may not edit it.
            ConflictError: someone saved it since ``expected_version``.
        """

        def old(connection: Connection) -> dict[str, Any]:
            row = connection.execute(
                select(scenario_versions.c.name, scenario_versions.c.document).where(
                    scenario_versions.c.scenario_id == scenario_id,
                    scenario_versions.c.version == version,
                )
            ).first()
            if row is None:
                raise Refused(
                    NotFoundError(f"scenario {scenario_id} has no version {version}"),
                    "failed",
                    None,
                )
            return {"name": row.name, "document": row.document}

        return self._change(actor, scenario_id, expected_version, "restore", old)

    def _change(
        self,
        actor: Actor,
        scenario_id: int,
        expected: int,
        action: str,
        values: dict[str, Any] | Callable[[Connection], dict[str, Any]],
    ) -> Entry:
        def work(connection: Connection) -> Entry:
            row = self._require(connection, actor, scenario_id, Access.EDIT, "change")
            new = dict(values(connection) if callable(values) else values)
            name = new.get("name", row["name"])
            if name != row["name"]:
                check_free(connection, row["owner"], name, scenario_id)
            moment = now()
            changed = connection.execute(
                update(scenarios)
                .where(scenarios.c.id == scenario_id, scenarios.c.version == expected)
                .values(**new, version=expected + 1, updated_at=moment, updated_by=actor.user)
            )
            if changed.rowcount != 1:
                raise Refused(conflict_error(row, expected), "conflict", row["owner"])
            document = new.get("document", row["document"])
            keep_version(connection, scenario_id, expected + 1, name, document, moment, actor.user)
            detail = f"{action} {row['name']!r} to version {expected + 1}"
            if name != row["name"]:
                detail += f" (now {name!r})"
            log_event(connection, actor, "change", "ok", scenario_id, row["owner"], detail)
            return _entry(fetch(connection, scenario_id), Access.OWNER)

        entry = self._run(actor, action, scenario_id, work)
        return self.entry(actor, entry.id)

    # -- reading ------------------------------------------------------------------------------

    def entries(self, actor: Actor) -> list[Entry]:
        """The actor's own scenarios and those shared with them, most recently changed first."""
        with self._engine.connect() as connection:
            shared_ids = select(shares.c.scenario_id).where(grantee_is(actor))
            rows = (
                connection.execute(
                    select(scenarios)
                    .where(
                        scenarios.c.deleted_at.is_(None),
                        or_(scenarios.c.owner == actor.user, scenarios.c.id.in_(shared_ids)),
                    )
                    .order_by(scenarios.c.updated_at.desc(), scenarios.c.name, scenarios.c.id)
                )
                .mappings()
                .all()
            )
            grants = grants_of(connection, [row["id"] for row in rows])
            return [
                _entry(row, access_of(actor, row["owner"], grants.get(row["id"], [])))
                for row in rows
            ]

    def entry(self, actor: Actor, scenario_id: int) -> Entry:
        """One scenario's entry as the actor sees it.

        Raises:
            AccessDeniedError: it does not exist or is not shared with the actor.
        """

        def work(connection: Connection) -> Entry:
            row = self._require(connection, actor, scenario_id, Access.READ, "read")
            return _entry(row, access_of(actor, row["owner"], grants(connection, scenario_id)))

        return self._run(actor, "read", scenario_id, work)

    def find(self, actor: Actor, name: str) -> Entry | None:
        """The actor's own scenario called ``name``, if any."""
        try:
            name = _clean_name(name)
        except InvalidNameError:
            return None
        for entry in self.entries(actor):
            if entry.owner == actor.user and entry.name == name:
                return entry
        return None

    def load(self, actor: Actor, scenario_id: int) -> Loaded:
        """A scenario the actor may read, with the version it was read at.

        Raises:
            AccessDeniedError: it does not exist or is not shared with the actor.
            ScenarioError: the stored document no longer satisfies the contract.
        """

        def work(connection: Connection) -> Loaded:
            row = self._require(connection, actor, scenario_id, Access.READ, "read")
            entry = _entry(row, access_of(actor, row["owner"], grants(connection, scenario_id)))
            scenario = load_scenario_text(
                row["document"], f"saved scenario {row['name']!r}", json_format=True
            )
            return Loaded(entry, scenario)

        return self._run(actor, "load", scenario_id, work)

    def export(self, actor: Actor, scenario_id: int) -> str:
        """The stored JSON document of a scenario the actor may read (logged as an export).

        Raises:
            AccessDeniedError: it does not exist or is not shared with the actor.
        """

        def work(connection: Connection) -> str:
            row = self._require(connection, actor, scenario_id, Access.READ, "export")
            log_event(
                connection,
                actor,
                "export",
                "ok",
                scenario_id,
                row["owner"],
                f"exported {row['name']!r} version {row['version']}",
            )
            return str(row["document"])

        return self._run(actor, "export", scenario_id, work)

    def history(self, actor: Actor, scenario_id: int) -> list[VersionInfo]:
        """Every saved version of a scenario the actor may read, newest first."""

        def work(connection: Connection) -> list[VersionInfo]:
            self._require(connection, actor, scenario_id, Access.READ, "read")
            rows = connection.execute(
                select(scenario_versions)
                .where(scenario_versions.c.scenario_id == scenario_id)
                .order_by(scenario_versions.c.version.desc())
            ).mappings()
            return [
                VersionInfo(r["version"], r["name"], aware(r["saved_at"]), r["saved_by"])
                for r in rows
            ]

        return self._run(actor, "history", scenario_id, work)

    # -- sharing ------------------------------------------------------------------------------

    def share(
        self, actor: Actor, scenario_id: int, kind: str, grantee: str, *, can_edit: bool = False
    ) -> ShareInfo:
        """Let a named user or a team read (or also edit) one of the actor's scenarios.

        Sharing again with the same grantee replaces the earlier share.

        Raises:
            InvalidShareError: an unknown kind, an empty or overlong grantee, or the owner.
            AccessDeniedError: the actor does not own the scenario.
        """
        grantee = grantee.strip()
        if kind not in GRANTEE_KINDS:
            raise InvalidShareError(f"share with a {' or a '.join(GRANTEE_KINDS)}, not {kind!r}")
        if not grantee or len(grantee) > MAX_USER_LENGTH:
            raise InvalidShareError(
                f"name a {kind} to share with (at most {MAX_USER_LENGTH} characters)"
            )

        def work(connection: Connection) -> ShareInfo:
            row = self._require(connection, actor, scenario_id, Access.OWNER, "share")
            if kind == "user" and grantee == row["owner"]:
                raise InvalidShareError("the owner already has every right")
            key = (shares.c.scenario_id == scenario_id) & (shares.c.grantee_kind == kind)
            connection.execute(delete(shares).where(key, shares.c.grantee == grantee))
            connection.execute(
                insert(shares).values(
                    scenario_id=scenario_id,
                    grantee_kind=kind,
                    grantee=grantee,
                    can_edit=can_edit,
                    granted_by=actor.user,
                    granted_at=now(),
                )
            )
            right = "edit" if can_edit else "read"
            detail = f"shared {row['name']!r} with {kind} {grantee!r} ({right})"
            log_event(connection, actor, "share", "ok", scenario_id, row["owner"], detail)
            return ShareInfo(kind, grantee, can_edit)

        return self._run(actor, "share", scenario_id, work)

    def unshare(self, actor: Actor, scenario_id: int, kind: str, grantee: str) -> None:
        """Withdraw a share of one of the actor's scenarios (nothing happens if there is none).

        Raises:
            AccessDeniedError: the actor does not own the scenario.
        """

        def work(connection: Connection) -> None:
            row = self._require(connection, actor, scenario_id, Access.OWNER, "unshare")
            connection.execute(
                delete(shares).where(
                    shares.c.scenario_id == scenario_id,
                    shares.c.grantee_kind == kind,
                    shares.c.grantee == grantee.strip(),
                )
            )
            detail = f"stopped sharing {row['name']!r} with {kind} {grantee.strip()!r}"
            log_event(connection, actor, "share", "ok", scenario_id, row["owner"], detail)

        self._run(actor, "unshare", scenario_id, work)

    def shares(self, actor: Actor, scenario_id: int) -> list[ShareInfo]:
        """Who one of the actor's scenarios is shared with.

        Raises:
            AccessDeniedError: the actor does not own the scenario.
        """

        def work(connection: Connection) -> list[ShareInfo]:
            self._require(connection, actor, scenario_id, Access.OWNER, "see the shares of")
            return [ShareInfo(*grant) for grant in grants(connection, scenario_id)]

        return self._run(actor, "shares", scenario_id, work)

    # -- deleting -----------------------------------------------------------------------------

    def delete(self, actor: Actor, scenario_id: int) -> Entry:
        """Delete one of the actor's scenarios; ``undo_delete`` brings it back for a while.

        Raises:
            AccessDeniedError: the actor does not own the scenario.
        """

        def work(connection: Connection) -> Entry:
            row = self._require(connection, actor, scenario_id, Access.OWNER, "delete")
            connection.execute(
                update(scenarios).where(scenarios.c.id == scenario_id).values(deleted_at=now())
            )
            detail = f"deleted {row['name']!r} (undo possible for {self.undo_window})"
            log_event(connection, actor, "delete", "ok", scenario_id, row["owner"], detail)
            return _entry(row, Access.OWNER)

        entry = self._run(actor, "delete", scenario_id, work)
        self.purge_expired()
        return entry

    def deleted(self, actor: Actor) -> list[Entry]:
        """The actor's deleted scenarios that can still be brought back, latest first."""
        cutoff = now() - self.undo_window
        with self._engine.connect() as connection:
            rows = connection.execute(
                select(scenarios)
                .where(
                    scenarios.c.owner == actor.user,
                    scenarios.c.deleted_at.is_not(None),
                    scenarios.c.deleted_at > cutoff,
                )
                .order_by(scenarios.c.deleted_at.desc())
            ).mappings()
            return [_entry(row, Access.OWNER) for row in rows]

    def undo_delete(self, actor: Actor, scenario_id: int) -> Entry:
        """Bring back one of the actor's deleted scenarios within the undo window.

        Raises:
            NotFoundError: the actor has no deleted scenario with that id.
            UndoExpiredError: it was deleted longer ago than the undo window.
            DuplicateNameError: the actor has since saved another scenario of that name.
        """

        def work(connection: Connection) -> Entry:
            row = (
                connection.execute(select(scenarios).where(scenarios.c.id == scenario_id))
                .mappings()
                .first()
            )
            if row is None or row["owner"] != actor.user or row["deleted_at"] is None:
                owner = row["owner"] if row is not None else None
                raise Refused(
                    NotFoundError(f"you have no deleted scenario {scenario_id}"), "denied", owner
                )
            if aware(row["deleted_at"]) <= now() - self.undo_window:
                raise Refused(
                    UndoExpiredError(f"{row['name']!r} was deleted too long ago to bring back"),
                    "failed",
                    row["owner"],
                )
            check_free(connection, actor.user, row["name"], scenario_id)
            connection.execute(
                update(scenarios).where(scenarios.c.id == scenario_id).values(deleted_at=None)
            )
            log_event(
                connection,
                actor,
                "undelete",
                "ok",
                scenario_id,
                actor.user,
                f"brought back {row['name']!r}",
            )
            return _entry(fetch(connection, scenario_id), Access.OWNER)

        return self._run(actor, "undelete", scenario_id, work)

    def purge_expired(self) -> int:
        """Remove for good the scenarios deleted longer ago than the undo window; how many."""
        cutoff = now() - self.undo_window
        with self._engine.begin() as connection:
            gone = connection.execute(
                delete(scenarios).where(
                    scenarios.c.deleted_at.is_not(None), scenarios.c.deleted_at <= cutoff
                )
            )
            return int(gone.rowcount)

    # -- the audit log ------------------------------------------------------------------------

    def audit(self, actor: Actor) -> list[AuditEvent]:
        """What the actor did, and what anyone did (or tried) with the actor's scenarios."""
        with self._engine.connect() as connection:
            rows = connection.execute(
                select(audit_log)
                .where(
                    or_(audit_log.c.actor == actor.user, audit_log.c.scenario_owner == actor.user)
                )
                .order_by(audit_log.c.id)
            ).mappings()
            return [
                AuditEvent(
                    aware(r["at"]),
                    r["actor"],
                    r["action"],
                    r["outcome"],
                    r["scenario_id"],
                    r["detail"],
                )
                for r in rows
            ]

    def close(self) -> None:
        """Release the database connections."""
        self._engine.dispose()


__all__ = [
    "UNDO_WINDOW",
    "AccessDeniedError",
    "ConflictError",
    "DuplicateNameError",
    "InvalidNameError",
    "InvalidShareError",
    "LibraryError",
    "NotFoundError",
    "ScenarioLibrary",
    "UndoExpiredError",
]
