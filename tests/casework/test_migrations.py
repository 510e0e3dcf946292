"""Migrations build the schema on an empty database of either engine."""

from __future__ import annotations

from sqlalchemy import inspect

from casework.db.database import Database
from casework.db.migrate import current_revision, head_revision, upgrade


def test_upgrade_creates_every_table_and_is_repeatable(db_url: str) -> None:
    db = Database(db_url)
    try:
        assert current_revision(db) is None
        upgrade(db)
        upgrade(db)  # a second start applies nothing and breaks nothing
        tables = set(inspect(db.engine).get_table_names())
        assert {
            "users",
            "documents",
            "pages",
            "audit_events",
            "jobs",
            "members",
            "providers",
            "cases",
            "case_clocks",
            "case_documents",
            "case_notes",
            "case_tasks",
        } <= tables
        assert current_revision(db) == head_revision()
    finally:
        db.dispose()


def test_sqlite_runs_in_wal_mode_with_foreign_keys(sqlite_url: str) -> None:
    db = Database(sqlite_url)
    try:
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
    finally:
        db.dispose()
