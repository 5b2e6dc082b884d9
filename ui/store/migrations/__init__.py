"""Alembic migrations of the library's schema; applied by ``ui.store.database.migrate``."""
