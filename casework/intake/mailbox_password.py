"""A mailbox's password: from the OS keyring, or from a file only its owner may read. Never
from the settings file, which staff may be shown."""

from __future__ import annotations

import stat

from casework.errors import EnvironmentFailure
from casework.settings import Mailbox


class MailboxPasswordMissing(EnvironmentFailure):
    """The password cannot be had; the message says where it was looked for."""


def mailbox_password(mailbox: Mailbox) -> str:
    """The password of `mailbox`, or MailboxPasswordMissing in words an administrator acts on."""
    if mailbox.keyring_service is not None:
        return _from_keyring(mailbox.keyring_service, mailbox.user)
    assert mailbox.password_file is not None  # the settings require one of the two
    path = mailbox.password_file
    try:
        mode = path.stat().st_mode
        if mode & (stat.S_IRWXG | stat.S_IRWXO):
            raise MailboxPasswordMissing(
                f"The password file {path} may be read by others; make it the owner's only "
                f"(chmod 600 {path}).")
        text = path.read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise MailboxPasswordMissing(
            f"The password file {path} cannot be read ({exc.strerror}).") from exc
    if not text:
        raise MailboxPasswordMissing(f"The password file {path} is empty.")
    return text.splitlines()[0]


def _from_keyring(service: str, user: str) -> str:
    # Imported here: loading the OS keyring's backend is only worth it for a mailbox using it.
    import keyring
    from keyring.errors import KeyringError

    try:
        password = keyring.get_password(service, user)
    except KeyringError as exc:
        raise MailboxPasswordMissing(f"The OS keyring cannot be read ({exc}).") from exc
    if not password:
        raise MailboxPasswordMissing(
            f"The OS keyring has no password for {user} under {service!r}; store it with "
            f"`keyring set {service} {user}`.")
    return password
