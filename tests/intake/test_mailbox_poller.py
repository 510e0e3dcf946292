"""Taking messages from a real IMAP server (Dovecot, started by the tests on 127.0.0.1): each
message once, across a restart and a kill -9; moved to the processed folder only after the
store and the database hold it, never deleted; a broken connection retried with backoff."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from casework.db.case_models import Case
from casework.db.mail_models import MailboxMessage, MailMessage
from casework.db.models import Document
from casework.intake.mailbox_poller import MailboxPoller, MailboxStatus
from casework.intake.progress import DocumentUpdate
from casework.intake.runner import RunnerConfig
from casework.intake.service import FolderIntake
from casework.settings import Mailbox, Settings
from casework.workspace import Workspace
from desktop.intake_process import with_mailboxes
from ocr import ReadSettings
from tests.conftest import REPO_ROOT, FixedClock
from tests.intake import mail_samples as samples
from tests.support.imap_server import ImapServer, NoDovecot, start_imap_server

ARRIVED = datetime(2026, 11, 2, 17, 16, tzinfo=UTC)  # a minute after the Date header


@pytest.fixture
def imap() -> Iterator[ImapServer]:
    """A private Dovecot for this test; a machine without Dovecot fails the test, saying how
    to install it."""
    try:
        server = start_imap_server()
    except NoDovecot as exc:
        pytest.fail(str(exc))
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def mailbox(imap: ImapServer, tmp_path: Path) -> Mailbox:
    password = tmp_path / "mailbox-password"
    password.write_text(imap.password + "\n", encoding="utf-8")
    password.chmod(0o600)
    return Mailbox(host=imap.host, user=imap.user, port=imap.port, tls="none",
                   password_file=password, poll_seconds=60)


def _counts(ws: Workspace) -> tuple[int, int, int]:
    """Messages kept, messages recorded as a mailbox's, and those moved."""
    with ws.db.read() as session:
        kept = session.scalar(select(func.count(Document.id)).where(
            Document.kind == "message", Document.duplicate_of_id.is_(None)))
        recorded = session.scalar(select(func.count(MailboxMessage.id)))
        moved = session.scalar(select(func.count(MailboxMessage.id)).where(
            MailboxMessage.moved_at.is_not(None)))
        return int(kept or 0), int(recorded or 0), int(moved or 0)


def test_messages_are_taken_once_and_moved_after_they_are_kept(
        workspace: Workspace, imap: ImapServer, mailbox: Mailbox) -> None:
    """GIVEN a fax and a grievance in the mailbox WHEN the poller polls twice THEN each is kept
    once, moved to Processed (nothing deleted), and received when its Date header says, which
    the server's arrival bears out."""
    imap.deliver(samples.fax_message(), arrived=ARRIVED)
    imap.deliver(samples.grievance_message(), arrived=ARRIVED)
    poller = MailboxPoller(workspace, ReadSettings(), mailbox)

    first = poller.poll()
    again = poller.poll()

    assert len(first) == 2 and again == []
    assert all(len(t.parts) >= 1 and t.job_id is None for t in first)
    assert imap.uids("INBOX") == [] and len(imap.uids("Processed")) == 2
    assert _counts(workspace) == (2, 2, 2)
    with workspace.db.read() as session:
        rows = session.scalars(select(MailMessage).order_by(MailMessage.id)).all()
        assert [r.server_received_at for r in rows] == [ARRIVED, ARRIVED]
        assert [r.received_at for r in rows] == [ARRIVED - timedelta(minutes=1)] * 2
        assert rows[1].subject == "Complaint about my doctor's office"


