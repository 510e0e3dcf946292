"""Issuing letters for a case: build the data, render, store every version, list what is due.

A letter is never overwritten: regenerating makes a new version. Generating drafts a letter;
the clock waiting for it is met when it is sent (`casework.letters.sending`), so a letter
drafted and not sent stays on the letters-due list.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, fields, replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from casework.actor import Actor
from casework.atomic import write_atomically
from casework.audit.actions import AuditAction
from casework.audit.trail import record
from casework.cases.lookup import get_case, get_case_by_number
from casework.db.case_models import Case, CaseClock, CaseDocument
from casework.db.directory_models import Member as RosterMember
from casework.db.directory_models import Provider
from casework.db.letter_models import Letter
from casework.db.models import Document, User
from casework.errors import InvalidValue, NotFound, UserError
from casework.letters.data import Contact, LetterData, Member, Problem
from casework.letters.fitting import fitting_kind
from casework.letters.languages import choose_language
from casework.letters.rendering import render_letter
from casework.letters.reviewer import reviewer_for_notice, with_reviewer
from casework.letters.sending import MILESTONE_OF, not_sent
from casework.letters.trip_values import with_trip
from casework.permissions import Permission
from casework.plan.case_types import CaseType, Priority
from casework.plan.clock_rules import ClockName
from casework.plan.timezone import plan_date
from casework.plan.transport_rules import TransportRules
from casework.settings import PlanDetails
from casework.workspace import Workspace

# Letters each running clock calls for, for "letters due".
KINDS_FOR_CLOCK: dict[tuple[str, str], str] = {
    (CaseType.GRIEVANCE, ClockName.ACKNOWLEDGE): "grievance_acknowledgement",
    (CaseType.GRIEVANCE, ClockName.RESOLVE): "grievance_resolution",
    (CaseType.APPEAL, ClockName.ACKNOWLEDGE): "appeal_acknowledgement",
    (CaseType.APPEAL, ClockName.RESOLVE): "appeal_resolution",
}
TEXT_FIELDS = {f.name for f in fields(LetterData)} - {
    "case_number", "case_type", "letter_date", "member", "handler", "reviewer", "provider",
    "vendor", "problems", "trip", "criteria", "received_date", "decision_date", "valid_from",
    "valid_through", "reply_by"}
# Printing is not sending: a printed letter still has to be mailed or handed over.
DELIVERY_COLUMNS = {"printed": "printed_at"}
DELIVERY_ACTIONS = {"printed": AuditAction.LETTER_PRINTED}
DATE_FIELDS = {"decision_date", "valid_from", "valid_through", "reply_by"}


@dataclass(frozen=True)
class IssuedLetter:
    id: int
    case_number: str
    kind: str
    language: str
    version: int
    pages: int
    sha256: str


@dataclass(frozen=True)
class DueLetter:
    """A letter a running clock waits for: still to write, or drafted and not yet sent."""

    case_number: str
    kind: str
    due_at: datetime
    overdue: bool
    drafted_letter_id: int | None = None  # the latest version drafted, when one is

    @property
    def drafted(self) -> bool:
        return self.drafted_letter_id is not None


def generate_letter(
    ws: Workspace, actor: Actor, plan: PlanDetails, case_number: str, kind: str,
    language: str | None = None, values: dict[str, str] | None = None,
) -> IssuedLetter:
    """Render `kind` for the case and store it as a new version (a draft until it is sent).

    Only a kind that fits the case (its type, priority, status and outcome, by the rules) is
    made; any other is refused naming the kinds that fit. A notice of a clinical reviewer's
    decision names that reviewer, and needs the decision.
    """
    actor.require(Permission.GENERATE_LETTERS)
    with ws.db.read() as session:
        case = get_case_by_number(session, case_number)
        # A reviewed notice is refused first for want of the reviewer's decision, which says
        # what to do about it; then any kind that does not fit the case.
        reviewer = reviewer_for_notice(session, ws.rules.clinical_review, case,
                                       ws.rules.letter_kinds.kind(kind), ws.rules.letter_kinds)
        spec = fitting_kind(ws.rules.letter_kinds, case, kind)
        data, roster_language = _letter_data(session, case, actor, plan, plan_date(ws.now()),
                                             ws.rules.transport)
        form_language = json.loads(case.fields_json or "{}").get("preferred_language")
    data = _with_values(with_reviewer(data, reviewer, values or {}, spec), values or {})
    if spec.member_inserts:
        chosen = choose_language(roster_language or case.language, form_language, language)
    else:
        # A provider's office or a transport vendor reads English; the member's language is
        # for the member's own letters.
        chosen = choose_language(None, None, language)
    rendered = render_letter(spec, chosen, data, plan)
    sha = ws.store.put_bytes(rendered.pdf)
    now = ws.now()
    with ws.db.write() as session:
        case = get_case(session, case.id)
        version = int(session.scalar(select(func.count(Letter.id)).where(
            Letter.case_id == case.id, Letter.kind == kind)) or 0) + 1
        letter = Letter(case_id=case.id, kind=kind, language=chosen, version=version,
                        sha256=sha, pages=rendered.pages, author=actor.username, created_at=now)
        session.add(letter)
        session.flush()
        record(session, actor, AuditAction.LETTER_GENERATED, "case", case.id, now,
               {"number": case.number, "letter": letter.id, "kind": kind, "language": chosen,
                "version": version, "sha256": sha, "draft": True})
        return IssuedLetter(letter.id, case.number, kind, chosen, version, rendered.pages, sha)


def export_letter(ws: Workspace, actor: Actor, letter_id: int, out: Path) -> Path:
    """Write a stored letter to a file (atomically) and record the export."""
    actor.require(Permission.GENERATE_LETTERS)
    letter = _letter(ws, letter_id)
    write_atomically(out, ws.store.read_bytes(letter.sha256))
    with ws.db.write() as session:
        record(session, actor, AuditAction.LETTER_EXPORTED, "letter", letter_id, ws.now(),
               {"file": out.name})
    return out


def mark_delivered(ws: Workspace, actor: Actor, letter_id: int, how: str) -> None:
    """Record when the letter was `how` ("printed"), audited as letter.<how>; sending is
    `casework.letters.sending`."""
    actor.require(Permission.GENERATE_LETTERS)
    if how not in DELIVERY_COLUMNS:
        raise InvalidValue(f"A letter cannot be marked {how!r} here; record its sending.")
    with ws.db.write() as session:
        row = session.get(Letter, letter_id)
        if row is None:
            raise NotFound(f"There is no letter {letter_id}.")
        setattr(row, DELIVERY_COLUMNS[how], ws.now())
        record(session, actor, DELIVERY_ACTIONS[how], "letter", letter_id, ws.now(),
               {"kind": row.kind, "version": row.version})


def letters_due(ws: Workspace, actor: Actor) -> list[DueLetter]:
    """Letters whose clock falls due by the end of today (plan time) or is overdue, and every
    letter drafted for a running clock and not yet sent, whenever that clock falls due."""
    actor.require(Permission.VIEW_CASES)
    now = ws.now()
    end_of_today = now + timedelta(days=1)
    with ws.db.read() as session:
        rows = session.execute(
            select(Case.number, Case.case_type, CaseClock.name, CaseClock.due_at)
            .join(CaseClock, CaseClock.case_id == Case.id)
            .where(CaseClock.met_at.is_(None), CaseClock.due_at < end_of_today,
                   Case.priority != Priority.EXEMPT)
            .order_by(CaseClock.due_at)
        ).all()
        drafts = session.execute(
            select(Case.number, CaseClock.name, CaseClock.due_at, Letter.id, Letter.kind)
            .join(CaseClock, CaseClock.case_id == Case.id)
            .join(Letter, Letter.case_id == Case.id)
            .where(CaseClock.met_at.is_(None), not_sent())
            .order_by(Letter.id)
        ).all()
    due: dict[tuple[str, str], DueLetter] = {}
    for number, case_type, clock, due_at in rows:
        kind = KINDS_FOR_CLOCK.get((case_type, clock))
        if kind and plan_date(due_at) <= plan_date(now):
            due[number, clock] = DueLetter(number, kind, due_at, due_at < now)
    for number, clock, due_at, letter_id, kind in drafts:
        if MILESTONE_OF.get(kind) == clock:  # the newest draft for the clock wins
            due[number, clock] = DueLetter(number, kind, due_at, due_at < now, letter_id)
    return sorted(due.values(), key=lambda d: (d.due_at, d.case_number))


def _letter(ws: Workspace, letter_id: int) -> Letter:
    with ws.db.read() as session:
        letter = session.get(Letter, letter_id)
        if letter is None:
            raise NotFound(f"There is no letter {letter_id}.")
        return letter


def _letter_data(session: Session, case: Case, actor: Actor, plan: PlanDetails,
                 today: date, rules: TransportRules) -> tuple[LetterData, str | None]:
    """What the case, the rosters and the signed-in handler say a letter should contain."""
    case_fields: dict[str, Any] = json.loads(case.fields_json or "{}")
    roster = session.get(RosterMember, case.member_id) if case.member_id else None
    if roster is not None:
        member = Member(f"{roster.first_name} {roster.last_name}".strip(), roster.cin,
                        _address_lines(roster.address), phone=roster.phone or "")
    else:
        member = Member(case.member_name, case.member_cin or "",
                        _address_lines(str(case_fields.get("member_address", ""))))
    user = session.scalar(select(User).where(User.username == actor.username))
    handler = Contact(user.full_name or user.username if user else actor.username,
                      phone=plan.member_services_phone, address=_address_lines(plan.address))
    provider_row = (session.get(Provider, case.requesting_provider_id)
                    if case.requesting_provider_id else None)
    provider = (Contact(provider_row.name, phone=provider_row.phone or "",
                        fax=provider_row.fax or "", npi=provider_row.npi)
                if provider_row else None)
    extended = _latest_extension(session, case)
    data = LetterData(
        problems=_open_problems(session, case),
        case_number=case.number, case_type=case.case_type, letter_date=today, member=member,
        received_date=plan_date(case.received_at), handler=handler, provider=provider,
        decision_date=plan_date(case.decided_at) if case.decided_at else None,
        summary=str(case_fields.get("description", "")),
        authorization_number=str(case_fields.get("authorization_number", "")),
        service=", ".join(map(str, case_fields.get("procedure_codes", []) or [])),
        extended_to=plan_date(extended.due_at) if extended else None,
        extension_reason=(extended.extension_reason or "") if extended else "",
    )
    return with_trip(session, rules, case, data), roster.language if roster else None


def _latest_extension(session: Session, case: Case) -> CaseClock | None:
    """The clock of the case extended most recently that still runs (else any extended one):
    what the member's extension notice is about."""
    extended = session.scalars(select(CaseClock).where(
        CaseClock.case_id == case.id, CaseClock.extension_reason.is_not(None))).all()
    running = [c for c in extended if c.met_at is None] or list(extended)
    return max(running, key=lambda c: c.due_at, default=None)


