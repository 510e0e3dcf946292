"""Keeping the garbage collector from pausing the window.

A full collection walks every object the process holds. With Qt's wrappers, the ORM's caches
and the loaded rule files, one such walk took over half a second on a shared two-core machine
while intake was busy (bench/gui_heartbeat.py): the window froze for that long. The objects
alive once a window is up live as long as it does, so they are set aside ("frozen") and later
collections walk only what is new. When the window closes they are handed back, so what it
leaves behind is still collected.
"""

from __future__ import annotations

import gc


def freeze_long_lived() -> int:
    """Collect once, then keep every object alive now out of later collections; how many."""
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()


def release_long_lived() -> None:
    """Hand the set-aside objects back to the collector (the window that owned them closed)."""
    gc.unfreeze()
