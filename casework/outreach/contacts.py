"""The contact log: every attempt to reach a member about a case or a referral, numbered,
with the channel, what came of it, and the interpreter and language used."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import Session, object_session

from casework.actor import Actor
from casework.audit.actions import AuditAction
from casework.audit.trail import record
from casework.db.case_models import Case
from casework.db.models import User
from casework.db.outreach_models import Contact, Referral
from casework.errors import InvalidValue, NotFound
from casework.outreach.reach_rule import ReachProgress, reach_progress, require_unreachable
from casework.permissions import Permission
from casework.plan.outreach_rules import OutreachRule
from casework.workspace import Workspace

CHANNELS = ("phone", "mail", "email", "in_person", "text")
OUTCOMES = ("reached", "no_answer", "left_message", "wrong_number", "refused")


@dataclass(frozen=True)
class ContactEntry:
    """One attempt as a person logs it."""

    channel: str
    outcome: str
    note: str = ""
    interpreter: bool = False  # an interpreter took part; `language` says which language
    language: str | None = None


@dataclass(frozen=True)
class ContactView:
    """A logged attempt as screens and the command line show it."""

    id: int
    attempt: int
    channel: str
    outcome: str
    note: str
    interpreter: bool
    language: str | None
    made_by: str
    made_at: datetime
    case_number: str | None = None
    referral_number: str | None = None

    def says(self) -> str:
        """'phone, no answer' with the interpreter's language when one was used."""
        words = f"{self.channel.replace('_', ' ')}, {self.outcome.replace('_', ' ')}"
        if self.interpreter:
            words += f", {self.language} interpreter"
        elif self.language:
            words += f", in {self.language}"
        return words


@dataclass(frozen=True)
class ContactLog:
    """A case's or referral's attempts, first to last, and how far they are against the rule."""

    contacts: tuple[ContactView, ...]
    progress: ReachProgress
    rule_applies: bool = True  # whether this case or referral may close as unreachable


def check_entry(entry: ContactEntry) -> ContactEntry:
    """Refuse, in words, an unknown channel or outcome, or an interpreter with no language."""
    if entry.channel not in CHANNELS:
        raise InvalidValue(f"{entry.channel!r} is not a channel; the channels are "
                           f"{', '.join(CHANNELS)}.")
    if entry.outcome not in OUTCOMES:
        raise InvalidValue(f"{entry.outcome!r} is not an outcome of an attempt; the outcomes "
                           f"are {', '.join(OUTCOMES)}.")
    language = (entry.language or "").strip() or None
    if entry.interpreter and language is None:
        raise InvalidValue("Say which language the interpreter spoke (--language).")
    return ContactEntry(entry.channel, entry.outcome, entry.note.strip(), entry.interpreter,
                        language)


def case_by_number(session: Session, number: str) -> Case:
    """The case with this number, or NotFound in words."""
    case = session.scalar(select(Case).where(Case.number == number.strip().upper()))
    if case is None:
        raise NotFound(f"There is no case {number}.")
    return case


def thread_of(case_id: int | None, referral_id: int | None) -> ColumnElement[bool]:
    """The contacts that count together: a referral's own, and its case's when it has one."""
    conditions: list[ColumnElement[bool]] = []
    if case_id is not None:
        conditions.append(Contact.case_id == case_id)
    if referral_id is not None:
        conditions.append(Contact.referral_id == referral_id)
    if not conditions:
        raise InvalidValue("An attempt belongs to a case or a referral.")
    return or_(*conditions)


