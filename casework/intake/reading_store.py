"""Recording what was read and understood: pages, words, page images, the search index and the
document's case, in one transaction."""

from __future__ import annotations

import json

from sqlalchemy import text
from sqlalchemy.orm import Session

from casework.actor import SYSTEM
from casework.audit.actions import AuditAction
from casework.audit.trail import record
from casework.db.models import Document, Page
from casework.db.states import DocumentStatus
from casework.intake.jobs import finish_job, lock_own_job
from casework.intake.understanding import DocumentAnalysis, file_understood
from casework.workspace import Workspace


def save_reading(ws: Workspace, job_id: int, owner: str, analysis: DocumentAnalysis) -> bool:
    """Store page images first (content-addressed), then every row of the result at once:
    pages, the document, and its case as `analysis` (made by a reading worker) decided.

    The job is marked done in the same transaction, and only while `owner` still holds its
    lease: a runner that lost its lease (it stalled, another runner took the job) saves nothing,
    so a document never gets its pages twice. Returns False in that case.
    """
    reading = analysis.reading
    images = [ws.store.put_bytes(page.image_png) for page in reading.pages]
    now = ws.now()
    with ws.db.write() as session:
        job = lock_own_job(session, job_id, owner)
        if job is None:
            return False
        document_id = job.document_id
        document = session.get(Document, document_id)
        assert document is not None
        finish_job(job, now)
        for page, image_sha in zip(reading.pages, images, strict=True):
            words = [[w.text, round(w.confidence, 3), round(w.box.x0), round(w.box.y0),
                      round(w.box.x1), round(w.box.y1), w.line] for w in page.words]
            confidence = (sum(w.confidence for w in page.words) / len(page.words)
                          if page.source == "ocr" and page.words else None)
            row = Page(document_id=document_id, number=page.number, source=page.source,
                       width=page.width, height=page.height, dpi=page.dpi,
                       rotation=page.rotation, text=page.text, words_json=json.dumps(words),
                       image_sha256=image_sha, ocr_confidence=confidence)
            session.add(row)
            session.flush()
            index_page(session, row)
        document.status = DocumentStatus.PROCESSED
        document.reason = None
        document.kind = reading.kind
        document.page_count = len(reading.pages)
        document.ocr_confidence = reading.ocr_confidence
        record(session, SYSTEM, AuditAction.DOCUMENT_READ, "document", document_id, now,
               {"pages": len(reading.pages), "kind": reading.kind,
                "ocr_confidence": (round(reading.ocr_confidence, 3)
                                   if reading.ocr_confidence is not None else None),
                "form_fields": len(reading.form_fields),
                "warnings": reading.warnings + analysis.warnings})
        file_understood(session, ws.rules, SYSTEM, now, document, analysis)
        return True


def index_page(session: Session, page: Page) -> None:
    """Add a page's text to the full-text index of the database in use."""
    if session.get_bind().dialect.name == "sqlite":
        session.execute(
            text("INSERT INTO page_search (text, page_id, document_id) VALUES (:t, :p, :d)"),
            {"t": page.text, "p": page.id, "d": page.document_id},
        )
    else:
        session.execute(
            text("UPDATE pages SET search_vector = to_tsvector('simple', :t) WHERE id = :p"),
            {"t": page.text, "p": page.id},
        )