def test_a_message_kept_but_not_moved_is_only_moved_on_the_next_start(
        workspace: Workspace, imap: ImapServer, mailbox: Mailbox) -> None:
    """GIVEN a poller stopped after the database recorded a message and before the server
    moved it WHEN a new poller starts THEN it moves the message without taking it again."""
    imap.deliver(samples.fax_message(), arrived=ARRIVED)
    stopped = MailboxPoller(workspace, ReadSettings(), mailbox)
    with stopped._connect() as client:  # the first half of a pass, as a crash leaves it
        validity = int(client.select_folder("INBOX")[b"UIDVALIDITY"])
        (uid,) = client.search(["ALL"])
        stopped._take(validity, uid, client.fetch([uid], ["BODY.PEEK[]", "INTERNALDATE"])[uid])
    assert _counts(workspace) == (1, 1, 0) and imap.uids("INBOX") == [uid]

    assert MailboxPoller(workspace, ReadSettings(), mailbox).poll() == []
    assert imap.uids("INBOX") == [] and len(imap.uids("Processed")) == 1
    assert _counts(workspace) == (1, 1, 1)


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_a_server_without_move_gets_a_copy_and_only_that_message_taken_out(
        workspace: Workspace, tmp_path: Path) -> None:
    """GIVEN a server that does not offer MOVE, and a message someone else flagged deleted
    WHEN the poller takes a message THEN it is copied to Processed and only it leaves INBOX."""
    server = start_imap_server(without_move=True)
    try:
        server.deliver(samples.fax_message(), arrived=ARRIVED)
        server.deliver(samples.grievance_message(), arrived=ARRIVED)
        with server.client() as client:
            assert not client.has_capability("MOVE")
            client.select_folder("INBOX")
            client.add_flags([2], [b"\\Deleted"])  # not ours to remove
        password = tmp_path / "password"
        password.write_text(server.password, encoding="utf-8")
        password.chmod(0o600)
        box = Mailbox(host=server.host, user=server.user, port=server.port, tls="none",
                      password_file=password)
        assert len(MailboxPoller(workspace, ReadSettings(), box).poll()) == 1
        assert server.uids("INBOX") == [2] and server.uids("Processed") == [1]
    finally:
        server.stop()


def test_a_copy_under_a_new_uid_is_not_taken_again(
        workspace: Workspace, imap: ImapServer, mailbox: Mailbox) -> None:
    """GIVEN a message taken and moved WHEN the same message (same Message-ID) arrives again
    THEN it is moved too, and no second message is kept."""
    imap.deliver(samples.fax_message(), arrived=ARRIVED)
    poller = MailboxPoller(workspace, ReadSettings(), mailbox)
    assert len(poller.poll()) == 1
    imap.deliver(samples.fax_message(), arrived=ARRIVED + timedelta(minutes=5))
    assert poller.poll() == []
    assert len(imap.uids("Processed")) == 2 and imap.uids("INBOX") == []
    assert _counts(workspace)[0] == 1


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_every_message_is_taken_once_across_a_kill_9(
        workspace: Workspace, settings: Settings, imap: ImapServer, mailbox: Mailbox,
        tmp_path: Path) -> None:
    """GIVEN twenty messages WHEN the poller's process is killed (kill -9) while taking them
    and a new poller polls THEN every message is kept exactly once and all are moved."""
    for number in range(20):
        imap.deliver(samples.fax_message(f"<fax-{number}@fax.example.org>"), arrived=ARRIVED)
    assert mailbox.password_file is not None
    with (tmp_path / "poller.log").open("wb") as said:
        process = subprocess.Popen(
            [sys.executable, "-m", "tests.intake.mailbox_process", settings.database_url,
             str(settings.store_root), str(imap.port), str(mailbox.password_file)],
            cwd=REPO_ROOT, stdout=subprocess.DEVNULL, stderr=said)
    try:
        deadline = time.monotonic() + 60
        while _counts(workspace)[1] < 3 and process.poll() is None \
                and time.monotonic() < deadline:
            time.sleep(0.02)
        assert process.poll() is None, "the poller ended before it could be killed"
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.wait(timeout=30)
    left = len(imap.uids("INBOX"))
    assert 0 < left < 20  # killed midway

    MailboxPoller(workspace, ReadSettings(), mailbox).poll()

    assert imap.uids("INBOX") == [] and len(imap.uids("Processed")) == 20
    assert _counts(workspace) == (20, 20, 20)
    with workspace.db.read() as session:
        ids = session.scalars(select(MailMessage.message_id)).all()
    assert len(ids) == len(set(ids)) == 20


