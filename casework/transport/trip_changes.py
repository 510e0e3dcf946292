"""What a transportation coordinator does to a trip: read it whole, change it (an authorized
trip gets an amended authorization), pick its vendor, cancel it. Each a service call that
checks the permission and writes its audit event in the same transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from casework.actor import Actor
from casework.audit.actions import AuditAction
from casework.audit.trail import record
from casework.db.case_models import Case
from casework.db.directory_models import Member
from casework.db.transport_models import Trip, Vendor
from casework.errors import InvalidValue, NotFound
from casework.permissions import Permission
from casework.transport.mileage import MileageCheck, check_stated
from casework.transport.trips import (
    TripPlan,
    case_trip,
    check_plan,
    plan_of,
    record_trip,
    trip_days,
    vendor_choice,
)
from casework.transport.vendor_choice import VendorOption
from casework.workspace import Workspace


@dataclass(frozen=True)
class TripDayView:
    day: date
    holiday: str = ""


@dataclass(frozen=True)
class TripView:
    """A case's trip as the coordinator sees it: what was asked, the miles and their check,
    the vendor and the others that qualify, and the authorization."""

    case_id: int
    case_number: str
    plan: TripPlan
    pickup_zip: str | None
    destination_zip: str | None
    miles: float | None
    miles_note: str
    mileage_check: MileageCheck | None
    vendor: str | None
    vendor_reason: str
    options: tuple[VendorOption, ...]
    no_vendor: str  # why none qualifies ('' when some do)
    days: tuple[TripDayView, ...]
    authorization_number: str | None
    amendment: int
    cancelled: bool
    eligibility: str = ""  # the member's Medi-Cal eligibility on the trip's first day, in words


def trip_detail(ws: Workspace, actor: Actor, case_number: str) -> TripView:
    """The case's trip, with the vendors that may take it."""
    actor.require(Permission.VIEW_CASES)
    with ws.db.read() as session:
        case = case_by_number(session, case_number)
        trip = case_trip(session, case.id)
        choice = vendor_choice(session, ws.rules.transport, trip)
        vendor = session.get(Vendor, trip.vendor_id) if trip.vendor_id else None
        check = (check_stated(ws.rules.transport, trip.stated_miles, trip.miles)
                 if trip.stated_miles is not None else None)
        return TripView(case.id, case.number, plan_of(trip), trip.pickup_zip,
                        trip.destination_zip, trip.miles, trip.miles_note, check,
                        vendor.name if vendor else None, trip.vendor_reason, choice.options,
                        choice.problem,
                        tuple(TripDayView(d.day, d.holiday) for d in trip_days(session, trip)),
                        trip.authorization_number, trip.amendment, trip.cancelled_at is not None,
                        _eligibility(session, case, trip.appointment_date))


def change_trip(ws: Workspace, actor: Actor, case_number: str, plan: TripPlan,
                reason: str = "") -> TripView:
    """Record the trip anew from `plan`; a change to an authorized trip needs a reason and
    makes the next authorization an amendment."""
    actor.require(Permission.ARRANGE_TRIPS)
    check_plan(ws.rules.transport, plan)
    now = ws.now()
    with ws.db.write() as session:
        case = case_by_number(session, case_number)
        trip = case_trip(session, case.id)
        _refuse_cancelled(trip)
        if plan == plan_of(trip):
            raise InvalidValue("Nothing about the trip changed.")
        _amend(trip, reason)
        record_trip(session, ws.rules, actor, now, case, plan,
                    why=f"changed: {reason.strip()}" if reason.strip() else "changed")
    return trip_detail(ws, actor, case_number)


