"""A transportation case's trip: built from the request's fields when the case opens, with
its estimated miles, the days of a standing order, and the vendor suggested for it.

These functions work inside the caller's transaction (filing opens the case and its trip in
one); the services a coordinator calls are in `trip_changes`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from casework.actor import Actor
from casework.audit.actions import AuditAction
from casework.audit.trail import record
from casework.db.case_models import Case, CaseTask
from casework.db.transport_models import Trip, TripDay, Vendor
from casework.errors import InvalidValue, NotFound
from casework.plan.calendar import BusinessCalendar
from casework.plan.rulebook import Rulebook
from casework.plan.transport_rules import TransportRules
from casework.transport.mileage import check_stated, estimate_miles, zip_in
from casework.transport.vendor_choice import VendorChoice, qualifying_vendors
from casework.transport.vendors import view_of

TRANSPORT_CASE_TYPE = "nemt"
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True)
class TripPlan:
    """What a request (a fax's fields, a call, a coordinator's change) says about a trip."""

    pickup_address: str = ""
    destination_name: str = ""
    destination_address: str = ""
    appointment_date: date | None = None
    appointment_time: str = ""  # HH:MM
    mode: str = ""
    round_trip: bool = False
    stated_miles: float | None = None
    stated_by: str = ""  # provider, member or vendor
    standing_days: tuple[str, ...] = ()  # ("mon", "wed", "fri")
    series_end: date | None = None


def plan_from_fields(fields: dict[str, object]) -> TripPlan:
    """The trip a transportation request's fields describe (missing values stay empty)."""
    day = fields.get("appointment_date")
    try:
        when = date.fromisoformat(str(day)) if day else None
    except ValueError:
        when = None
    return TripPlan(
        pickup_address=str(fields.get("pickup_address") or ""),
        destination_name=str(fields.get("destination_name") or ""),
        destination_address=str(fields.get("destination_address") or ""),
        appointment_date=when, appointment_time=str(fields.get("appointment_time") or ""),
        mode=str(fields.get("transport_mode") or ""),
        round_trip=fields.get("round_trip") is True)


def parse_weekdays(text: str) -> tuple[str, ...]:
    """Days of the week written 'mon wed fri' or 'Mon, Wed, Fri' (first three letters)."""
    days = [w[:3] for w in re.split(r"[\s,;/]+", text.strip().lower()) if w]
    unknown = [d for d in days if d not in WEEKDAYS]
    if unknown:
        raise InvalidValue(f"{', '.join(unknown)} is not a day of the week (write mon, tue, "
                           "wed, thu, fri, sat, sun).")
    return tuple(sorted(dict.fromkeys(days), key=WEEKDAYS.index))


def check_plan(rules: TransportRules, plan: TripPlan) -> None:
    """Refuse, in words, a mode the rules do not know or a standing order that cannot run."""
    if plan.mode and rules.mode(plan.mode) is None:
        raise InvalidValue(f"{plan.mode!r} is not a mode of transport; the modes are "
                           f"{', '.join(rules.modes)}.")
    if plan.appointment_time and not re.fullmatch(r"\d{2}:\d{2}", plan.appointment_time):
        raise InvalidValue(f"The appointment time {plan.appointment_time!r} must be HH:MM.")
    if plan.stated_miles is not None and not 0 <= plan.stated_miles < 5000:
        raise InvalidValue("Stated miles must be between 0 and 5000.")
    if bool(plan.standing_days) != (plan.series_end is not None):
        raise InvalidValue("A standing order needs both its days of the week and an end date.")
    if plan.standing_days:
        if plan.appointment_date is None:
            raise InvalidValue("A standing order needs the date of its first trip.")
        assert plan.series_end is not None
        if plan.series_end < plan.appointment_date:
            raise InvalidValue("The standing order ends before its first trip.")
        if (plan.series_end - plan.appointment_date).days > rules.longest_series_days:
            raise InvalidValue(f"A standing order may run at most {rules.longest_series_days} "
                               f"days ({rules.series_citation}).")


def series_days(calendar: BusinessCalendar, rules: TransportRules, first: date,
                weekdays: tuple[str, ...], last: date) -> list[tuple[date, str]]:
    """The days a standing order runs, from `first` to `last` on `weekdays`, each with the
    holiday it falls on ('' when none); holidays are skipped when the rules say so."""
    wanted = {WEEKDAYS.index(d) for d in weekdays}
    days: list[tuple[date, str]] = []
    day = first
    while day <= last:
        if day.weekday() in wanted or day == first:
            holiday = calendar.holiday_name(day) or ""
            if not (holiday and rules.on_holiday == "skip"):
                days.append((day, holiday))
        day += timedelta(days=1)
    return days


