"""Referrals to programs: opened by a coordinator or from a faxed referral form, numbered like
cases (REF-2026-000001), moved along their path, with the first contact's clock where the plan
sets one. Each service checks the permission and audits in the same transaction."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from casework.actor import Actor
from casework.audit.actions import AuditAction
from casework.audit.trail import record
from casework.db.case_models import Case
from casework.db.directory_models import Member
from casework.db.outreach_models import Attendance, Referral
from casework.db.sequences import take_next
from casework.directory.values import CIN_SHAPE
from casework.errors import InvalidValue, NotFound
from casework.outreach.contacts import (
    ContactEntry,
    ContactLog,
    ContactView,
    add_contact,
    check_entry,
    contacts_in,
    view_of,
)
from casework.outreach.reach_rule import reach_progress, require_unreachable
from casework.outreach.referral_states import ReferralStatus, check_referral_move
from casework.permissions import Permission
from casework.plan.outreach_rules import OutreachRules
from casework.plan.rulebook import Rulebook
from casework.plan.timezone import PLAN_ZONE, plan_date
from casework.workspace import Workspace

END_OF_DAY_HOUR = (23, 59, 59)


@dataclass(frozen=True)
class NewReferral:
    """What a coordinator (or a faxed form) says about a referral."""

    cin: str
    program: str
    site: str = ""
    reason: str = ""
    referred_by: str = ""


@dataclass(frozen=True)
class ReferralView:
    """A referral as its screen and the command line show it."""

    id: int
    number: str
    member_cin: str
    member_name: str
    program: str
    program_says: str
    site: str
    status: str
    referred_at: datetime
    due_at: datetime | None
    clock_citation: str
    contacted_at: datetime | None
    closed_at: datetime | None
    referred_by: str
    reason: str
    outcome_note: str
    case_number: str | None
    attended_days: int
    attendance: bool  # the program keeps attendance (CBAS)

    def clock_words(self, now: datetime) -> str:
        """'first contact due 11/09/2026', 'met', 'OVERDUE since …' or '' with no clock."""
        if self.due_at is None:
            return ""
        due = f"{self.due_at.astimezone(PLAN_ZONE):%m/%d/%Y}"
        if self.contacted_at is not None:
            late = self.contacted_at > self.due_at
            return f"first contact {'late' if late else 'on time'} (due {due})"
        if now > self.due_at and self.status == ReferralStatus.REFERRED:
            return f"first contact OVERDUE (due {due})"
        return f"first contact due {due}" if self.status == ReferralStatus.REFERRED else ""


def check_program(rules: OutreachRules, program: str, site: str) -> str:
    """The site's name as the rules spell it ('' for none yet); refuse an unknown program or a
    site that does not offer it."""
    if rules.program(program) is None:
        raise InvalidValue(f"{program!r} is not a program; the programs are "
                           f"{', '.join(rules.programs)}.")
    if not site.strip():
        return ""
    found = rules.site(site)
    if found is None or program not in found.programs:
        offered = ", ".join(s.name for s in rules.sites_of(program)) or "none listed"
        raise InvalidValue(f"{site.strip()!r} is not a site of {program}; its sites are "
                           f"{offered}.")
    return found.name


def allocate_referral_number(session: Session, prefix: str, year: int) -> str:
    """Take the next referral number for the year inside the caller's transaction."""
    return f"{prefix}-{year}-{take_next(session, prefix, year):06d}"


def first_contact_due(rulebook: Rulebook, program: str,
                      referred_at: datetime) -> tuple[datetime | None, str]:
    """When the member must first be contacted (end of the business day the program's rule
    gives) and the rule's source; (None, '') where the plan sets no clock."""
    spec = rulebook.outreach.program(program)
    if spec is None or spec.first_contact_days is None:
        return None, ""
    day = rulebook.calendar.add_business_days(plan_date(referred_at), spec.first_contact_days)
    due = datetime(day.year, day.month, day.day, *END_OF_DAY_HOUR, tzinfo=PLAN_ZONE)
    return due, spec.citation


