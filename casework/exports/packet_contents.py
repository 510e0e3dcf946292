"""What a case packet holds, read from the database as plain data: the case and its clocks, its
documents, the letters sent, notes, the decision with its reviewer, and the trail in words.

A role that may not see members' information (the administrator, who audits) gets the same
packet without the member's name and ID, documents, letters, notes or trail details.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from casework.cases.lookup import get_case
from casework.cases.trail import TrailStep, case_steps
from casework.db.case_models import Case, CaseClock, CaseDocument, CaseNote
from casework.db.directory_models import Member
from casework.db.letter_models import Letter
from casework.db.models import Document, Page, User
from casework.plan.case_types import CASE_TYPE_LABELS
from casework.plan.rulebook import Rulebook

# A packet is the whole file: far more steps than a window shows.
TRAIL_LIMIT = 100_000


@dataclass(frozen=True)
class ClockLine:
    """One clock of the case and where it stands."""

    name: str
    due_at: datetime
    met_at: datetime | None
    citation: str
    extension_reason: str | None

    def standing(self, now: datetime) -> str:
        """'met on time', 'met late', 'overdue' or 'running'."""
        if self.met_at is not None:
            return "met on time" if self.met_at <= self.due_at else "met late"
        return "overdue" if now > self.due_at else "running"


@dataclass(frozen=True)
class PacketDocument:
    """One document of the case and where its pages are kept."""

    id: int
    name: str
    source: str
    received_at: datetime
    form_type: str | None
    original_sha: str | None  # the original PDF, when its pages are the document's pages
    page_images: tuple[str | None, ...]  # each page's stored image, in page order
    page_texts: tuple[str, ...]


@dataclass(frozen=True)
class PacketLetter:
    """One letter that went out, and how."""

    id: int
    title: str
    language: str
    version: int
    sent_at: datetime
    sent_how: str
    sha: str


@dataclass(frozen=True)
class PacketNote:
    author: str
    created_at: datetime
    text: str
    corrects: bool


@dataclass(frozen=True)
class Decision:
    """The decision on the case and who made it (a clinical reviewer's credentials, if any)."""

    outcome: str | None
    decided_at: datetime | None
    decided_by: str | None
    closed_at: datetime | None


@dataclass(frozen=True)
class PacketContents:
    """Everything a case packet shows, for one reader's role."""

    number: str
    case_type: str
    priority: str
    status: str
    queue: str
    received_at: datetime
    hearing_date: date | None
    member_data: bool  # False: the member's information is withheld from this reader
    member_name: str
    member_cin: str
    member_dob: date | None
    assignee: str | None
    clocks: tuple[ClockLine, ...]
    documents: tuple[PacketDocument, ...]
    letters: tuple[PacketLetter, ...]
    notes: tuple[PacketNote, ...]
    decision: Decision
    steps: tuple[TrailStep, ...]


def packet_contents(session: Session, rules: Rulebook, case_id: int,
                    member_data: bool) -> PacketContents:
    """The packet of case `case_id` as read in `session`; the caller checked the permission."""
    case = get_case(session, case_id)
    member = session.get(Member, case.member_id) if case.member_id else None
    steps = case_steps(session, case_id, TRAIL_LIMIT)
    if not member_data:  # details carry field values (a member's name corrected, and so on)
        steps = [TrailStep(s.occurred_at, s.actor, s.action, s.words, s.subject, "")
                 for s in steps]
    return PacketContents(
        number=case.number,
        case_type=CASE_TYPE_LABELS.get(case.case_type, case.case_type),
        priority=case.priority, status=case.status.replace("_", " "),
        queue=rules.routing.queue_label(case.queue), received_at=case.received_at,
        hearing_date=case.hearing_date, member_data=member_data,
        member_name=case.member_name if member_data else "",
        member_cin=(case.member_cin or "") if member_data else "",
        member_dob=member.dob if member is not None and member_data else None,
        assignee=_username(session, case.assignee_id),
        clocks=_clocks(session, case_id),
        documents=_documents(session, case_id) if member_data else (),
        letters=_letters(session, rules, case_id) if member_data else (),
        notes=_notes(session, case_id) if member_data else (),
        decision=_decision(session, case),
        steps=tuple(steps),
    )


def _username(session: Session, user_id: int | None) -> str | None:
    return session.scalar(select(User.username).where(User.id == user_id)) if user_id else None


def _clocks(session: Session, case_id: int) -> tuple[ClockLine, ...]:
    rows = session.scalars(select(CaseClock).where(CaseClock.case_id == case_id)
                           .order_by(CaseClock.due_at)).all()
    return tuple(ClockLine(c.name, c.due_at, c.met_at, c.citation, c.extension_reason)
                 for c in rows)


def _documents(session: Session, case_id: int) -> tuple[PacketDocument, ...]:
    documents = session.scalars(
        select(Document).join(CaseDocument, CaseDocument.document_id == Document.id)
        .where(CaseDocument.case_id == case_id).order_by(CaseDocument.id)).all()
    found = []
    for document in documents:
        shown = (session.get(Document, document.duplicate_of_id)
                 if document.duplicate_of_id else None) or document
        pages = session.scalars(select(Page).where(Page.document_id == shown.id)
                                .order_by(Page.number)).all()
        # A split part's or a merge's pages are not its file's pages; a scan's file is an image.
        merged = session.scalar(select(Document.id).where(Document.merged_into_id == shown.id)
                                .limit(1))
        whole_pdf = (shown.parent_id is None and merged is None
                     and (shown.kind or "").startswith("pdf") and len(pages) > 0)
        found.append(PacketDocument(
            document.id, document.original_name, document.source, document.received_at,
            shown.form_type, shown.sha256 if whole_pdf else None,
            tuple(p.image_sha256 for p in pages), tuple(p.text for p in pages)))
    return tuple(found)


def _letters(session: Session, rules: Rulebook, case_id: int) -> tuple[PacketLetter, ...]:
    rows = session.scalars(select(Letter).where(Letter.case_id == case_id)
                           .order_by(Letter.created_at, Letter.id)).all()
    sent = []
    for row in rows:
        ways = [(at, how) for at, how in ((row.mailed_at, "mailed"), (row.faxed_at, "faxed"),
                                          (row.handed_at, "handed over")) if at is not None]
        if not ways:
            continue  # drafted, never sent: not part of the case file that went out
        at, how = min(ways)
        kind = rules.letter_kinds.get(row.kind)
        title = kind.title.get("en", row.kind) if kind else row.kind.replace("_", " ")
        sent.append(PacketLetter(row.id, title, row.language, row.version, at, how, row.sha256))
    return tuple(sent)


def _notes(session: Session, case_id: int) -> tuple[PacketNote, ...]:
    rows = session.scalars(select(CaseNote).where(CaseNote.case_id == case_id)
                           .order_by(CaseNote.id)).all()
    return tuple(PacketNote(n.author, n.created_at, n.text, n.corrects_note_id is not None)
                 for n in rows)


def _decision(session: Session, case: Case) -> Decision:
    decider = session.get(User, case.decided_by_id) if case.decided_by_id else None
    by = None
    if decider is not None:
        credentials = f", {decider.credentials}" if decider.credentials else ""
        name = decider.full_name or decider.username
        role = decider.role.replace("_", " ")
        by = f"{name}{credentials} ({decider.username}, {role})"
    return Decision(case.outcome, case.decided_at, by, case.closed_at)
