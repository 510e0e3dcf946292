"""The documents filed into a case, as the case workspace lists them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from casework.actor import Actor
from casework.db.case_models import Case, CaseDocument
from casework.db.models import Document
from casework.documents.document_fields import analysis_of
from casework.errors import NotFound
from casework.intake.understanding import VERIFICATION_KEY
from casework.permissions import Permission
from casework.plan.case_types import capitalized
from casework.plan.rulebook import Rulebook
from casework.workspace import Workspace


@dataclass(frozen=True)
class CaseDocumentView:
    """One document of a case: what it is, when it came, and whether a person verified it."""

    document_id: int
    original_name: str
    form_label: str  # "Prior authorization request", "Unrecognised document"
    pages: int | None
    received_at: datetime
    status: str  # processed, queued, rejected, …
    why_attached: str  # "opened the case (…)", "same member and request (…)"
    verified_by: str | None


def case_documents(ws: Workspace, actor: Actor, case_id: int) -> list[CaseDocumentView]:
    """The case's documents in the order they were attached."""
    actor.require(Permission.VIEW_CASES)
    with ws.db.read() as session:
        if session.get(Case, case_id) is None:
            raise NotFound(f"There is no case {case_id}.")
        rows = session.execute(
            select(Document, CaseDocument.reason)
            .join(CaseDocument, CaseDocument.document_id == Document.id)
            .where(CaseDocument.case_id == case_id).order_by(CaseDocument.id)).all()
        return [_view(ws.rules, document, reason) for document, reason in rows]


def _view(rulebook: Rulebook, document: Document, reason: str) -> CaseDocumentView:
    schema = rulebook.schema(document.form_type)
    verified = analysis_of(document).get(VERIFICATION_KEY, {}).get("verified") or {}
    return CaseDocumentView(
        document.id, document.original_name,
        capitalized(schema.says) if schema else "Unrecognised document",
        document.page_count, document.received_at, document.status, reason,
        verified.get("by"))
