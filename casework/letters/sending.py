"""Sending letters: a generated letter is a draft until it goes out.

A letter is sent when a person records it mailed, faxed or handed over — today, or an earlier
day it really went, never before it was drafted nor in the future — or when the fax server takes
it from the outbound fax folder. Sending, not generating, meets the clock that was waiting for
the letter: a notice printed and left on a desk has told the member nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum, unique
from pathlib import Path

from sqlalchemy import ColumnElement, and_, select
from sqlalchemy.orm import Session

from casework.actor import Actor
from casework.atomic import write_atomically
from casework.audit.actions import AuditAction
from casework.audit.trail import record
from casework.cases.clocks import END_OF_DAY
from casework.cases.lookup import get_case
from casework.cases.opening import refresh_next_due
from casework.cases.work import meet_clock
from casework.db.directory_models import Provider
from casework.db.letter_models import Letter
from casework.errors import InvalidValue, NotFound, UserError
from casework.letters.fax_cover import with_cover_page
from casework.permissions import Permission
from casework.plan.clock_rules import ClockName
from casework.plan.letter_kinds import Audience, LetterKinds
from casework.plan.timezone import PLAN_ZONE, plan_date
from casework.settings import PlanDetails
from casework.transport.authorization import trip_letter_values
from casework.workspace import Workspace


@unique
class SendMethod(StrEnum):
    """How a letter went out; the value names the letter's column (`<value>_at`)."""

    MAILED = "mailed"
    FAXED = "faxed"
    HANDED_OVER = "handed"  # given to the member or provider in person


SEND_WORDS = {SendMethod.MAILED: "mailed", SendMethod.FAXED: "faxed",
              SendMethod.HANDED_OVER: "handed over"}
_ACTIONS = {SendMethod.MAILED: AuditAction.LETTER_MAILED,
            SendMethod.FAXED: AuditAction.LETTER_FAXED,
            SendMethod.HANDED_OVER: AuditAction.LETTER_HANDED_OVER}
# Which clock a letter kind satisfies when it is sent.
MILESTONE_OF = {
    "grievance_acknowledgement": ClockName.ACKNOWLEDGE,
    "appeal_acknowledgement": ClockName.ACKNOWLEDGE,
    "grievance_resolution": ClockName.RESOLVE, "appeal_resolution": ClockName.RESOLVE,
    "pa_approval": ClockName.NOTIFY, "pa_denial": ClockName.NOTIFY,
    "pa_modification": ClockName.NOTIFY,
    "provider_grievance_acknowledgement": ClockName.ACKNOWLEDGE,
    "provider_grievance_resolution": ClockName.RESOLVE,
}
FAX_SERVER = "the fax server"  # who took a letter from the outbound folder, in the trail


@dataclass(frozen=True)
class Sending:
    """One letter recorded as sent, and the clock it met (None: none was waiting for it)."""

    letter_id: int
    case_number: str
    kind: str
    version: int
    method: SendMethod
    sent_at: datetime
    clock_met: str | None


def not_sent() -> ColumnElement[bool]:
    """The SQL condition of a letter drafted and not yet sent by any way."""
    return and_(Letter.mailed_at.is_(None), Letter.faxed_at.is_(None),
                Letter.handed_at.is_(None))


def parse_send_method(text: str) -> SendMethod:
    """'mailed', 'faxed' or 'handed' (also 'handed over', 'handed-over')."""
    word = text.strip().lower().replace("-", " ").replace("_", " ")
    if word == "handed over":
        word = "handed"
    try:
        return SendMethod(word)
    except ValueError:
        raise InvalidValue(f"{text!r} is not a way a letter goes out; say mailed, faxed or "
                           "handed over.") from None


def sending_moment(sent_on: date | datetime | None, drafted_at: datetime, now: datetime,
                   how: str = "sent") -> datetime:
    """The moment a recorded sending stands for: now for today (or no date), the end of an
    earlier day (the safe side of an hour clock), or an exact time given. A day before the
    letter was drafted, or in the future, is refused in words."""
    today = plan_date(now)
    if isinstance(sent_on, datetime):
        if sent_on.tzinfo is None or sent_on.utcoffset() is None:
            raise ValueError("a sending time must be an aware datetime")
        moment = sent_on
    elif sent_on is None or sent_on == today:
        moment = now
    else:
        moment = datetime.combine(sent_on, END_OF_DAY, PLAN_ZONE)
    day = plan_date(moment)
    if day > today or moment > now:
        raise InvalidValue(f"The letter cannot be recorded as {how} on {_long(day)}: that is "
                           f"in the future (today is {_long(today)}).")
    if moment < drafted_at:
        raise InvalidValue(f"The letter cannot be recorded as {how} on {_long(day)}: it was "
                           f"drafted on {_long(plan_date(drafted_at))}, so it went out that "
                           "day or later.")
    return moment


