"""Only regular files are taken from a watched folder: a link could bring in a private file
from elsewhere, and a named pipe, socket or device would block intake on its first read."""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

# Opened without following a final link and without waiting for a writer (a FIFO would).
SAFE_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)

_KINDS = (
    (stat.S_ISLNK, "a symbolic link"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
)


def kind_of(mode: int) -> str | None:
    """What a non-regular entry is, in words (None for a regular file or a folder)."""
    for test, words in _KINDS:
        if test(mode):
            return words
    return None


def open_regular(path: Path) -> int:
    """Open `path` for reading only if it is a regular file itself (not a link to one).

    Returns the file descriptor; raises NotRegularFile with what the entry is instead.
    """
    try:
        fd = os.open(path, SAFE_OPEN_FLAGS)
    except OSError as exc:
        with contextlib.suppress(OSError):
            kind = kind_of(path.lstat().st_mode)
            if kind is not None:
                raise NotRegularFile(kind) from exc
        raise
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        raise NotRegularFile(kind_of(mode) or "not a regular file")
    return fd


class NotRegularFile(OSError):
    """The entry is a link, pipe, socket, device or folder: it is never read."""

    def __init__(self, kind: str) -> None:
        super().__init__(f"it is {kind}; only regular files are taken")
        self.kind = kind
