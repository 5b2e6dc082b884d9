"""Alembic's environment: run the migrations on the connection the store hands over.

The store calls Alembic in-process (``ui.store.database.migrate``) with an open connection in
``config.attributes["connection"]``; there is no alembic.ini. On PostgreSQL the migration
takes a transaction-scoped advisory lock, so replicas starting together migrate one at a time.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import text

ADVISORY_LOCK_ID = 0x414C4C59  # any fixed number shared by every replica

connection = context.config.attributes["connection"]
context.configure(connection=connection, render_as_batch=True)
with context.begin_transaction():
    if connection.dialect.name == "postgresql":
        connection.execute(text(f"SELECT pg_advisory_xact_lock({ADVISORY_LOCK_ID})"))
    context.run_migrations()