def record_sending(ws: Workspace, actor: Actor, letter_id: int, method: SendMethod | str,
                   sent_on: date | datetime | None = None) -> Sending:
    """Record that a person mailed, faxed or handed over the letter (today unless `sent_on`),
    meeting the clock that waited for it; audited as letter.mailed/faxed/handed_over."""
    actor.require(Permission.GENERATE_LETTERS)
    how = method if isinstance(method, SendMethod) else parse_send_method(method)
    now = ws.now()
    with ws.db.write() as session:
        row = session.get(Letter, letter_id)
        if row is None:
            raise NotFound(f"There is no letter {letter_id}.")
        column = f"{how.value}_at"
        already = getattr(row, column)
        if already is not None:
            raise UserError(f"{_title(ws.rules.letter_kinds, row.kind)} version {row.version} was "
                            f"already recorded as {SEND_WORDS[how]} on "
                            f"{_long(plan_date(already))}.")
        moment = sending_moment(sent_on, row.created_at, now, SEND_WORDS[how])
        setattr(row, column, moment)
        return _sent(session, actor, row, how, moment, now, {})


def mark_mailed(ws: Workspace, actor: Actor, letter_id: int,
                sent_on: date | datetime | None = None) -> Sending:
    """Record that the letter went into the mail (today unless `sent_on`)."""
    return record_sending(ws, actor, letter_id, SendMethod.MAILED, sent_on)


def send_to_fax_folder(ws: Workspace, actor: Actor, plan: PlanDetails, folder: Path | None,
                       letter_id: int) -> Path:
    """Put the letter, behind a cover page, in the outbound fax folder for the fax server; it
    counts as faxed once the fax server has taken it (`collect_fax_pickups`)."""
    actor.require(Permission.GENERATE_LETTERS)
    if folder is None:
        raise UserError("No outbound fax folder is set: add [letters] outbound_fax_folder to "
                        "the settings file.")
    with ws.db.read() as session:
        letter = session.get(Letter, letter_id)
        if letter is None:
            raise NotFound(f"There is no letter {letter_id}.")
        case = get_case(session, letter.case_id)
        number, kind, version, sha = case.number, letter.kind, letter.version, letter.sha256
        provider = (session.get(Provider, case.requesting_provider_id)
                    if case.requesting_provider_id else None)
        to_name, to_fax = (provider.name, provider.fax or "") if provider else ("", "")
        if ws.rules.letter_kinds.kind(kind).audience is Audience.VENDOR:
            # A transportation authorization goes to the trip's vendor, not the prescriber.
            trip = trip_letter_values(session, ws.rules.transport, case.id)
            to_name, to_fax = (trip.vendor_name, trip.vendor_fax) if trip else ("", "")
    out = (folder / f"{number}-{kind}-v{version}.pdf").resolve()
    subject = f"{number}: {_title(ws.rules.letter_kinds, kind)}"
    write_atomically(out, with_cover_page(ws.store.read_bytes(sha), plan, to_name, to_fax,
                                          subject, plan_date(ws.now())))
    with ws.db.write() as session:
        row = session.get(Letter, letter_id)
        assert row is not None
        row.fax_file, row.fax_queued_at = str(out), ws.now()
        record(session, actor, AuditAction.LETTER_FAX_QUEUED, "letter", letter_id, ws.now(),
               {"number": number, "file": out.name})
    return out


def collect_fax_pickups(ws: Workspace, actor: Actor, folder: Path | None) -> list[Sending]:
    """Letters the fax server has taken from the outbound folder since the last look: each is
    faxed now (when it was noticed gone), meeting its clock. A folder that is not there (a
    share not mounted) proves nothing, and neither does a file queued in another folder."""
    actor.require(Permission.VIEW_CASES)
    if folder is None or not folder.is_dir():
        return []
    here = folder.resolve()
    with ws.db.read() as session:
        waiting = session.execute(select(Letter.id, Letter.fax_file).where(
            Letter.fax_file.is_not(None), Letter.faxed_at.is_(None))).all()
    gone = [letter_id for letter_id, name in waiting
            if name and Path(name).parent == here and not Path(name).exists()]
    if not gone:
        return []
    now = ws.now()
    taken = []
    with ws.db.write() as session:
        for letter_id in gone:
            row = session.get(Letter, letter_id)
            if row is None or row.faxed_at is not None:
                continue  # another workstation noticed first
            row.faxed_at = now
            taken.append(_sent(session, actor, row, SendMethod.FAXED, now, now,
                               {"by": FAX_SERVER, "file": Path(row.fax_file or "").name}))
    return taken


def _sent(session: Session, actor: Actor, row: Letter, how: SendMethod, moment: datetime,
          now: datetime, extra: dict[str, object]) -> Sending:
    """Meet the clock the letter waited on, keep the queue's due date, audit the sending."""
    case = get_case(session, row.case_id)
    met = meet_clock(session, case, MILESTONE_OF.get(row.kind), moment)
    refresh_next_due(session, case)
    case.updated_at = now
    record(session, actor, _ACTIONS[how], "letter", row.id, now,
           {"number": case.number, "kind": row.kind, "version": row.version,
            "sent_at": moment.isoformat(), "clock_met": met, **extra})
    return Sending(row.id, case.number, row.kind, row.version, how, moment, met)


def _title(kinds: LetterKinds, kind: str) -> str:
    """How staff call a letter kind; a kind no longer in the rules (an old letter) by its name."""
    known = kinds.get(kind)
    return known.title["en"] if known else kind.replace("_", " ")


def _long(day: date) -> str:
    """'November 3, 2026': a date no reader takes for another."""
    return f"{day:%B} {day.day}, {day.year}"
