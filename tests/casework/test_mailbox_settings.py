"""[[mailbox]] in the settings file: read into typed values, mistakes named with their line."""

from __future__ import annotations

from pathlib import Path

import pytest

from casework.errors import SettingsError
from casework.paths import app_paths
from casework.settings import Mailbox, load_settings


def _write(text: str) -> None:
    path = app_paths().config_file
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_mailboxes_are_read_with_their_defaults(isolated_home: Path) -> None:
    _write("""
version = 1
[[mailbox]]
host = "mail.example.org"
user = "faxes@example.org"
password_file = "~/mailbox-password"

[[mailbox]]
host = "pbx.example.org"
user = "voicemail"
tls = "starttls"
folder = "Voicemail"
processed_folder = "Voicemail/Taken"
keyring_service = "intake-workstation"
poll_seconds = 30
""")
    first, second = load_settings().mailboxes
    assert first == Mailbox(host="mail.example.org", user="faxes@example.org", port=993,
                            password_file=Path("~/mailbox-password").expanduser())
    assert first.name == "faxes@example.org@mail.example.org"
    assert (second.port, second.tls, second.folder, second.processed_folder) == (
        143, "starttls", "Voicemail", "Voicemail/Taken")
    assert second.keyring_service == "intake-workstation" and second.poll_seconds == 30.0


@pytest.mark.parametrize(("entry", "words"), [
    ('host = "m"\nuser = "u"', "password_file"),
    ('host = "m"\nuser = "u"\npassword_file = "p"\ntls = "maybe"', "ssl, starttls or none"),
    ('host = "m"\nuser = "u"\npassword_file = "p"\npassword = "secret"', "unknown setting"),
    ('user = "u"\npassword_file = "p"', "needs a host"),
])
def test_a_wrong_mailbox_is_refused_with_the_reason(isolated_home: Path, entry: str,
                                                   words: str) -> None:
    _write(f"version = 1\n[[mailbox]]\n{entry}\n")
    with pytest.raises(SettingsError, match=words):
        load_settings()