def test_a_broken_connection_is_retried_with_growing_waits(
        workspace: Workspace, imap: ImapServer, mailbox: Mailbox) -> None:
    """GIVEN the server stopped WHEN the poller's time comes THEN its status says it cannot
    connect and when it tries again, later each time; once the server is back, it takes."""
    clock = FixedClock(datetime(2026, 11, 2, 18, 0, tzinfo=UTC))
    seen: list[str] = []
    poller = MailboxPoller(workspace, ReadSettings(), mailbox,
                           on_status=lambda s: seen.append(s.state), clock=clock)
    imap.stop()

    assert poller.run_due() == []
    assert poller.status.state == "retrying" and poller.status.next_try is not None
    assert poller.status.next_try - clock() == timedelta(seconds=10)
    assert "cannot connect" in poller.status.line()
    clock.advance(seconds=5)
    assert poller.run_due() == [] and seen == ["retrying"]  # not yet time
    clock.advance(seconds=5)
    poller.run_due()
    assert poller.status.next_try is not None
    assert poller.status.next_try - clock() == timedelta(seconds=30)

    restarted = start_imap_server()
    try:
        restarted.deliver(samples.fax_message(), arrived=ARRIVED)
        poller.mailbox = Mailbox(host=restarted.host, user=restarted.user, port=restarted.port,
                                 tls="none", password_file=mailbox.password_file)
        clock.advance(seconds=30)
        assert len(poller.run_due()) == 1
        assert poller.status.state == "connected" and poller.failures == 0
        assert poller.status.line().endswith("1 messages taken")
    finally:
        restarted.stop()


def test_a_password_file_others_may_read_is_refused(
        workspace: Workspace, mailbox: Mailbox) -> None:
    assert mailbox.password_file is not None
    mailbox.password_file.chmod(0o644)
    poller = MailboxPoller(workspace, ReadSettings(), mailbox)
    assert poller.run_due() == []
    assert poller.status.error is not None and "chmod 600" in poller.status.error


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_intake_polls_its_mailboxes_and_reads_what_they_bring(
        workspace: Workspace, settings: Settings, imap: ImapServer, mailbox: Mailbox) -> None:
    """GIVEN intake running with a mailbox and no folder WHEN a fax arrives by e-mail THEN it
    is taken, its PDF read and filed into a case, and the mailbox's status is reported."""
    imap.deliver(samples.fax_message(), arrived=ARRIVED)
    statuses: list[MailboxStatus] = []
    updates: list[DocumentUpdate] = []

    class Progress:
        def update(self, update: DocumentUpdate) -> None:
            updates.append(update)

    intake = FolderIntake(workspace, replace(settings, watch=(), mailboxes=(mailbox,)),
                          Progress(), RunnerConfig(workers=1, poll_s=0.1),
                          on_mailbox=statuses.append)
    deadline = time.monotonic() + 90

    def filed() -> bool:
        with workspace.db.read() as session:
            return session.scalar(select(func.count(Case.id))) == 1 and not session.scalar(
                select(func.count(Document.id)).where(Document.status.in_(("queued",
                                                                            "reading"))))

    intake.run(lambda: filed() or time.monotonic() > deadline)

    assert filed() and imap.uids("INBOX") == []
    assert statuses and statuses[-1].state == "connected" and statuses[-1].taken == 1
    assert {u.status for u in updates} >= {"processed", "queued"}


def test_the_status_line_names_a_mailbox_that_cannot_be_reached() -> None:
    broken = MailboxStatus("intake@mail.example.org", "retrying", 0,
                           "the server refused the connection",
                           datetime(2026, 11, 2, 18, 0, 10, tzinfo=UTC))
    fine = MailboxStatus("faxes@mail.example.org", "connected", 4)
    line = with_mailboxes("Intake idle — 3 documents today", {"a": broken, "b": fine})
    assert line.startswith("Intake idle — 3 documents today; Mailbox intake@mail.example.org: "
                           "cannot connect (the server refused the connection); trying again")
    assert "faxes@" not in line
