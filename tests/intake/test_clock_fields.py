"""Correcting a date a clock counts from moves the case's running clocks, and says so.

A State Hearing's prepare clock falls due five business days before the hearing date printed
on the notice; when a clerk corrects that date the clock follows, in the same transaction as
the correction, and the trail says which clock moved from when to when.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from casework.actor import Actor
from casework.cases.work import change_status
from casework.db.case_models import Case, CaseClock, CaseDocument
from casework.db.models import AuditEvent
from casework.documents.verification import correct_field
from casework.intake.service import ingest_files
from casework.permissions import Role
from casework.plan.timezone import PLAN_ZONE
from casework.settings import Settings
from casework.workspace import Workspace
from tests.intake.prior_auth_sample import RECEIVED, load_rosters, prior_auth_pdf

CLERK = Actor("carmen", Role.INTAKE_CLERK)
COORDINATOR = Actor("sam", Role.SUPERVISOR)
NOTICE = [
    ("Notice of State Fair Hearing", 18),
    ("Claimant: Rosa Delgado", 12),
    ("Member ID: 91234567A", 12),
    ("Hearing Number: 2026-0045123", 12),
    ("Hearing Date: 12/15/2026", 12),
    ("Hearing Time: 9:00 AM", 12),
    ("Issue: denial of physical therapy", 12),
]


@pytest.fixture
def notice_id(workspace: Workspace, settings: Settings, tmp_path: Path) -> int:
    """A State Fair Hearing notice, really read and filed into its case."""
    load_rosters(workspace, tmp_path)
    path = tmp_path / "hearing-notice.pdf"
    path.write_bytes(prior_auth_pdf((NOTICE,)))
    (result,) = ingest_files(workspace, settings, [path], RECEIVED)
    assert result.status == "processed" and result.document_id is not None, result.reason
    return result.document_id


def _case_id(ws: Workspace, document_id: int) -> int:
    with ws.db.read() as session:
        case_id = session.scalar(select(CaseDocument.case_id).where(
            CaseDocument.document_id == document_id))
    assert case_id is not None
    return case_id


def _clocks(ws: Workspace, case_id: int) -> dict[str, str]:
    """Each clock's due time, as Pacific local time."""
    with ws.db.read() as session:
        return {c.name: c.due_at.astimezone(PLAN_ZONE).isoformat() for c in session.scalars(
            select(CaseClock).where(CaseClock.case_id == case_id))}


def _moves(ws: Workspace, case_id: int) -> list[dict[str, object]]:
    with ws.db.read() as session:
        return [json.loads(details) for details in session.scalars(
            select(AuditEvent.details).where(AuditEvent.action == "case.clock_moved",
                                             AuditEvent.entity_id == str(case_id))
            .order_by(AuditEvent.seq))]


def test_correcting_the_hearing_date_moves_the_prepare_clock_and_says_so(
        workspace: Workspace, notice_id: int) -> None:
    """GIVEN a hearing notice read as 15 December WHEN the clerk corrects the date to
    6 January THEN the position statement falls due five business days before the new date
    (29 December: New Year's Day does not count), the case holds the new date, and the trail
    says the prepare clock moved from 8 December to 29 December."""
    case_id = _case_id(workspace, notice_id)
    assert _clocks(workspace, case_id) == {"prepare": "2026-12-08T23:59:59-08:00"}

    correct_field(workspace, CLERK, notice_id, "hearing_date", "01/06/2027")

    assert _clocks(workspace, case_id) == {"prepare": "2026-12-29T23:59:59-08:00"}
    with workspace.db.read() as session:
        case = session.get(Case, case_id)
        assert case is not None
        assert case.hearing_date is not None and case.hearing_date.isoformat() == "2027-01-06"
        assert case.next_due_at is not None
        assert case.next_due_at.astimezone(PLAN_ZONE).date().isoformat() == "2026-12-29"
        actions = [a for a in session.scalars(select(AuditEvent.action).order_by(
            AuditEvent.seq)) if a in ("document.field_corrected", "case.clock_moved")]
    (moved,) = _moves(workspace, case_id)
    assert (moved["clock"], moved["from"], moved["to"]) == (
        "prepare", "2026-12-08T23:59:59-08:00", "2026-12-29T23:59:59-08:00")
    assert moved["field"] == "hearing_date" and moved["document"] == notice_id
    assert actions == ["document.field_corrected", "case.clock_moved"]


def test_a_met_clock_stays_as_it_was_met(workspace: Workspace, notice_id: int) -> None:
    """GIVEN a position statement already submitted WHEN the hearing date is corrected
    THEN the met prepare clock keeps its due date and nothing is said to have moved."""
    case_id = _case_id(workspace, notice_id)
    for status in ("preparing", "submitted"):
        change_status(workspace, COORDINATOR, case_id, status)

    correct_field(workspace, CLERK, notice_id, "hearing_date", "01/12/2027")

    assert _clocks(workspace, case_id) == {"prepare": "2026-12-08T23:59:59-08:00"}
    assert _moves(workspace, case_id) == []


def test_clearing_the_hearing_date_stops_its_clock_and_giving_it_starts_it(
        workspace: Workspace, notice_id: int) -> None:
    case_id = _case_id(workspace, notice_id)
    correct_field(workspace, CLERK, notice_id, "hearing_date", "")
    assert _clocks(workspace, case_id) == {}
    correct_field(workspace, CLERK, notice_id, "hearing_date", "12/15/2026")
    assert _clocks(workspace, case_id) == {"prepare": "2026-12-08T23:59:59-08:00"}
    assert [(m["from"], m["to"]) for m in _moves(workspace, case_id)] == [
        ("2026-12-08T23:59:59-08:00", None), (None, "2026-12-08T23:59:59-08:00")]


def test_a_field_no_clock_counts_from_moves_nothing(
        workspace: Workspace, notice_id: int) -> None:
    case_id = _case_id(workspace, notice_id)
    correct_field(workspace, CLERK, notice_id, "hearing_time", "10:30 AM")
    assert _clocks(workspace, case_id) == {"prepare": "2026-12-08T23:59:59-08:00"}
    assert _moves(workspace, case_id) == []
