"""The watcher takes a file once, only when complete, and never temporary or output files."""

from __future__ import annotations

import datetime
import threading
import time
from pathlib import Path

from casework.intake.folders import move_out
from casework.intake.watcher import FolderWatcher
from casework.settings import WatchFolder


def _wait_ready(watcher: FolderWatcher, seconds: float) -> list[tuple[Path, WatchFolder]]:
    deadline = time.monotonic() + seconds
    taken: list[tuple[Path, WatchFolder]] = []
    while time.monotonic() < deadline:
        taken += watcher.ready()
        time.sleep(0.1)
    return taken


def test_a_file_written_in_chunks_is_taken_once_and_complete(tmp_path: Path) -> None:
    folder = WatchFolder(tmp_path / "fax", "fax", settle_seconds=1.0)
    watcher = FolderWatcher((folder,))
    watcher.start()
    target = folder.path / "incoming.tif"
    chunks = [bytes([n]) * 4096 for n in range(12)]

    def writer() -> None:
        with target.open("wb") as out:
            for chunk in chunks:  # 12 chunks, 0.7 s apart: over 8 s of writing
                out.write(chunk)
                out.flush()
                time.sleep(0.7)

    thread = threading.Thread(target=writer)
    thread.start()
    taken_while_writing = _wait_ready(watcher, 7.0)
    thread.join()
    taken_after = _wait_ready(watcher, 3.0)
    watcher.stop()
    assert taken_while_writing == []
    assert [p for p, _ in taken_after] == [target]
    assert target.read_bytes() == b"".join(chunks)


def test_existing_files_are_taken_and_temporary_and_output_files_are_not(tmp_path: Path) -> None:
    root = tmp_path / "scan"
    (root / "processed" / "2026-11-01").mkdir(parents=True)
    (root / "processed" / "2026-11-01" / "old.pdf").write_bytes(b"%PDF old")
    for name in ("ready.pdf", "upload.part", "scan.tmp", "~$lock.pdf", ".hidden.pdf",
                 "download.crdownload"):
        (root / name).write_bytes(b"%PDF-1.4")
    watcher = FolderWatcher((WatchFolder(root, "scan", settle_seconds=0.2, polling=True),))
    watcher.start()
    taken = _wait_ready(watcher, 1.5)
    assert [p.name for p, _ in taken] == ["ready.pdf"]
    # the same path is not offered again while it is still there
    assert _wait_ready(watcher, 0.5) == []
    moved = move_out(root / "ready.pdf", root, "processed", datetime.date(2026, 11, 2))
    watcher.release(root / "ready.pdf")
    watcher.rescan()
    watcher.stop()
    assert moved == root / "processed" / "2026-11-02" / "ready.pdf"
    assert _wait_ready(watcher, 0.5) == []


def test_moving_out_never_overwrites(tmp_path: Path) -> None:
    root = tmp_path / "fax"
    root.mkdir()
    (root / "a.pdf").write_bytes(b"first")
    first = move_out(root / "a.pdf", root, "rejected", datetime.date(2026, 11, 2))
    (root / "a.pdf").write_bytes(b"second")
    second = move_out(root / "a.pdf", root, "rejected", datetime.date(2026, 11, 2))
    assert first != second
    assert first.read_bytes() == b"first" and second.read_bytes() == b"second"
