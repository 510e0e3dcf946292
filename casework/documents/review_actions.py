"""What a person does with a document in Intake Review: set its form type, or dismiss it.

Each action checks the permission, writes its change and its audit event in one transaction,
and returns plain data. Documents are never deleted: a dismissed one keeps its pages.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from casework.actor import Actor
from casework.audit.actions import AuditAction
from casework.audit.trail import record
from casework.cases.statuses import Outcome
from casework.db.models import Document
from casework.db.states import DocumentStatus
from casework.documents.refiling import (
    REVIEW_CASE,
    Refiled,
    analyze_as,
    case_type_for,
    close_review_cases,
    open_cases_of,
    retire_cases,
)
from casework.documents.review import schema_for
from casework.documents.stored_reading import stored_reading
from casework.documents.verification import revalidate
from casework.errors import InvalidValue, NotFound, UserError
from casework.forms.analysis import FormAnalysis
from casework.intake.understanding import (
    BOXES_KEY,
    VERIFICATION_KEY,
    field_boxes,
    file_analysed,
    record_analysis,
)
from casework.permissions import Permission
from casework.plan.schema import FormSchema
from casework.workspace import Workspace

MAX_REASON = 500


@dataclass(frozen=True)
class Dismissed:
    """A dismissed document and the intake-review cases closed with it."""

    document_id: int
    closed_cases: tuple[str, ...] = ()


def get_for_review(session: Session, document_id: int, lock: bool = False) -> Document:
    """The document, or NotFound in words; `lock` holds its row until the transaction ends,
    so two people acting on it at once cannot both split or dismiss it (PostgreSQL)."""
    document = session.get(Document, document_id, with_for_update=lock)
    if document is None:
        raise NotFound(f"There is no document {document_id}.")
    return document


def readable(session: Session, document_id: int, doing: str) -> Document:
    """A document whose pages were read and that was not already split, merged or dismissed."""
    document = get_for_review(session, document_id, lock=True)
    if document.duplicate_of_id is not None:
        raise UserError(f"Document {document_id} is a copy of document "
                        f"{document.duplicate_of_id}; {doing} that one instead.")
    if document.status in (DocumentStatus.SPLIT, DocumentStatus.MERGED, DocumentStatus.DISMISSED):
        raise UserError(f"Document {document_id} was already {document.status}; "
                        "it cannot be changed again.")
    if document.status != DocumentStatus.PROCESSED:
        raise UserError(f"Document {document_id} has no pages read yet ({document.status}); "
                        f"retry it first, then {doing} it.")
    return document


def set_document_type(ws: Workspace, actor: Actor, document_id: int,
                      form_type: str) -> Refiled:
    """File the document as `form_type`: fields read again from its saved pages (no OCR).

    The intake-review case it sat in closes and a case of the right type opens in the right
    queue, its clocks running from the document's receipt.
    """
    actor.require(Permission.REVIEW_DOCUMENTS)
    schema = schema_for(ws.rules, form_type)
    now = ws.now()
    with ws.db.write() as session:
        document = readable(session, document_id, "set the type of")
        previous = document.form_type
        reading = stored_reading(session, ws.store, document)
        analysis = analyze_as(reading, schema, now, ws.rules)
        case_type = case_type_for(analysis, ws.rules)
        kept = next((c for c in open_cases_of(session, document.id)
                     if c.case_type == case_type and case_type != REVIEW_CASE), None)
        closed = retire_cases(session, actor, document.id, now, Outcome.CASE_OPENED,
                              f"document {document.id} is {_article(schema.says)}",
                              keep_type=case_type if kept else None)
        if kept is not None:  # a person confirmed what intake thought: the case stands
            case_id, number = kept.id, kept.number
            record_analysis(document, analysis, _kept_extras(document, analysis, schema, now))
        else:
            filing = file_analysed(session, ws, actor, document, reading, analysis, now)
            case_id, number = filing.case_id, filing.number
        document.reviewed_at = now
        record(session, actor, AuditAction.DOCUMENT_TYPE_SET, "document", document.id, now,
               {"from": previous, "to": form_type, "case": number, "closed_cases": closed})
        return Refiled(document.id, form_type, case_id, number, tuple(closed))


def _kept_extras(document: Document, analysis: FormAnalysis, schema: FormSchema,
                 now: datetime) -> dict[str, Any]:
    """The recorded analysis with the person's form and its fields; matches and case stay.

    Refiled as the form it already was, a person's corrections and acceptance stand, their
    values over what was read again. As another form, nobody has checked its fields yet.
    """
    before: dict[str, Any] = json.loads(document.analysis_json or "{}")
    kept = {**before, **analysis.to_json(), BOXES_KEY: field_boxes(analysis)}
    checked = before.get(VERIFICATION_KEY)
    if document.form_type != analysis.form_type or not checked:
        kept.pop(VERIFICATION_KEY, None)
        return kept
    corrected = checked.get("corrections", {})
    if corrected:
        fields, typed = kept["fields"], before.get("fields", {})
        for name in corrected:
            if name in typed:
                fields[name] = typed[name]
            else:  # the person cleared it
                fields.pop(name, None)
        revalidate(kept, schema, now)
    return kept


def dismiss_item(ws: Workspace, actor: Actor, document_id: int, reason: str) -> Dismissed:
    """Take a document off the list with the person's reason (not a form we handle, junk).

    It is kept with its pages; an intake-review case it sat in closes as not actionable.
    A document filed in a working case keeps its status: only the review is done.
    """
    actor.require(Permission.REVIEW_DOCUMENTS)
    why = " ".join(reason.split())
    if not why:
        raise InvalidValue("Say why the document is dismissed (for example: junk fax, "
                           "not a form we handle); the reason is kept with it.")
    if len(why) > MAX_REASON:
        raise InvalidValue(f"Keep the reason under {MAX_REASON} characters.")
    now = ws.now()
    with ws.db.write() as session:
        document = get_for_review(session, document_id, lock=True)
        if document.status in (DocumentStatus.SPLIT, DocumentStatus.MERGED,
                               DocumentStatus.DISMISSED):
            raise UserError(f"Document {document_id} was already {document.status}.")
        if document.reviewed_at is not None:
            raise UserError(f"Document {document_id} was already reviewed.")
        outcome = (Outcome.DUPLICATE if document.duplicate_of_id is not None
                   else Outcome.NOT_ACTIONABLE)
        closed = close_review_cases(session, actor, document.id, now, outcome,
                                    f"dismissed: {why}")
        working = open_cases_of(session, document.id)
        previous, previous_reason = document.status, document.reason
        if not working:
            document.status = DocumentStatus.DISMISSED
            document.reason = why
        document.reviewed_at = now
        record(session, actor, AuditAction.DOCUMENT_DISMISSED, "document", document.id, now,
               {"reason": why, "previous_status": previous, "previous_reason": previous_reason,
                "closed_cases": closed})
        return Dismissed(document.id, tuple(closed))


def _article(label: str) -> str:
    return f"{'an' if label[:1].lower() in 'aeiou' else 'a'} {label}"
