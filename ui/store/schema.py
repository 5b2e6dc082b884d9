"""The library's tables (SQLAlchemy Core). The migrations in ``migrations/`` create them.

* ``scenarios``: one row per saved scenario, with its owner and a ``version`` that every
  change raises (a save that expected an older version is a conflict, never an overwrite);
  ``deleted_at`` marks a deletion that can still be undone.
* ``scenario_versions``: every saved state of every scenario (history, restore).
* ``shares``: who else may read or edit a scenario (a named user or a team).
* ``audit_log``: who created, changed, shared, exported or deleted what and when, and every
  attempt the store refused.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    text,
)

MAX_NAME_LENGTH = 200
MAX_USER_LENGTH = 320  # an e-mail address at its longest

metadata = MetaData()

scenarios = Table(
    "scenarios",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("owner", String(MAX_USER_LENGTH), nullable=False, index=True),
    Column("name", String(MAX_NAME_LENGTH), nullable=False),
    Column("document", Text, nullable=False),
    Column("version", Integer, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("updated_by", String(MAX_USER_LENGTH), nullable=False),
    Column("deleted_at", DateTime(timezone=True), nullable=True),
    Index(
        "uq_scenarios_live_name",
        "owner",
        "name",
        unique=True,
        sqlite_where=text("deleted_at IS NULL"),
        postgresql_where=text("deleted_at IS NULL"),
    ),
)

scenario_versions = Table(
    "scenario_versions",
    metadata,
    Column(
        "scenario_id",
        Integer,
        ForeignKey("scenarios.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("version", Integer, primary_key=True),
    Column("name", String(MAX_NAME_LENGTH), nullable=False),
    Column("document", Text, nullable=False),
    Column("saved_at", DateTime(timezone=True), nullable=False),
    Column("saved_by", String(MAX_USER_LENGTH), nullable=False),
)

shares = Table(
    "shares",
    metadata,
    Column(
        "scenario_id",
        Integer,
        ForeignKey("scenarios.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("grantee_kind", String(8), primary_key=True),
    Column("grantee", String(MAX_USER_LENGTH), primary_key=True),
    Column("can_edit", Boolean, nullable=False),
    Column("granted_by", String(MAX_USER_LENGTH), nullable=False),
    Column("granted_at", DateTime(timezone=True), nullable=False),
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at", DateTime(timezone=True), nullable=False, index=True),
    Column("actor", String(MAX_USER_LENGTH), nullable=False, index=True),
    Column("action", String(16), nullable=False),
    Column("outcome", String(8), nullable=False),
    # No foreign key: the log outlives the scenarios it names.
    Column("scenario_id", Integer, nullable=True, index=True),
    Column("scenario_owner", String(MAX_USER_LENGTH), nullable=True),
    Column("detail", Text, nullable=False),
)
