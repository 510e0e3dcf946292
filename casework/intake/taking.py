"""Taking a file: bytes into the store first, then the document, its job and its audit event."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select

from casework.actor import Actor
from casework.audit.trail import record
from casework.db.models import Document, Job
from casework.permissions import Permission
from casework.workspace import Workspace
from ocr import ReadSettings, inspect_document
from ocr.errors import UnreadableDocument

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class TakenFile:
    """What taking a file produced: a document id, its status and, if any, the job to run."""

    document_id: int
    sha256: str
    status: str  # queued | duplicate | rejected
    reason: str | None
    received_at: datetime
    pages: int | None
    job_id: int | None


def file_received_at(path: Path) -> datetime:
    """When the plan received the file: its modification time, as the fax server wrote it."""
    return datetime.fromtimestamp(path.stat().st_mtime, UTC)


def take_file(
    ws: Workspace, actor: Actor, path: Path, source: str, settings: ReadSettings,
    received_at: datetime | None = None,
) -> TakenFile:
    """Store the file's bytes (verified), then record it; a file it cannot open is rejected.

    The blob is written before the row, so a crash between the two leaves an unreferenced blob
    (found by `store check`), never a row without its original.
    """
    actor.require(Permission.INGEST_DOCUMENTS)
    received = received_at or file_received_at(path)
    sha = ws.store.put_file(path)
    size = path.stat().st_size
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
        log.exception("could not inspect %s", path.name)
    with ws.db.write() as session:
        first = session.scalar(
            select(Document).where(Document.sha256 == sha, Document.duplicate_of_id.is_(None))
            .order_by(Document.id).limit(1)
        )
        status = "duplicate" if first else ("rejected" if reason else "queued")
        document = Document(
            sha256=sha, original_name=path.name, source=source, received_at=received,
            taken_at=ws.now(), size=size, page_count=first.page_count if first else pages,
            kind=first.kind if first else kind, status=status,
            reason=f"Same file as document {first.id}, already taken." if first else reason,
            duplicate_of_id=first.id if first else None, source_path=str(path),
            ocr_confidence=first.ocr_confidence if first else None,
        )
        session.add(document)
        session.flush()
        job_id = None
        if status == "queued":
            job = Job(document_id=document.id, kind="read", status="queued", attempts=0,
                      created_at=ws.now(), updated_at=ws.now())
            session.add(job)
            session.flush()
            job_id = job.id
        record(session, actor, f"document.{'taken' if status == 'queued' else status}",
               "document", document.id, ws.now(),
               {"file": path.name, "source": source, "sha256": sha, "size": size,
                "pages": document.page_count, "reason": document.reason,
                "duplicate_of": document.duplicate_of_id})
        return TakenFile(document.id, sha, status, document.reason, received, document.page_count,
                         job_id)
