"""Intake's recipe, the file to read first: take → read → analyse → file.

    stage    runs in                       done by
    take     the intake process            intake/taking.py: bytes into the store, then the
                                           document row and its read job, in one transaction
    read     a reading worker (spawned)    ocr/: the file's pages and words (DocumentReading),
                                           or the reason in words it cannot be read
    analyse  the same reading worker       forms/analysis.py (form, fields, problems),
                                           directory/matching.py (member and providers, read
                                           only), cases/filing.decide_route (queue, priority)
    file     the intake process, the only  intake/reading_store.py and understanding.py:
             one that writes               pages, the document row, its case (attached to the
                                           open case it continues, or opened with its clocks)
                                           and audit events, in one transaction

Only plain, picklable data crosses between the processes. To a worker: the stored file's path,
the ReadSettings, a WorkerSetup (database URL, store root, site rules folder) and a WorkOrder
(received time, `now`). Back: a DocumentAnalysis, or the reason the file cannot be read.
intake/worker.py runs read and analyse in a worker; intake/runner.py claims jobs, hands them to
the workers and files what comes back; intake/service.py drives it all for `ingest` and `watch`.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from casework.actor import Actor
from casework.intake.mail_intake import take_message
from casework.intake.mail_message import looks_like_message
from casework.intake.reading_store import save_reading
from casework.intake.taking import TakenFile, take_file
from casework.intake.understanding import DocumentAnalysis, recognise, understand
from casework.workspace import Workspace
from ocr import DocumentReading, ReadSettings, read_document
from ocr.errors import UnreadableDocument


def take(ws: Workspace, actor: Actor, path: Path, source: str, settings: ReadSettings,
         received_at: datetime | None = None, *, watched: bool = False,
         resume_before: datetime | None = None) -> TakenFile:
    """Keep the file and queue it to be read (a duplicate or a file that cannot be opened is
    recorded, not queued; a copy taken before `resume_before` and never read is read now).
    An e-mail message is kept whole and each document in it queued (intake/mail_intake.py)."""
    if looks_like_message(path):
        return take_message(ws, actor, path, source, settings, received_at, watched=watched)
    return take_file(ws, actor, path, source, settings, received_at, watched=watched,
                     resume_before=resume_before)


def read(path: str, settings: ReadSettings) -> DocumentReading | str:
    """The file's pages and words, or the clerk-readable reason it cannot be read."""
    try:
        return read_document(Path(path), settings)
    except UnreadableDocument as exc:
        return exc.reason


def analyse(ws: Workspace, reading: DocumentReading, received_at: datetime,
            now: datetime) -> DocumentAnalysis:
    """Recognise the form with `ws.rules` (a recognition bug makes it "unknown", for a person
    to file), match the rosters and decide the route; reads the database, never writes."""
    form, failure = recognise(reading, now, ws.rules)
    return understand(ws, reading, form, received_at, failure)


def file(ws: Workspace, job_id: int, owner: str, analysis: DocumentAnalysis) -> bool:
    """Write the pages, the document and its case as `analysis` says, while `owner` still holds
    the job's lease; False (nothing written) once the lease is lost."""
    return save_reading(ws, job_id, owner, analysis)
