"""Extending a clock: only where its rule allows one, within the days it allows, with the
member's written notice where the rule requires it."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime
from pathlib import Path

import pdfplumber
import pytest
from sqlalchemy import select

from casework.cases.clocks import compute_clocks
from casework.cases.opening import DueClock, NewCase, open_case_now
from casework.cases.work import case_detail, change_status, extend_clock
from casework.db.models import AuditEvent
from casework.errors import InvalidValue, UserError
from casework.letters.data import MissingLetterValue
from casework.letters.issuing import generate_letter
from casework.plan.rule_files import RuleFileError
from casework.plan.rulebook import load_rulebook
from casework.plan.timezone import PLAN_ZONE, plan_time
from casework.settings import PlanDetails
from casework.workspace import Workspace
from tests.conftest import SUPERVISOR, FixedClock

# Letters are signed by the acting person's full name.
pytestmark = pytest.mark.usefixtures("staff_signs_letters")

ADDRESS = "12 Elm St, Fresno, CA 93701"


def _open(ws: Workspace, case_type: str, priority: str = "standard",
          hearing: date | None = None) -> int:
    """A case received now, with the clocks the rules give it."""
    received = ws.now()
    clocks = compute_clocks(ws.rules, case_type, priority, received, hearing_date=hearing)
    return open_case_now(ws, SUPERVISOR, NewCase(
        case_type, case_type, priority, received, member_name="Rosa Delgado",
        member_cin="91234567A", hearing_date=hearing,
        fields={"member_address": ADDRESS, "procedure_codes": ["E0630"]},
        clocks=tuple(DueClock(c.name, c.due_at, c.citation) for c in clocks.values())))


def _due(ws: Workspace, case_id: int, name: str) -> str:
    detail = case_detail(ws, SUPERVISOR, case_id, opening=False)
    return plan_time(next(c.due_at for c in detail.clocks if c.name == name)).isoformat()


def test_a_state_hearing_preparation_clock_cannot_be_extended(workspace: Workspace) -> None:
    """The hearing date is the State's: the preparation clock's rule allows no extension."""
    case_id = _open(workspace, "sfh", hearing=date(2026, 12, 15))
    before = _due(workspace, case_id, "prepare")
    with pytest.raises(UserError, match="prepare clock cannot be extended: its rule allows no "
                                        "extension"):
        extend_clock(workspace, SUPERVISOR, case_id, "prepare", 3, "Waiting for records")
    assert _due(workspace, case_id, "prepare") == before == "2026-12-08T23:59:59-08:00"
    prepare = case_detail(workspace, SUPERVISOR, case_id).clocks[0]
    assert prepare.extension_days_left == 0 and prepare.extension_notice is None
    with workspace.db.read() as session:
        assert "case.clock_extended" not in session.scalars(select(AuditEvent.action)).all()


def test_an_acknowledgement_clock_cannot_be_extended(workspace: Workspace) -> None:
    case_id = _open(workspace, "grievance")
    with pytest.raises(UserError, match="acknowledge clock cannot be extended"):
        extend_clock(workspace, SUPERVISOR, case_id, "acknowledge", 2, "Busy week")


def test_a_prior_authorization_takes_at_most_fourteen_more_days_with_a_notice(
    workspace: Workspace,
) -> None:
    """GIVEN a standard prior authorization received Monday 11/2 (decide by Monday 11/9) WHEN
    the coordinator extends it THEN it may take up to 14 more calendar days in all, and each
    extension asks for the member's written notice before the decision would have been due."""
    case_id = _open(workspace, "prior_auth")
    assert _due(workspace, case_id, "decide") == "2026-11-09T23:59:59-08:00"
    first = extend_clock(workspace, SUPERVISOR, case_id, "decide", 10, "Waiting for the MRI")
    assert plan_time(first.due_at).isoformat() == "2026-11-19T23:59:59-08:00"
    assert first.notice is not None and first.notice.letter == "extension_notice"
    assert plan_time(first.notice.due_at).isoformat() == "2026-11-09T23:59:59-08:00"
    assert "§438.404(c)(4)" in first.notice.citation
    with pytest.raises(InvalidValue, match=r"at most 14 days in all .*; 4 days are left"):
        extend_clock(workspace, SUPERVISOR, case_id, "decide", 5, "More records")
    last = extend_clock(workspace, SUPERVISOR, case_id, "decide", 4, "Specialist review")
    assert plan_time(last.due_at).isoformat() == "2026-11-23T23:59:59-08:00"
    detail = case_detail(workspace, SUPERVISOR, case_id)
    decide = detail.clocks[0]
    assert decide.extension_reason == "Waiting for the MRI; Specialist review"
    assert decide.extension_days_left == 0
    notices = [t for t in detail.tasks if t.kind == "extension_notice"]
    assert len(notices) == 2 and "Waiting for the MRI" in notices[0].description