def open_referral(session: Session, rulebook: Rulebook, actor: Actor, now: datetime,
                  new: NewReferral, *, referred_at: datetime | None = None,
                  case: Case | None = None, document_id: int | None = None) -> Referral:
    """Number and store a referral with its clock, audited, in the caller's transaction."""
    rules = rulebook.outreach
    site = check_program(rules, new.program, new.site)
    cin = new.cin.strip().upper()
    member = session.scalar(select(Member).where(Member.cin == cin))
    when = referred_at or now
    due, citation = first_contact_due(rulebook, new.program, when)
    referral = Referral(
        number=allocate_referral_number(session, rules.referral_prefix, plan_date(when).year),
        member_id=member.id if member else None, member_cin=cin,
        member_name=(f"{member.first_name} {member.last_name}".strip() if member
                     else (case.member_name if case else "")),
        program=new.program, site=site, status=ReferralStatus.REFERRED,
        case_id=case.id if case else None, document_id=document_id,
        referred_by=new.referred_by.strip(), reason=new.reason.strip(), outcome_note="",
        referred_at=when, due_at=due, clock_citation=citation, created_by=actor.username,
        created_at=now, updated_at=now)
    session.add(referral)
    session.flush()
    record(session, actor, AuditAction.REFERRAL_OPENED, "referral", referral.id, now,
           {"number": referral.number, "cin": cin, "program": new.program, "site": site or None,
            "case": case.number if case else None, "document": document_id,
            "due": due.isoformat() if due else None})
    return referral


def new_referral(ws: Workspace, actor: Actor, new: NewReferral) -> ReferralView:
    """Refer a roster member to a program."""
    actor.require(Permission.MANAGE_REFERRALS)
    cin = new.cin.strip().upper()
    if not CIN_SHAPE.match(cin):
        raise InvalidValue(f"{new.cin!r} is not a Medi-Cal ID (8 digits and a letter).")
    with ws.db.write() as session:
        if session.scalar(select(Member.id).where(Member.cin == cin)) is None:
            raise NotFound(f"No member {cin} in the roster.")
        referral = open_referral(session, ws.rules, actor, ws.now(), new)
        return referral_view(session, ws.rules.outreach, referral)


def referral_by_number(session: Session, number: str) -> Referral:
    """The referral with this number, or NotFound in words."""
    referral = session.scalar(select(Referral).where(Referral.number == number.strip().upper()))
    if referral is None:
        raise NotFound(f"There is no referral {number}.")
    return referral


def referral_view(session: Session, rules: OutreachRules, referral: Referral) -> ReferralView:
    """A stored referral as screens show it."""
    return referral_views(session, rules, [referral])[0]


def referral_views(session: Session, rules: OutreachRules,
                   referrals: Sequence[Referral]) -> list[ReferralView]:
    """Stored referrals as screens show them, their cases and attendance read in two queries
    whatever their number."""
    ids = [r.id for r in referrals]
    case_ids = [r.case_id for r in referrals if r.case_id is not None]
    numbers = {case_id: number for case_id, number in session.execute(
        select(Case.id, Case.number).where(Case.id.in_(case_ids)))} if case_ids else {}
    days = {referral_id: int(n) for referral_id, n in session.execute(
        select(Attendance.referral_id, func.count(Attendance.id))
        .where(Attendance.referral_id.in_(ids)).group_by(Attendance.referral_id))} if ids else {}
    return [_view(rules, r, numbers.get(r.case_id or 0), days.get(r.id, 0)) for r in referrals]


