"""Private scenario libraries: owners, versions, history, shares and the audit log.

A database made before migrations existed has one table, ``saved_scenarios`` (names unique
across everyone). Its scenarios are kept: they become the local user's, at version 1.

Revision ID: 0001
Revises: none
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

LOCAL_USER = "local"
_NAME = 200
_USER = 320


def upgrade() -> None:
    """Create the four tables; move scenarios from a pre-migration library."""
    op.create_table(
        "scenarios",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("owner", sa.String(_USER), nullable=False, index=True),
        sa.Column("name", sa.String(_NAME), nullable=False),
        sa.Column("document", sa.Text, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(_USER), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index(
        "uq_scenarios_live_name",
        "scenarios",
        ["owner", "name"],
        unique=True,
        sqlite_where=sa.text("deleted_at IS NULL"),
        postgresql_where=sa.text("deleted_at IS NULL"),
    )
    op.create_table(
        "scenario_versions",
        sa.Column(
            "scenario_id",
            sa.Integer,
            sa.ForeignKey("scenarios.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("version", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(_NAME), nullable=False),
        sa.Column("document", sa.Text, nullable=False),
        sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("saved_by", sa.String(_USER), nullable=False),
    )
    op.create_table(
        "shares",
        sa.Column(
            "scenario_id",
            sa.Integer,
            sa.ForeignKey("scenarios.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("grantee_kind", sa.String(8), primary_key=True),
        sa.Column("grantee", sa.String(_USER), primary_key=True),
        sa.Column("can_edit", sa.Boolean, nullable=False),
        sa.Column("granted_by", sa.String(_USER), nullable=False),
        sa.Column("granted_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False, index=True),
        sa.Column("actor", sa.String(_USER), nullable=False, index=True),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("outcome", sa.String(8), nullable=False),
        sa.Column("scenario_id", sa.Integer, nullable=True, index=True),
        sa.Column("scenario_owner", sa.String(_USER), nullable=True),
        sa.Column("detail", sa.Text, nullable=False),
    )
    _adopt_old_library()


def _adopt_old_library() -> None:
    bind = op.get_bind()
    if not sa.inspect(bind).has_table("saved_scenarios"):
        return
    old = sa.table(
        "saved_scenarios",
        sa.column("name", sa.String),
        sa.column("document", sa.Text),
        sa.column("created_at", sa.DateTime(timezone=True)),
        sa.column("updated_at", sa.DateTime(timezone=True)),
    )
    scenarios = sa.table(
        "scenarios",
        sa.column("id", sa.Integer),
        sa.column("owner", sa.String),
        sa.column("name", sa.String),
        sa.column("document", sa.Text),
        sa.column("version", sa.Integer),
        sa.column("created_at", sa.DateTime(timezone=True)),
        sa.column("updated_at", sa.DateTime(timezone=True)),
        sa.column("updated_by", sa.String),
    )
    versions = sa.table(
        "scenario_versions",
        sa.column("scenario_id", sa.Integer),
        sa.column("version", sa.Integer),
        sa.column("name", sa.String),
        sa.column("document", sa.Text),
        sa.column("saved_at", sa.DateTime(timezone=True)),
        sa.column("saved_by", sa.String),
    )
    now = datetime.now(UTC)
    for row in bind.execute(sa.select(old)).mappings().all():
        changed = row["updated_at"] or now
        new_id = bind.execute(
            sa.insert(scenarios)
            .values(
                owner=LOCAL_USER,
                name=row["name"],
                document=row["document"],
                version=1,
                created_at=row["created_at"] or now,
                updated_at=changed,
                updated_by=LOCAL_USER,
            )
            .returning(scenarios.c.id)
        ).scalar_one()
        bind.execute(
            sa.insert(versions).values(
                scenario_id=new_id,
                version=1,
                name=row["name"],
                document=row["document"],
                saved_at=changed,
                saved_by=LOCAL_USER,
            )
        )
    op.drop_table("saved_scenarios")


def downgrade() -> None:
    """Drop the four tables (the scenarios in them are lost)."""
    for table in ("audit_log", "shares", "scenario_versions", "scenarios"):
        op.drop_table(table)
