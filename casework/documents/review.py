"""The Intake Review list: every document that needs a person, and why, in plain words.

A document needs a person when it could not be read (rejected), is a copy of one already
taken, was not recognised as one of our forms, was recognised with too little confidence, or
was read with warnings worth a look. Once a person has dealt with it (set its type, split,
merged or dismissed it) it leaves the list.
"""

from __future__ import annotations

import hashlib
import json
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum, unique
from typing import Final

from sqlalchemy import Integer, Select, cast, not_, or_, select
from sqlalchemy.orm import Session

from casework.actor import Actor
from casework.audit.actions import AuditAction
from casework.cases.filing import CLOSED
from casework.db.case_models import Case, CaseDocument
from casework.db.models import AuditEvent, Document
from casework.db.states import DocumentStatus
from casework.documents.refiling import REVIEW_CASE
from casework.documents.stored_reading import reading_of, stored_pages
from casework.errors import InvalidValue
from casework.forms.classification import UNKNOWN, classify
from casework.permissions import Permission
from casework.plan.rulebook import Rulebook
from casework.plan.schema import FormSchema
from casework.plan.timezone import plan_time
from casework.workspace import Workspace

LOW_CONFIDENCE: Final = 0.6  # a form recognised below this is checked by a person
LOW_OCR_CONFIDENCE: Final = 0.7  # pages read this doubtfully are worth a look
MIN_GUESS: Final = 0.05  # a guess scoring less than this is no guess at all
DONE: Final = (DocumentStatus.SPLIT, DocumentStatus.MERGED, DocumentStatus.DISMISSED,
               DocumentStatus.QUEUED, DocumentStatus.READING)


@unique
class ReviewReason(StrEnum):
    """Why a document waits for a person in intake review: the main reason."""

    REJECTED = "rejected"  # it could not be read
    DUPLICATE = "duplicate"  # the same bytes were taken before
    NOT_RECOGNISED = "not_recognised"  # not one of our forms
    LOW_CONFIDENCE = "low_confidence"  # recognised, but doubtfully
    WARNINGS = "warnings"  # filed, but read with warnings


REASON_KINDS: Final = tuple(ReviewReason)
_GUESS_CACHE_SIZE = 4096


@dataclass(frozen=True)
class FormGuess:
    """A form the document may be, as a person reads it."""

    form_type: str
    label: str
    score: float


@dataclass(frozen=True)
class ReviewItem:
    """One document waiting for a person, with the reason in words."""

    document_id: int
    original_name: str
    received_at: datetime
    pages: int | None
    kind: ReviewReason  # the main reason
    reason: str
    guesses: tuple[FormGuess, ...] = ()
    form_type: str | None = None
    case_number: str | None = None
    status: str = DocumentStatus.PROCESSED
    duplicate_of: int | None = None  # the document a copy repeats (it holds the pages)

    @property
    def shown_document(self) -> int:
        """The document whose pages show this item: a copy shows its original's."""
        return self.duplicate_of or self.document_id

    @property
    def guesses_text(self) -> str:
        """'Grievance form or appeal request' for a table cell, likeliest first."""
        text = " or ".join(g.label for g in self.guesses)
        return text[:1].upper() + text[1:]


def form_choices(rulebook: Rulebook) -> list[tuple[str, str]]:
    """(form type, label) of every form a document can be set to, by label."""
    return sorted(((t, form_label(s)) for t, s in rulebook.schemas.items() if not s.cover),
                  key=lambda choice: choice[1])


def form_label(schema: FormSchema) -> str:
    """How a clerk names a form: 'Grievance form'."""
    return schema.says[:1].upper() + schema.says[1:]


def schema_for(rulebook: Rulebook, form_type: str) -> FormSchema:
    """The schema of a form type a person chose, or a refusal listing the choices."""
    schema = rulebook.schemas.get(form_type)
    if schema is None or schema.cover:
        names = "; ".join(f"{label} ({t})" for t, label in form_choices(rulebook))
        raise InvalidValue(f"There is no form type {form_type!r}. Choose one of: {names}.")
    return schema


def review_items(ws: Workspace, actor: Actor, limit: int = 500) -> list[ReviewItem]:
    """Every document that needs a person, newest first (filtered in the database)."""
    actor.require(Permission.REVIEW_DOCUMENTS)
    with ws.db.read() as session:
        documents = session.scalars(_needing_review().order_by(
            Document.received_at.desc(), Document.id.desc()).limit(limit)).all()
        ids = [d.id for d in documents]
        warnings = _warnings(session, ids)
        cases = _review_cases(session, ids)
        originals = _originals(session, [d.duplicate_of_id for d in documents
                                         if d.duplicate_of_id is not None])
        return [_item(session, ws, d, warnings.get(d.id, []), cases.get(d.id), originals)
                for d in documents]


def _read_with_warnings() -> Select[int]:
    # Uncorrelated, so the database computes the few such documents once, not per row.
    return select(cast(AuditEvent.entity_id, Integer)).where(
        AuditEvent.action == AuditAction.DOCUMENT_READ, AuditEvent.entity_type == "document",
        not_(AuditEvent.details.contains('"warnings":[]')))


def _in_open_review_case() -> Select[int]:
    return select(CaseDocument.document_id).join(Case, Case.id == CaseDocument.case_id).where(
        Case.case_type == REVIEW_CASE, Case.status.not_in(CLOSED))


