"""A person checks what was read: correcting fields against the page, then accepting the document.

A correction is parsed by the field's type and refused in plain words when it is not a value of
that type; what the page said is kept, the audit event holds the old and the new value, and the
case the document was filed into takes the new value (so the queue shows it). Accepting marks
the document verified; it is refused while a required field is missing or invalid, except on a
grievance, which is never turned away as incomplete. Correcting a date a clock counts from (the
hearing date) moves the case's running clocks in the same transaction; correcting the urgency or
the expedited answer routes the case the document opened again (priority, queue and clocks).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from casework.actor import Actor
from casework.audit.actions import AuditAction
from casework.audit.trail import record
from casework.cases.clock_fields import counts_clocks, take_clock_field
from casework.cases.filing import DocumentFacts, as_date, request_key
from casework.cases.priority import opened_by, reroute
from casework.db.case_models import Case, CaseDocument
from casework.db.models import Document
from casework.directory.matching import MemberMatch, ProviderMatch, match_member, match_provider
from casework.documents.document_fields import (
    BLOCKING,
    DocumentFields,
    analysis_of,
    field_label,
    fields_view,
)
from casework.documents.pages import readable_document
from casework.errors import InvalidValue, UserError
from casework.forms.options import option_wordings
from casework.forms.results import ExtractedField, Value
from casework.forms.validation import validate
from casework.forms.values import parse_boolean, parse_value
from casework.intake.understanding import VERIFICATION_KEY, member_json, provider_json
from casework.permissions import Permission
from casework.plan.rulebook import Rulebook
from casework.plan.schema import FieldSpec, FormSchema
from casework.workspace import Workspace

MEMBER_FIELDS = ("member_name", "member_id", "member_dob", "service_start_date")
PROVIDERS = ("requesting_provider", "servicing_provider")
# What a person should type, by field type, for the message refusing a value.
EXPECTED = {
    "date": "a date, such as 03/07/2026", "time": "a time, such as 2:30 PM",
    "phone": "a phone number of ten digits", "npi": "an NPI of ten digits",
    "member_id": "a Medi-Cal ID (8 digits and a letter)",
    "identifier": "a reference number (letters and digits)",
    "icd10_list": "one or more ICD-10-CM codes, such as M54.5",
    "procedure_list": "one or more CPT or HCPCS codes, such as 97110",
    "integer": "a whole number", "boolean": "Yes or No",
}


def correct_field(ws: Workspace, actor: Actor, document_id: int, field: str,
                  text: str) -> DocumentFields:
    """Set a field to what a person read on the page (empty text clears it); audited."""
    actor.require(Permission.REVIEW_DOCUMENTS)
    now = ws.now()
    with ws.db.write() as session:
        document = readable_document(session, document_id)
        schema = _schema(ws.rules, document)
        spec = _spec(schema, field)
        value = parse_correction(schema, spec, text, now)
        extras = analysis_of(document)
        fields: dict[str, Any] = extras.setdefault("fields", {})
        old = (fields.get(field) or {}).get("value")
        if value == old:
            return fields_view(session, ws.rules, document)
        _keep_reading(extras, field, fields.get(field), actor, now)
        if value is None:
            fields.pop(field, None)
        else:
            page = (fields.get(field) or {}).get("page")
            fields[field] = {"value": value, "confidence": 1.0, "needs_review": False,
                             "page": page}
        revalidate(extras, schema, now)
        rematch = _rematch(ws, extras, field, now)
        cases = _update_cases(session, document.id, field, old, value, rematch, now)
        extras.get(VERIFICATION_KEY, {}).pop("verified", None)  # the values vouched for changed
        document.analysis_json = json.dumps(extras, default=str)
        record(session, actor, AuditAction.DOCUMENT_FIELD_CORRECTED, "document", document.id, now,
               {"field": field, "old": old, "new": value, "cases": [c.number for c in cases],
                "rematched": rematch.what})
        if counts_clocks(field):  # after the correction, so the trail reads cause then effect
            for case in cases:
                take_clock_field(session, ws.rules, actor, case, field, value, now,
                                 document.id)
        if field in ws.rules.routing.priority.field_names:  # how fast it must move: route again
            for case in opened_by(session, document.id):
                reroute(session, ws.rules, actor, case, str(document.form_type),
                        _values(extras), bool(extras.get("complete")), now, field, document.id)
        return fields_view(session, ws.rules, document)


def accept_document(ws: Workspace, actor: Actor, document_id: int) -> DocumentFields:
    """Mark the document's fields verified by this person; refused while a required field is
    missing or invalid (never for a grievance)."""
    actor.require(Permission.REVIEW_DOCUMENTS)
    now = ws.now()
    with ws.db.write() as session:
        document = readable_document(session, document_id)
        schema = _schema(ws.rules, document)
        extras = analysis_of(document)
        verification = extras.setdefault(VERIFICATION_KEY, {})
        if verification.get("verified"):
            return fields_view(session, ws.rules, document)
        blocking = [p for p in extras.get("problems", []) if p.get("kind") in BLOCKING]
        if blocking and not schema.never_incomplete:
            reasons = " ".join(p.get("message", "") for p in blocking)
            raise UserError(f"Document {document_id} cannot be accepted yet. {reasons} "
                            "Correct the field, or ask the provider for it.")
        verification["verified"] = {"by": actor.username, "at": now.isoformat()}
        document.analysis_json = json.dumps(extras, default=str)
        record(session, actor, AuditAction.DOCUMENT_VERIFIED, "document", document.id, now,
               {"form_type": schema.form_type,
                "corrected": sorted(verification.get("corrections", {})),
                "open_problems": [p.get("message") for p in extras.get("problems", [])]})
        return fields_view(session, ws.rules, document)


def parse_correction(schema: FormSchema, spec: FieldSpec, text: str,
                     now: datetime) -> Value | None:
    """The value a person typed, by the field's type; InvalidValue names the field and what is
    expected. Empty text means "no value"."""
    cleaned = " ".join(text.split())
    if not cleaned:
        return None
    label = field_label(spec)
    value = _choice(spec, cleaned) if spec.type in ("choice", "boolean") else \
        parse_value(spec.type, cleaned)
    if value is None:
        raise InvalidValue(f"{label}: “{cleaned}” is not {_expected(spec)}. Nothing was changed.")
    # The value's own checks (check digit, plausible date, not in the future), field alone.
    problems, _ = validate(schema, {spec.name: ExtractedField(value, 1.0, None, None, cleaned)},
                           now)
    own = [p for p in problems if p.field == spec.name]
    if own:
        raise InvalidValue(f"{label}: {own[0].message} Nothing was changed.")
    return value


def _choice(spec: FieldSpec, text: str) -> Value | None:
    if spec.type == "boolean":
        return parse_boolean(text)
    wanted = text.casefold()
    for option, wordings in option_wordings(spec):
        if wanted == option.casefold() or any(wanted == w.casefold() for w in wordings):
            return option
    return None


def _expected(spec: FieldSpec) -> str:
    if spec.type == "choice":
        return "one of " + ", ".join(w[0] for _, w in spec.options if w)
    return EXPECTED.get(spec.type, "a value of this kind")


def _schema(rulebook: Rulebook, document: Document) -> FormSchema:
    schema = rulebook.schema(document.form_type)
    if schema is None:
        raise UserError(f"Document {document.id} was not recognised as one of our forms, so it "
                        "has no fields to check; set its form type in Intake Review first.")
    return schema


def _spec(schema: FormSchema, field: str) -> FieldSpec:
    try:
        return schema.field(field)
    except KeyError:
        raise InvalidValue(f"The {schema.says} has no field called “{field}”.") from None


def _keep_reading(extras: dict[str, Any], field: str, entry: dict[str, Any] | None,
                  actor: Actor, now: datetime) -> None:
    """Remember what the page said the first time it is corrected, and who corrected it last."""
    corrections = extras.setdefault(VERIFICATION_KEY, {}).setdefault("corrections", {})
    if field not in corrections:
        entry = entry or {}
        corrections[field] = {"read": entry.get("value"), "confidence": entry.get("confidence"),
                              "page": entry.get("page")}
    corrections[field].update({"by": actor.username, "at": now.isoformat()})


def _values(extras: dict[str, Any]) -> dict[str, object]:
    return {name: entry.get("value") for name, entry in extras.get("fields", {}).items()}


def revalidate(extras: dict[str, Any], schema: FormSchema, now: datetime) -> None:
    """Check a recorded analysis's fields again: its problems, completeness and follow-up."""
    fields = {name: ExtractedField(entry["value"], float(entry.get("confidence") or 0.0),
                                   entry.get("page"), None, "")
              for name, entry in extras.get("fields", {}).items()}
    problems, follow_up = validate(schema, fields, now)
    extras["problems"] = [p.to_json() for p in problems]
    extras["complete"] = schema.never_incomplete or not any(p.kind in BLOCKING for p in problems)
    extras["needs_follow_up"] = follow_up


