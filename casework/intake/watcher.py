"""Watching folders: take a file only once it is complete, never twice, and miss none."""

from __future__ import annotations

import logging
import os
import stat
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from time import monotonic

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver
from watchdog.observers.polling import PollingObserver

from casework.intake.folders import is_in_output_folder, is_temporary_name
from casework.intake.regular_files import NotRegularFile, kind_of, open_regular
from casework.settings import WatchFolder

log = logging.getLogger(__name__)
RESCAN_SECONDS = 180.0


@dataclass
class _Candidate:
    folder: WatchFolder
    size: int
    mtime_ns: int
    stable_since: float


class _Events(FileSystemEventHandler):
    def __init__(self, watcher: FolderWatcher, folder: WatchFolder) -> None:
        self.watcher = watcher
        self.folder = folder

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.is_directory:
            return
        path = event.dest_path if event.event_type == "moved" else event.src_path
        self.watcher.notice(Path(str(path)), self.folder)


class FolderWatcher:
    """Collects candidate files from events and rescans; `ready()` returns the settled ones.

    Observer threads call `notice`; the intake thread calls `ready`, `rescan` and `release`.
    A path stays in the taken set until released, so it is never queued twice.
    """

    def __init__(self, folders: tuple[WatchFolder, ...], clock: Callable[[], float] = monotonic,
                 rescan_seconds: float = RESCAN_SECONDS) -> None:
        self.folders = folders
        self.clock = clock
        self.rescan_seconds = rescan_seconds
        self._candidates: dict[Path, _Candidate] = {}
        self._taken: set[Path] = set()
        self._refused: set[Path] = set()  # links, pipes, sockets, devices: told once, left
        self._observers: list[BaseObserver] = []
        self._last_scan = 0.0
        self._lock = threading.Lock()

    def start(self) -> None:
        """Create the folders, start observers, and take what is already there."""
        for folder in self.folders:
            folder.path.mkdir(parents=True, exist_ok=True)
            observer = PollingObserver(timeout=2) if folder.polling else Observer()
            observer.schedule(_Events(self, folder), str(folder.path), recursive=False)
            observer.daemon = True
            observer.start()
            self._observers.append(observer)
        self.rescan()

    def stop(self, wait_s: float = 5.0) -> None:
        """Stop the observers, waiting up to `wait_s` in all for them to end (files already
        returned by `ready` are the caller's)."""
        for observer in self._observers:
            observer.stop()
        deadline = monotonic() + wait_s
        for observer in self._observers:
            observer.join(timeout=max(0.0, deadline - monotonic()))
        self._observers.clear()

    def rescan(self) -> None:
        """Look at every file in every folder: catches anything an event missed."""
        self._last_scan = self.clock()
        for folder in self.folders:
            try:
                entries = list(folder.path.iterdir())
            except OSError as exc:
                log.warning("cannot list watched folder %s: %s", folder.path, exc.strerror)
                continue
            with self._lock:
                self._refused &= set(entries)  # one that went away may come back as a file
            for path in entries:
                self.notice(path, folder)

    def notice(self, path: Path, folder: WatchFolder) -> None:
        """Consider a path (from an event or a scan); temporary and output files are ignored."""
        # Only files directly in the folder: processed/ and rejected/ live below it.
        if (is_temporary_name(path) or is_in_output_folder(path, folder.path)
                or path.parent != folder.path):
            return
        try:
            found = path.lstat()  # never the target of a link
        except OSError:
            return
        if stat.S_ISDIR(found.st_mode):
            return
        if not stat.S_ISREG(found.st_mode):
            self._refuse(path, folder, kind_of(found.st_mode) or "not a regular file")
            return
        with self._lock:
            self._refused.discard(path)
            if path in self._taken or path in self._candidates:
                return
            self._candidates[path] = _Candidate(folder, found.st_size, found.st_mtime_ns,
                                                self.clock())

    def _refuse(self, path: Path, folder: WatchFolder, kind: str) -> None:
        """Leave a non-regular entry where it is and say so in the log, once."""
        with self._lock:
            self._candidates.pop(path, None)
            if path in self._refused:
                return
            self._refused.add(path)
        # The entry's name may hold a member's name: the log names the folder only.
        log.warning("watched folder %s: refused an entry that is %s (only regular files are "
                    "taken); it is left in place", folder.path, kind)

    def ready(self) -> list[tuple[Path, WatchFolder]]:
        """Files unchanged for their folder's settle time that open; each returned once."""
        if self.clock() - self._last_scan >= self.rescan_seconds:
            self.rescan()
        ready = []
        with self._lock:
            # Oldest first: of two copies of one fax, the earlier is the original.
            candidates = sorted(self._candidates.items(),
                                key=lambda item: (item[1].mtime_ns, item[0].name))
        for path, candidate in candidates:
            try:
                found = path.lstat()
            except OSError:
                with self._lock:
                    self._candidates.pop(path, None)  # gone (renamed or removed by its writer)
                continue
            if not stat.S_ISREG(found.st_mode):  # replaced by a link or a pipe meanwhile
                self._refuse(path, candidate.folder, kind_of(found.st_mode) or "a folder")
                continue
            now = self.clock()
            if (found.st_size, found.st_mtime_ns) != (candidate.size, candidate.mtime_ns):
                candidate.size, candidate.mtime_ns = found.st_size, found.st_mtime_ns
                candidate.stable_since = now
                continue
            if now - candidate.stable_since < candidate.folder.settle_seconds:
                continue
            try:
                if not _opens(path):
                    continue
            except NotRegularFile as exc:
                self._refuse(path, candidate.folder, exc.kind)
                continue
            with self._lock:
                self._candidates.pop(path, None)
                self._taken.add(path)
            ready.append((path, candidate.folder))
        return ready

    def release(self, path: Path) -> None:
        """The file has left the folder (or taking it failed): the path may be taken again."""
        with self._lock:
            self._taken.discard(path)


def _opens(path: Path) -> bool:
    """True when the regular file can be read (its writer may still hold it locked)."""
    try:
        fd = open_regular(path)
    except NotRegularFile:
        raise
    except OSError:
        return False
    try:
        os.read(fd, 1)
        return True
    except OSError:
        return False
    finally:
        os.close(fd)