def _open_problems(session: Session, case: Case) -> tuple[Problem, ...]:
    """What the case's latest document lacks (missing or invalid), as its analysis recorded."""
    latest = session.scalar(
        select(Document.analysis_json).join(CaseDocument, CaseDocument.document_id == Document.id)
        .where(CaseDocument.case_id == case.id).order_by(CaseDocument.attached_at.desc(),
                                                          CaseDocument.id.desc()).limit(1))
    if not latest:
        return ()
    try:
        recorded = json.loads(latest).get("problems", [])
    except (ValueError, AttributeError):
        return ()
    return tuple(Problem(str(p.get("field", "")), str(p.get("kind", "")),
                         str(p.get("message", "")))
                 for p in recorded if isinstance(p, dict)
                 and p.get("kind") in ("missing", "invalid") and p.get("message"))


def _address_lines(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.replace("\n", ",").split(",") if part.strip())


def _with_values(data: LetterData, values: dict[str, str]) -> LetterData:
    """Staff-written values (reason, resolution, criteria …) given for this letter."""
    changes: dict[str, Any] = {}
    for name, value in values.items():
        if name in TEXT_FIELDS:
            changes[name] = value
        elif name == "criteria":
            changes[name] = tuple(v.strip() for v in value.split(";") if v.strip())
        elif name == "problems":
            # Written by staff (a phone request, say): one missing item per ';'.
            changes[name] = tuple(Problem("", "missing", v.strip()) for v in value.split(";")
                                  if v.strip())
        elif name in DATE_FIELDS:
            try:
                changes[name] = date.fromisoformat(value)
            except ValueError:
                raise InvalidValue(f"{name} must be a date like 2026-11-30.") from None
        elif name in {"reviewer.name", "reviewer.phone", "reviewer.credentials"}:
            reviewer = changes.get("reviewer") or data.reviewer or Contact("")
            changes["reviewer"] = replace(reviewer, **{name.split(".")[1]: value})
        else:
            raise InvalidValue(f"A letter has no value called {name!r}.")
    return replace(data, **changes)


@dataclass(frozen=True)
class BatchOutcome:
    case_number: str
    kind: str
    letter_id: int | None
    problem: str | None


def generate_due(ws: Workspace, actor: Actor, plan: PlanDetails,
                 kinds: set[str] | None = None) -> list[BatchOutcome]:
    """Generate every letter due today or overdue (optionally only some kinds); one already
    drafted is left to be sent, not drafted again.

    A letter that needs staff-written values (a resolution's wording) is reported, not guessed.
    """
    outcomes = []
    for due in letters_due(ws, actor):
        if due.drafted or (kinds and due.kind not in kinds):
            continue
        try:
            issued = generate_letter(ws, actor, plan, due.case_number, due.kind)
        except UserError as exc:
            outcomes.append(BatchOutcome(due.case_number, due.kind, None, str(exc)))
        else:
            outcomes.append(BatchOutcome(due.case_number, due.kind, issued.id, None))
    return outcomes
