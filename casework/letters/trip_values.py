"""A transportation case's vendor, trip and authorization number for its letters, read from
the case's trip (casework.transport) so no value is typed by hand."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy.orm import Session

from casework.db.case_models import Case
from casework.letters.data import Contact, LetterData, Trip
from casework.plan.transport_rules import TransportRules
from casework.transport.authorization import trip_letter_values


def with_trip(session: Session, rules: TransportRules, case: Case,
              data: LetterData) -> LetterData:
    """`data` with the case's trip, its vendor and its authorization number (unchanged for a
    case with no trip). A value the trip lacks stays empty, and the letter says it is missing."""
    values = trip_letter_values(session, rules, case.id)
    if values is None:
        return data
    vendor = (Contact(values.vendor_name, phone=values.vendor_phone, fax=values.vendor_fax)
              if values.vendor_name else None)
    days = tuple(f"{day:%a %b} {day.day}, {day.year}" + (f" ({holiday}: confirm)" if holiday else "")
                 for day, holiday in values.days) if len(values.days) > 1 else ()
    trip = Trip(
        pickup_date=values.pickup_date,  # type: ignore[arg-type]  (checked before rendering)
        pickup_time=values.pickup_time, pickup_address=_lines(values.pickup_address),
        destination_name=values.destination_name,
        destination_address=_lines(values.destination_address),
        appointment_time=values.appointment_time, mode=values.mode, mode_es=values.mode_es,
        round_trip=values.round_trip, miles=values.miles, days=days,
        amendment=values.amendment, amendment_reason=values.amendment_reason,
        cancelled=values.cancelled)
    return replace(data, vendor=vendor, trip=trip,
                   authorization_number=values.authorization_number
                   or data.authorization_number)


def _lines(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.replace("\n", ",").split(",") if part.strip())
