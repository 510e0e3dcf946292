"""What a command needs: settings and a lazily opened workspace, plus the acting account."""

from __future__ import annotations

import getpass
from dataclasses import dataclass, field

from casework.actor import Actor
from casework.bootstrap import open_workspace
from casework.permissions import Role
from casework.plan.rulebook import Rulebook
from casework.settings import Settings
from casework.workspace import Workspace


@dataclass
class CommandContext:
    settings: Settings
    rules: Rulebook | None = None  # read and checked at start-up
    _workspace: Workspace | None = field(default=None, repr=False)

    @property
    def workspace(self) -> Workspace:
        if self._workspace is None:
            self._workspace = open_workspace(self.settings, rules=self.rules)
        return self._workspace

    def close(self) -> None:
        if self._workspace is not None:
            self._workspace.db.dispose()


def console_actor() -> Actor:
    """Whoever can run commands on this machine administers it; the trail names their login."""
    try:
        login = getpass.getuser()
    except (KeyError, OSError):
        login = "unknown"
    return Actor(username=f"console:{login}"[:64], role=Role.ADMIN)


def acting_person(ctx: CommandContext, username: str) -> Actor:
    """The staff member a casework command acts for (`--as`), else the console as supervisor.

    Case work needs a case-working role, which the administrator's role lacks by design;
    whoever runs commands on this machine is trusted as a supervisor and named in the trail.
    """
    if username:
        from casework.users import actor_for

        return actor_for(ctx.workspace, username)
    console = console_actor()
    return Actor(username=console.username, role=Role.SUPERVISOR)