@dataclass(frozen=True)
class _Rematch:
    """Who matching now finds, when a field it matches by was corrected."""

    member: MemberMatch | None = None
    provider: tuple[str, ProviderMatch | None] | None = None  # (field prefix, match)

    @property
    def what(self) -> str | None:
        if self.member is not None:
            return "member"
        return self.provider[0] if self.provider else None


def _rematch(ws: Workspace, extras: dict[str, Any], field: str, now: datetime) -> _Rematch:
    """Match the member (or a provider) again when a field it was matched by changed."""
    values = _values(extras)
    if field in MEMBER_FIELDS:
        member = match_member(ws, name=_text(values.get("member_name")),
                              member_id=_text(values.get("member_id")),
                              dob=as_date(values.get("member_dob")),
                              service_date=as_date(values.get("service_start_date"))
                              or now.date())
        extras["member_match"] = member_json(member)
        return _Rematch(member=member)
    for prefix in PROVIDERS:
        if field.startswith(prefix):
            name, npi = _text(values.get(f"{prefix}_name")), _text(values.get(f"{prefix}_npi"))
            found = match_provider(ws, name=name, npi=npi) if name or npi else None
            extras.setdefault("provider_match", {})[prefix.split("_", 1)[0]] = \
                provider_json(found)
            return _Rematch(provider=(prefix, found))
    return _Rematch()


