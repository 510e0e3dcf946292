"""Taking messages from an IMAP mailbox: each message once, moved to the processed folder on
the server only after the store and the database hold it, never deleted.

A message is known by its folder's UIDVALIDITY and its UID, recorded in the transaction that
records the message (and by its Message-ID, so a copy under a new UID is not taken again).
A poller killed between that commit and the move finds the message recorded on its next pass
and only moves it. A broken connection is retried with growing waits; `status` says so.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import ssl
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from imapclient import DELETED, IMAPClient
from imapclient.exceptions import IMAPClientError
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from casework.actor import SYSTEM
from casework.db.mail_models import MailboxMessage
from casework.errors import EnvironmentFailure
from casework.intake.mail_intake import take_message
from casework.intake.mailbox_password import mailbox_password
from casework.intake.taking import TakenFile
from casework.settings import Mailbox
from casework.workspace import Workspace
from ocr import ReadSettings

log = logging.getLogger(__name__)
BACKOFF = (timedelta(seconds=10), timedelta(seconds=30), timedelta(minutes=2),
           timedelta(minutes=5), timedelta(minutes=15))
TIMEOUT_S = 30.0
FETCH_BATCH = 20  # messages fetched per round trip


@dataclass(frozen=True)
class MailboxStatus:
    """How a mailbox stands, for the status bar: `state` is connected | retrying | waiting."""

    mailbox: str
    state: str
    taken: int = 0
    error: str | None = None
    next_try: datetime | None = None

    def line(self) -> str:
        """The status bar's words."""
        if self.state == "retrying" and self.next_try is not None:
            return (f"Mailbox {self.mailbox}: cannot connect ({self.error}); trying again at "
                    f"{self.next_try.astimezone():%H:%M:%S}")
        return f"Mailbox {self.mailbox}: {self.taken} messages taken"


