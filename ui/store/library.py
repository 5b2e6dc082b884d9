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
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

from sqlalchemy import Connection, RowMapping, and_, delete, insert, or_, select, update
from sqlalchemy.exc import IntegrityError

from engine import Scenario, dump_scenario, load_scenario_text
from ui.store.access import GRANTEE_KINDS, Access, Actor, access_of
from ui.store.database import default_url, migrate, open_engine
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


class _Refused(Exception):
    """Raised inside a transaction; the transaction is rolled back, then the attempt logged."""

    def __init__(self, error: LibraryError, outcome: str, owner: str | None) -> None:
        self.error, self.outcome, self.owner = error, outcome, owner


def _now() -> datetime:
    return datetime.now(UTC)


def _aware(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; they were stored in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


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
        created_at=_aware(row["created_at"]),
        updated_at=_aware(row["updated_at"]),
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
        except _Refused as refused:
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
            _log(connection, actor, action, outcome, scenario_id, owner, str(detail))

    def _require(
        self, connection: Connection, actor: Actor, scenario_id: int, needed: Access, doing: str
    ) -> RowMapping:
        row = (
            connection.execute(select(scenarios).where(scenarios.c.id == scenario_id))
            .mappings()
            .first()
        )
        if row is None or row["deleted_at"] is not None:
            raise _Refused(
                AccessDeniedError(
                    f"scenario {scenario_id} does not exist or is not shared with you"
                ),
                "denied",
                row["owner"] if row is not None else None,
            )
        access = access_of(actor, row["owner"], _grants(connection, scenario_id))
        if access == Access.NONE:
            raise _Refused(
                AccessDeniedError(
                    f"scenario {scenario_id} does not exist or is not shared with you"
                ),
                "denied",
                row["owner"],
            )
        if access < needed:
            why = "only its owner can" if needed == Access.OWNER else "it is shared with you"
            rest = f"{doing} it" if needed == Access.OWNER else "read-only"
            raise _Refused(
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
            _check_free(connection, actor.user, name, None)
            now = _now()
            values = {
                "owner": actor.user,
                "name": name,
                "document": document,
                "version": 1,
                "created_at": now,
                "updated_at": now,
                "updated_by": actor.user,
            }
            new_id = _insert_id(connection, values, name)
            _keep_version(connection, new_id, 1, name, document, now, actor.user)
            _log(connection, actor, "create", "ok", new_id, actor.user, f"created {name!r}")
            return _entry(_fetch(connection, new_id), Access.OWNER)

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
                raise _Refused(
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
                _check_free(connection, row["owner"], name, scenario_id)
            now = _now()
            changed = connection.execute(
                update(scenarios)
                .where(scenarios.c.id == scenario_id, scenarios.c.version == expected)
                .values(**new, version=expected + 1, updated_at=now, updated_by=actor.user)
            )
            if changed.rowcount != 1:
                raise _Refused(_conflict(row, expected), "conflict", row["owner"])
            document = new.get("document", row["document"])
            _keep_version(connection, scenario_id, expected + 1, name, document, now, actor.user)
            detail = f"{action} {row['name']!r} to version {expected + 1}"
            if name != row["name"]:
                detail += f" (now {name!r})"
            _log(connection, actor, "change", "ok", scenario_id, row["owner"], detail)
            return _entry(_fetch(connection, scenario_id), Access.OWNER)

        entry = self._run(actor, action, scenario_id, work)
        return self.entry(actor, entry.id)

    # -- reading ------------------------------------------------------------------------------

    def entries(self, actor: Actor) -> list[Entry]:
        """The actor's own scenarios and those shared with them, most recently changed first."""
        with self._engine.connect() as connection:
            shared_ids = select(shares.c.scenario_id).where(_grantee_is(actor))
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
            grants = _grants_of(connection, [row["id"] for row in rows])
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
            return _entry(row, access_of(actor, row["owner"], _grants(connection, scenario_id)))

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
            entry = _entry(row, access_of(actor, row["owner"], _grants(connection, scenario_id)))
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
            _log(
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
                VersionInfo(r["version"], r["name"], _aware(r["saved_at"]), r["saved_by"])
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
                    granted_at=_now(),
                )
            )
            right = "edit" if can_edit else "read"
            detail = f"shared {row['name']!r} with {kind} {grantee!r} ({right})"
            _log(connection, actor, "share", "ok", scenario_id, row["owner"], detail)
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
            _log(connection, actor, "share", "ok", scenario_id, row["owner"], detail)

        self._run(actor, "unshare", scenario_id, work)

    def shares(self, actor: Actor, scenario_id: int) -> list[ShareInfo]:
        """Who one of the actor's scenarios is shared with.

        Raises:
            AccessDeniedError: the actor does not own the scenario.
        """

        def work(connection: Connection) -> list[ShareInfo]:
            self._require(connection, actor, scenario_id, Access.OWNER, "see the shares of")
            return [ShareInfo(*grant) for grant in _grants(connection, scenario_id)]

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
                update(scenarios).where(scenarios.c.id == scenario_id).values(deleted_at=_now())
            )
            detail = f"deleted {row['name']!r} (undo possible for {self.undo_window})"
            _log(connection, actor, "delete", "ok", scenario_id, row["owner"], detail)
            return _entry(row, Access.OWNER)

        entry = self._run(actor, "delete", scenario_id, work)
        self.purge_expired()
        return entry

    def deleted(self, actor: Actor) -> list[Entry]:
        """The actor's deleted scenarios that can still be brought back, latest first."""
        cutoff = _now() - self.undo_window
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
                raise _Refused(
                    NotFoundError(f"you have no deleted scenario {scenario_id}"), "denied", owner
                )
            if _aware(row["deleted_at"]) <= _now() - self.undo_window:
                raise _Refused(
                    UndoExpiredError(f"{row['name']!r} was deleted too long ago to bring back"),
                    "failed",
                    row["owner"],
                )
            _check_free(connection, actor.user, row["name"], scenario_id)
            connection.execute(
                update(scenarios).where(scenarios.c.id == scenario_id).values(deleted_at=None)
            )
            _log(
                connection,
                actor,
                "undelete",
                "ok",
                scenario_id,
                actor.user,
                f"brought back {row['name']!r}",
            )
            return _entry(_fetch(connection, scenario_id), Access.OWNER)

        return self._run(actor, "undelete", scenario_id, work)

    def purge_expired(self) -> int:
        """Remove for good the scenarios deleted longer ago than the undo window; how many."""
        cutoff = _now() - self.undo_window
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
                    _aware(r["at"]),
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


# -- helpers on an open connection ------------------------------------------------------------


def _fetch(connection: Connection, scenario_id: int) -> RowMapping:
    return (
        connection.execute(select(scenarios).where(scenarios.c.id == scenario_id)).mappings().one()
    )


def _insert_id(connection: Connection, values: dict[str, Any], name: str) -> int:
    try:
        return int(
            connection.execute(
                insert(scenarios).values(**values).returning(scenarios.c.id)
            ).scalar_one()
        )
    except IntegrityError as exc:  # another replica saved the same name meanwhile
        raise _Refused(
            DuplicateNameError(f"you already have a scenario called {name!r}"), "failed", None
        ) from exc


def _check_free(connection: Connection, owner: str, name: str, except_id: int | None) -> None:
    query = select(scenarios.c.id).where(
        scenarios.c.owner == owner, scenarios.c.name == name, scenarios.c.deleted_at.is_(None)
    )
    if except_id is not None:
        query = query.where(scenarios.c.id != except_id)
    if connection.execute(query).first() is not None:
        raise _Refused(
            DuplicateNameError(f"a scenario called {name!r} is already saved"), "failed", owner
        )


def _keep_version(
    connection: Connection,
    scenario_id: int,
    version: int,
    name: str,
    document: str,
    at: datetime,
    by: str,
) -> None:
    connection.execute(
        insert(scenario_versions).values(
            scenario_id=scenario_id,
            version=version,
            name=name,
            document=document,
            saved_at=at,
            saved_by=by,
        )
    )


def _grantee_is(actor: Actor) -> Any:
    return or_(
        and_(shares.c.grantee_kind == "user", shares.c.grantee == actor.user),
        and_(shares.c.grantee_kind == "team", shares.c.grantee.in_(sorted(actor.teams))),
    )


def _grants(connection: Connection, scenario_id: int) -> list[tuple[str, str, bool]]:
    return _grants_of(connection, [scenario_id]).get(scenario_id, [])


def _grants_of(
    connection: Connection, ids: Sequence[int]
) -> dict[int, list[tuple[str, str, bool]]]:
    found: dict[int, list[tuple[str, str, bool]]] = {}
    if not ids:
        return found
    rows = connection.execute(
        select(shares.c.scenario_id, shares.c.grantee_kind, shares.c.grantee, shares.c.can_edit)
        .where(shares.c.scenario_id.in_(list(ids)))
        .order_by(shares.c.grantee_kind, shares.c.grantee)
    )
    for scenario_id, kind, grantee, can_edit in rows:
        found.setdefault(scenario_id, []).append((kind, grantee, bool(can_edit)))
    return found


def _conflict(row: RowMapping, expected: int) -> ConflictError:
    return ConflictError(
        row["name"], expected, row["version"], row["updated_by"], _aware(row["updated_at"])
    )


def _log(
    connection: Connection,
    actor: Actor,
    action: str,
    outcome: str,
    scenario_id: int | None,
    owner: str | None,
    detail: str,
) -> None:
    connection.execute(
        insert(audit_log).values(
            at=_now(),
            actor=actor.user,
            action=action,
            outcome=outcome,
            scenario_id=scenario_id,
            scenario_owner=owner,
            detail=detail,
        )
    )


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
