"""Documents as staff see them: listing them, and retrying a rejected one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from casework.actor import Actor
from casework.audit.actions import AuditAction
from casework.audit.trail import record
from casework.db.models import Document, Job
from casework.db.states import DocumentStatus, JobState
from casework.errors import NotFound, UserError
from casework.permissions import Permission, allows
from casework.workspace import Workspace


@dataclass(frozen=True)
class DocumentRow:
    """A document as the lists show it (no page text)."""

    id: int
    original_name: str
    source: str
    status: str
    reason: str | None
    received_at: datetime
    pages: int | None
    ocr_confidence: float | None
    duplicate_of: int | None
    sha256: str


def list_documents(ws: Workspace, actor: Actor, status: str | None = None,
                   limit: int = 200) -> list[DocumentRow]:
    """The most recent documents, newest first, optionally only those with one status."""
    # Administrators see the list to retry rejected files, though they do not work cases.
    if not allows(actor.role, Permission.VIEW_DOCUMENTS):
        actor.require(Permission.RETRY_DOCUMENTS)
    query = select(Document).order_by(Document.id.desc()).limit(limit)
    if status:
        query = query.where(Document.status == status)
    with ws.db.read() as session:
        return [_row(d) for d in session.scalars(query).all()]


def get_document(ws: Workspace, document_id: int) -> DocumentRow:
    """One document's row, for intake's own bookkeeping (no permission: the caller is intake)."""
    with ws.db.read() as session:
        document = session.get(Document, document_id)
        if document is None:
            raise NotFound(f"There is no document {document_id}.")
        return _row(document)


def retry_document(ws: Workspace, actor: Actor, document_id: int) -> int:
    """Queue a rejected document to be read again (after a password is added, say)."""
    actor.require(Permission.RETRY_DOCUMENTS)
    with ws.db.write() as session:
        document = session.get(Document, document_id)
        if document is None:
            raise NotFound(f"There is no document {document_id}.")
        if document.status != DocumentStatus.REJECTED:
            raise UserError(f"Document {document_id} is {document.status}, not rejected; "
                            "only rejected documents are retried.")
        previous = document.reason
        document.status = DocumentStatus.QUEUED
        document.reason = None
        job = Job(document_id=document.id, kind="read", status=JobState.QUEUED, attempts=0,
                  created_at=ws.now(), updated_at=ws.now())
        session.add(job)
        session.flush()
        record(session, actor, AuditAction.DOCUMENT_RETRIED, "document", document.id, ws.now(),
               {"job": job.id, "previous_reason": previous})
        return job.id


def _row(d: Document) -> DocumentRow:
    return DocumentRow(d.id, d.original_name, d.source, d.status, d.reason, d.received_at,
                       d.page_count, d.ocr_confidence, d.duplicate_of_id, d.sha256)