def record_trip(session: Session, rulebook: Rulebook, actor: Actor, now: datetime, case: Case,
                plan: TripPlan, why: str = "opened with the case") -> Trip:
    """Create or replace the case's trip from `plan`: miles estimated, series laid out, a
    vendor suggested when none was chosen. Audited in the caller's transaction."""
    rules = rulebook.transport
    trip = session.scalar(select(Trip).where(Trip.case_id == case.id))
    if trip is None:
        trip = Trip(case_id=case.id, created_at=now, amendment=0, amendment_reason="",
                    vendor_reason="", stated_by="")
        session.add(trip)
    stated_before = trip.stated_miles
    pickup_zip, destination_zip = zip_in(plan.pickup_address), zip_in(plan.destination_address)
    estimate = estimate_miles(rules, pickup_zip, destination_zip, plan.round_trip)
    trip.pickup_address, trip.pickup_zip = plan.pickup_address, pickup_zip
    trip.destination_name, trip.destination_address = plan.destination_name, \
        plan.destination_address
    trip.destination_zip = destination_zip
    trip.appointment_date, trip.appointment_time = plan.appointment_date, plan.appointment_time
    trip.mode, trip.round_trip = plan.mode, plan.round_trip
    trip.miles, trip.miles_note = estimate.miles, estimate.problem
    trip.stated_miles, trip.stated_by = plan.stated_miles, plan.stated_by
    trip.standing_days, trip.series_end = " ".join(plan.standing_days), plan.series_end
    trip.updated_at = now
    session.flush()
    _lay_out_days(session, rulebook, trip, plan)
    suggested = None
    if trip.vendor_id is None or not _vendor_still_fits(session, rules, trip):
        choice = vendor_choice(session, rules, trip)
        option = choice.suggested
        trip.vendor_id = option.vendor.id if option else None
        trip.vendor_reason = f"suggested: {option.reason}" if option else choice.problem
        suggested = option.vendor.name if option else None
    mileage = None
    if plan.stated_miles is not None and plan.stated_miles != stated_before:
        mileage = check_stated(rules, plan.stated_miles, trip.miles)
        if mileage.flagged:  # the coordinator's task list says what to check
            session.add(CaseTask(case_id=case.id, kind="check_mileage", created_at=now,
                                 description=f"Check the mileage "
                                             f"({plan.stated_by or 'stated'}): "
                                             f"{mileage.message}"))
    record(session, actor, AuditAction.TRIP_RECORDED, "case", case.id, now,
           {"number": case.number, "why": why, "pickup_zip": pickup_zip,
            "destination_zip": destination_zip, "miles": trip.miles,
            "miles_note": trip.miles_note or None, "mode": trip.mode,
            "round_trip": trip.round_trip, "standing_days": trip.standing_days or None,
            "series_end": plan.series_end.isoformat() if plan.series_end else None,
            "vendor_suggested": suggested,
            "mileage_flag": mileage.message if mileage and mileage.flagged else None})
    return trip


def vendor_choice(session: Session, rules: TransportRules, trip: Trip) -> VendorChoice:
    """The vendors that qualify for the trip now, best first."""
    vendors = [view_of(v) for v in session.scalars(select(Vendor).where(Vendor.active.is_(True)))]
    return qualifying_vendors(rules, vendors, trip.mode, trip.pickup_zip, trip.appointment_date)


def trip_days(session: Session, trip: Trip) -> list[TripDay]:
    """The days the trip runs, first to last."""
    return list(session.scalars(select(TripDay).where(TripDay.trip_id == trip.id)
                                .order_by(TripDay.day)))


def case_trip(session: Session, case_id: int) -> Trip:
    """The trip of a transportation case, or NotFound in words."""
    trip = session.scalar(select(Trip).where(Trip.case_id == case_id))
    if trip is None:
        raise NotFound("This case has no trip (only transportation requests have one).")
    return trip


def trip_json(session: Session, case_id: int) -> dict[str, object] | None:
    """The `case.trip` object of `ingest --json`, or None for a case with no trip."""
    trip = session.scalar(select(Trip).where(Trip.case_id == case_id))
    if trip is None:
        return None
    vendor = session.get(Vendor, trip.vendor_id) if trip.vendor_id else None
    found: dict[str, object] = {
        "pickup_zip": trip.pickup_zip, "destination_zip": trip.destination_zip,
        "miles": trip.miles, "round_trip": trip.round_trip, "mode": trip.mode or None,
        "vendor": vendor.name if vendor else None,
    }
    if trip.miles_note:
        found["miles_note"] = trip.miles_note
    return found


def plan_of(trip: Trip) -> TripPlan:
    """The plan a stored trip was recorded from, for a change to start from."""
    return TripPlan(trip.pickup_address, trip.destination_name, trip.destination_address,
                    trip.appointment_date, trip.appointment_time, trip.mode, trip.round_trip,
                    trip.stated_miles, trip.stated_by, tuple(trip.standing_days.split()),
                    trip.series_end)


def changed_plan(trip: Trip, **changes: object) -> TripPlan:
    """The trip's plan with `changes` applied (names of `TripPlan` fields)."""
    return replace(plan_of(trip), **changes)  # type: ignore[arg-type]


def case_fields(case: Case) -> dict[str, object]:
    """The fields the case was opened with."""
    loaded = json.loads(case.fields_json or "{}")
    return loaded if isinstance(loaded, dict) else {}


def _lay_out_days(session: Session, rulebook: Rulebook, trip: Trip, plan: TripPlan) -> None:
    for old in trip_days(session, trip):
        session.delete(old)
    if plan.appointment_date is None:
        return
    if plan.standing_days and plan.series_end is not None:
        days = series_days(rulebook.calendar, rulebook.transport, plan.appointment_date,
                           plan.standing_days, plan.series_end)
    else:
        days = [(plan.appointment_date, rulebook.calendar.holiday_name(plan.appointment_date)
                 or "")]
    for day, holiday in days:
        session.add(TripDay(trip_id=trip.id, day=day, holiday=holiday))
    session.flush()


def _vendor_still_fits(session: Session, rules: TransportRules, trip: Trip) -> bool:
    return any(o.vendor.id == trip.vendor_id for o in vendor_choice(session, rules, trip).options)
