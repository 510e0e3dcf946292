"""A watched folder takes regular files only: a link to a private file or a named pipe is
refused once in the log, left in place, and intake carries on with the next file."""

from __future__ import annotations

import logging
import os
import socket
import time
from pathlib import Path

import pytest

from casework.errors import StoreError
from casework.intake.watcher import FolderWatcher
from casework.settings import WatchFolder
from casework.store import DocumentStore


def _odd_entries(inbox: Path, tmp_path: Path) -> list[Path]:
    secret = tmp_path / "private-notes.txt"
    secret.write_text("a member's private notes")
    (inbox / "link-to-notes.pdf").symlink_to(secret)
    os.mkfifo(inbox / "pipe.pdf")
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(inbox / "socket.pdf"))
    sock.close()
    return [inbox / "link-to-notes.pdf", inbox / "pipe.pdf", inbox / "socket.pdf"]


@pytest.mark.parametrize("polling", [False, True], ids=["events", "polling"])
def test_links_pipes_and_sockets_are_refused_once_and_left_in_place(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, polling: bool
) -> None:
    inbox = tmp_path / "fax"
    inbox.mkdir()
    odd = _odd_entries(inbox, tmp_path)
    (inbox / "real.pdf").write_bytes(b"%PDF-1.4 a real fax")
    watcher = FolderWatcher((WatchFolder(inbox, "fax", settle_seconds=0.2, polling=polling),),
                            rescan_seconds=0.3)
    taken: list[Path] = []
    with caplog.at_level(logging.WARNING):
        watcher.start()
        deadline = time.monotonic() + 3
        while time.monotonic() < deadline:
            started = time.monotonic()
            taken += [p for p, _ in watcher.ready()]
            assert time.monotonic() - started < 1.0  # a pipe never blocks
            time.sleep(0.1)
        watcher.stop()
    assert taken == [inbox / "real.pdf"]
    refusals = [r.getMessage() for r in caplog.records if "refused" in r.getMessage()]
    assert len(refusals) == 3  # once each, however often the folder is scanned
    assert {"a symbolic link", "a named pipe", "a socket"} == {
        kind for kind in ("a symbolic link", "a named pipe", "a socket")
        if any(kind in m for m in refusals)}
    assert not any("link-to-notes" in m or "pipe.pdf" in m for m in refusals)  # no names
    assert all(os.path.lexists(p) for p in odd)


def test_the_store_never_follows_a_watched_link_or_waits_on_a_pipe(tmp_path: Path) -> None:
    inbox = tmp_path / "fax"
    inbox.mkdir()
    link, pipe, _ = _odd_entries(inbox, tmp_path)
    store = DocumentStore(tmp_path / "store")
    with pytest.raises(StoreError, match=r"link-to-notes\.pdf"):
        store.put_file(link, follow_link=False)
    started = time.monotonic()
    with pytest.raises(StoreError, match="not a regular file"):
        store.put_file(pipe)
    assert time.monotonic() - started < 1.0
    assert list(store.all_hashes()) == []