def _needing_review() -> Select[Document]:
    return select(Document).where(
        Document.reviewed_at.is_(None), Document.status.not_in(DONE),
        or_(Document.status == DocumentStatus.REJECTED, Document.duplicate_of_id.is_not(None),
            Document.form_type == UNKNOWN, Document.form_confidence < LOW_CONFIDENCE,
            Document.ocr_confidence < LOW_OCR_CONFIDENCE,
            Document.id.in_(_in_open_review_case()), Document.id.in_(_read_with_warnings())))


def _warnings(session: Session, ids: list[int]) -> dict[int, list[str]]:
    rows = session.execute(select(AuditEvent.entity_id, AuditEvent.details).where(
        AuditEvent.action == AuditAction.DOCUMENT_READ, AuditEvent.entity_type == "document",
        AuditEvent.entity_id.in_([str(i) for i in ids]))).all()
    found: dict[int, list[str]] = {}
    for entity_id, details in rows:
        found.setdefault(int(entity_id), []).extend(json.loads(details).get("warnings") or [])
    return found


def _review_cases(session: Session, ids: list[int]) -> dict[int, str]:
    rows = session.execute(select(CaseDocument.document_id, Case.number)
                           .join(Case, Case.id == CaseDocument.case_id)
                           .where(CaseDocument.document_id.in_(ids),
                                  Case.status.not_in(CLOSED))
                           .order_by(Case.id)).all()
    return {document_id: number for document_id, number in rows}


def _originals(session: Session, ids: list[int]) -> dict[int, Document]:
    if not ids:
        return {}
    return {d.id: d for d in session.scalars(select(Document).where(Document.id.in_(ids)))}


def _item(session: Session, ws: Workspace, d: Document, warnings: list[str],
          case_number: str | None, originals: dict[int, Document]) -> ReviewItem:
    kind, reason, guesses = _reason(session, ws, d, originals)
    notes = [reason]
    doubtful = d.ocr_confidence is not None and d.ocr_confidence < LOW_OCR_CONFIDENCE
    if kind != ReviewReason.REJECTED and doubtful:
        notes.append(f"The pages were hard to read (OCR {d.ocr_confidence:.0%} sure).")
    if warnings:
        notes.append("Read with warnings: " + " ".join(warnings))
    if kind == ReviewReason.WARNINGS:  # what to look at first, then where it went
        notes = notes[1:] + notes[:1]
    return ReviewItem(d.id, d.original_name, d.received_at, d.page_count, kind,
                      " ".join(n for n in notes if n), guesses, d.form_type, case_number,
                      d.status, d.duplicate_of_id)


def _reason(session: Session, ws: Workspace, d: Document, originals: dict[int, Document]
            ) -> tuple[ReviewReason, str, tuple[FormGuess, ...]]:
    schemas = ws.rules.schemas
    if d.status == DocumentStatus.REJECTED:
        return ReviewReason.REJECTED, d.reason or "The file could not be read.", ()
    if d.duplicate_of_id is not None:
        first = originals.get(d.duplicate_of_id)
        when = (f", received {plan_time(first.received_at):%m/%d/%Y %I:%M %p}"
                if first else "")
        name = f" ({first.original_name})" if first else ""
        return (ReviewReason.DUPLICATE,
                f"Same file as document {d.duplicate_of_id}{name}{when}.", ())
    if d.form_type in (None, UNKNOWN):
        guesses = _guesses(session, ws, d)
        return (ReviewReason.NOT_RECOGNISED, "Not recognised as one of our forms."
                + ("" if guesses else " No form came close."), guesses)
    schema = schemas.get(d.form_type)
    label = schema.says if schema else d.form_type.replace("_", " ")
    if d.form_confidence is not None and d.form_confidence < LOW_CONFIDENCE:
        return (ReviewReason.LOW_CONFIDENCE,
                f"Looks like {_article(label)}, but intake is only "
                f"{d.form_confidence:.0%} sure.", _guesses(session, ws, d))
    return ReviewReason.WARNINGS, f"Filed as {_article(label)}.", ()


def _article(label: str) -> str:
    return f"{'an' if label[:1].lower() in 'aeiou' else 'a'} {label}"


_guess_cache: OrderedDict[str, tuple[FormGuess, ...]] = OrderedDict()


def _guesses(session: Session, ws: Workspace, d: Document) -> tuple[FormGuess, ...]:
    """The forms the pages scored best against (filing keeps no guesses, so look again)."""
    pages = stored_pages(session, d.id)
    if not pages:
        return ()
    key = hashlib.sha256("\n".join(p.words_json for p in pages).encode()).hexdigest()
    if key in _guess_cache:
        _guess_cache.move_to_end(key)
        return _guess_cache[key]
    schemas = ws.rules.schemas
    found = classify(reading_of(pages, ws.store, d.kind, images=False), ws.rules)
    best = max((g.score for g in found.guesses), default=0.0)
    # A form scoring under half the best is not worth a clerk's reading.
    guesses = tuple(FormGuess(g.form_type, schemas[g.form_type].says, g.score)
                    for g in found.guesses if g.score >= max(MIN_GUESS, best / 2))
    _guess_cache[key] = guesses
    if len(_guess_cache) > _GUESS_CACHE_SIZE:
        _guess_cache.popitem(last=False)
    return guesses
