"""Mileage reimbursement for a member who drives, routed to Finance at the rate in effect on
the day of travel; the desk's report of trips by vendor and mode and late authorizations."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from casework.cases.work import change_status
from casework.errors import InvalidValue
from casework.letters.issuing import generate_letter
from casework.letters.sending import record_sending
from casework.settings import PlanDetails
from casework.transport.reimbursement import reimbursements, route_reimbursement
from casework.transport.reports import transport_report
from casework.transport.trip_changes import change_trip
from casework.transport.trips import parse_weekdays
from casework.workspace import Workspace
from tests.conftest import FixedClock
from tests.transport.trip_cases import coordinator, file_trip_fax, load_directory, plan_with


def test_a_member_who_drives_is_paid_the_rate_of_the_day_through_finance(
    workspace: Workspace, tmp_path: Path
) -> None:
    load_directory(workspace, tmp_path)
    tomas = coordinator(workspace)
    # Sacramento (95814) to a Fresno specialist (93701), one way: 157.22 × 1.3 = 204.4 miles.
    number = file_trip_fax(workspace, pickup_address="1 Capitol Mall, Sacramento, CA 95814",
                           destination_address="2823 Fresno St, Fresno, CA 93701",
                           round_trip=False, appointment_date="2026-11-09").number
    with pytest.raises(InvalidValue, match="reimbursed only for private_vehicle"):
        route_reimbursement(workspace, tomas, number)
    change_trip(workspace, tomas, number, plan_with(workspace, tomas, number,
                                                     mode="private_vehicle"))
    paid = route_reimbursement(workspace, tomas, number)
    assert (paid.miles, paid.rate, paid.amount) == (204.4, Decimal("0.205"), Decimal("41.90"))
    assert paid.queue == "finance_reimbursement" and "IRS" in paid.citation
    with pytest.raises(InvalidValue, match="already routed to Finance"):
        route_reimbursement(workspace, tomas, number)
    assert [r.case_number for r in reimbursements(workspace, tomas)] == [number]


def test_the_rate_follows_its_effective_dates(workspace: Workspace, tmp_path: Path) -> None:
    rules = workspace.rules.transport
    assert rules.rate_on(date(2025, 12, 31)).per_mile == Decimal("0.21")  # type: ignore[union-attr]
    assert rules.rate_on(date(2026, 1, 1)).per_mile == Decimal("0.205")  # type: ignore[union-attr]
    assert rules.rate_on(date(2024, 12, 31)) is None


def test_report_counts_trips_by_vendor_and_mode_and_finds_late_faxes(
    workspace: Workspace, tmp_path: Path, clock: FixedClock
) -> None:
    load_directory(workspace, tmp_path)
    tomas = coordinator(workspace)
    plan = PlanDetails()
    numbers = []
    for day in ("2026-11-09", "2026-11-10"):
        filing = file_trip_fax(workspace, appointment_date=day)
        change_status(workspace, tomas, filing.case_id, "in_review")
        change_status(workspace, tomas, filing.case_id, "decided", "approved")
        numbers.append(filing.number)
    standing = plan_with(workspace, tomas, numbers[1], standing_days=parse_weekdays("tue thu"),
                         series_end=date(2026, 11, 19))
    change_trip(workspace, tomas, numbers[1], standing, "dialysis standing order")
    # The first is faxed a week ahead; the second the evening before its 9:00 appointment.
    letter = generate_letter(workspace, tomas, plan, numbers[0], "nemt_authorization")
    record_sending(workspace, tomas, letter.id, "faxed")
    clock.current = datetime(2026, 11, 10, 3, 0, tzinfo=UTC)  # 19:00 on the 9th, plan time
    letter = generate_letter(workspace, tomas, plan, numbers[1], "nemt_authorization")
    record_sending(workspace, tomas, letter.id, "faxed")
    report = transport_report(workspace, tomas, date(2026, 11, 1), date(2026, 11, 30))
    assert report.trips_authorized == 2
    assert [(r.vendor, r.mode, r.trips) for r in report.by_vendor_mode] == [
        ("Delta Ride Transportation", "wheelchair_van", 2)]
    # The standing order runs Nov 10, 12, 17 and 19: four days.
    assert report.miles_authorized == pytest.approx(4.3 + 4.3 * 4)
    assert [item.case_number for item in report.late] == [numbers[1]]
