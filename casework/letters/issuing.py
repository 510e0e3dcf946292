"""Issuing letters for a case: build the data, render, store every version, list what is due.

A letter is never overwritten: regenerating makes a new version. Generating drafts a letter;
the clock waiting for it is met when it is sent (`casework.letters.sending`), so a letter
drafted and not sent stays on the letters-due list.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select

from casework.actor import Actor
from casework.atomic import write_atomically
from casework.audit.actions import AuditAction
from casework.audit.trail import record
from casework.cases.lookup import get_case
from casework.db.case_models import Case, CaseClock
from casework.db.letter_models import Letter
from casework.errors import InvalidValue, NotFound, UserError
from casework.letters.drafting import (
    CONTACT_VALUES,
    DATE_FIELDS,
    TEXT_FIELDS,
    TRIP_VALUES,
    draft_letter,
)
from casework.letters.free_text import keep_texts
from casework.letters.sending import MILESTONE_OF, not_sent
from casework.letters.service_words import remember_service_words
from casework.permissions import Permission
from casework.plan.case_types import CaseType, Priority
from casework.plan.clock_rules import ClockName
from casework.plan.timezone import plan_date
from casework.settings import PlanDetails
from casework.workspace import Workspace

# Letters each running clock calls for, for "letters due".
KINDS_FOR_CLOCK: dict[tuple[str, str], str] = {
    (CaseType.GRIEVANCE, ClockName.ACKNOWLEDGE): "grievance_acknowledgement",
    (CaseType.GRIEVANCE, ClockName.RESOLVE): "grievance_resolution",
    (CaseType.APPEAL, ClockName.ACKNOWLEDGE): "appeal_acknowledgement",
    (CaseType.APPEAL, ClockName.RESOLVE): "appeal_resolution",
}
# Printing is not sending: a printed letter still has to be mailed or handed over.
DELIVERY_COLUMNS = {"printed": "printed_at"}
DELIVERY_ACTIONS = {"printed": AuditAction.LETTER_PRINTED}
# The values staff may write, named where screens and commands look for them.
__all__ = ["CONTACT_VALUES", "DATE_FIELDS", "TEXT_FIELDS", "TRIP_VALUES", "generate_letter",
           "preview_letter"]


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
    draft = draft_letter(ws, actor, plan, case_number, kind, language, values)
    rendered, chosen = draft.rendered, draft.language
    sha = ws.store.put_bytes(rendered.pdf)
    now = ws.now()
    with ws.db.write() as session:
        case = get_case(session, draft.case_id)
        for code, words in draft.service_words.items():
            remember_service_words(session, actor, code, chosen, words, now)
        texts = keep_texts(session, case.id, chosen, draft.written, actor.username, now)
        version = int(session.scalar(select(func.count(Letter.id)).where(
            Letter.case_id == case.id, Letter.kind == kind)) or 0) + 1
        letter = Letter(case_id=case.id, kind=kind, language=chosen, version=version,
                        sha256=sha, pages=rendered.pages, author=actor.username, created_at=now)
        session.add(letter)
        session.flush()
        record(session, actor, AuditAction.LETTER_GENERATED, "case", case.id, now,
               {"number": case.number, "letter": letter.id, "kind": kind, "language": chosen,
                "version": version, "sha256": sha, "draft": True, "signed_by":
                draft.signed_by, "texts_kept": list(texts)})
        return IssuedLetter(letter.id, case.number, kind, chosen, version, rendered.pages, sha)


def preview_letter(
    ws: Workspace, actor: Actor, plan: PlanDetails, case_number: str, kind: str,
    language: str | None = None, values: dict[str, str] | None = None,
) -> bytes:
    """The letter as it would be generated now, as PDF bytes; nothing is stored or recorded."""
    return draft_letter(ws, actor, plan, case_number, kind, language, values).rendered.pdf


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
            select(Case.number, Case.case_type, CaseClock.name, CaseClock.due_at,
                   Case.fields_json)
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
    for number, case_type, clock, due_at, fields_json in rows:
        kind = kind_for_clock(case_type, clock, fields_json)
        if kind and plan_date(due_at) <= plan_date(now):
            due[number, clock] = DueLetter(number, kind, due_at, due_at < now)
    for number, clock, due_at, letter_id, kind in drafts:
        if MILESTONE_OF.get(kind) == clock:  # the newest draft for the clock wins
            due[number, clock] = DueLetter(number, kind, due_at, due_at < now, letter_id)
    return sorted(due.values(), key=lambda d: (d.due_at, d.case_number))


def kind_for_clock(case_type: str, clock: str, fields_json: str | None) -> str | None:
    """The letter a running clock calls for; a grievance a provider filed gets the provider's."""
    kind = KINDS_FOR_CLOCK.get((case_type, clock))
    if kind and kind.startswith("grievance_") and "provider" in (fields_json or ""):
        try:
            filed_by = json.loads(fields_json or "{}").get("filed_by")
        except (ValueError, AttributeError):
            filed_by = None
        if filed_by == "provider":
            return f"provider_{kind}"
    return kind


def _letter(ws: Workspace, letter_id: int) -> Letter:
    with ws.db.read() as session:
        letter = session.get(Letter, letter_id)
        if letter is None:
            raise NotFound(f"There is no letter {letter_id}.")
        return letter


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
