"""Authorizing a trip when its case is approved, and everything the vendor's authorization and
the member's confirmation say, taken from the case alone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from casework.actor import Actor
from casework.audit.actions import AuditAction
from casework.audit.trail import record
from casework.db.case_models import Case
from casework.db.sequences import take_next
from casework.db.transport_models import Trip, Vendor
from casework.plan.timezone import plan_date
from casework.plan.transport_rules import TransportRules
from casework.transport.trips import trip_days

# A decision that approves the trip (in full, or modified to another level of transport).
AUTHORIZING_OUTCOMES = ("approved", "modified")
# Minutes before the appointment the vendor picks the member up: driving time at this speed
# plus a margin for boarding and checking in.
AVERAGE_MPH = 25
MARGIN_MINUTES = 20


@dataclass(frozen=True)
class TripLetterValues:
    """What the authorization and the confirmation print about a trip, all from the case."""

    authorization_number: str
    amendment: int
    amendment_reason: str
    cancelled: bool
    vendor_name: str
    vendor_fax: str
    vendor_phone: str
    pickup_date: date | None
    pickup_time: str  # "9:45 AM"
    pickup_address: str
    destination_name: str
    destination_address: str
    appointment_time: str  # "10:30 AM"
    mode: str  # in words: "wheelchair van"
    mode_es: str
    round_trip: bool
    miles: float | None
    days: tuple[tuple[date, str], ...]  # a standing order's days with their holidays


def authorize_on_decision(session: Session, rules: TransportRules, actor: Actor, now: datetime,
                          case: Case, outcome: str | None) -> str | None:
    """Give an approved transportation case's trip its authorization number (once); returns
    the number when one was given. Runs in the decision's own transaction."""
    if outcome not in AUTHORIZING_OUTCOMES:
        return None
    trip = session.scalar(select(Trip).where(Trip.case_id == case.id))
    if trip is None or trip.authorization_number:
        return None
    trip.authorization_number = _next_number(session, rules.authorization_prefix,
                                             plan_date(now).year)
    trip.authorized_at = now
    vendor = session.get(Vendor, trip.vendor_id) if trip.vendor_id else None
    record(session, actor, AuditAction.TRIP_AUTHORIZED, "case", case.id, now,
           {"number": case.number, "authorization": trip.authorization_number,
            "vendor": vendor.name if vendor else None, "miles": trip.miles})
    return trip.authorization_number


def trip_letter_values(session: Session, rules: TransportRules,
                       case_id: int) -> TripLetterValues | None:
    """The trip's values for letters, or None when the case has no trip."""
    trip = session.scalar(select(Trip).where(Trip.case_id == case_id))
    if trip is None:
        return None
    vendor = session.get(Vendor, trip.vendor_id) if trip.vendor_id else None
    mode = rules.mode(trip.mode)
    return TripLetterValues(
        authorization_number=trip.authorization_number or "", amendment=trip.amendment,
        amendment_reason=trip.amendment_reason, cancelled=trip.cancelled_at is not None,
        vendor_name=vendor.name if vendor else "", vendor_fax=_phone(vendor.fax) if vendor
        else "", vendor_phone=_phone(vendor.phone) if vendor else "",
        pickup_date=trip.appointment_date,
        pickup_time=pickup_time(trip.appointment_time, trip.miles, trip.round_trip),
        pickup_address=trip.pickup_address, destination_name=trip.destination_name,
        destination_address=trip.destination_address,
        appointment_time=clock_time(trip.appointment_time),
        mode=mode.says if mode else trip.mode, mode_es=mode.says_es if mode else trip.mode,
        round_trip=trip.round_trip, miles=trip.miles,
        days=tuple((d.day, d.holiday) for d in trip_days(session, trip)))


def pickup_time(appointment: str, miles: float | None, round_trip: bool) -> str:
    """When to pick the member up to arrive on time: driving time for the one-way miles at
    an average speed, plus a margin; '' without an appointment time."""
    if not appointment:
        return ""
    one_way = (miles or 0) / (2 if round_trip else 1)
    minutes = int(one_way / AVERAGE_MPH * 60) + MARGIN_MINUTES
    minutes = (minutes + 4) // 5 * 5  # a time a driver can keep
    hour, minute = (int(p) for p in appointment.split(":"))
    at = datetime(2000, 1, 1, hour, minute) - timedelta(minutes=minutes)
    return clock_time(at.strftime("%H:%M"))


def clock_time(hhmm: str) -> str:
    """'14:05' as '2:05 PM'; '' stays ''."""
    if not hhmm:
        return ""
    hour, minute = (int(p) for p in hhmm.split(":"))
    return f"{(hour % 12) or 12}:{minute:02d} {'AM' if hour < 12 else 'PM'}"


def _phone(digits: str) -> str:
    return f"{digits[:3]}-{digits[3:6]}-{digits[6:]}" if len(digits) == 10 else digits


def _next_number(session: Session, prefix: str, year: int) -> str:
    """TA-2026-000001: the next authorization number, counted like case numbers."""
    return f"{prefix}-{year}-{take_next(session, prefix, year):06d}"
