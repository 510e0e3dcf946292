"""Open a workspace from settings: the database (migrated) and the document store."""

from __future__ import annotations

from casework.db.database import Database
from casework.db.migrate import upgrade
from casework.settings import Settings
from casework.store import DocumentStore
from casework.workspace import Now, Workspace, system_now


def open_workspace(settings: Settings, *, migrate: bool = True, now: Now = system_now) -> Workspace:
    """Connect to the configured database, apply pending migrations, and open the store."""
    db = Database(settings.database_url)
    if migrate:
        upgrade(db)
    return Workspace(db=db, store=DocumentStore(settings.store_root), now=now)
