"""Referrals: numbered like cases, moved referred → contacted → enrolled | declined |
unreachable → closed, with the first contact's clock where the plan sets one, CBAS attendance,
and a faxed referral form opening one."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from casework.actor import Actor
from casework.errors import InvalidValue, NotFound, PermissionDenied
from casework.intake.service import ingest_files
from casework.outreach.attendance import record_attendance
from casework.outreach.contacts import ContactEntry, log_contact
from casework.outreach.reach_rule import OutreachIncomplete
from casework.outreach.referral_queue import list_referrals
from casework.outreach.referral_states import IllegalReferralMove
from casework.outreach.referrals import (
    NewReferral,
    change_referral_status,
    log_referral_contact,
    new_referral,
    referral_detail,
)
from casework.permissions import Role
from casework.plan.timezone import PLAN_ZONE
from casework.settings import Settings
from casework.workspace import Workspace
from tests.conftest import FixedClock
from tests.forms.filled_printable import fill_form
from tests.outreach.members_and_referrals import (
    MARY,
    ROSA,
    care_coordinator,
    file_referral_fax,
    load_roster,
)

NO_ANSWER = ContactEntry("phone", "no_answer")


def test_referrals_are_numbered_like_cases_with_the_programs_clock(
    workspace: Workspace, tmp_path: Path, clock: FixedClock
) -> None:
    load_roster(workspace, tmp_path)
    cora = care_coordinator(workspace)
    first = new_referral(workspace, cora, NewReferral(ROSA, "ecm", reason="Frequent ER visits"))
    second = new_referral(workspace, cora, NewReferral(MARY, "wic"))
    assert (first.number, second.number) == ("REF-2026-000001", "REF-2026-000002")
    assert first.member_name == "Rosa Delgado" and first.program_says == "Enhanced Care Management"
    # Referred Monday 11/2: ECM's first contact is due in 3 business days (Thursday 11/5).
    assert first.due_at == datetime(2026, 11, 5, 23, 59, 59, tzinfo=PLAN_ZONE)
    assert "CC-100" in first.clock_citation
    assert second.due_at is None and second.clock_words(clock()) == ""
    clock.advance(days=4)
    assert first.clock_words(clock()) == "first contact OVERDUE (due 11/05/2026)"
    assert [r.number for r in list_referrals(workspace, cora)] == [first.number, second.number]


def test_refusals_name_what_is_wrong(workspace: Workspace, tmp_path: Path) -> None:
    load_roster(workspace, tmp_path)
    cora = care_coordinator(workspace)
    with pytest.raises(InvalidValue, match="not a program; the programs are cbas, ecm"):
        new_referral(workspace, cora, NewReferral(ROSA, "yoga"))
    with pytest.raises(InvalidValue, match="not a site of cbas; its sites are Sunrise"):
        new_referral(workspace, cora, NewReferral(ROSA, "cbas", site="Sacramento County WIC"))
    with pytest.raises(NotFound, match="No member 99999999Z"):
        new_referral(workspace, cora, NewReferral("99999999Z", "cbas"))
    with pytest.raises(PermissionDenied):
        new_referral(workspace, Actor("uma", Role.UM_COORDINATOR), NewReferral(ROSA, "cbas"))


def test_the_referral_path_and_cbas_attendance(
    workspace: Workspace, tmp_path: Path, clock: FixedClock
) -> None:
    load_roster(workspace, tmp_path)
    cora = care_coordinator(workspace)
    number = new_referral(workspace, cora, NewReferral(ROSA, "cbas")).number
    with pytest.raises(IllegalReferralMove, match="can move only to contacted or declined "
                                                  "or unreachable"):
        change_referral_status(workspace, cora, number, "enrolled")
    with pytest.raises(InvalidValue, match="Log the attempt that reached the member"):
        change_referral_status(workspace, cora, number, "contacted")
    # Reaching the member marks the referral contacted, on time for its clock.
    clock.advance(days=1)
    log_referral_contact(workspace, cora, number, ContactEntry(
        "phone", "reached", "Wants to visit the centre", interpreter=True, language="Spanish"))
    view, log = referral_detail(workspace, cora, number)
    assert view.status == "contacted" and view.clock_words(clock()).startswith(
        "first contact on time")
    assert [c.attempt for c in log.contacts] == [1]
    with pytest.raises(InvalidValue, match="Say which site Rosa Delgado is enrolled at"):
        change_referral_status(workspace, cora, number, "enrolled")
    with pytest.raises(InvalidValue, match="attendance is recorded for an enrolled member"):
        record_attendance(workspace, cora, number, date(2026, 11, 3))
    view = change_referral_status(workspace, cora, number, "enrolled", "Starts Tuesdays",
                                  site="sunrise adult day health center")
    assert (view.status, view.site) == ("enrolled", "Sunrise Adult Day Health Center")
    clock.advance(days=7)
    assert record_attendance(workspace, cora, number, date(2026, 11, 3)) == 1
    assert record_attendance(workspace, cora, number, date(2026, 11, 5)) == 2
    with pytest.raises(InvalidValue, match="already recorded"):
        record_attendance(workspace, cora, number, date(2026, 11, 5))
    with pytest.raises(InvalidValue, match="has not happened yet"):
        record_attendance(workspace, cora, number, date(2026, 12, 25))
    change_referral_status(workspace, cora, number, "closed")
    view, _ = referral_detail(workspace, cora, number)
    assert (view.status, view.attended_days, view.outcome_note) == ("closed", 2,
                                                                    "Starts Tuesdays")
    assert list_referrals(workspace, cora) == []
    with pytest.raises(IllegalReferralMove, match="closed; it cannot be changed"):
        change_referral_status(workspace, cora, number, "enrolled")


def test_attendance_only_for_programs_with_a_centre(workspace: Workspace,
                                                   tmp_path: Path) -> None:
    load_roster(workspace, tmp_path)
    cora = care_coordinator(workspace)
    number = new_referral(workspace, cora, NewReferral(MARY, "health_education")).number
    with pytest.raises(InvalidValue, match="attendance is kept only for programs with a centre"):
        record_attendance(workspace, cora, number, date(2026, 11, 2))


def test_unreachable_only_after_the_outreach_rule(
    workspace: Workspace, tmp_path: Path, clock: FixedClock
) -> None:
    load_roster(workspace, tmp_path)
    cora = care_coordinator(workspace)
    number = new_referral(workspace, cora, NewReferral(MARY, "cs")).number
    for _ in range(3):
        log_referral_contact(workspace, cora, number, NO_ANSWER)
        clock.advance(hours=2)
    with pytest.raises(OutreachIncomplete, match="on 1 of 3 different days"):
        change_referral_status(workspace, cora, number, "unreachable")
    for _ in range(2):
        clock.advance(days=1)
        log_referral_contact(workspace, cora, number, ContactEntry("mail", "no_answer"))
    view = change_referral_status(workspace, cora, number, "unreachable",
                                  "Phone disconnected; letters not answered")
    assert view.status == "unreachable" and view.contacted_at is None


def test_a_faxed_referral_form_opens_a_case_and_its_referral(
    workspace: Workspace, tmp_path: Path, clock: FixedClock
) -> None:
    load_roster(workspace, tmp_path)
    cora = care_coordinator(workspace)
    filing = file_referral_fax(workspace)
    referrals = list_referrals(workspace, cora, cin=ROSA)
    assert len(referrals) == 1
    view = referrals[0]
    assert (view.program, view.case_number, view.referred_by) == ("cbas", filing.number,
                                                                  "Dr. Alan Chu")
    assert view.reason.startswith("Lives alone")
    # The clock counts from the fax's arrival (Monday 11/2): five business days.
    assert view.due_at is not None and view.due_at.astimezone(PLAN_ZONE).date() == \
        date(2026, 11, 9)
    # Attempts logged on the case count for its referral, and are numbered together.
    log_contact(workspace, cora, filing.number, NO_ANSWER)
    made = log_referral_contact(workspace, cora, view.number, NO_ANSWER)
    assert made.attempt == 2
    # A program the plan does not refer to (behavioral health) stays a case only.
    other = file_referral_fax(workspace, program="behavioral_health", reason="Low mood")
    assert other.opened and len(list_referrals(workspace, cora, status="all")) == 1


def test_a_printed_referral_form_faxed_in_opens_its_referral(
    workspace: Workspace, settings: Settings, tmp_path: Path
) -> None:
    """GIVEN the plan's printed referral form with CBAS ticked, WHEN intake reads it, THEN the
    care coordination case and its CBAS referral open together."""
    load_roster(workspace, tmp_path)
    path = tmp_path / "referral.pdf"
    path.write_bytes(fill_form("care_coordination_referral", "en", {
        "member_name": "Rosa Delgado", "member_id": ROSA, "member_dob": "05/02/1948",
        "referral_source_name": "Dr. Alan Chu", "program": "cbas",
        "reason": ["Lives alone; needs day care and meals."]}))
    (result,) = ingest_files(workspace, settings, [path])
    case = (result.extra.get("case") or {}).get("number")
    assert case is not None and case.startswith("CC-")
    [view] = list_referrals(workspace, care_coordinator(workspace), cin=ROSA)
    assert (view.program, view.case_number, view.referred_by) == ("cbas", case, "Dr. Alan Chu")
