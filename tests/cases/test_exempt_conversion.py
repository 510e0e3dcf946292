"""Exempt phone grievances not resolved by the close of the next business day become standard
grievances at the deadline, with both letters' clocks counted from the original receipt
(28 CCR §1300.68(d)(8))."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from casework.actor import SYSTEM, Actor
from casework.cases.conversion import convert_overdue_exempt
from casework.cases.phone_intake import open_phone_case
from casework.cases.work import case_detail, change_status
from casework.db.models import AuditEvent
from casework.errors import PermissionDenied
from casework.letters.case_file import case_letter_file
from casework.letters.issuing import generate_letter, letters_due
from casework.letters.sending import SendMethod, record_sending
from casework.permissions import Role
from casework.plan.timezone import PLAN_ZONE, plan_time
from casework.settings import PlanDetails
from casework.workspace import Workspace
from tests.conftest import SUPERVISOR, FixedClock

# Letters are signed by the acting person's full name.
pytestmark = pytest.mark.usefixtures("staff_signs_letters")

CALLER = {"member_name": "Rosa Delgado", "member_id": "91234567A",
          "member_phone": "(559) 555-0142",
          "description": "The pharmacy refused my refill twice this week."}


def local(year: int, month: int, day: int, hour: int, minute: int = 0,
          second: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=PLAN_ZONE)


def _exempt_call(ws: Workspace, clock: FixedClock, received: datetime) -> int:
    clock.current = received.astimezone(UTC)
    return open_phone_case(ws, SUPERVISOR, "grievance_form", CALLER, priority="exempt").case_id


def _at(clock: FixedClock, moment: datetime) -> datetime:
    clock.current = moment.astimezone(UTC)
    return clock.current


def _dues(ws: Workspace, case_id: int) -> dict[str, str]:
    detail = case_detail(ws, SUPERVISOR, case_id, opening=False)
    return {c.name: plan_time(c.due_at).isoformat() for c in detail.clocks}


def _conversion_events(ws: Workspace) -> list[AuditEvent]:
    with ws.db.read() as session:
        return list(session.scalars(select(AuditEvent)
                                    .where(AuditEvent.action == "case.converted")).all())


def test_a_friday_call_not_resolved_by_monday_night_becomes_standard_from_receipt(
    workspace: Workspace, clock: FixedClock
) -> None:
    """GIVEN an exempt grievance taken on Friday 11/6 at 10:00 WHEN it is still open after the
    close of Monday 11/9 (the weekend does not count) THEN it is a standard grievance whose
    acknowledgement is due 11/11 and resolution 12/6: counted from Friday, not from Tuesday."""
    case_id = _exempt_call(workspace, clock, local(2026, 11, 6, 10))
    assert _dues(workspace, case_id) == {"resolve": "2026-11-09T23:59:59-08:00"}

    # Monday 23:59:59 is still the close of the next business day: nothing changes yet.
    assert convert_overdue_exempt(workspace, SYSTEM, _at(clock, local(2026, 11, 9, 23, 59, 59))) == []
    assert case_detail(workspace, SUPERVISOR, case_id, opening=False).row.priority == "exempt"

    (done,) = convert_overdue_exempt(workspace, SYSTEM, _at(clock, local(2026, 11, 10, 0, 0, 1)))
    assert (done.case_id, done.from_priority, done.to_priority) == (case_id, "exempt", "standard")
    assert plan_time(done.deadline).isoformat() == "2026-11-09T23:59:59-08:00"
    detail = case_detail(workspace, SUPERVISOR, case_id, opening=False)
    assert detail.row.priority == "standard" and detail.row.status == "received"
    assert _dues(workspace, case_id) == {"acknowledge": "2026-11-11T23:59:59-08:00",
                                         "resolve": "2026-12-06T23:59:59-08:00"}
    assert plan_time(detail.row.next_due_at or done.deadline).date().isoformat() == "2026-11-11"
    citations = {c.name: c.citation for c in detail.clocks}
    assert "§1300.68(d)(1)" in citations["acknowledge"]
    # The coordinator reads why on the case, and what is due when.
    (note,) = detail.notes
    assert note.author == "system"
    assert "not resolved by Mon 11/9/2026 11:59 PM" in note.text
    assert "acknowledge by Wed 11/11/2026 11:59 PM" in note.text
    assert "§1300.68(d)(8)" in note.text
    (event,) = _conversion_events(workspace)
    assert event.actor == "system" and '"from":"exempt"' in event.details
    assert '"to":"standard"' in event.details


def test_a_california_holiday_is_not_the_next_business_day(
    workspace: Workspace, clock: FixedClock
) -> None:
    """GIVEN an exempt grievance taken Monday 3/30/2026 WHEN Tuesday is César Chávez Day (a
    California holiday) THEN it may be resolved until the close of Wednesday 4/1, and only
    after that becomes standard, its clocks still counted from Monday."""
    case_id = _exempt_call(workspace, clock, local(2026, 3, 30, 10))
    assert _dues(workspace, case_id) == {"resolve": "2026-04-01T23:59:59-07:00"}
    assert convert_overdue_exempt(workspace, SYSTEM, _at(clock, local(2026, 4, 1, 8))) == []
    assert convert_overdue_exempt(workspace, SYSTEM,
                                  _at(clock, local(2026, 4, 1, 23, 59, 59))) == []
    (done,) = convert_overdue_exempt(workspace, SYSTEM, _at(clock, local(2026, 4, 2, 0, 0, 1)))
    assert done.number.startswith("GRV-2026-")
    assert _dues(workspace, case_id) == {"acknowledge": "2026-04-04T23:59:59-07:00",
                                         "resolve": "2026-04-29T23:59:59-07:00"}


def test_a_grievance_resolved_on_time_stays_exempt(workspace: Workspace,
                                                   clock: FixedClock) -> None:
    case_id = _exempt_call(workspace, clock, local(2026, 11, 6, 10))
    _at(clock, local(2026, 11, 9, 16, 30))
    change_status(workspace, SUPERVISOR, case_id, "resolved")
    assert convert_overdue_exempt(workspace, SYSTEM, _at(clock, local(2026, 11, 12, 9))) == []
    detail = case_detail(workspace, SUPERVISOR, case_id, opening=False)
    assert detail.row.priority == "exempt" and detail.notes == []
    assert _conversion_events(workspace) == []


def test_a_withdrawn_grievance_is_left_alone(workspace: Workspace, clock: FixedClock) -> None:
    case_id = _exempt_call(workspace, clock, local(2026, 11, 6, 10))
    change_status(workspace, SUPERVISOR, case_id, "withdrawn")
    assert convert_overdue_exempt(workspace, SYSTEM, _at(clock, local(2026, 11, 12, 9))) == []


def test_running_the_sweep_twice_converts_once(workspace: Workspace, clock: FixedClock) -> None:
    first = _exempt_call(workspace, clock, local(2026, 11, 6, 10))
    second = _exempt_call(workspace, clock, local(2026, 11, 9, 11))  # due Tue 11/10
    now = _at(clock, local(2026, 11, 10, 12))
    assert [c.case_id for c in convert_overdue_exempt(workspace, SYSTEM, now)] == [first]
    assert convert_overdue_exempt(workspace, SYSTEM, now) == []
    later = _at(clock, local(2026, 11, 12, 12))  # Wed 11/11 is Veterans Day: still Thursday
    assert [c.case_id for c in convert_overdue_exempt(workspace, SYSTEM, later)] == [second]
    assert convert_overdue_exempt(workspace, SYSTEM, later + timedelta(days=3)) == []
    assert len(_conversion_events(workspace)) == 2
    assert len(case_detail(workspace, SUPERVISOR, first, opening=False).notes) == 1


def test_two_services_sweeping_together_convert_each_case_once(
    workspace: Workspace, clock: FixedClock
) -> None:
    cases = [_exempt_call(workspace, clock, local(2026, 11, 6, 9 + n)) for n in range(3)]
    now = _at(clock, local(2026, 11, 10, 9))
    results: list[list[int]] = []

    def sweep() -> None:
        results.append([c.case_id for c in convert_overdue_exempt(workspace, SYSTEM, now)])
    threads = [threading.Thread(target=sweep) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted(case for done in results for case in done) == cases
    assert len(_conversion_events(workspace)) == 3


def test_after_conversion_the_acknowledgement_is_offered(workspace: Workspace,
                                                         clock: FixedClock) -> None:
    """An exempt grievance needs no acknowledgement; a standard one does."""
    case_id = _exempt_call(workspace, clock, local(2026, 11, 6, 10))
    before = case_letter_file(workspace, SUPERVISOR, case_id).kinds
    assert "grievance_acknowledgement" not in before and "grievance_resolution" in before
    convert_overdue_exempt(workspace, SYSTEM, _at(clock, local(2026, 11, 10, 9)))
    after = case_letter_file(workspace, SUPERVISOR, case_id)
    assert "grievance_acknowledgement" in after.kinds
    assert after.suggested_kind == "grievance_acknowledgement"


def test_a_resolution_drafted_but_not_sent_by_the_deadline_does_not_stop_the_conversion(
    workspace: Workspace, clock: FixedClock
) -> None:
    """GIVEN two exempt calls on Friday 11/6, each with its resolution letter drafted WHEN only
    one letter is recorded handed over on Monday THEN on Tuesday only the other call becomes a
    standard grievance, its draft still waiting to be sent."""
    caller = {**CALLER, "member_address": "12 Elm St, Fresno, CA 93701"}
    resolution = {"resolution": "The pharmacy will fill your refill today."}
    drafts = {}
    for hour in (10, 11):
        clock.current = local(2026, 11, 6, hour).astimezone(UTC)
        case = open_phone_case(workspace, SUPERVISOR, "grievance_form", caller,
                               priority="exempt")
        drafts[case.case_id] = generate_letter(workspace, SUPERVISOR, PlanDetails(),
                                               case.number, "grievance_resolution", "en",
                                               resolution)
    sent_id, drafted_id = drafts
    _at(clock, local(2026, 11, 9, 15))
    sent = record_sending(workspace, SUPERVISOR, drafts[sent_id].id, SendMethod.HANDED_OVER)
    assert sent.clock_met == "resolve"

    converted = convert_overdue_exempt(workspace, SYSTEM, _at(clock, local(2026, 11, 10, 9)))
    assert [c.case_id for c in converted] == [drafted_id]
    assert case_detail(workspace, SUPERVISOR, sent_id).row.priority == "exempt"
    assert case_detail(workspace, SUPERVISOR, drafted_id).row.priority == "standard"
    waiting = {(d.case_number, d.kind): d.drafted_letter_id
               for d in letters_due(workspace, SUPERVISOR)}
    number = drafts[drafted_id].case_number
    assert waiting[number, "grievance_resolution"] == drafts[drafted_id].id


@pytest.mark.parametrize("role", [Role.INTAKE_CLERK, Role.GRIEVANCE_COORDINATOR,
                                  Role.SUPERVISOR, Role.ADMIN])
def test_only_the_program_applies_the_deadline(workspace: Workspace, role: Role) -> None:
    with pytest.raises(PermissionDenied, match="apply the clock rules"):
        convert_overdue_exempt(workspace, Actor("pat", role), workspace.now())