def add_contact(session: Session, actor: Actor, now: datetime, entry: ContactEntry, *,
                case: Case | None = None, referral: Referral | None = None) -> Contact:
    """Append the next numbered attempt to a case or referral, audited, in `session`."""
    case_id = case.id if case is not None else (referral.case_id if referral else None)
    referral_id = referral.id if referral is not None else None
    before = session.scalar(select(func.count(Contact.id))
                            .where(thread_of(case_id, referral_id))) or 0
    cin = case.member_cin if case is not None else (referral.member_cin if referral else None)
    contact = Contact(case_id=case_id, referral_id=referral_id, member_cin=cin,
                      attempt=before + 1, channel=entry.channel, outcome=entry.outcome,
                      note=entry.note, interpreter=entry.interpreter, language=entry.language,
                      made_by=actor.username, made_at=now)
    session.add(contact)
    session.flush()
    kind, target = ("referral", referral) if referral is not None else ("case", case)
    assert target is not None
    target.updated_at = now
    record(session, actor, AuditAction.CONTACT_LOGGED, kind, target.id, now,
           {"number": target.number, "attempt": contact.attempt, "channel": entry.channel,
            "outcome": entry.outcome, "interpreter": entry.interpreter or None,
            "language": entry.language})
    return contact


def contacts_in(session: Session, case_id: int | None,
                referral_id: int | None) -> list[Contact]:
    """The attempts of a case or referral, first to last."""
    return list(session.scalars(select(Contact).where(thread_of(case_id, referral_id))
                                .order_by(Contact.made_at, Contact.id)))


def progress_in(session: Session, rule: OutreachRule, case_id: int | None,
                referral_id: int | None) -> ReachProgress:
    """How far the attempts of a case or referral are against the outreach rule."""
    return reach_progress(rule, ((c.made_at, c.outcome)
                                 for c in contacts_in(session, case_id, referral_id)))


def check_case_unreachable(session: Session, rule: OutreachRule, case: Case) -> None:
    """Refuse to close `case` as unreachable before the rule's attempts are made."""
    if case.case_type not in rule.case_types:
        raise InvalidValue(f"The outreach rule does not let {case.number} close as "
                           "unreachable (only " + ", ".join(rule.case_types) + " cases).")
    require_unreachable(progress_in(session, rule, case.id, None), case.number)


def view_of(contact: Contact, numbers: dict[int, str] | None = None,
            referrals: dict[int, str] | None = None) -> ContactView:
    """A stored attempt as screens show it; `numbers` and `referrals` name its case and
    referral by id when the caller has them."""
    return ContactView(contact.id, contact.attempt, contact.channel, contact.outcome,
                       contact.note, contact.interpreter, contact.language, _person(contact),
                       contact.made_at,
                       (numbers or {}).get(contact.case_id or 0),
                       (referrals or {}).get(contact.referral_id or 0))


def _person(contact: Contact) -> str:
    """The full name of the person who made the attempt (their user name if none is known)."""
    session = object_session(contact)
    if session is None:
        return contact.made_by
    name = session.scalar(select(User.full_name).where(User.username == contact.made_by))
    return name or contact.made_by


def log_contact(ws: Workspace, actor: Actor, case_number: str,
                entry: ContactEntry) -> ContactView:
    """Log an attempt to reach the member of a case; it is numbered after the case's others."""
    actor.require(Permission.WORK_CASES)
    entry = check_entry(entry)
    now = ws.now()
    with ws.db.write() as session:
        case = case_by_number(session, case_number)
        contact = add_contact(session, actor, now, entry, case=case)
        return view_of(contact, {case.id: case.number})


def case_contact_log(ws: Workspace, actor: Actor, case_number: str) -> ContactLog:
    """The attempts to reach the member of a case, with the outreach rule's count."""
    actor.require(Permission.VIEW_CASES)
    with ws.db.read() as session:
        case = case_by_number(session, case_number)
        found = contacts_in(session, case.id, None)
        referrals = {r.id: r.number for r in session.scalars(
            select(Referral).where(Referral.case_id == case.id))}
        views = tuple(view_of(c, {case.id: case.number}, referrals) for c in found)
        rule = ws.rules.outreach.outreach
        return ContactLog(views, reach_progress(rule, ((c.made_at, c.outcome) for c in found)),
                          case.case_type in rule.case_types)
