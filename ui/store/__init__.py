"""The scenario library: named scenarios kept in a database (SQLite by default)."""
