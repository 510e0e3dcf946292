"""A mailbox poller in its own process, for the kill -9 test:
python -m tests.intake.mailbox_process DB_URL STORE PORT PASSWORD_FILE.

It polls until the folder is empty, saying "taken N" after each message it keeps."""

from __future__ import annotations

import sys
from pathlib import Path

from casework.db.database import Database
from casework.intake.mailbox_poller import MailboxPoller
from casework.settings import Mailbox
from casework.store import DocumentStore
from casework.workspace import Workspace
from ocr import ReadSettings
from tests.support.imap_server import USER


def main() -> None:
    url, store, port, password = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    ws = Workspace(Database(url), DocumentStore(store))
    mailbox = Mailbox(host="127.0.0.1", user=USER, port=port, tls="none",
                      password_file=Path(password))
    poller = MailboxPoller(ws, ReadSettings(), mailbox)
    while poller.poll():
        pass


if __name__ == "__main__":
    main()
