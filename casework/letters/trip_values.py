"""A transportation case's vendor, trip and authorization number for its letters, read from
the case's trip (casework.transport) so no value is typed by hand."""

from __future__ import annotations

import re
from dataclasses import replace

from sqlalchemy.orm import Session

from casework.db.case_models import Case
from casework.letters.data import Contact, LetterData, Trip
from casework.plan.transport_rules import TransportRules
from casework.transport.authorization import trip_letter_values

_STATE_ZIP = re.compile(r"^[A-Z]{2}\s+\d{5}(?:-\d{4})?$")


def with_trip(session: Session, rules: TransportRules, case: Case,
              data: LetterData) -> LetterData:
    """`data` with the case's trip, its vendor and its authorization number (unchanged for a
    case with no trip). A value the trip lacks stays empty, and the letter says it is missing."""
    values = trip_letter_values(session, rules, case.id)
    if values is None:
        return data
    vendor = (Contact(values.vendor_name, phone=values.vendor_phone, fax=values.vendor_fax)
              if values.vendor_name else None)
    days = values.days if len(values.days) > 1 else ()  # one day is no standing order
    trip = Trip(
        # A trip with no date leaves the letter's date empty, which validation names.
        pickup_date=values.pickup_date,  # type: ignore[arg-type]
        pickup_time=values.pickup_time, pickup_address=_lines(values.pickup_address),
        destination_name=values.destination_name,
        destination_address=_lines(values.destination_address),
        appointment_time=values.appointment_time, mode=values.mode, mode_es=values.mode_es,
        round_trip=values.round_trip, miles=values.miles, days=days,
        amendment=values.amendment, amendment_reason=values.amendment_reason,
        cancelled=values.cancelled)
    member = data.member
    if re.fullmatch(r"\d{10}", member.phone):  # the roster keeps digits; a reader wants dashes
        member = replace(member, phone=f"{member.phone[:3]}-{member.phone[3:6]}-"
                                       f"{member.phone[6:]}")
    return replace(data, vendor=vendor, trip=trip, member=member,
                   authorization_number=values.authorization_number
                   or data.authorization_number)


def _lines(text: str) -> tuple[str, ...]:
    """An address as lines, the city kept on one line with its state and ZIP."""
    lines: list[str] = []
    for part in (p.strip() for p in text.replace("\n", ",").split(",")):
        if not part:
            continue
        if lines and _STATE_ZIP.match(part):
            lines[-1] = f"{lines[-1]}, {part}"
        else:
            lines.append(part)
    return tuple(lines)
