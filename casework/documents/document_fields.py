"""A document's fields as the verification screen shows them, built from its recorded analysis.

Every field of the form's schema is listed, read or not, so a person can type a value that was
missed. Values are shown as text ("M54.5, M51.2", "Yes"); corrections keep what was read.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from casework.actor import Actor
from casework.db.mail_models import MailMessage, MailPart
from casework.db.models import Document
from casework.documents.pages import readable_document, whose_document
from casework.intake.understanding import BOXES_KEY, VERIFICATION_KEY
from casework.permissions import Permission
from casework.plan.case_types import capitalized
from casework.plan.rulebook import Rulebook
from casework.plan.schema import FieldSpec, FormSchema
from casework.workspace import Workspace

# Analyses recorded before fields carried `needs_review`: a reading less sure than this is
# marked for a person to check.
LOW_CONFIDENCE = 0.80
BLOCKING = ("missing", "invalid")
Rect = tuple[int, int, int, int]


@dataclass(frozen=True)
class FieldView:
    """One field of the form: what it holds now, how surely it was read, what is wrong."""

    name: str
    label: str  # as printed on the form ("Member Date of Birth")
    kind: str  # the schema type (date, npi, …)
    value: str  # "" when nothing was read or typed
    confidence: float | None  # of the reading; None when nothing was read
    page: int | None
    box: Rect | None  # page-image pixels of the value, when known
    required: bool
    problems: tuple[str, ...] = ()
    blocking: bool = False  # a problem that stops the document being accepted
    corrected_by: str | None = None
    corrected_at: datetime | None = None
    read: str | None = None  # what the page said, when a person corrected it
    needs_review: bool = False  # the reading is not trusted until a person looks
    roster: str | None = None  # names: "matched", "differs" or "not_found" in the roster

    @property
    def low_confidence(self) -> bool:
        """Read, but not trusted: the evidence says a person must look."""
        return self.needs_review

    @property
    def doubtful(self) -> bool:
        """Worth a person's look: not trusted, has a problem, or required and empty."""
        return self.needs_review or bool(self.problems) or (self.required and not self.value)


@dataclass(frozen=True)
class RosterMatch:
    """What the member or a provider on the form matched in the roster."""

    role: str  # "Member", "Requesting provider", "Servicing provider"
    matched: bool
    name: str | None
    identifier: str | None  # the member's CIN or the provider's NPI
    eligible: bool | None = None  # members only: on the service date
    corrections: tuple[str, ...] = ()  # "Member ID: read 9l234567A, became 91234567A"
    candidates: tuple[str, ...] = ()


@dataclass(frozen=True)
class DocumentFields:
    """Everything the verification screen shows about one document's fields."""

    document_id: int
    form_type: str
    form_label: str  # "Prior authorization request"
    confidence: float  # of the form type, 0..1
    fields: list[FieldView] = field(default_factory=list)
    matches: list[RosterMatch] = field(default_factory=list)
    problems: tuple[str, ...] = ()  # about the document as a whole
    complete: bool = False
    never_incomplete: bool = False  # grievances: accepted even with gaps
    verified_by: str | None = None
    verified_at: datetime | None = None
    cases: tuple[str, ...] = ()
    arrived_by: str | None = None  # "E-mail from … — subject" for a part of an e-mail

    @property
    def verified(self) -> bool:
        return self.verified_by is not None

    def field(self, name: str) -> FieldView:
        """The field called `name` (KeyError if the form has none)."""
        for view in self.fields:
            if view.name == name:
                return view
        raise KeyError(name)


def document_fields(ws: Workspace, actor: Actor, document_id: int) -> DocumentFields:
    """The document's form type, fields, problems and roster matches, as now recorded."""
    actor.require(Permission.VIEW_DOCUMENTS)
    with ws.db.read() as session:
        return fields_view(session, ws.rules, readable_document(session, document_id))


def fields_view(session: Session, rulebook: Rulebook, document: Document) -> DocumentFields:
    """Build the screen's view of `document` from its recorded analysis."""
    extras = analysis_of(document)
    form_type = document.form_type or "unknown"
    schema = rulebook.schemas.get(form_type)
    problems = [p for p in extras.get("problems", []) if isinstance(p, dict)]
    verification = extras.get(VERIFICATION_KEY, {})
    verified = verification.get("verified") or {}
    known = {s.name for s in schema.fields} if schema else set()
    return DocumentFields(
        document_id=document.id, form_type=form_type,
        form_label=capitalized(schema.says) if schema else "Unrecognised document",
        confidence=float(document.form_confidence or 0.0),
        fields=_field_views(schema, extras) if schema else [],
        matches=_matches(extras),
        problems=tuple(p.get("message", "") for p in problems if p.get("field") not in known),
        complete=bool(extras.get("complete", False)),
        never_incomplete=bool(schema and schema.never_incomplete),
        verified_by=verified.get("by"), verified_at=_when(verified.get("at")),
        cases=tuple(whose_document(session, document.id)["cases"]),
        arrived_by=arrived_by(session, document.id),
    )


