"""Apply Alembic migrations at start-up and from `main.py db upgrade`."""

from __future__ import annotations

from importlib import resources

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from casework.db.database import Database, translate_errors


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(resources.files("casework.db") / "migrations"))
    return config


def upgrade(db: Database, revision: str = "head") -> None:
    """Bring the database schema up to `revision` (default: the newest)."""
    config = _config()
    with translate_errors(db.display_url), db.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def current_revision(db: Database) -> str | None:
    with translate_errors(db.display_url), db.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str | None:
    return ScriptDirectory.from_config(_config()).get_current_head()
