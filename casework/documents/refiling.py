"""Filing a document again after a person corrected it: retire the cases it sat in, file anew.

The regulatory clock of a refiled document still runs from its receipt (`file_document` starts
clocks from the document's `received_at`), however late a person corrected it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from casework.actor import Actor
from casework.audit.actions import AuditAction
from casework.audit.trail import record
from casework.cases.filing import CLOSED
from casework.cases.statuses import CaseStatus, Outcome
from casework.db.case_models import Case, CaseClock, CaseDocument
from casework.forms.analysis import FormAnalysis
from casework.forms.classification import classify
from casework.forms.extraction import extract
from casework.forms.validation import validate
from casework.plan.case_types import CaseType
from casework.plan.routing import route
from casework.plan.rulebook import Rulebook
from casework.plan.schema import FormSchema
from ocr import DocumentReading

REVIEW_CASE = CaseType.INTAKE_REVIEW


@dataclass(frozen=True)
class Refiled:
    """Where a corrected document went: its form type, its case, and the cases closed for it."""

    document_id: int
    form_type: str
    case_id: int
    case_number: str
    closed_cases: tuple[str, ...] = ()


def analyze_as(reading: DocumentReading, schema: FormSchema, now: datetime,
               rulebook: Rulebook) -> FormAnalysis:
    """Extract and validate as `schema`'s form, because a person said that is what it is."""
    found = classify(reading, rulebook)  # only for its cover pages
    pages = [p.number for p in reading.pages if p.number not in found.cover_pages]
    extraction = extract(reading, schema, pages or [p.number for p in reading.pages], rulebook)
    fields = extraction.fields
    problems, follow_up = validate(schema, fields, now)
    blocking = [p for p in problems if p.kind in ("missing", "invalid")]
    ordered = {spec.name: fields[spec.name] for spec in schema.fields if spec.name in fields}
    return FormAnalysis(schema.form_type, 1.0, list(found.guesses), ordered, problems,
                        schema.never_incomplete or not blocking, list(found.cover_pages),
                        follow_up, {n: u for n, u in extraction.unread.items()
                                    if n not in ordered})


def case_type_for(analysis: FormAnalysis, rulebook: Rulebook) -> str:
    """The case type routing gives this analysis (the language only changes the queue)."""
    values: dict[str, object] = {name: f.value for name, f in analysis.fields.items()}
    return route(rulebook.routing, analysis.form_type, values, analysis.complete,
                 None).case_type


def open_cases_of(session: Session, document_id: int) -> list[Case]:
    """The open cases a document is attached to, oldest first."""
    return list(session.scalars(
        select(Case).join(CaseDocument, CaseDocument.case_id == Case.id)
        .where(CaseDocument.document_id == document_id, Case.status.not_in(CLOSED))
        .order_by(Case.id)).all())


def retire_cases(session: Session, actor: Actor, document_id: int, now: datetime,
                 outcome: Outcome, why: str, keep_type: str | None = None) -> list[str]:
    """Close the cases that exist only because of this document; returns their numbers.

    An intake-review case closes with `outcome`; a case of another type opened from this
    document alone closes as filed in error, without its clocks. A case that also holds
    other documents, or is of `keep_type`, stays open: other work hangs on it.
    """
    closed = []
    for case in open_cases_of(session, document_id):
        if case.case_type == keep_type:
            continue
        others = session.scalar(select(func.count(CaseDocument.id)).where(
            CaseDocument.case_id == case.id, CaseDocument.document_id != document_id))
        if case.case_type != REVIEW_CASE and others:
            continue
        if case.case_type == REVIEW_CASE:
            close_case(session, actor, case, now, outcome, why)
        else:
            close_case(session, actor, case, now, None, f"filed in error: {why}",
                       withdraw_clocks=True)
        closed.append(case.number)
    return closed


def close_review_cases(session: Session, actor: Actor, document_id: int, now: datetime,
                       outcome: Outcome, why: str) -> list[str]:
    """Close the open intake-review cases holding this document; returns their numbers."""
    closed = []
    for case in open_cases_of(session, document_id):
        if case.case_type == REVIEW_CASE:
            close_case(session, actor, case, now, outcome, why)
            closed.append(case.number)
    return closed


def close_case(session: Session, actor: Actor, case: Case, now: datetime,
               outcome: Outcome | None, why: str, withdraw_clocks: bool = False) -> None:
    """Close a case intake opened for a document that has since been corrected.

    A case filed in error gives up its clocks (kept in the trail): a request that never was
    must not count as late in the on-time report.
    """
    previous = case.status
    withdrawn: dict[str, str] = {}
    if withdraw_clocks:
        for clock in session.scalars(select(CaseClock).where(CaseClock.case_id == case.id)):
            withdrawn[clock.name] = clock.due_at.isoformat()
            session.delete(clock)
    case.status, case.outcome = CaseStatus.CLOSED, outcome
    case.closed_at = case.updated_at = now
    case.next_due_at = None
    record(session, actor, AuditAction.CASE_STATUS_CHANGED, "case", case.id, now,
           {"number": case.number, "from": previous, "to": CaseStatus.CLOSED, "outcome": outcome,
            "reason": why, "clocks_withdrawn": withdrawn})
