"""What the case, the rosters and the signer say a letter should contain.

Staff write only what only staff know (a resolution, a reason); the member, the providers,
the service, the dates and the signer come from the case, its form, the rosters and the
signed-in person's account.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from casework.actor import Actor
from casework.db.case_models import Case, CaseClock, CaseDocument
from casework.db.directory_models import Member as RosterMember
from casework.db.directory_models import Provider
from casework.db.models import Document
from casework.letters.addresses import address_block, format_phone
from casework.letters.data import Contact, LetterData, Member, Problem
from casework.letters.problem_words import spanish_problem
from casework.letters.service_words import CODE
from casework.letters.signer import signer_for
from casework.letters.trip_values import with_trip
from casework.plan.rulebook import Rulebook
from casework.plan.timezone import plan_date
from casework.settings import PlanDetails


@dataclass(frozen=True)
class CaseLetterValues:
    """The letter data the case gives, plus what choosing the language and the service's
    words still need."""

    data: LetterData
    roster_language: str | None
    form_language: str | None
    service_codes: tuple[str, ...]


def case_letter_values(session: Session, rules: Rulebook, case: Case, actor: Actor,
                       plan: PlanDetails, today: date) -> CaseLetterValues:
    """Everything a letter about `case` can take from the case and its rosters."""
    fields: dict[str, Any] = json.loads(case.fields_json or "{}")
    roster = session.get(RosterMember, case.member_id) if case.member_id else None
    if roster is not None:
        member = Member(f"{roster.first_name} {roster.last_name}".strip(), roster.cin,
                        address_block(roster.address), phone=format_phone(roster.phone or ""))
    else:
        member = Member(case.member_name, case.member_cin or "",
                        address_block(_text(fields.get("member_address"))),
                        phone=format_phone(_text(fields.get("member_phone"))))
    extended = _latest_extension(session, case)
    codes = tuple(str(c).strip().upper() for c in fields.get("procedure_codes") or []
                  if str(c).strip())
    denied = _text(fields.get("denied_service"))
    named = tuple(part.upper() for part in re.split(r"[\s,;]+", denied) if part)
    if not codes and named and all(CODE.match(part) for part in named):
        codes, denied = named, ""  # an appeal naming the denied service by its code
    data = LetterData(
        problems=_open_problems(session, rules, case),
        case_number=case.number, case_type=case.case_type, letter_date=today, member=member,
        received_date=plan_date(case.received_at), handler=signer_for(session, actor, plan),
        provider=_provider(session, case, fields),
        decision_date=_decision_date(session, case), outcome=case.outcome or "",
        summary=_text(fields.get("description")),
        authorization_number=_text(fields.get("authorization_number")),
        service=denied,
        extended_to=plan_date(extended.due_at) if extended else None,
        extension_reason=(extended.extension_reason or "") if extended else "",
    )
    data = with_trip(session, rules.transport, case, data)
    return CaseLetterValues(data, roster.language if roster else None,
                            _text(fields.get("preferred_language")) or None, codes)


def _decision_date(session: Session, case: Case) -> date | None:
    """When the case was decided: a request's decision, else the day its resolve clock was met
    (an appeal or grievance resolved)."""
    if case.decided_at is not None:
        return plan_date(case.decided_at)
    if not case.outcome:
        return None
    met = session.scalar(select(CaseClock.met_at).where(
        CaseClock.case_id == case.id, CaseClock.name == "resolve",
        CaseClock.met_at.is_not(None)))
    return plan_date(met) if met is not None else None


def _provider(session: Session, case: Case, fields: dict[str, Any]) -> Contact | None:
    """The requesting provider: the directory's entry, filled out with what the form says
    (a fax number on the faxed request is where the answer goes)."""
    row = (session.get(Provider, case.requesting_provider_id)
           if case.requesting_provider_id else None)
    name = _text(fields.get("requesting_provider_name")) or _text(fields.get("prescriber_name"))
    fax = _text(fields.get("requesting_provider_fax"))
    phone = _text(fields.get("requesting_provider_phone"))
    npi = _text(fields.get("requesting_provider_npi")) or _text(fields.get("prescriber_npi"))
    if row is not None:
        return Contact(row.name or name, phone=format_phone(row.phone or phone),
                       fax=format_phone(row.fax or fax), npi=row.npi,
                       address=address_block(row.address or ""))
    if not (name or fax):
        return None
    return Contact(name, phone=format_phone(phone), fax=format_phone(fax), npi=npi)


def _latest_extension(session: Session, case: Case) -> CaseClock | None:
    """The clock of the case extended most recently that still runs (else any extended one):
    what the member's extension notice is about."""
    extended = session.scalars(select(CaseClock).where(
        CaseClock.case_id == case.id, CaseClock.extension_reason.is_not(None))).all()
    running = [c for c in extended if c.met_at is None] or list(extended)
    return max(running, key=lambda c: c.due_at, default=None)


def _open_problems(session: Session, rules: Rulebook, case: Case) -> tuple[Problem, ...]:
    """What the case's latest document lacks (missing or invalid), as its analysis recorded,
    each named by its form label ("Diagnosis Codes")."""
    latest = session.execute(
        select(Document.analysis_json, Document.form_type)
        .join(CaseDocument, CaseDocument.document_id == Document.id)
        .where(CaseDocument.case_id == case.id).order_by(CaseDocument.attached_at.desc(),
                                                          CaseDocument.id.desc()).limit(1)
    ).first()
    if latest is None or not latest[0]:
        return ()
    try:
        recorded = json.loads(latest[0]).get("problems", [])
    except (ValueError, AttributeError):
        return ()
    schema = rules.schema(latest[1])
    labels = {spec.name: spec.labels[0] for spec in schema.fields if spec.labels} if schema else {}
    problems = []
    for p in recorded:
        if not (isinstance(p, dict) and p.get("kind") in ("missing", "invalid")
                and p.get("message")):
            continue
        name, kind, message = str(p.get("field", "")), str(p["kind"]), str(p["message"])
        spanish = spanish_problem(name, kind, message, schema)
        problems.append(Problem(_item(name, labels), kind, message, spanish.item,
                                spanish.message))
    return tuple(problems)


def _item(field: str, labels: dict[str, str]) -> str:
    """A form field as the provider's form labels it ('requesting_provider_npi' →
    'Requesting Provider NPI')."""
    return labels.get(field) or field.replace("_", " ").strip().capitalize()


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value if v)
    return str(value).strip()
