"""One exception hierarchy for the domain, worded for the person reading it.

`UserError` is something a person can act on (a refused permission, a bad value, a missing
record); `EnvironmentFailure` is the machine's fault (database gone or locked, disk full, a
tool missing). Anything else escaping a service is a bug and is logged with its traceback.
"""

from __future__ import annotations


class CaseworkError(Exception):
    """Base of every error a face (GUI, CLI) shows as a plain message."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class UserError(CaseworkError):
    """The request cannot be done as asked; the message says why."""


class PermissionDenied(UserError):
    """The acting user's role does not allow this action."""


class NotFound(UserError):
    """A record named by the user does not exist."""


class InvalidValue(UserError):
    """A value given by the user is not acceptable."""


class AuthenticationFailed(UserError):
    """Wrong user name or password, or a disabled account."""


class SettingsError(UserError):
    """The settings file cannot be used; the message names the file, line and reason."""


class EnvironmentFailure(CaseworkError):
    """Something outside the program failed: database, disk, a required tool."""


class DatabaseUnavailable(EnvironmentFailure):
    """The database cannot be reached, is locked, or is not a database we can use."""


class StoreError(EnvironmentFailure):
    """The document store cannot read or write a blob."""


class StoreCorruption(StoreError):
    """A stored blob no longer matches its hash: the file on disk was altered or damaged."""
