"""A case's letter file: versions newest first, the member's language, printing and due rows."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from casework.cases.opening import DueClock, NewCase, open_case_now
from casework.cases.work import case_detail
from casework.db.models import AuditEvent
from casework.directory.roster_import import import_members
from casework.errors import PermissionDenied
from casework.letters.case_file import (
    case_letter_file,
    due_letter_rows,
    generate_chosen,
    letter_pdf,
    mark_printed,
)
from casework.letters.issuing import generate_letter
from casework.settings import PlanDetails
from casework.workspace import Workspace
from tests.conftest import ADMIN, SUPERVISOR

# Letters are signed by the acting person's full name.
pytestmark = pytest.mark.usefixtures("staff_signs_letters")

PLAN = PlanDetails()


@pytest.fixture
def grievance(workspace: Workspace, tmp_path: Path) -> tuple[int, str]:
    roster = tmp_path / "members.csv"
    roster.write_text("CIN,First Name,Last Name,DOB,Language,Address\n"
                      '91234567A,José,Núñez Peña,1961-03-14,Spanish,"12 Elm St, Fresno, CA 93701"\n',
                      encoding="utf-8")
    import_members(workspace, ADMIN, roster)
    case_id = open_case_now(workspace, SUPERVISOR, NewCase(
        "grievance", "grievance", "standard", datetime(2026, 10, 30, 16, 0, tzinfo=UTC),
        member_id=1, member_name="José Núñez Peña", member_cin="91234567A",
        clocks=(DueClock("acknowledge", datetime(2026, 11, 3, 7, 59, 59, tzinfo=UTC)),
                DueClock("resolve", datetime(2026, 11, 30, 7, 59, 59, tzinfo=UTC)))))
    return case_id, case_detail(workspace, SUPERVISOR, case_id).row.number


def test_the_letter_file_lists_versions_newest_first_in_the_members_language(
        workspace: Workspace, grievance: tuple[int, str]) -> None:
    case_id, number = grievance
    empty = case_letter_file(workspace, SUPERVISOR, case_id)
    assert empty.letters == () and empty.member_language == "es"
    assert empty.suggested_kind == "grievance_acknowledgement"
    first = generate_letter(workspace, SUPERVISOR, PLAN, number, "grievance_acknowledgement")
    second = generate_letter(workspace, SUPERVISOR, PLAN, number, "grievance_acknowledgement",
                             language="en")
    letters = case_letter_file(workspace, SUPERVISOR, case_id)
    assert [(v.version, v.language) for v in letters.letters] == [(2, "en"), (1, "es")]
    assert letters.suggested_kind == "grievance_resolution"  # acknowledged; resolve runs on
    assert letter_pdf(workspace, SUPERVISOR, first.id).startswith(b"%PDF")
    mark_printed(workspace, SUPERVISOR, second.id)
    printed = case_letter_file(workspace, SUPERVISOR, case_id).letters[0]
    assert printed.printed_at == workspace.now() and printed.mailed_at is None
    with workspace.db.read() as session:
        assert "letter.printed" in session.scalars(select(AuditEvent.action)).all()
    with pytest.raises(PermissionDenied):
        letter_pdf(workspace, ADMIN, first.id)  # the administrator reads no member's letters


def test_due_rows_name_the_case_and_generating_the_chosen_drafts_them(
        workspace: Workspace, grievance: tuple[int, str]) -> None:
    case_id, number = grievance
    rows = due_letter_rows(workspace, SUPERVISOR)
    assert [(r.case_id, r.case_number, r.member_name, r.kind) for r in rows] == [
        (case_id, number, "José Núñez Peña", "grievance_acknowledgement")]
    outcomes = generate_chosen(workspace, SUPERVISOR, PLAN,
                               [(number, "grievance_acknowledgement"),
                                (number, "grievance_resolution")])
    assert outcomes[0].letter_id is not None and outcomes[0].problem is None
    assert outcomes[1].letter_id is None and "resolution" in (outcomes[1].problem or "")
    [drafted] = due_letter_rows(workspace, SUPERVISOR)  # listed until it is sent
    assert drafted.drafted_letter_id == outcomes[0].letter_id and drafted.drafted_at is not None
