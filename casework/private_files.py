"""Owner-only folders and files: member data is never readable by other accounts on the machine."""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

log = logging.getLogger(__name__)

PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


def private_folder(path: Path) -> Path:
    """Create `path` (and missing parents) owner-only, or tighten it if it is wider."""
    path.mkdir(mode=PRIVATE_DIR_MODE, parents=True, exist_ok=True)
    tighten(path)
    return path


def private_file(path: Path) -> Path:
    """Create an empty owner-only file if none is there, else tighten the one that is."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
    except FileExistsError:
        tighten(path)
    else:
        os.close(fd)
    return path


def tighten(path: Path) -> bool:
    """Remove group and other access from an existing file or folder; say so in the log.

    Returns True when the mode had to be repaired. A missing path is left alone.
    """
    try:
        mode = stat.S_IMODE(path.lstat().st_mode)
    except FileNotFoundError:
        return False
    if path.is_symlink() or not mode & 0o077:
        return False
    try:
        path.chmod(mode & 0o700)
    except OSError as exc:  # another account's file: say so, and let the program go on
        log.warning("%s is readable by other accounts (%03o) and cannot be tightened: %s",
                    path, mode, exc.strerror)
        return False
    log.warning("tightened %s from %03o to owner-only (%03o)", path, mode, mode & 0o700)
    return True


def is_private(path: Path) -> bool:
    """True when no account but the owner can read, write or enter `path`."""
    return not stat.S_IMODE(path.stat().st_mode) & 0o077