def choose_vendor(ws: Workspace, actor: Actor, case_number: str, vendor_id: int,
                  reason: str = "") -> TripView:
    """Put a qualifying vendor on the trip (the suggested one or another from the list)."""
    actor.require(Permission.ARRANGE_TRIPS)
    now = ws.now()
    with ws.db.write() as session:
        case = case_by_number(session, case_number)
        trip = case_trip(session, case.id)
        _refuse_cancelled(trip)
        choice = vendor_choice(session, ws.rules.transport, trip)
        option = next((o for o in choice.options if o.vendor.id == vendor_id), None)
        if option is None:
            vendor = session.get(Vendor, vendor_id)
            name = vendor.name if vendor else f"vendor {vendor_id}"
            listed = ", ".join(o.vendor.name for o in choice.options) or choice.problem
            raise InvalidValue(f"{name} cannot take this trip (it must be active, offer the "
                               f"mode, serve the pick-up area and have an agreement in force "
                               f"on the trip's date). Qualifying: {listed}")
        previous = session.get(Vendor, trip.vendor_id) if trip.vendor_id else None
        if previous is not None and previous.id == vendor_id:
            raise InvalidValue(f"{option.vendor.name} is already the trip's vendor.")
        if trip.authorization_number:
            _amend(trip, reason or f"vendor changed to {option.vendor.name}")
        trip.vendor_id = vendor_id
        trip.vendor_reason = f"chosen by {actor.username}: {option.reason}" + (
            f"; {reason.strip()}" if reason.strip() else "")
        trip.updated_at = now
        record(session, actor, AuditAction.TRIP_VENDOR_CHOSEN, "case", case.id, now,
               {"number": case.number, "vendor": option.vendor.name,
                "previous": previous.name if previous else None, "why": option.reason,
                "reason": reason.strip() or None})
    return trip_detail(ws, actor, case_number)


def cancel_trip(ws: Workspace, actor: Actor, case_number: str, reason: str) -> TripView:
    """Cancel the trip; an authorized one gets an amended authorization telling the vendor."""
    actor.require(Permission.ARRANGE_TRIPS)
    if not reason.strip():
        raise InvalidValue("Say why the trip is cancelled.")
    now = ws.now()
    with ws.db.write() as session:
        case = case_by_number(session, case_number)
        trip = case_trip(session, case.id)
        _refuse_cancelled(trip)
        _amend(trip, f"cancelled: {reason.strip()}")
        trip.cancelled_at = now
        trip.updated_at = now
        record(session, actor, AuditAction.TRIP_CANCELLED, "case", case.id, now,
               {"number": case.number, "reason": reason.strip(),
                "authorization": trip.authorization_number})
    return trip_detail(ws, actor, case_number)


def _eligibility(session: Session, case: Case, day: date | None) -> str:
    """Whether the roster says the member is covered on the trip's day, for the coordinator
    to verify before authorizing."""
    member = session.get(Member, case.member_id) if case.member_id else None
    if member is None:
        return "The member is not matched to the roster: verify eligibility."
    if day is None:
        return "The trip has no date to check eligibility on."
    if member.eligibility_start is None and member.eligibility_end is None:
        return "The roster gives no eligibility dates: verify eligibility."
    if member.eligibility_start is not None and day < member.eligibility_start:
        return f"NOT eligible on {day}: coverage starts {member.eligibility_start}."
    if member.eligibility_end is not None and day > member.eligibility_end:
        return f"NOT eligible on {day}: coverage ended {member.eligibility_end}."
    return f"Eligible on {day} by the roster."


def case_by_number(session: Session, number: str) -> Case:
    """The case with this number, or NotFound in words."""
    case = session.scalar(select(Case).where(Case.number == number.strip().upper()))
    if case is None:
        raise NotFound(f"There is no case {number}.")
    return case


def _amend(trip: Trip, reason: str) -> None:
    """A change to an authorized trip: the vendor is sent an amended authorization."""
    if not trip.authorization_number:
        return
    if not reason.strip():
        raise InvalidValue(f"The trip is authorized ({trip.authorization_number}); say why it "
                           "changes, for the amended authorization.")
    trip.amendment += 1
    trip.amendment_reason = reason.strip()


def _refuse_cancelled(trip: Trip) -> None:
    if trip.cancelled_at is not None:
        raise InvalidValue("The trip was cancelled; it cannot be changed.")