def arrived_by(session: Session, document_id: int) -> str | None:
    """Who sent the document by e-mail, and the message's subject; None for a file."""
    row = session.execute(
        select(MailMessage.sender, MailMessage.subject)
        .join(MailPart, MailPart.message_id == MailMessage.id)
        .where(MailPart.document_id == document_id)).first()
    if row is None:
        return None
    sender, subject = row
    return f"E-mail from {sender or 'an unknown sender'}" + (f" — {subject}" if subject else "")


def analysis_of(document: Document) -> dict[str, Any]:
    """The document's recorded analysis (an empty one for documents filed without it)."""
    extras: dict[str, Any] = json.loads(document.analysis_json or "{}")
    return extras


def _field_views(schema: FormSchema, extras: dict[str, Any]) -> list[FieldView]:
    read = extras.get("fields", {})
    boxes = extras.get(BOXES_KEY, {})
    corrections = extras.get(VERIFICATION_KEY, {}).get("corrections", {})
    problems: dict[str, list[dict[str, str]]] = {}
    for problem in extras.get("problems", []):
        problems.setdefault(problem.get("field", ""), []).append(problem)
    views = []
    for spec in schema.fields:
        entry = read.get(spec.name) or {}
        fixed = corrections.get(spec.name)
        own = problems.get(spec.name, [])
        box = boxes.get(spec.name)
        views.append(FieldView(
            name=spec.name, label=field_label(spec), kind=spec.type,
            value=shown_value(spec, entry.get("value")),
            confidence=float(entry["confidence"]) if "confidence" in entry else None,
            page=entry.get("page") or (fixed or {}).get("page"),
            box=(int(box[0]), int(box[1]), int(box[2]), int(box[3])) if box else None,
            required=spec.required or any(p.get("kind") == "missing" for p in own),
            problems=tuple(p.get("message", "") for p in own),
            blocking=any(p.get("kind") in BLOCKING for p in own),
            corrected_by=fixed.get("by") if fixed else None,
            corrected_at=_when(fixed.get("at")) if fixed else None,
            read=shown_value(spec, fixed.get("read")) if fixed else None,
            needs_review=_needs_review(entry),
            roster=entry.get("roster"),
        ))
    return views


def _needs_review(entry: dict[str, Any]) -> bool:
    """Whether a recorded reading waits for a person (older analyses: by its confidence)."""
    if not entry or entry.get("value") in (None, "", []):
        return False
    if "needs_review" in entry:
        return bool(entry["needs_review"])
    return float(entry.get("confidence") or 0.0) < LOW_CONFIDENCE


def field_label(spec: FieldSpec) -> str:
    """The field's name as the form prints it (its first English label)."""
    return spec.labels[0] if spec.labels else capitalized(spec.says)


def shown_value(spec: FieldSpec, value: object) -> str:
    """A value as a person reads and types it: lists joined, yes/no spelled, choices worded."""
    if value is None or value == "" or value == []:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if spec.type == "date" and isinstance(value, str):
        try:  # staff read and type dates the American way
            return date.fromisoformat(value).strftime("%m/%d/%Y")
        except ValueError:
            return value
    if spec.type == "phone" and isinstance(value, str) and len(value) == 10 and value.isdigit():
        return f"({value[:3]}) {value[3:6]}-{value[6:]}"
    if spec.type == "choice":
        for option, wordings in spec.options:
            if option == value and wordings:
                return wordings[0]
    return str(value)


def _matches(extras: dict[str, Any]) -> list[RosterMatch]:
    found = []
    member = extras.get("member_match")
    if member:
        found.append(RosterMatch(
            "Member", bool(member.get("matched")), member.get("name"), member.get("member_id"),
            member.get("eligible"), _corrections(member), tuple(member.get("candidates", []))))
    for key, role in (("requesting", "Requesting provider"), ("servicing", "Servicing provider")):
        provider = (extras.get("provider_match") or {}).get(key)
        if provider:
            found.append(RosterMatch(role, bool(provider.get("matched")), provider.get("name"),
                                     provider.get("npi"), None, _corrections(provider)))
    return found


def _corrections(match: dict[str, Any]) -> tuple[str, ...]:
    names = {"member_id": "Member ID", "npi": "NPI"}
    return tuple(f"{names.get(c['field'], c['field'])}: read {c['read']}, became {c['corrected']}"
                 for c in match.get("corrections", []))


def _when(text: object) -> datetime | None:
    return datetime.fromisoformat(text) if isinstance(text, str) else None
