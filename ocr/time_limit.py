"""A time limit for pure-Python parsers (pdfminer, pypdf) that a damaged file can keep busy.

Tesseract has its own limit; the PDF parsers have none, and a file with tens of megabytes of
junk or a content stream built to loop can hold a reading worker for minutes. An alarm signal
interrupts them between two Python steps. Only a process's main thread receives signals, which
is where reading workers and `ingest` read; elsewhere the code runs without a limit.
"""

from __future__ import annotations

import contextlib
import signal
import threading
import time
from collections.abc import Iterator
from types import FrameType

from ocr.errors import ParseTimeout

REPEAT_S = 0.05


@contextlib.contextmanager
def time_limit(seconds: float, what: str) -> Iterator[None]:
    """Raise ParseTimeout(`what`) in the code inside once `seconds` have passed."""
    outer = signal.getitimer(signal.ITIMER_REAL)[0] if _can_interrupt(seconds) else 0.0
    if not _can_interrupt(seconds) or 0 < outer <= seconds:
        yield  # no limit possible here, or an outer alarm comes first anyway
        return

    def expire(_signum: int, _frame: FrameType | None) -> None:
        raise ParseTimeout(what, seconds)

    started = time.monotonic()
    previous = signal.signal(signal.SIGALRM, expire)
    # Again every REPEAT_S after the first: an alarm that lands in a garbage collector's
    # callback or a __del__ has its exception ignored there, and the next one stops the parse.
    signal.setitimer(signal.ITIMER_REAL, seconds, REPEAT_S)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer:  # an outer alarm (a test runner's, a caller's) is put back, less our time
            signal.setitimer(signal.ITIMER_REAL,
                             max(0.001, outer - (time.monotonic() - started)))


def _can_interrupt(seconds: float) -> bool:
    return (seconds > 0 and threading.current_thread() is threading.main_thread()
            and hasattr(signal, "setitimer"))
