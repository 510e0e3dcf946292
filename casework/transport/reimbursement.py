"""Mileage reimbursement for a member who drives (NMT private vehicle): miles times the rate
in effect on the day of travel, recorded and routed to Finance's queue."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import select

from casework.actor import Actor
from casework.audit.actions import AuditAction
from casework.audit.trail import record
from casework.db.case_models import Case
from casework.db.transport_models import MileageReimbursement
from casework.errors import InvalidValue
from casework.permissions import Permission
from casework.transport.trip_changes import case_by_number
from casework.transport.trips import case_trip, trip_days
from casework.workspace import Workspace


@dataclass(frozen=True)
class Reimbursement:
    """One reimbursement as Finance sees it."""

    id: int
    case_number: str
    member_name: str
    travel_date: date
    miles: float
    rate: Decimal
    amount: Decimal
    citation: str
    queue: str
    status: str
    created_by: str
    created_at: datetime


def route_reimbursement(ws: Workspace, actor: Actor, case_number: str,
                        travel_date: date | None = None,
                        miles: float | None = None) -> Reimbursement:
    """Record the mileage owed for one day of travel and route it to Finance; the miles are
    the trip's estimate unless the coordinator gives the verified miles."""
    actor.require(Permission.ARRANGE_TRIPS)
    rules = ws.rules.transport
    now = ws.now()
    with ws.db.write() as session:
        case = case_by_number(session, case_number)
        trip = case_trip(session, case.id)
        mode = rules.mode(trip.mode)
        if mode is None or not mode.reimbursed:
            paid = ", ".join(m.name for m in rules.modes.values() if m.reimbursed) or "none"
            raise InvalidValue(f"Mileage is reimbursed only for {paid}; this trip is "
                               f"{trip.mode or 'without a mode'}.")
        if trip.cancelled_at is not None:
            raise InvalidValue("The trip was cancelled; there is no mileage to pay.")
        days = [d.day for d in trip_days(session, trip)]
        day = travel_date or (days[0] if days else None)
        if day is None or day not in days:
            listed = ", ".join(d.isoformat() for d in days) or "none"
            raise InvalidValue(f"The member travels on {listed}; {day} is not one of them.")
        paid_miles = miles if miles is not None else trip.miles
        if paid_miles is None:
            raise InvalidValue(f"The trip's miles are not known ({trip.miles_note}); give the "
                               "verified miles.")
        if not 0 < paid_miles < 5000:
            raise InvalidValue("The miles must be more than 0 and less than 5000.")
        rate = rules.rate_on(day)
        if rate is None:
            raise InvalidValue(f"No mileage rate is in effect on {day.isoformat()} "
                               f"(transport.yaml).")
        if session.scalar(select(MileageReimbursement.id).where(
                MileageReimbursement.trip_id == trip.id,
                MileageReimbursement.travel_date == day)) is not None:
            raise InvalidValue(f"Mileage for {day.isoformat()} was already routed to Finance.")
        amount = (Decimal(str(paid_miles)) * rate.per_mile).quantize(Decimal("0.01"),
                                                                     ROUND_HALF_UP)
        row = MileageReimbursement(
            case_id=case.id, trip_id=trip.id, travel_date=day, miles=paid_miles,
            rate=rate.per_mile, amount=amount, citation=rate.citation,
            queue=rules.reimbursement_queue, status="open", created_by=actor.username,
            created_at=now)
        session.add(row)
        session.flush()
        record(session, actor, AuditAction.MILEAGE_REIMBURSEMENT_ROUTED, "case", case.id, now,
               {"number": case.number, "reimbursement": row.id, "travel_date": day.isoformat(),
                "miles": paid_miles, "rate": str(rate.per_mile), "amount": str(amount),
                "queue": row.queue})
        return _view(row, case)


def reimbursements(ws: Workspace, actor: Actor, status: str | None = "open") -> list[Reimbursement]:
    """Finance's queue: reimbursements (open ones by default), oldest first."""
    actor.require(Permission.ARRANGE_TRIPS)
    query = (select(MileageReimbursement, Case).join(Case, Case.id == MileageReimbursement.case_id)
             .order_by(MileageReimbursement.created_at, MileageReimbursement.id))
    if status:
        query = query.where(MileageReimbursement.status == status)
    with ws.db.read() as session:
        return [_view(row, case) for row, case in session.execute(query)]


def _view(row: MileageReimbursement, case: Case) -> Reimbursement:
    return Reimbursement(row.id, case.number, case.member_name, row.travel_date, row.miles,
                         Decimal(row.rate), Decimal(row.amount), row.citation, row.queue,
                         row.status, row.created_by, row.created_at)