class MailboxPoller:
    """Polls one mailbox: `poll()` takes what is waiting; `run_due()` polls when it is time,
    and after a failure waits longer each time (BACKOFF)."""

    def __init__(self, ws: Workspace, reading: ReadSettings, mailbox: Mailbox,
                 on_status: Callable[[MailboxStatus], None] | None = None,
                 clock: Callable[[], datetime] | None = None) -> None:
        self.ws, self.reading, self.mailbox = ws, reading, mailbox
        self.on_status = on_status
        self.clock = clock or (lambda: datetime.now(UTC))  # when to poll, not domain time
        self.failures = 0
        self.next_poll = self.clock()
        self.status = MailboxStatus(mailbox.name, "waiting")
        self._taken = 0

    def run_due(self) -> list[TakenFile]:
        """Poll if it is time; a failure is reported and retried later, never raised."""
        if self.clock() < self.next_poll:
            return []
        try:
            taken = self.poll()
        except (OSError, IMAPClientError, ssl.SSLError, EnvironmentFailure) as exc:
            wait = BACKOFF[min(self.failures, len(BACKOFF) - 1)]
            self.failures += 1
            self.next_poll = self.clock() + wait
            self._report(MailboxStatus(self.mailbox.name, "retrying", self._taken,
                                       _words(exc), self.next_poll))
            log.warning("mailbox %s: %s; next try in %s", self.mailbox.name, _words(exc), wait)
            return []
        self.failures = 0
        self.next_poll = self.clock() + timedelta(seconds=self.mailbox.poll_seconds)
        self._taken += len(taken)
        self._report(MailboxStatus(self.mailbox.name, "connected", self._taken))
        return taken

    def poll(self) -> list[TakenFile]:
        """Connect, take every message waiting in the folder, move each away; raises on a
        broken connection (what was taken stays taken)."""
        with self._connect() as client:
            selected = client.select_folder(self.mailbox.folder)
            validity = int(selected[b"UIDVALIDITY"])
            if not client.folder_exists(self.mailbox.processed_folder):
                client.create_folder(self.mailbox.processed_folder)
            taken: list[TakenFile] = []
            uids = sorted(client.search(["UNDELETED"]))
            self._settle_moved(validity, set(uids))
            for start in range(0, len(uids), FETCH_BATCH):
                batch = uids[start:start + FETCH_BATCH]
                for uid in batch:
                    recorded = self._recorded(validity, uid)
                    if recorded is None:
                        fetched = client.fetch([uid], ["BODY.PEEK[]", "INTERNALDATE"])
                        if uid not in fetched:
                            continue  # moved away by another poller meanwhile
                        result = self._take(validity, uid, fetched[uid])
                        if result is not None:
                            taken.append(result)
                    self._move(client, validity, uid)
            return taken

    def _settle_moved(self, validity: int, present: set[int]) -> None:
        """Recorded messages no longer in the folder were moved by a pass that stopped before
        it could say so (killed between the server's move and the database's note)."""
        with self.ws.db.write() as session:
            for row in session.scalars(select(MailboxMessage).where(
                    MailboxMessage.mailbox == self.mailbox.name,
                    MailboxMessage.folder == self.mailbox.folder,
                    MailboxMessage.uid_validity == validity,
                    MailboxMessage.moved_at.is_(None))):
                if row.uid not in present:
                    row.moved_at = self.ws.now()

    def _connect(self) -> IMAPClient:
        box = self.mailbox
        context = ssl.create_default_context()
        client = IMAPClient(box.host, port=box.port, ssl=box.tls == "ssl",
                            ssl_context=context if box.tls == "ssl" else None,
                            timeout=TIMEOUT_S)
        client.normalise_times = False  # INTERNALDATE with its offset, not as local time
        try:
            if box.tls == "starttls":
                client.starttls(context)
            client.login(box.user, mailbox_password(box))
        except BaseException:
            _close(client)
            raise
        return client

    def _recorded(self, validity: int, uid: int) -> MailboxMessage | None:
        with self.ws.db.read() as session:
            return session.scalar(select(MailboxMessage).where(
                MailboxMessage.mailbox == self.mailbox.name,
                MailboxMessage.folder == self.mailbox.folder,
                MailboxMessage.uid_validity == validity, MailboxMessage.uid == uid))

    def _take(self, validity: int, uid: int, data: dict[bytes, Any]) -> TakenFile | None:
        """Keep the message and record its UID in one transaction; None when it was taken
        before (its Message-ID is known) or another poller recorded it first."""
        raw = bytes(data.get(b"BODY[]") or b"")
        arrived = _as_utc(data.get(b"INTERNALDATE"))
        known = self._known_message_id(raw)
        if known is not None:
            self._record_copy(validity, uid, known)
            return None
        with tempfile.TemporaryDirectory(prefix="intake-mail-") as folder:
            path = Path(folder) / f"{self.mailbox.folder}-{validity}-{uid}.eml"
            path.write_bytes(raw)

            def record(session: Session, message_id: int) -> None:
                session.add(MailboxMessage(
                    mailbox=self.mailbox.name, folder=self.mailbox.folder,
                    uid_validity=validity, uid=uid, message_id=_message_id(raw),
                    mail_message_id=message_id, taken_at=self.ws.now()))
                session.flush()  # a second poller's row for the same UID fails here

            try:
                return take_message(self.ws, SYSTEM, path, self.mailbox.source, self.reading,
                                     server_received_at=arrived, on_recorded=record)
            except IntegrityError:
                log.info("mailbox %s: message %s was taken by another intake service",
                         self.mailbox.name, uid)
                return None

    def _known_message_id(self, raw: bytes) -> int | None:
        message_id = _message_id(raw)
        if not message_id:
            return None
        with self.ws.db.read() as session:
            return session.scalar(select(MailboxMessage.mail_message_id).where(
                MailboxMessage.mailbox == self.mailbox.name,
                MailboxMessage.message_id == message_id).limit(1))

    def _record_copy(self, validity: int, uid: int, mail_message_id: int) -> None:
        """A message already taken under another UID: recorded, so it is only moved."""
        try:
            with self.ws.db.write() as session:
                session.add(MailboxMessage(
                    mailbox=self.mailbox.name, folder=self.mailbox.folder,
                    uid_validity=validity, uid=uid, message_id="",
                    mail_message_id=mail_message_id, taken_at=self.ws.now()))
        except IntegrityError:
            pass  # another poller recorded it

    def _move(self, client: IMAPClient, validity: int, uid: int) -> None:
        """Move a recorded message to the processed folder, then say so in the database."""
        if client.has_capability("MOVE"):
            client.move([uid], self.mailbox.processed_folder)
        else:  # an older server: copy, then take out of this folder only this message
            client.copy([uid], self.mailbox.processed_folder)
            client.add_flags([uid], [DELETED])
            if client.has_capability("UIDPLUS"):
                client.uid_expunge([uid])
            # Without UIDPLUS it stays flagged (and is passed over): a plain EXPUNGE would
            # also remove messages others flagged.
        with self.ws.db.write() as session:
            row = session.scalar(select(MailboxMessage).where(
                MailboxMessage.mailbox == self.mailbox.name,
                MailboxMessage.folder == self.mailbox.folder,
                MailboxMessage.uid_validity == validity, MailboxMessage.uid == uid))
            if row is not None and row.moved_at is None:
                row.moved_at = self.ws.now()

    def _report(self, status: MailboxStatus) -> None:
        self.status = status
        if self.on_status is not None:
            self.on_status(status)


def _message_id(raw: bytes) -> str:
    """The Message-ID header, read from the raw header block (cheap, before parsing)."""
    head = raw.split(b"\r\n\r\n", 1)[0].split(b"\n\n", 1)[0]
    for line in head.replace(b"\r\n", b"\n").replace(b"\n ", b" ").replace(b"\n\t", b" ") \
            .split(b"\n"):
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"message-id":
            return value.strip().decode("ascii", "replace")[:998]
    return ""


def _as_utc(value: object) -> datetime | None:
    if not isinstance(value, datetime):
        return None
    return value.astimezone(UTC) if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _words(exc: BaseException) -> str:
    if isinstance(exc, socket.timeout | TimeoutError):
        return "the server did not answer in time"
    if isinstance(exc, ConnectionRefusedError):
        return "the server refused the connection"
    text = str(exc).strip() or type(exc).__name__
    return text[:200]


def _close(client: IMAPClient) -> None:
    with contextlib.suppress(OSError, IMAPClientError):
        client.shutdown()
