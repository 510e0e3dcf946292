"""What a command needs: settings and a lazily opened workspace, plus the signed-in person."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from dataclasses import dataclass, field

from casework.actor import Actor
from casework.bootstrap import open_workspace
from casework.errors import AuthenticationFailed
from casework.plan.rulebook import Rulebook
from casework.settings import Settings
from casework.workspace import Workspace

PASSWORD_VARIABLE = "INTAKE_PASSWORD"


@dataclass
class CommandContext:
    settings: Settings
    rules: Rulebook | None = None  # read and checked at start-up
    _workspace: Workspace | None = field(default=None, repr=False)
    _signed_in: Actor | None = field(default=None, repr=False)

    @property
    def workspace(self) -> Workspace:
        if self._workspace is None:
            self._workspace = open_workspace(self.settings, rules=self.rules)
        return self._workspace

    def close(self) -> None:
        if self._workspace is not None:
            self._workspace.db.dispose()


def os_login() -> str:
    """The computer account running this command, recorded in the trail beside the person."""
    try:
        return getpass.getuser()[:64]
    except (KeyError, OSError):
        return "unknown"


def named_user(args: argparse.Namespace) -> str:
    """The user name given with `--as`, or an empty string."""
    return str(getattr(args, "as_user", "") or "").strip()


def signed_in(ctx: CommandContext, args: argparse.Namespace) -> Actor:
    """The person named by `--as`, signed in with their password (INTAKE_PASSWORD or a
    prompt). Every command that reads member data or changes anything acts through this."""
    if ctx._signed_in is not None:
        return ctx._signed_in
    username = named_user(args)
    if not username:
        raise AuthenticationFailed(
            "This command acts as a signed-in person: add --as USER (the password is asked "
            f"for, or read from {PASSWORD_VARIABLE}).")
    from casework.users import authenticate

    actor = authenticate(ctx.workspace, username, _password_for(username)).at_console(os_login())
    ctx._signed_in = actor
    return actor


def _password_for(username: str) -> str:
    given = os.environ.get(PASSWORD_VARIABLE)
    if given is not None:
        return given
    if not sys.stdin.isatty():
        raise AuthenticationFailed(
            f"No password for {username}: set {PASSWORD_VARIABLE} or run the command at a "
            "terminal to be asked.")
    return getpass.getpass(f"Password for {username}: ")
