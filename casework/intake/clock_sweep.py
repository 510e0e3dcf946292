"""The clock rules' deadlines, applied while intake runs: an exempt grievance not resolved by
the close of the next business day becomes standard within a minute of the deadline.

The `watch` service and the window's intake process run it from their loop; the window also
runs it when it opens and on every refresh, so a site whose intake runs elsewhere still
converts on time. Several running it at once convert each case once (the service checks).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from time import monotonic

from casework.actor import SYSTEM
from casework.cases.conversion import Conversion, convert_overdue_exempt
from casework.workspace import Workspace

log = logging.getLogger(__name__)
SWEEP_SECONDS = 60.0


class ClockSweep:
    """Runs `convert_overdue_exempt` as the system, at most once every `every_s` seconds."""

    def __init__(self, ws: Workspace, every_s: float = SWEEP_SECONDS,
                 clock: Callable[[], float] = monotonic) -> None:
        self.ws = ws
        self.every_s = every_s
        self.clock = clock
        self._last: float | None = None

    def run_if_due(self) -> list[Conversion]:
        """Apply the deadlines now if the last sweep was long enough ago; never raises (intake
        goes on; a failure is logged with its traceback and tried again at the next sweep)."""
        if self._last is not None and self.clock() - self._last < self.every_s:
            return []
        self._last = self.clock()
        try:
            done = convert_overdue_exempt(self.ws, SYSTEM, self.ws.now())
        except Exception:
            log.exception("applying the clock rules' deadlines failed")
            return []
        for conversion in done:
            log.info("%s", conversion.sentence())
        return done
