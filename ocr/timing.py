"""Where reading time goes: seconds per stage, so a slow-down is found by its stage.

The stages, in the order a document meets them:

    open     decoding the file's page (pixels, EXIF turn, gray)
    square   making the pixels square (a standard fax's rows doubled)
    read     Tesseract on the whole page (layout, words, any second look)
    reread   small regions read again (a value whose check failed)
    analyse  form, fields, rosters and route, re-reading not included
    write    filing pages, document and case in the writing process

A worker process reads one document (or one page) at a time per thread; each thread's
stopwatch is its own, so pages read in parallel threads add up correctly.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

STAGES = ("open", "square", "read", "reread", "analyse", "write")

_local = threading.local()


@dataclass(frozen=True)
class StageTimes:
    """Seconds spent in each stage (plain data: it crosses from a worker to the writer)."""

    seconds: tuple[tuple[str, float], ...] = ()

    def of(self, stage: str) -> float:
        """Seconds spent in `stage`."""
        return sum(s for name, s in self.seconds if name == stage)

    def plus(self, other: StageTimes) -> StageTimes:
        """Both measurements added stage by stage."""
        totals = dict(self.seconds)
        for name, seconds in other.seconds:
            totals[name] = totals.get(name, 0.0) + seconds
        return StageTimes(tuple(sorted(totals.items(), key=_stage_order)))

    def lines(self, pages: int) -> list[str]:
        """One line per stage: total seconds, share of the whole, and milliseconds per page."""
        total = sum(s for _, s in self.seconds) or 1.0
        return [f"{name:<8} {seconds:8.1f} s  {seconds / total:6.1%}  "
                f"{1000 * seconds / max(pages, 1):7.0f} ms/page"
                for name, seconds in self.seconds]


def _stage_order(item: tuple[str, float]) -> int:
    return STAGES.index(item[0]) if item[0] in STAGES else len(STAGES)


def _totals() -> dict[str, float]:
    totals: dict[str, float] | None = getattr(_local, "totals", None)
    if totals is None:
        totals = _local.totals = {}
    return totals


def _open_stages() -> list[str]:
    stages: list[str] | None = getattr(_local, "open", None)
    if stages is None:
        stages = _local.open = []
    return stages


@contextmanager
def stage(name: str) -> Iterator[None]:
    """Count the time spent inside the block towards `name`, for this thread; a stage inside
    another (re-reading inside reading) is taken off the one around it, so none counts twice."""
    started = time.perf_counter()
    around = _open_stages()
    around.append(name)
    try:
        yield
    finally:
        around.pop()
        elapsed = time.perf_counter() - started
        totals = _totals()
        totals[name] = totals.get(name, 0.0) + elapsed
        if around:
            totals[around[-1]] = totals.get(around[-1], 0.0) - elapsed


def add(times: StageTimes) -> None:
    """Count time measured elsewhere (a page read in another thread) towards this thread."""
    totals = _totals()
    for name, seconds in times.seconds:
        totals[name] = totals.get(name, 0.0) + seconds


def take() -> StageTimes:
    """This thread's stage times since the last take, and start again from zero."""
    totals = _totals()
    taken = StageTimes(tuple(sorted(totals.items(), key=_stage_order)))
    totals.clear()
    return taken
