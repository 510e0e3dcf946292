"""One member across every case: the roster's details, cases (open and closed), documents,
letters sent, contacts and referrals, newest first. Opening it is audited as a look at the
member's health information."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from casework.actor import Actor
from casework.audit.actions import AuditAction
from casework.audit.trail import record
from casework.db.case_models import Case, CaseDocument
from casework.db.directory_models import Member
from casework.db.letter_models import Letter
from casework.db.models import Document
from casework.db.outreach_models import Contact, Referral
from casework.directory.lookup import MemberView, member_view
from casework.errors import NotFound
from casework.outreach.contacts import ContactView, view_of
from casework.outreach.referrals import ReferralView, referral_views
from casework.permissions import Permission
from casework.plan.case_statuses import CaseStatus
from casework.workspace import Workspace


@dataclass(frozen=True)
class MemberCase:
    """One of the member's cases as the member view lists it."""

    case_id: int
    number: str
    case_type: str
    status: str
    outcome: str | None
    queue: str
    received_at: datetime
    next_due_at: datetime | None
    closed_at: datetime | None

    @property
    def is_open(self) -> bool:
        return self.closed_at is None and self.status != CaseStatus.CLOSED


@dataclass(frozen=True)
class MemberDocument:
    document_id: int
    case_number: str
    form_type: str | None
    original_name: str
    received_at: datetime
    pages: int | None


@dataclass(frozen=True)
class MemberLetter:
    letter_id: int
    case_number: str
    kind: str
    language: str
    version: int
    created_at: datetime
    sent: str  # 'mailed 11/03/2026' …, or '' while a draft
    sent_at: datetime | None


@dataclass(frozen=True)
class MemberRecord:
    """Everything the plan holds about one member, newest first in each list."""

    member: MemberView | None  # None: the roster does not have this ID (cases may still)
    cin: str
    name: str
    cases: tuple[MemberCase, ...]
    documents: tuple[MemberDocument, ...]
    letters: tuple[MemberLetter, ...]
    contacts: tuple[ContactView, ...]
    referrals: tuple[ReferralView, ...]

    @property
    def open_cases(self) -> int:
        return sum(1 for c in self.cases if c.is_open)


def member_record(ws: Workspace, actor: Actor, cin: str, *, opening: bool = True) -> MemberRecord:
    """The member's whole record by Medi-Cal ID; the look is audited unless `opening` is False
    (a window reading again after a change)."""
    actor.require(Permission.VIEW_CASES)
    wanted = "".join(cin.split()).upper()
    with ws.db.write() if opening else ws.db.read() as session:
        member = session.scalar(select(Member).where(Member.cin == wanted))
        found = _read(session, ws, wanted, member)
        if member is None and not found.cases and not found.referrals:
            raise NotFound(f"No member {wanted} in the roster or on any case.")
        if opening:
            record(session, actor, AuditAction.MEMBER_VIEWED, "member",
                   member.id if member else wanted, ws.now(),
                   {"cin": wanted, "cases": len(found.cases)})
        return found


def _read(session: Session, ws: Workspace, cin: str, member: Member | None) -> MemberRecord:
    whose = Case.member_cin == cin
    if member is not None:
        whose = or_(whose, Case.member_id == member.id)
    cases = session.scalars(select(Case).where(whose)
                            .order_by(Case.received_at.desc(), Case.id.desc())).all()
    numbers = {c.id: c.number for c in cases}
    referrals = session.scalars(select(Referral).where(Referral.member_cin == cin)
                                .order_by(Referral.referred_at.desc(), Referral.id.desc())).all()
    referral_numbers = {r.id: r.number for r in referrals}
    contacts = session.scalars(
        select(Contact).where(or_(Contact.member_cin == cin, Contact.case_id.in_(list(numbers)),
                                  Contact.referral_id.in_(list(referral_numbers))))
        .order_by(Contact.made_at.desc(), Contact.id.desc())).all()
    name = (f"{member.first_name} {member.last_name}".strip() if member is not None
            else next((c.member_name for c in cases if c.member_name), ""))
    return MemberRecord(
        member_view(member, ws.now().date()) if member is not None else None, cin, name,
        tuple(MemberCase(c.id, c.number, c.case_type, c.status, c.outcome, c.queue,
                         c.received_at, c.next_due_at, c.closed_at) for c in cases),
        _documents(session, numbers), _letters(session, numbers),
        tuple(view_of(c, numbers, referral_numbers) for c in contacts),
        tuple(referral_views(session, ws.rules.outreach, referrals)))


def _documents(session: Session, numbers: dict[int, str]) -> tuple[MemberDocument, ...]:
    rows = session.execute(
        select(CaseDocument.case_id, Document)
        .join(Document, Document.id == CaseDocument.document_id)
        .where(CaseDocument.case_id.in_(list(numbers)))
        .order_by(Document.received_at.desc(), Document.id.desc())).all()
    return tuple(MemberDocument(d.id, numbers[case_id], d.form_type, d.original_name,
                                d.received_at, d.page_count) for case_id, d in rows)


def _letters(session: Session, numbers: dict[int, str]) -> tuple[MemberLetter, ...]:
    letters = session.scalars(select(Letter).where(Letter.case_id.in_(list(numbers)))
                              .order_by(Letter.created_at.desc(), Letter.id.desc())).all()
    return tuple(_letter(numbers[letter.case_id], letter) for letter in letters)


def _letter(number: str, letter: Letter) -> MemberLetter:
    ways = [(w, t) for w, t in (("mailed", letter.mailed_at), ("faxed", letter.faxed_at),
                                ("handed over", letter.handed_at), ("printed", letter.printed_at))
            if t is not None]
    first = min(ways, key=lambda pair: pair[1]) if ways else None
    return MemberLetter(letter.id, number, letter.kind, letter.language, letter.version,
                        letter.created_at, first[0] if first else "",
                        first[1] if first else None)
