"""The letters of a case as screens list them, reading a stored letter, and what is due today.

Issuing (generate) lives in `issuing` and sending (mail, fax, hand over) in `sending`; this
module answers "what letters does this case have, in which language should the next one go, and
which letters are due" as plain data.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from datetime import datetime

from pypdf import PdfReader, PdfWriter
from sqlalchemy import select

from casework.actor import Actor
from casework.cases.lookup import get_case
from casework.db.case_models import Case, CaseClock
from casework.db.directory_models import Member as RosterMember
from casework.db.letter_models import Letter
from casework.errors import NotFound, UserError
from casework.letters.fitting import fitting_kinds
from casework.letters.issuing import (
    BatchOutcome,
    generate_letter,
    kind_for_clock,
    letters_due,
    mark_delivered,
)
from casework.letters.languages import choose_language
from casework.letters.sending import MILESTONE_OF, not_sent
from casework.permissions import Permission
from casework.settings import PlanDetails
from casework.workspace import Workspace


@dataclass(frozen=True)
class LetterView:
    """One stored version of a letter."""

    id: int
    kind: str
    language: str
    version: int
    pages: int
    author: str
    created_at: datetime
    printed_at: datetime | None
    faxed_at: datetime | None
    mailed_at: datetime | None
    handed_at: datetime | None = None
    fax_queued_at: datetime | None = None  # in the outbound fax folder, not yet taken

    @property
    def sent_at(self) -> datetime | None:
        """When it first went out (mailed, faxed or handed over); None while only drafted."""
        return min(filter(None, (self.mailed_at, self.faxed_at, self.handed_at)), default=None)


@dataclass(frozen=True)
class CaseLetterFile:
    """A case's letters, newest first, the kinds it may be sent now, and what the next letter
    should default to."""

    case_id: int
    case_number: str
    member_language: str
    suggested_kind: str | None
    letters: tuple[LetterView, ...]
    kinds: tuple[str, ...] = ()  # the letter kinds that fit the case now, in the rules' order


@dataclass(frozen=True)
class DueLetterRow:
    """A letter due today or overdue, or drafted and not sent, with the case it belongs to."""

    case_id: int
    case_number: str
    member_name: str
    kind: str
    due_at: datetime
    overdue: bool
    drafted_letter_id: int | None = None
    drafted_at: datetime | None = None

    @property
    def drafted(self) -> bool:
        return self.drafted_letter_id is not None


def case_letter_file(ws: Workspace, actor: Actor, case_id: int) -> CaseLetterFile:
    """The case's letters, the kinds that fit it, and the language and kind a new one would
    default to."""
    actor.require(Permission.VIEW_CASES)
    with ws.db.read() as session:
        case = get_case(session, case_id)
        roster = session.get(RosterMember, case.member_id) if case.member_id else None
        form_language = json.loads(case.fields_json or "{}").get("preferred_language")
        language = choose_language(roster.language if roster else case.language,
                                   form_language, None)
        running = session.scalars(
            select(CaseClock.name).where(CaseClock.case_id == case_id,
                                         CaseClock.met_at.is_(None))
            .order_by(CaseClock.due_at)).all()
        kinds = tuple(k.name for k in fitting_kinds(ws.rules.letter_kinds, case))
        # A clock whose letter is drafted waits for its sending, not for another draft.
        drafted = {MILESTONE_OF.get(kind) for kind in session.scalars(
            select(Letter.kind).where(Letter.case_id == case_id, not_sent()))}
        suggested = next((kind_for_clock(case.case_type, name, case.fields_json)
                          for name in running
                          if kind_for_clock(case.case_type, name, case.fields_json) in kinds
                          and name not in drafted), None)
        rows = session.scalars(select(Letter).where(Letter.case_id == case_id)
                               .order_by(Letter.created_at.desc(), Letter.id.desc())).all()
        letters = tuple(LetterView(r.id, r.kind, r.language, r.version, r.pages, r.author,
                                   r.created_at, r.printed_at, r.faxed_at, r.mailed_at,
                                   r.handed_at, r.fax_queued_at)
                        for r in rows)
        return CaseLetterFile(case.id, case.number, language, suggested, letters, kinds)


def letter_pdf(ws: Workspace, actor: Actor, letter_id: int) -> bytes:
    """The stored PDF of one letter version, for showing or printing."""
    actor.require(Permission.VIEW_CASES)
    with ws.db.read() as session:
        letter = session.get(Letter, letter_id)
        if letter is None:
            raise NotFound(f"There is no letter {letter_id}.")
        sha = letter.sha256
    return ws.store.read_bytes(sha)


def mark_printed(ws: Workspace, actor: Actor, letter_id: int) -> None:
    """Record that the letter was printed (the printer has taken it)."""
    mark_delivered(ws, actor, letter_id, "printed")


def due_letter_rows(ws: Workspace, actor: Actor) -> list[DueLetterRow]:
    """`letters_due`, with each case's id and member name for the letters-due window."""
    due = letters_due(ws, actor)
    numbers = {d.case_number for d in due}
    if not numbers:
        return []
    drafts = [d.drafted_letter_id for d in due if d.drafted_letter_id is not None]
    with ws.db.read() as session:
        cases = {number: (case_id, name) for case_id, number, name in session.execute(
            select(Case.id, Case.number, Case.member_name).where(Case.number.in_(numbers)))}
        drafted_at = {letter_id: at for letter_id, at in session.execute(
            select(Letter.id, Letter.created_at).where(Letter.id.in_(drafts)))}
    return [DueLetterRow(cases[d.case_number][0], d.case_number, cases[d.case_number][1] or "",
                         d.kind, d.due_at, d.overdue, d.drafted_letter_id,
                         drafted_at.get(d.drafted_letter_id or 0)) for d in due]


def generate_chosen(ws: Workspace, actor: Actor, plan: PlanDetails,
                    chosen: list[tuple[str, str]]) -> list[BatchOutcome]:
    """Generate each (case number, kind); one that needs staff wording is reported, not guessed."""
    actor.require(Permission.GENERATE_LETTERS)
    outcomes = []
    for number, kind in chosen:
        try:
            issued = generate_letter(ws, actor, plan, number, kind)
        except UserError as exc:
            outcomes.append(BatchOutcome(number, kind, None, str(exc)))
        else:
            outcomes.append(BatchOutcome(number, kind, issued.id, None))
    return outcomes


def due_drafts_pdf(ws: Workspace, actor: Actor) -> tuple[bytes, tuple[int, ...]]:
    """Every letter drafted for a clock due today (or overdue, or waiting to be sent) as one
    PDF, in due order, for one trip to the printer, and the letters' ids; nothing recorded."""
    actor.require(Permission.GENERATE_LETTERS)
    ids = tuple(d.drafted_letter_id for d in letters_due(ws, actor)
                if d.drafted_letter_id is not None)
    writer = PdfWriter()
    for letter_id in ids:
        writer.append(PdfReader(io.BytesIO(letter_pdf(ws, actor, letter_id))))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue(), ids


def print_due_drafts(ws: Workspace, actor: Actor) -> tuple[bytes, tuple[int, ...]]:
    """`due_drafts_pdf`, each letter recorded as printed (the file goes to the printer)."""
    pdf, ids = due_drafts_pdf(ws, actor)
    for letter_id in ids:
        mark_printed(ws, actor, letter_id)
    return pdf, ids
