"""The transportation desk's reports: trips by vendor and mode, miles authorized, and
authorizations faxed late against the appointment."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, select

from casework.actor import Actor
from casework.db.case_models import Case
from casework.db.letter_models import Letter
from casework.db.transport_models import Trip, TripDay, Vendor
from casework.permissions import Permission
from casework.plan.timezone import PLAN_ZONE
from casework.workspace import Workspace

AUTHORIZATION_LETTER = "nemt_authorization"


@dataclass(frozen=True)
class VendorModeRow:
    """Trips authorized for one vendor at one level of transport, and their miles (each day
    of a standing order counted)."""

    vendor: str
    mode: str
    trips: int
    miles: float


@dataclass(frozen=True)
class LateAuthorization:
    """An authorization faxed (or still not faxed) later than the rules allow."""

    case_number: str
    authorization_number: str
    vendor: str
    appointment: datetime
    due_by: datetime
    faxed_at: datetime | None


@dataclass(frozen=True)
class TransportReport:
    """The desk's report for trips whose first day falls in [start, end]."""

    start: date
    end: date
    by_vendor_mode: tuple[VendorModeRow, ...]
    trips_authorized: int
    miles_authorized: float
    late: tuple[LateAuthorization, ...]
    fax_hours_before: int


def transport_report(ws: Workspace, actor: Actor, start: date, end: date) -> TransportReport:
    """Authorized trips (not cancelled) with their first day between `start` and `end`."""
    actor.require(Permission.ARRANGE_TRIPS)
    hours = ws.rules.transport.fax_hours_before
    now = ws.now()
    with ws.db.read() as session:
        rows = session.execute(
            select(Trip, Case.number, Vendor.name)
            .join(Case, Case.id == Trip.case_id)
            .outerjoin(Vendor, Vendor.id == Trip.vendor_id)
            .where(Trip.authorization_number.is_not(None), Trip.cancelled_at.is_(None),
                   Trip.appointment_date >= start, Trip.appointment_date <= end)
            .order_by(Trip.appointment_date, Case.number)).all()
        faxed = dict(session.execute(
            select(Letter.case_id, func.min(Letter.faxed_at))
            .where(Letter.kind == AUTHORIZATION_LETTER, Letter.faxed_at.is_not(None))
            .group_by(Letter.case_id)).all())
        day_counts = dict(session.execute(
            select(TripDay.trip_id, func.count(TripDay.id)).group_by(TripDay.trip_id)).all())
    totals: dict[tuple[str, str], list[float]] = defaultdict(list)
    late: list[LateAuthorization] = []
    for trip, number, vendor in rows:
        name = vendor or "(no vendor)"
        # A standing order's miles count once for each day it runs.
        totals[name, trip.mode].append((trip.miles or 0.0) * day_counts.get(trip.id, 1))
        assert trip.appointment_date is not None  # the query keeps trips with a date
        appointment = appointment_at(trip.appointment_date, trip.appointment_time)
        due_by = appointment - timedelta(hours=hours)
        sent = faxed.get(trip.case_id)
        if (sent is not None and sent > due_by) or (sent is None and now > due_by):
            late.append(LateAuthorization(number, trip.authorization_number or "", name,
                                          appointment, due_by, sent))
    by_vendor = tuple(VendorModeRow(v, m, len(miles), round(sum(miles), 1))
                      for (v, m), miles in sorted(totals.items()))
    return TransportReport(start, end, by_vendor, len(rows),
                           round(sum(r.miles for r in by_vendor), 1), tuple(late), hours)


def appointment_at(day: date, hhmm: str) -> datetime:
    """The appointment in the plan's time zone (the start of the day when no time is known)."""
    hour, minute = (int(p) for p in hhmm.split(":")) if hhmm else (0, 0)
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=PLAN_ZONE)


def report_lines(report: TransportReport) -> list[str]:
    """The report as plain lines for the command line."""
    lines = [f"Trips authorized {report.start} to {report.end}: {report.trips_authorized}, "
             f"{report.miles_authorized:g} miles.", "", "Vendor | mode | trips | miles"]
    lines += [f"{r.vendor} | {r.mode} | {r.trips} | {r.miles:g}" for r in report.by_vendor_mode]
    lines += ["", f"Authorizations faxed later than {report.fax_hours_before} hours before the "
                  f"appointment: {len(report.late)}"]
    for item in report.late:
        sent = (item.faxed_at.astimezone(PLAN_ZONE).strftime("%Y-%m-%d %H:%M")
                if item.faxed_at else "not faxed")
        lines.append(f"{item.case_number} {item.authorization_number} {item.vendor}: "
                     f"appointment {item.appointment:%Y-%m-%d %H:%M}, faxed {sent}")
    return lines

