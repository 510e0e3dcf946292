"""Taking a file: bytes into the store first, then the document, its job and its audit event.

Two collectors (workstations, `watch` services) may watch one folder and reach the same file at
the same moment. Takes of one SHA-256 are serialised, and a watched folder's file already
recorded (same name, bytes and modification time) is answered with its document, not a copy.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from casework.actor import Actor
from casework.audit.actions import AuditAction
from casework.audit.trail import record
from casework.db.models import Document, Job
from casework.db.states import DocumentStatus, JobState
from casework.intake.folders import shown_name
from casework.permissions import Permission
from casework.workspace import Workspace
from ocr import ReadSettings, inspect_document
from ocr.errors import UnreadableDocument

log = logging.getLogger(__name__)
# Network shares and old file systems round modification times (FAT to two seconds).
SAME_FILE_MTIME = timedelta(seconds=2)
_TAKE_LOCK_CLASS = 0x1A7E  # the advisory-lock key space of taking files (PostgreSQL)
# The audit action of each status a file can be taken in.
TAKEN_ACTIONS: dict[str, AuditAction] = {
    DocumentStatus.QUEUED: AuditAction.DOCUMENT_TAKEN,
    DocumentStatus.DUPLICATE: AuditAction.DOCUMENT_DUPLICATE,
    DocumentStatus.REJECTED: AuditAction.DOCUMENT_REJECTED,
}


@dataclass(frozen=True)
class TakenFile:
    """What taking a file produced: a document id, its status and, if any, the job to run.

    `already_taken`: another collector had recorded this very file; nothing new was written.
    """

    document_id: int
    sha256: str
    status: DocumentStatus  # queued | duplicate | rejected
    reason: str | None
    received_at: datetime
    pages: int | None
    job_id: int | None
    already_taken: bool = False
    parts: tuple[TakenFile, ...] = ()  # an e-mail message's documents, taken with it


def file_received_at(path: Path) -> datetime:
    """When the plan received the file: its modification time, as the fax server wrote it."""
    return datetime.fromtimestamp(path.stat().st_mtime, UTC)


def take_file(
    ws: Workspace, actor: Actor, path: Path, source: str, settings: ReadSettings,
    received_at: datetime | None = None, *, watched: bool = False,
    resume_before: datetime | None = None,
) -> TakenFile:
    """Store the file's bytes (verified), then record it; a file it cannot open is rejected.

    The blob is written before the row, so a crash between the two leaves an unreferenced blob
    (found by `store check`), never a row without its original. `watched`: the file comes from
    a watched folder, which other collectors may be taking it from too. `resume_before`: an
    earlier copy of the same bytes taken before then whose reading never finished (an `ingest`
    killed midway) is handed back to be read, instead of recording a duplicate.
    """
    actor.require(Permission.INGEST_DOCUMENTS)
    received = received_at or file_received_at(path)
    sha = ws.store.put_file(path, follow_link=not watched)  # a watched folder's links: never
    # The stored copy's size: the original may already have been filed by another collector.
    size = ws.store.path_for(sha).stat().st_size
    pages: int | None = None
    reason: str | None = None
    kind: str | None = None
    try:
        info = inspect_document(path, settings)
        pages, kind = info.pages, info.kind
    except UnreadableDocument as exc:
        reason = exc.reason
    except Exception:
        # A bug while peeking at the file must not lose it: take it; reading decides.
        log.exception("could not inspect the file stored as %s", sha[:12])  # never its name
    with ws.db.write() as session:
        lock_taking(session, sha)
        if watched:
            same = same_file(session, sha, shown_name(path.name), source, received)
            if same is not None:
                log.info("document %s: its file was already taken by another intake service",
                         same.id)
                return as_taken(same)
        first = first_copy(session, sha)
        if first is not None and resume_before is not None and first.taken_at < resume_before:
            unread = _unread(session, first)
            if unread is not None:
                return unread
        return record_taken(session, ws, actor, first, TakenBytes(
            sha, shown_name(path.name), source, received, size, pages, kind, reason,
            shown_name(str(path))))


@dataclass(frozen=True)
class TakenBytes:
    """Stored bytes about to be recorded as a document, and what a first look found."""

    sha256: str
    name: str
    source: str
    received_at: datetime
    size: int
    pages: int | None
    kind: str | None
    reason: str | None  # why it cannot be read, when a first look already says so
    source_path: str | None


def first_copy(session: Session, sha: str) -> Document | None:
    """The first document of these bytes that is not itself a duplicate, if any."""
    return session.scalar(
        select(Document).where(Document.sha256 == sha, Document.duplicate_of_id.is_(None))
        .order_by(Document.id).limit(1))


def record_taken(session: Session, ws: Workspace, actor: Actor, first: Document | None,
                 taken: TakenBytes) -> TakenFile:
    """Record stored bytes as a document (a duplicate of `first` when given), queue its read
    job when it can be read, and audit it; in `session`."""
    sha, received, size, reason = taken.sha256, taken.received_at, taken.size, taken.reason
    pages, kind, source = taken.pages, taken.kind, taken.source
    status = DocumentStatus.DUPLICATE if first else (
        DocumentStatus.REJECTED if reason else DocumentStatus.QUEUED)
    document = Document(
        sha256=sha, original_name=taken.name, source=source, received_at=received,
        taken_at=ws.now(), size=size, page_count=first.page_count if first else pages,
        kind=first.kind if first else kind, status=status,
        reason=f"Same file as document {first.id}, already taken." if first else reason,
        duplicate_of_id=first.id if first else None, source_path=taken.source_path,
        ocr_confidence=first.ocr_confidence if first else None,
    )
    session.add(document)
    session.flush()
    job_id = None
    if status == DocumentStatus.QUEUED:
        job = Job(document_id=document.id, kind="read", status=JobState.QUEUED, attempts=0,
                  created_at=ws.now(), updated_at=ws.now())
        session.add(job)
        session.flush()
        job_id = job.id
    record(session, actor, TAKEN_ACTIONS[status],
           "document", document.id, ws.now(),
           {"file": taken.name, "source": source, "sha256": sha, "size": size,
            "pages": document.page_count, "reason": document.reason,
            "duplicate_of": document.duplicate_of_id})
    return TakenFile(document.id, sha, status, document.reason, received, document.page_count,
                     job_id)


def lock_taking(session: Session, sha: str) -> None:
    """Serialise takes of the same bytes (SQLite's BEGIN IMMEDIATE already serialises all)."""
    if session.get_bind().dialect.name == "postgresql":
        key = int(sha[:8], 16) - (1 << 31)  # the second key is a signed 32-bit number
        session.execute(text("SELECT pg_advisory_xact_lock(:space, :key)"),
                        {"space": _TAKE_LOCK_CLASS, "key": key})


def same_file(session: Session, sha: str, name: str, source: str,
               received: datetime) -> Document | None:
    """The document recorded for this very file (not a later copy of the same fax), if any."""
    candidates = session.scalars(
        select(Document).where(Document.sha256 == sha, Document.original_name == name,
                               Document.source == source).order_by(Document.id)
    ).all()
    return next((d for d in candidates if abs(d.received_at - received) <= SAME_FILE_MTIME),
                None)


def _unread(session: Session, first: Document) -> TakenFile | None:
    """The earlier copy of these bytes, when its reading never finished (an `ingest` killed
    before it read what it had taken): it is read now rather than answered "duplicate"."""
    if first.status not in (DocumentStatus.QUEUED, DocumentStatus.READING):
        return None
    job_id = session.scalar(
        select(Job.id).where(Job.document_id == first.id,
                             Job.status.in_((JobState.QUEUED, JobState.RUNNING)))
        .order_by(Job.id.desc()).limit(1))
    if job_id is None:
        return None
    return TakenFile(first.id, first.sha256, DocumentStatus.QUEUED, None, first.received_at,
                     first.page_count, job_id, already_taken=True)


def as_taken(document: Document) -> TakenFile:
    if document.duplicate_of_id is not None:
        status = DocumentStatus.DUPLICATE
    elif document.status == DocumentStatus.REJECTED:
        status = DocumentStatus.REJECTED
    else:
        status = DocumentStatus.QUEUED
    return TakenFile(document.id, document.sha256, status, document.reason,
                     document.received_at, document.page_count, None, already_taken=True)
