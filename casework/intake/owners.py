"""Who holds a job's lease: a runner named by its computer and process, and whether it has ended.

A lease names its runner `host:pid:tag`. A runner of this computer whose process is gone (the
window was closed mid-page, the process killed, the computer restarted) holds nothing any more,
so its jobs can go back to the queue at once instead of when the lease runs out.
"""

from __future__ import annotations

import os
import socket
import uuid


def runner_owner() -> str:
    """A lease owner name unique to this runner: computer, process id and a random tag."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


def owner_has_ended(owner: str) -> bool:
    """True only when `owner` ran on this computer and its process no longer exists."""
    parts = owner.rsplit(":", 2)
    if len(parts) != 3 or not parts[1].isdigit():
        return False
    host, pid = parts[0], int(parts[1])
    if host != socket.gethostname() or pid == os.getpid():
        return False
    return not _process_exists(pid)


def _process_exists(pid: int) -> bool:
    if os.name != "posix":
        # No cheap, safe check here (os.kill would end the process): the lease decides.
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process now has that number
    return True
