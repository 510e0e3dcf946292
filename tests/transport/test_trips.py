"""A faxed transportation request opens a case with its trip: ZIPs, estimated miles, the
standing order's days, a vendor suggested by area, mode and agreement; the coordinator picks
another, changes or cancels it, and the trail says so."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from casework.cases.filing import case_json
from casework.cases.trail import case_trail
from casework.cases.work import case_detail, change_status
from casework.db.models import AuditEvent
from casework.errors import InvalidValue, PermissionDenied
from casework.permissions import Permission, Role, allows
from casework.plan.rulebook import load_rulebook
from casework.transport.trip_changes import (
    cancel_trip,
    change_trip,
    choose_vendor,
    trip_detail,
)
from casework.transport.trips import parse_weekdays, series_days
from casework.workspace import Workspace
from tests.cases.reviewed_requests import add_person
from tests.conftest import REPO_ROOT
from tests.transport.trip_cases import coordinator, file_trip_fax, load_directory, plan_with


def _actions(ws: Workspace, case_id: int) -> list[tuple[str, dict[str, object]]]:
    with ws.db.read() as session:
        return [(e.action, json.loads(e.details)) for e in session.scalars(
            select(AuditEvent).where(AuditEvent.entity_type == "case",
                                     AuditEvent.entity_id == str(case_id))
            .order_by(AuditEvent.seq))]


def test_a_faxed_request_opens_a_case_with_its_trip_miles_and_vendor(
    workspace: Workspace, tmp_path: Path
) -> None:
    load_directory(workspace, tmp_path)
    filing = file_trip_fax(workspace)
    with workspace.db.read() as session:
        trip = case_json(session, filing.case_id)["trip"]
    # 95816 → 95817 is 1.67 straight-line miles; × 1.3, both ways.
    assert trip == {"pickup_zip": "95816", "destination_zip": "95817", "miles": 4.3,
                    "round_trip": True, "mode": "wheelchair_van",
                    "vendor": "Delta Ride Transportation"}
    recorded = [d for a, d in _actions(workspace, filing.case_id) if a == "trip.recorded"]
    assert recorded[0]["vendor_suggested"] == "Delta Ride Transportation"


def test_an_unknown_zip_is_said_so_and_no_miles_are_guessed(
    workspace: Workspace, tmp_path: Path
) -> None:
    load_directory(workspace, tmp_path)
    filing = file_trip_fax(workspace, destination_address="1 Nowhere Rd, Sacramento, CA 00000")
    with workspace.db.read() as session:
        trip = case_json(session, filing.case_id)["trip"]
    assert trip["miles"] is None and trip["destination_zip"] == "00000"
    assert trip["miles_note"] == ("The destination ZIP code 00000 is not in the ZIP data; the "
                                  "miles cannot be estimated.")


def test_vendor_choice_by_zip_then_county_and_the_coordinator_may_pick_another(
    workspace: Workspace, tmp_path: Path
) -> None:
    load_directory(workspace, tmp_path)
    tomas = coordinator(workspace)
    number = file_trip_fax(workspace).number
    view = trip_detail(workspace, tomas, number)
    assert view.eligibility == "Eligible on 2026-11-09 by the roster."
    # Old Town Rides serves 95816 but its agreement ended before the trip (2026-06-30).
    assert [(o.vendor.name, o.reason) for o in view.options] == [
        ("Delta Ride Transportation", "serves ZIP 95816"),
        ("Capitol Medical Vans", "serves Sacramento County")]
    capitol = view.options[1].vendor.id
    after = choose_vendor(workspace, tomas, number, capitol, "member asked for them")
    assert after.vendor == "Capitol Medical Vans"
    chosen = [d for a, d in _actions(workspace, after.case_id) if a == "trip.vendor_chosen"]
    assert chosen == [{"number": number, "vendor": "Capitol Medical Vans",
                       "previous": "Delta Ride Transportation",
                       "why": "serves Sacramento County", "reason": "member asked for them"}]
    old_town = 3
    with pytest.raises(InvalidValue, match="Old Town Rides cannot take this trip"):
        choose_vendor(workspace, tomas, number, old_town)


def test_no_qualifying_vendor_is_said_so(workspace: Workspace, tmp_path: Path) -> None:
    load_directory(workspace, tmp_path)
    tomas = coordinator(workspace)
    # A gurney from Fresno: only Valley Gurney offers it there, and its agreement is open;
    # a litter van in Fresno nobody offers.
    number = file_trip_fax(workspace, 2, member_id="92345678B", member_name="Mary Lee",
                           pickup_address="9 Oak St, Fresno, CA 93701",
                           destination_address="2823 Fresno St, Fresno, CA 93721",
                           transport_mode="litter_van").number
    view = trip_detail(workspace, tomas, number)
    assert view.vendor is None and view.options == ()
    later = change_trip(workspace, tomas, number,
                        plan_with(workspace, tomas, number, appointment_date=date(2026, 12, 7)))
    assert later.eligibility == "NOT eligible on 2026-12-07: coverage ended 2026-11-30."
    assert view.no_vendor == ("No active vendor serves ZIP 93701 (Fresno County) with litter "
                              "van under an agreement in force on 2026-11-09.")
    gurney = change_trip(workspace, tomas, number,
                         plan_with(workspace, tomas, number, mode="gurney"))
    assert gurney.vendor == "Valley Gurney"


def test_a_standing_order_runs_across_a_holiday_as_the_rules_say(
    workspace: Workspace, tmp_path: Path
) -> None:
    load_directory(workspace, tmp_path)
    tomas = coordinator(workspace)
    number = file_trip_fax(workspace, appointment_date="2026-11-23").number
    plan = plan_with(workspace, tomas, number, standing_days=parse_weekdays("Mon, Wed, Fri"),
                            series_end=date(2026, 12, 4))
    view = change_trip(workspace, tomas, number, plan)
    days = [(d.day.isoformat(), d.holiday) for d in view.days]
    # Thanksgiving is a Thursday; the day after is a California state holiday (a Friday).
    assert days == [("2026-11-23", ""), ("2026-11-25", ""), ("2026-11-27", days[2][1]),
                    ("2026-11-30", ""), ("2026-12-02", ""), ("2026-12-04", "")]
    assert days[2][1]  # kept, and named so the coordinator confirms with the facility


def test_a_site_may_skip_holidays_in_standing_orders(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    bundled = (REPO_ROOT / "resources" / "transport.yaml").read_text("utf-8")
    (site / "transport.yaml").write_text(bundled.replace("on_holiday: keep", "on_holiday: skip"),
                                         "utf-8")
    rules = load_rulebook(site)
    days = series_days(rules.calendar, rules.transport, date(2026, 11, 23),
                       ("mon", "wed", "fri"), date(2026, 11, 30))
    assert [d.isoformat() for d, _ in days] == ["2026-11-23", "2026-11-25", "2026-11-30"]


def test_a_change_to_an_authorized_trip_needs_a_reason_and_amends_it(
    workspace: Workspace, tmp_path: Path
) -> None:
    load_directory(workspace, tmp_path)
    tomas = coordinator(workspace)
    filing = file_trip_fax(workspace)
    change_status(workspace, tomas, filing.case_id, "in_review")
    change_status(workspace, tomas, filing.case_id, "decided", "approved")
    view = trip_detail(workspace, tomas, filing.number)
    assert view.authorization_number == "TA-2026-000001" and view.amendment == 0
    later = plan_with(workspace, tomas, filing.number, appointment_time="10:30")
    with pytest.raises(InvalidValue, match="say why it changes"):
        change_trip(workspace, tomas, filing.number, later)
    view = change_trip(workspace, tomas, filing.number, later, "clinic moved the appointment")
    assert (view.amendment, view.plan.appointment_time) == (1, "10:30")
    view = cancel_trip(workspace, tomas, filing.number, "member hospitalized")
    assert view.cancelled and view.amendment == 2
    actions = [a for a, _ in _actions(workspace, filing.case_id)]
    assert actions.count("trip.recorded") == 2
    assert "trip.authorized" in actions and "trip.cancelled" in actions


def test_trips_are_arranged_only_by_those_whose_role_allows(
    workspace: Workspace, tmp_path: Path
) -> None:
    load_directory(workspace, tmp_path)
    number = file_trip_fax(workspace).number
    clerk = add_person(workspace, "clerk", "intake_clerk")
    plan = plan_with(workspace, clerk, number, round_trip=False)
    with pytest.raises(PermissionDenied, match="not allowed to arrange trips"):
        change_trip(workspace, clerk, number, plan)
    assert allows(Role.TRANSPORTATION_COORDINATOR, Permission.ARRANGE_TRIPS)
    assert allows(Role.TRANSPORTATION_COORDINATOR, Permission.WORK_CASES)
    assert not allows(Role.TRANSPORTATION_COORDINATOR, Permission.DECIDE_MEDICAL_NECESSITY)
    assert not allows(Role.GRIEVANCE_COORDINATOR, Permission.ARRANGE_TRIPS)


def test_the_case_history_tells_the_trip_in_words(workspace: Workspace, tmp_path: Path) -> None:
    load_directory(workspace, tmp_path)
    tomas = coordinator(workspace)
    filing = file_trip_fax(workspace)
    change_status(workspace, tomas, filing.case_id, "in_review")
    change_status(workspace, tomas, filing.case_id, "decided", "approved")
    steps = {s.words: s.details for s in case_trail(workspace, tomas, filing.case_id)}
    assert steps["recorded the trip"] == "miles: 4.3"
    assert steps["authorized the trip"] == ("authorization: TA-2026-000001; vendor: Delta Ride "
                                            "Transportation; miles: 4.3")


def test_stated_miles_over_the_tolerance_become_a_task_for_the_coordinator(
    workspace: Workspace, tmp_path: Path
) -> None:
    load_directory(workspace, tmp_path)
    tomas = coordinator(workspace)
    filing = file_trip_fax(workspace)
    view = change_trip(workspace, tomas, filing.number,
                       plan_with(workspace, tomas, filing.number, stated_miles=12.0,
                                 stated_by="vendor"))
    assert view.mileage_check is not None and view.mileage_check.flagged
    tasks = [t.description for t in case_detail(workspace, tomas, filing.case_id).tasks]
    assert tasks == ["Check the mileage (vendor): 12 miles stated, 4.3 estimated (+179%), over "
                     "the plan's 25% tolerance: check the mileage."]
    within = change_trip(workspace, tomas, filing.number,
                         plan_with(workspace, tomas, filing.number, stated_miles=5.0))
    assert within.mileage_check is not None and not within.mileage_check.flagged
    assert len(case_detail(workspace, tomas, filing.case_id).tasks) == 1