def _update_cases(session: Session, document_id: int, field: str, old: object,
                  value: Value | None, rematch: _Rematch, now: datetime) -> list[Case]:
    """Give the new value to the cases that took it from this document; those cases."""
    links = session.execute(select(Case, CaseDocument.reason).join(
        CaseDocument, CaseDocument.case_id == Case.id).where(
        CaseDocument.document_id == document_id)).all()
    changed = []
    for case, reason in links:
        case_fields: dict[str, Any] = json.loads(case.fields_json or "{}")
        opened_here = reason.startswith("opened")
        if not opened_here and case_fields.get(field) not in (old, None):
            continue  # the case holds another document's value for this field
        if value in (None, "", []):
            case_fields.pop(field, None)
        else:
            case_fields[field] = value
        if opened_here:
            _take_matches(case, case_fields, rematch)
            case.request_key = request_key(DocumentFacts(
                form_type=case.case_type, fields=case_fields, member_cin=case.member_cin))
        case.fields_json = json.dumps(case_fields, default=str, sort_keys=True)
        case.updated_at = now
        changed.append(case)
    return changed


def _take_matches(case: Case, case_fields: dict[str, Any], rematch: _Rematch) -> None:
    """The case's member and providers as matching now finds them (or as the form names them)."""
    member = rematch.member
    if member is not None and member.matched:
        case.member_id = member.member_id
        case.member_cin = member.cin
        case_fields["member_id"] = member.cin
        case.member_name = member.name or case.member_name
        case.language = member.language or case.language
    elif member is not None:
        case.member_id = None
        case.member_cin = _text(case_fields.get("member_id"))
        case.member_name = _text(case_fields.get("member_name")) or ""
    if rematch.provider is not None:
        prefix, found = rematch.provider
        provider_id = found.provider_id if found else None
        if prefix == "requesting_provider":
            case.requesting_provider_id = provider_id
        else:
            case.servicing_provider_id = provider_id


def _text(value: object) -> str | None:
    return str(value) if value not in (None, "", []) else None
