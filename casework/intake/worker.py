"""What runs in a reading worker: read a document and analyse it, returning plain data.

Workers are spawned, so all they get is picklable values: a WorkerSetup says which database,
store and site rules folder the parent works with. Each worker opens the database for reading
and loads the rulebook once, and keeps them for its later jobs (a per-process cache of what
the parent passed, keyed by it; not a rule global).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from casework.db.database import Database
from casework.forms.wording import wording_for
from casework.intake.pipeline import analyse
from casework.intake.understanding import DocumentAnalysis
from casework.plan.rulebook import load_rulebook
from casework.store import DocumentStore
from casework.workspace import Workspace
from ocr import DocumentReading, ReadSettings, timing
from ocr.engine import engine_for
from ocr.errors import OcrEngineMissing

Reader = Callable[[str, ReadSettings], "DocumentReading | str"]


@dataclass(frozen=True)
class WorkerSetup:
    """Where a worker finds what analysis needs: the database (rosters), the store, and the
    site rules folder its rulebook is loaded from.

    The worker loads the rules from `rules_folder` itself (a Rulebook does not pickle), so a
    rulebook built in memory rather than from a folder is not seen by the workers.
    """

    database_url: str
    store_root: Path
    rules_folder: Path | None

    @classmethod
    def of(cls, ws: Workspace) -> WorkerSetup:
        """The setup of the workers of a service working against `ws`."""
        return cls(ws.db.url.render_as_string(hide_password=False), ws.store.root,
                   ws.rules.site_folder)


@dataclass(frozen=True)
class WorkOrder:
    """One document for a worker: its stored file, when the plan received it, and the time
    analysis takes as now (the runner's clock when it handed the job over)."""

    path: str
    received_at: datetime
    now: datetime


_WORKSPACES: dict[WorkerSetup, Workspace] = {}
# This worker's pool: the shared count of busy workers, and how many workers there are.
_POOL: list[tuple[Any, int]] = []


def join_pool(busy: Any, workers: int) -> None:
    """Runs as a worker starts: remember the pool's shared count of busy workers."""
    _POOL[:] = [(busy, workers)]


@contextlib.contextmanager
def _busy(settings: ReadSettings) -> Iterator[ReadSettings]:
    """Count this worker busy while it works on a document. While another worker is idle, the
    settings given back read the document's pages two at a time (its core is free)."""
    if not _POOL:
        yield settings
        return
    busy, workers = _POOL[0]
    with busy.get_lock():
        busy.value += 1
        idle = workers - busy.value
    try:
        yield replace(settings, page_threads=1 + min(idle, 1)) if idle > 0 else settings
    finally:
        with busy.get_lock():
            busy.value -= 1


def worker_workspace(setup: WorkerSetup) -> Workspace:
    """This worker's workspace for `setup`, opened and loaded on first use."""
    ws = _WORKSPACES.get(setup)
    if ws is None:
        ws = Workspace(Database(setup.database_url), DocumentStore(setup.store_root),
                       rules=load_rulebook(setup.rules_folder))
        _WORKSPACES[setup] = ws
    return ws


def read_and_analyse(setup: WorkerSetup, reader: Reader, settings: ReadSettings,
                     order: WorkOrder) -> DocumentAnalysis | str:
    """Runs in a worker: the document read and analysed, or the reason it cannot be read.

    A recognition bug comes back as an "unknown" form with its traceback (the writer logs it:
    a spawned worker has no log file); a database failure while matching is raised.
    """
    timing.take()  # a fresh stopwatch for this document
    with _busy(settings) as now_settings:
        reading = reader(order.path, now_settings)
        if isinstance(reading, str):
            return reading
        with timing.stage("analyse"):
            analysis = analyse(worker_workspace(setup), reading, order.received_at, order.now)
    return replace(analysis, times=timing.take())


def warm_worker(settings: ReadSettings, setup: WorkerSetup) -> None:
    """Runs in a worker: load Tesseract, the readers, the rules and the forms' wordings now,
    not on the first page."""
    with contextlib.suppress(OcrEngineMissing):  # reported in words when a page needs OCR
        engine = engine_for(settings.languages, settings.engine)
        # Re-reading a doubtful value uses a second, single-line reader: load it now too.
        load_line_reader = getattr(engine, "load_line_reader", None)
        if load_line_reader is not None:
            load_line_reader()
    # The forms' wordings (normalised labels, mended words) take a tenth of a second to work
    # out: the service's start pays it, not its first document.
    wording_for(worker_workspace(setup).rules)
