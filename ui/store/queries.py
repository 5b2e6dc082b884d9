"""Queries on an open connection that the library's operations share.

``Refused`` is raised inside a transaction when the store will not do something; the
library rolls the transaction back, writes the attempt to the audit log, and raises the
``LibraryError`` it carries.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, RowMapping, and_, insert, or_, select
from sqlalchemy.exc import IntegrityError

from ui.store.access import Actor
from ui.store.records import ConflictError, DuplicateNameError, LibraryError
from ui.store.schema import audit_log, scenario_versions, scenarios, shares


class Refused(Exception):
    """Raised inside a transaction; the transaction is rolled back, then the attempt logged."""

    def __init__(self, error: LibraryError, outcome: str, owner: str | None) -> None:
        self.error, self.outcome, self.owner = error, outcome, owner


def now() -> datetime:
    """The current time in UTC."""
    return datetime.now(UTC)


def aware(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; they were stored in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def fetch(connection: Connection, scenario_id: int) -> RowMapping:
    """The scenario row with this id (it must exist)."""
    return (
        connection.execute(select(scenarios).where(scenarios.c.id == scenario_id)).mappings().one()
    )


def insert_scenario(connection: Connection, values: dict[str, Any], name: str) -> int:
    """Insert a scenario row; its id. A name taken meanwhile is refused."""
    try:
        return int(
            connection.execute(
                insert(scenarios).values(**values).returning(scenarios.c.id)
            ).scalar_one()
        )
    except IntegrityError as exc:  # another replica saved the same name meanwhile
        raise Refused(
            DuplicateNameError(f"you already have a scenario called {name!r}"), "failed", None
        ) from exc


def check_free(connection: Connection, owner: str, name: str, except_id: int | None) -> None:
    """Refuse a name the owner already uses for another live scenario."""
    query = select(scenarios.c.id).where(
        scenarios.c.owner == owner, scenarios.c.name == name, scenarios.c.deleted_at.is_(None)
    )
    if except_id is not None:
        query = query.where(scenarios.c.id != except_id)
    if connection.execute(query).first() is not None:
        raise Refused(
            DuplicateNameError(f"a scenario called {name!r} is already saved"), "failed", owner
        )


def keep_version(
    connection: Connection,
    scenario_id: int,
    version: int,
    name: str,
    document: str,
    at: datetime,
    by: str,
) -> None:
    """Keep one saved state in the scenario's history."""
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


def grantee_is(actor: Actor) -> Any:
    """The condition on ``shares`` that a share reaches this actor (by name or team)."""
    return or_(
        and_(shares.c.grantee_kind == "user", shares.c.grantee == actor.user),
        and_(shares.c.grantee_kind == "team", shares.c.grantee.in_(sorted(actor.teams))),
    )


def grants(connection: Connection, scenario_id: int) -> list[tuple[str, str, bool]]:
    """One scenario's shares as (kind, grantee, can_edit)."""
    return grants_of(connection, [scenario_id]).get(scenario_id, [])


def grants_of(connection: Connection, ids: Sequence[int]) -> dict[int, list[tuple[str, str, bool]]]:
    """The shares of several scenarios, by scenario id."""
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


def conflict_error(row: RowMapping, expected: int) -> ConflictError:
    """The error for a save that expected an older version than ``row`` holds."""
    return ConflictError(
        row["name"], expected, row["version"], row["updated_by"], aware(row["updated_at"])
    )


def log_event(
    connection: Connection,
    actor: Actor,
    action: str,
    outcome: str,
    scenario_id: int | None,
    owner: str | None,
    detail: str,
) -> None:
    """Write one line of the audit log."""
    connection.execute(
        insert(audit_log).values(
            at=now(),
            actor=actor.user,
            action=action,
            outcome=outcome,
            scenario_id=scenario_id,
            scenario_owner=owner,
            detail=detail,
        )
    )
