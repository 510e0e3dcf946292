"""A clock is met when its letter goes out — mailed, faxed or handed over on the day a person
records, or taken by the fax server — never when the letter is only generated."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from casework.cases.opening import DueClock, NewCase, open_case_now
from casework.cases.work import case_detail, change_status
from casework.db.models import AuditEvent
from casework.errors import InvalidValue, UserError
from casework.letters.issuing import generate_letter, letters_due
from casework.letters.sending import (
    SendMethod,
    collect_fax_pickups,
    mark_mailed,
    record_sending,
    send_to_fax_folder,
)
from casework.plan.timezone import PLAN_ZONE
from casework.settings import PlanDetails
from casework.workspace import Workspace
from tests.cases.reviewed_requests import add_person, open_prior_auth
from tests.conftest import SUPERVISOR, FixedClock

# Letters are signed by the acting person's full name.
pytestmark = pytest.mark.usefixtures("staff_signs_letters")

PLAN = PlanDetails()
ACK = "grievance_acknowledgement"
# Received Friday 30 October; the acknowledgement is due Monday 2 November, 23:59:59 Pacific.
ACK_DUE = datetime(2026, 11, 3, 7, 59, 59, tzinfo=UTC)


@pytest.fixture
def grievance(workspace: Workspace) -> tuple[int, str]:
    case_id = open_case_now(workspace, SUPERVISOR, NewCase(
        "grievance", "grievance", "standard", datetime(2026, 10, 30, 16, 0, tzinfo=UTC),
        member_name="Rosa Delgado", member_cin="91234567A",
        fields={"member_address": "12 Elm St, Fresno, CA 93701"},
        clocks=(DueClock("acknowledge", ACK_DUE),
                DueClock("resolve", datetime(2026, 11, 30, 7, 59, 59, tzinfo=UTC)))))
    return case_id, case_detail(workspace, SUPERVISOR, case_id).row.number


def _met(ws: Workspace, case_id: int) -> dict[str, datetime | None]:
    return {c.name: c.met_at for c in case_detail(ws, SUPERVISOR, case_id).clocks}


def test_generating_drafts_and_mailing_meets_the_clock_on_the_day_recorded(
    workspace: Workspace, grievance: tuple[int, str], clock: FixedClock
) -> None:
    case_id, number = grievance
    letter = generate_letter(workspace, SUPERVISOR, PLAN, number, ACK, "en")
    assert _met(workspace, case_id) == {"acknowledge": None, "resolve": None}
    [due] = letters_due(workspace, SUPERVISOR)
    assert (due.kind, due.drafted_letter_id) == (ACK, letter.id)

    clock.advance(days=2)  # Wednesday: the clerk records Monday's mailing
    sent = mark_mailed(workspace, SUPERVISOR, letter.id, date(2026, 11, 2))
    monday_night = datetime(2026, 11, 2, 23, 59, 59, tzinfo=PLAN_ZONE)
    assert sent.sent_at == monday_night and sent.clock_met == "acknowledge"
    assert _met(workspace, case_id)["acknowledge"] == monday_night <= ACK_DUE  # on time
    assert letters_due(workspace, SUPERVISOR) == []
    detail = case_detail(workspace, SUPERVISOR, case_id)
    assert detail.row.next_due_at == next(c.due_at for c in detail.clocks
                                          if c.name == "resolve")
    with workspace.db.read() as session:
        mailed = json.loads(session.scalars(select(AuditEvent.details).where(
            AuditEvent.action == "letter.mailed")).one())
    assert mailed["clock_met"] == "acknowledge"
    assert mailed["sent_at"].startswith("2026-11-02T23:59:59")


def test_a_sending_day_in_the_future_or_before_the_draft_is_refused(
    workspace: Workspace, grievance: tuple[int, str], clock: FixedClock
) -> None:
    case_id, number = grievance
    letter = generate_letter(workspace, SUPERVISOR, PLAN, number, ACK, "en")
    with pytest.raises(InvalidValue, match="November 3, 2026: that is in the future"):
        mark_mailed(workspace, SUPERVISOR, letter.id, date(2026, 11, 3))
    with pytest.raises(InvalidValue, match="it was drafted on November 2, 2026"):
        mark_mailed(workspace, SUPERVISOR, letter.id, date(2026, 10, 31))
    an_hour_before = clock() - timedelta(hours=1)
    with pytest.raises(InvalidValue, match="it was drafted on"):
        record_sending(workspace, SUPERVISOR, letter.id, SendMethod.FAXED, an_hour_before)
    assert _met(workspace, case_id)["acknowledge"] is None
    record_sending(workspace, SUPERVISOR, letter.id, "handed over")
    assert _met(workspace, case_id)["acknowledge"] == clock()
    with pytest.raises(UserError, match="already recorded as handed over on November 2"):
        record_sending(workspace, SUPERVISOR, letter.id, SendMethod.HANDED_OVER)
    with pytest.raises(InvalidValue, match="say mailed, faxed or handed over"):
        record_sending(workspace, SUPERVISOR, letter.id, "emailed")


def test_the_fax_servers_pickup_meets_the_clock(
    workspace: Workspace, grievance: tuple[int, str], clock: FixedClock, tmp_path: Path
) -> None:
    case_id, number = grievance
    outbound = tmp_path / "outbound"
    outbound.mkdir()
    letter = generate_letter(workspace, SUPERVISOR, PLAN, number, ACK, "en")
    queued = send_to_fax_folder(workspace, SUPERVISOR, PLAN, outbound, letter.id)
    assert collect_fax_pickups(workspace, SUPERVISOR, outbound) == []  # still waiting
    assert _met(workspace, case_id)["acknowledge"] is None
    assert [d.drafted_letter_id for d in letters_due(workspace, SUPERVISOR)] == [letter.id]

    clock.advance(minutes=12)
    queued.unlink()  # the fax server took it
    assert collect_fax_pickups(workspace, SUPERVISOR, tmp_path / "not-mounted") == []
    [taken] = collect_fax_pickups(workspace, SUPERVISOR, outbound)
    assert (taken.letter_id, taken.method, taken.sent_at) == (letter.id, "faxed", clock())
    assert _met(workspace, case_id)["acknowledge"] == clock()
    assert collect_fax_pickups(workspace, SUPERVISOR, outbound) == []  # noticed once
    with workspace.db.read() as session:
        faxed = session.scalars(select(AuditEvent.details).where(
            AuditEvent.action == "letter.faxed")).one()
    assert "the fax server" in faxed


def test_a_drafted_decision_notice_stays_on_the_list_until_it_is_sent(
    workspace: Workspace, tmp_path: Path
) -> None:
    reviewer = add_person(workspace, "aruiz", "clinical_reviewer")
    case_id = open_prior_auth(workspace, tmp_path)
    change_status(workspace, reviewer, case_id, "decided", "denied")
    number = case_detail(workspace, reviewer, case_id).row.number
    assert letters_due(workspace, reviewer) == []  # the notice is due in two business days
    notice = generate_letter(workspace, reviewer, PLAN, number, "pa_denial", "en", {
        "reason": "A manual wheelchair meets your needs.", "criteria": "Policy UM-DME-014"})
    [due] = letters_due(workspace, reviewer)
    assert (due.case_number, due.kind, due.drafted, due.overdue) == (
        number, "pa_denial", True, False)
    assert _met(workspace, case_id)["notify"] is None
    mark_mailed(workspace, reviewer, notice.id)
    assert _met(workspace, case_id)["notify"] == workspace.now()
    assert letters_due(workspace, reviewer) == []