def test_a_grievance_extension_notice_is_due_within_two_calendar_days(
    workspace: Workspace,
) -> None:
    case_id = _open(workspace, "grievance")  # received Monday 11/2, resolve by 12/2
    extended = extend_clock(workspace, SUPERVISOR, case_id, "resolve", 14,
                            "Waiting for the pharmacy's records")
    assert plan_time(extended.due_at).isoformat() == "2026-12-16T23:59:59-08:00"
    assert extended.notice is not None
    assert plan_time(extended.notice.due_at).isoformat() == "2026-11-04T23:59:59-08:00"
    assert "§438.408(c)(2)(ii)" in extended.notice.citation
    with workspace.db.read() as session:
        event = session.scalars(select(AuditEvent).where(
            AuditEvent.action == "case.clock_extended")).one()
    assert '"kind":"extension_notice"' in event.details


def test_an_extension_across_the_autumn_clock_change_stays_at_the_end_of_the_day(
    workspace: Workspace, clock: FixedClock
) -> None:
    clock.current = datetime(2026, 9, 25, 9, 30, tzinfo=PLAN_ZONE).astimezone(UTC)
    case_id = _open(workspace, "appeal")
    assert _due(workspace, case_id, "resolve") == "2026-10-25T23:59:59-07:00"
    extend_clock(workspace, SUPERVISOR, case_id, "resolve", 14, "Member asked for time")
    assert _due(workspace, case_id, "resolve") == "2026-11-08T23:59:59-08:00"


def test_a_met_clock_is_not_extended(workspace: Workspace) -> None:
    case_id = _open(workspace, "grievance")
    change_status(workspace, SUPERVISOR, case_id, "acknowledged")
    change_status(workspace, SUPERVISOR, case_id, "in_review")
    change_status(workspace, SUPERVISOR, case_id, "resolved")
    with pytest.raises(UserError, match="already met"):
        extend_clock(workspace, SUPERVISOR, case_id, "resolve", 3, "Too late")


def test_the_extension_notice_tells_the_member_the_new_date_and_why(
    workspace: Workspace,
) -> None:
    case_id = _open(workspace, "grievance")
    number = case_detail(workspace, SUPERVISOR, case_id).row.number
    with pytest.raises(MissingLetterValue, match="extend the clock first"):
        generate_letter(workspace, SUPERVISOR, PlanDetails(), number, "extension_notice")
    extend_clock(workspace, SUPERVISOR, case_id, "resolve", 14,
                 "We are waiting for the pharmacy's records.")
    letter = generate_letter(workspace, SUPERVISOR, PlanDetails(), number, "extension_notice")
    with pdfplumber.open(io.BytesIO(workspace.store.read_bytes(letter.sha256))) as pdf:
        text = " ".join((page.extract_text() or "") for page in pdf.pages)
    assert "December 16, 2026" in text
    assert "waiting for the pharmacy's records" in text
    assert "right to file a grievance" in text and "1-888-466-2219" in text  # DMHC


def _site_with_clocks(tmp_path: Path, old: str, new: str) -> Path:
    """A site rules folder whose clocks.yaml is the bundled one with `old` made `new`."""
    site = tmp_path / "rules"
    site.mkdir()
    bundled = Path(__file__).resolve().parents[2] / "resources" / "clocks.yaml"
    text = bundled.read_text("utf-8")
    assert old in text
    (site / "clocks.yaml").write_text(text.replace(old, new), "utf-8")
    return site


def test_an_extension_notice_must_be_a_letter_that_fits_the_clocks_cases(
    tmp_path: Path,
) -> None:
    site = _site_with_clocks(tmp_path, "notice: {letter: extension_notice, within_days: 2",
                             "notice: {letter: extension_letter, within_days: 2")
    with pytest.raises(RuleFileError, match=r"clocks.yaml, line \d+: the extension notice "
                                            "'extension_letter' is not a letter kind"):
        load_rulebook(site)
    (tmp_path / "other").mkdir()
    site = _site_with_clocks(tmp_path / "other", "notice: {letter: extension_notice, within",
                             "notice: {letter: grievance_resolution, within")
    with pytest.raises(RuleFileError, match="does not fit appeal cases"):
        load_rulebook(site)
