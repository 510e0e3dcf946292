"""Open a workspace from settings: the database (migrated) and the document store."""

from __future__ import annotations

from casework.db.database import Database
from casework.db.migrate import upgrade
from casework.plan.rulebook import Rulebook, load_rulebook
from casework.private_files import private_folder, tighten
from casework.settings import Settings
from casework.store import DocumentStore
from casework.workspace import Now, Workspace, system_now


def open_workspace(settings: Settings, *, migrate: bool = True, now: Now = system_now,
                   rules: Rulebook | None = None) -> Workspace:
    """Read the plan's rules (a bad site file is refused by name and line), connect to the
    configured database, apply pending migrations, and open the store. `rules` already read
    (by a caller that checked them at start-up) are used as they are."""
    rules = rules if rules is not None else load_rulebook(settings.rules_folder)
    make_folders_private(settings)
    db = Database(settings.database_url)
    if migrate:
        upgrade(db)
    return Workspace(db=db, store=DocumentStore(settings.store_root), now=now, rules=rules,
                     sign_in=settings.sign_in)


def make_folders_private(settings: Settings) -> None:
    """Create the data and store folders owner-only, and tighten (with a log line) any of the
    program's folders found open to other accounts: they hold member data."""
    private_folder(settings.paths.data_dir)
    private_folder(settings.store_root)
    for folder in (settings.paths.config_file.parent, settings.paths.state_dir,
                   settings.paths.log_dir):
        tighten(folder)
    tighten(settings.paths.config_file)
