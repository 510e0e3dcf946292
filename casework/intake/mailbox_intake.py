"""Mailboxes polled beside the watched folders: one thread per mailbox takes its messages; the
intake loop reports what they took and reads it with the folders' documents."""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable

from casework.intake.mailbox_poller import MailboxPoller, MailboxStatus
from casework.intake.taking import TakenFile
from casework.settings import Mailbox
from casework.workspace import Workspace
from ocr import ReadSettings

log = logging.getLogger(__name__)
MAX_WAIT_S = 5.0  # a poller looks at the clock this often, so a stop is never long in coming


class MailboxIntake:
    """Polls each mailbox on its own thread until `stop`; `taken()` hands over what they took."""

    def __init__(self, ws: Workspace, reading: ReadSettings, mailboxes: tuple[Mailbox, ...],
                 on_status: Callable[[MailboxStatus], None] | None = None,
                 wake: Callable[[], None] | None = None) -> None:
        self.pollers = [MailboxPoller(ws, reading, box, on_status) for box in mailboxes]
        self._wake = wake
        self._taken: queue.SimpleQueue[TakenFile] = queue.SimpleQueue()
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []

    def start(self) -> None:
        """One polling thread per mailbox (none when no mailbox is configured)."""
        for poller in self.pollers:
            thread = threading.Thread(target=self._poll, args=(poller,), daemon=True,
                                      name=f"mailbox {poller.mailbox.name}")
            thread.start()
            self._threads.append(thread)

    def stop(self, wait_s: float = 5.0) -> None:
        """Stop polling; a pass under way ends at its next message (it never stops midway
        through one: each is taken and moved, or left for the next start)."""
        self._stop.set()
        for thread in self._threads:
            thread.join(wait_s)

    def taken(self) -> list[TakenFile]:
        """What the pollers took since the last call."""
        found = []
        while True:
            try:
                found.append(self._taken.get_nowait())
            except queue.Empty:
                return found

    def _poll(self, poller: MailboxPoller) -> None:
        while not self._stop.is_set():
            try:
                for taken in poller.run_due():
                    self._taken.put(taken)
                    if self._wake is not None:
                        self._wake()
            except Exception:  # a bug in one pass must not end the mailbox's polling
                log.exception("mailbox %s: polling failed", poller.mailbox.name)
            wait = (poller.next_poll - poller.clock()).total_seconds()
            self._stop.wait(min(max(wait, 0.1), MAX_WAIT_S))
