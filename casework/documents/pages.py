"""A document's pages as the viewer shows them: images from the store and the words read on them.

Opening a document shows a member's health information, so it is recorded in the audit trail
(who looked at which document, about which member and case), once per opening.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from casework.actor import Actor
from casework.audit.actions import AuditAction
from casework.audit.trail import record
from casework.db.case_models import Case, CaseDocument
from casework.db.models import Document, Page
from casework.db.states import DocumentStatus
from casework.errors import NotFound, UserError
from casework.permissions import Permission
from casework.workspace import Workspace

# Later states (split, dismissed…) keep their pages.
NOT_READ = (DocumentStatus.QUEUED, DocumentStatus.READING, DocumentStatus.REJECTED)


@dataclass(frozen=True)
class WordBox:
    """One word as read, with its rectangle in page-image pixels."""

    text: str
    confidence: float  # 0..1
    x0: int
    y0: int
    x1: int
    y1: int


@dataclass(frozen=True)
class PageView:
    """One page: its image (PNG bytes as stored) and geometry, and the words on it."""

    number: int  # 1-based
    width: int
    height: int
    dpi: int
    rotation: int  # degrees the reader turned the page to make it upright
    image_png: bytes
    words: list[WordBox] = field(default_factory=list)


def document_pages(ws: Workspace, actor: Actor, document_id: int) -> list[PageView]:
    """Every page of a document with its image and words; records `document.viewed`."""
    actor.require(Permission.VIEW_DOCUMENTS)
    now = ws.now()
    with ws.db.write() as session:
        document = readable_document(session, document_id)
        rows = session.scalars(select(Page).where(Page.document_id == document.id)
                               .order_by(Page.number)).all()
        # Read the images before the event is written: a missing blob fails the whole opening.
        pages = [_page_view(ws, row) for row in rows]
        record(session, actor, AuditAction.DOCUMENT_VIEWED, "document", document.id, now,
               {"pages": len(pages), **whose_document(session, document.id)})
        return pages


def readable_document(session: Session, document_id: int) -> Document:
    """The document with this id (its original when it is a duplicate), with its pages read."""
    document = session.get(Document, document_id)
    if document is None:
        raise NotFound(f"There is no document {document_id}.")
    if document.duplicate_of_id is not None:
        original = session.get(Document, document.duplicate_of_id)
        if original is not None:
            document = original
    if document.status in NOT_READ or not document.page_count:
        why = f" ({document.reason.rstrip('.')})" if document.reason else ""
        words: dict[str, str] = {DocumentStatus.QUEUED: "waiting to be read",
                                 DocumentStatus.READING: "being read now"}
        raise UserError(f"Document {document_id} has no pages to show yet: it is "
                        f"{words.get(document.status, document.status)}{why}.")
    return document


def whose_document(session: Session, document_id: int) -> dict[str, list[str]]:
    """The cases (and their members) a document belongs to, for the audit trail."""
    cases = session.execute(
        select(Case.number, Case.member_id, Case.member_cin)
        .join(CaseDocument, CaseDocument.case_id == Case.id)
        .where(CaseDocument.document_id == document_id).order_by(Case.id)).all()
    return {"cases": [c.number for c in cases],
            "members": sorted({c.member_cin for c in cases if c.member_cin})}


def _page_view(ws: Workspace, row: Page) -> PageView:
    image = ws.store.read_bytes(row.image_sha256) if row.image_sha256 else b""
    return PageView(row.number, row.width, row.height, row.dpi, row.rotation, image,
                    _words(row.words_json))


def _words(words_json: str) -> list[WordBox]:
    words = []
    for entry in json.loads(words_json or "[]"):
        text, confidence, x0, y0, x1, y1 = entry[:6]
        words.append(WordBox(str(text), float(confidence), int(x0), int(y0), int(x1), int(y1)))
    return words