def _view(rules: OutreachRules, referral: Referral, case_number: str | None,
          days: int) -> ReferralView:
    program = rules.program(referral.program)
    return ReferralView(
        referral.id, referral.number, referral.member_cin, referral.member_name,
        referral.program, program.says if program else referral.program, referral.site,
        referral.status, referral.referred_at, referral.due_at, referral.clock_citation,
        referral.contacted_at, referral.closed_at, referral.referred_by, referral.reason,
        referral.outcome_note, case_number, days, bool(program and program.attendance))


def referral_detail(ws: Workspace, actor: Actor, number: str) -> tuple[ReferralView, ContactLog]:
    """A referral and its attempts to reach the member."""
    actor.require(Permission.VIEW_CASES)
    with ws.db.read() as session:
        referral = referral_by_number(session, number)
        found = contacts_in(session, referral.case_id, referral.id)
        names = {referral.id: referral.number}
        log = ContactLog(tuple(view_of(c, None, names) for c in found),
                         reach_progress(ws.rules.outreach.outreach,
                                        ((c.made_at, c.outcome) for c in found)))
        return referral_view(session, ws.rules.outreach, referral), log


def log_referral_contact(ws: Workspace, actor: Actor, number: str,
                         entry: ContactEntry) -> ContactView:
    """Log an attempt to reach a referred member; reaching them marks the referral contacted
    (and meets its clock)."""
    actor.require(Permission.MANAGE_REFERRALS)
    entry = check_entry(entry)
    now = ws.now()
    with ws.db.write() as session:
        referral = referral_by_number(session, number)
        if referral.status == ReferralStatus.CLOSED:
            raise InvalidValue(f"{referral.number} is closed.")
        contact = add_contact(session, actor, now, entry, referral=referral)
        if entry.outcome == "reached" and referral.status == ReferralStatus.REFERRED:
            _move(session, actor, now, referral, ReferralStatus.CONTACTED, "reached the member")
        return view_of(contact, None, {referral.id: referral.number})


def change_referral_status(ws: Workspace, actor: Actor, number: str, target: str,
                           note: str = "", site: str = "") -> ReferralView:
    """Move a referral along its path. Contacted needs an attempt that reached the member;
    enrolled needs a site where the program has sites; unreachable needs the plan's outreach
    attempts; an outcome (enrolled, declined, unreachable) keeps its note."""
    actor.require(Permission.MANAGE_REFERRALS)
    now = ws.now()
    with ws.db.write() as session:
        referral = referral_by_number(session, number)
        check_referral_move(referral.number, referral.status, target)
        rules = ws.rules.outreach
        found = contacts_in(session, referral.case_id, referral.id)
        if target == ReferralStatus.CONTACTED and not any(c.outcome == "reached" for c in found):
            raise InvalidValue(f"Log the attempt that reached the member before marking "
                               f"{referral.number} contacted.")
        if target == ReferralStatus.UNREACHABLE:
            require_unreachable(reach_progress(rules.outreach,
                                               ((c.made_at, c.outcome) for c in found)),
                                f"Referral {referral.number}")
        if site.strip():
            referral.site = check_program(rules, referral.program, site)
        sites = rules.sites_of(referral.program)
        if target == ReferralStatus.ENROLLED and not referral.site and sites:
            raise InvalidValue(f"Say which site {referral.member_name or 'the member'} is "
                               f"enrolled at ({', '.join(s.name for s in sites)}).")
        if note.strip():
            referral.outcome_note = note.strip()
        _move(session, actor, now, referral, target, note.strip())
        return referral_view(session, rules, referral)


def _move(session: Session, actor: Actor, now: datetime, referral: Referral, target: str,
          why: str) -> None:
    previous = referral.status
    referral.status = target
    if target == ReferralStatus.CONTACTED and referral.contacted_at is None:
        referral.contacted_at = now
    if target == ReferralStatus.CLOSED:
        referral.closed_at = now
    referral.updated_at = now
    record(session, actor, AuditAction.REFERRAL_STATUS_CHANGED, "referral", referral.id, now,
           {"number": referral.number, "from": previous, "to": target,
            "site": referral.site or None, "note": why or None})
