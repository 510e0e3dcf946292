"""Phone intake: cases without a document, checked against the same schemas as faxes."""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber
import pytest

from casework.cases.phone_intake import open_phone_case
from casework.cases.work import case_detail
from casework.errors import InvalidValue
from casework.letters.issuing import generate_letter
from casework.plan.timezone import plan_time
from casework.settings import PlanDetails
from casework.workspace import Workspace
from tests.conftest import SUPERVISOR, FixedClock
from tests.intake.prior_auth_sample import load_rosters

# Letters are signed by the acting person's full name.
pytestmark = pytest.mark.usefixtures("staff_signs_letters")

GRIEVANCE = {"member_name": "Rosa Delgado", "member_id": "91234567a",
             "member_phone": "(559) 555-0142",
             "description": "The pharmacy refused my refill twice this week."}


def test_an_exempt_phone_grievance_is_due_by_the_next_business_day(
    workspace: Workspace, clock: FixedClock
) -> None:
    # Monday 2026-11-02 09:30 Pacific: resolve by the end of Tuesday 11-03.
    case = open_phone_case(workspace, SUPERVISOR, "grievance_form", GRIEVANCE, priority="exempt")
    detail = case_detail(workspace, SUPERVISOR, case.case_id)
    assert case.number.startswith("GRV-2026-") and detail.row.priority == "exempt"
    assert detail.fields["member_id"] == "91234567A"
    assert detail.fields["member_phone"] == "5595550142"
    assert {c.name: plan_time(c.due_at).isoformat() for c in detail.clocks} == {
        "resolve": "2026-11-03T23:59:59-08:00"}
    assert detail.row.received_at == clock()


def test_a_grievance_without_member_id_is_taken_with_a_follow_up(workspace: Workspace) -> None:
    case = open_phone_case(workspace, SUPERVISOR, "grievance_form",
                           {"description": "Rude staff at the front desk."})
    detail = case_detail(workspace, SUPERVISOR, case.case_id)
    assert detail.row.case_type == "grievance"
    assert any(t.kind == "follow_up" for t in detail.tasks)


def test_invalid_values_are_refused_in_words(workspace: Workspace) -> None:
    with pytest.raises(InvalidValue, match="not valid"):
        open_phone_case(workspace, SUPERVISOR, "grievance_form",
                        {**GRIEVANCE, "member_phone": "555-01"})
    with pytest.raises(InvalidValue, match="no field called 'colour'"):
        open_phone_case(workspace, SUPERVISOR, "grievance_form", {"colour": "blue"})


def test_a_caller_on_the_roster_is_linked_so_letters_reach_them(
    workspace: Workspace, tmp_path: Path
) -> None:
    """GIVEN a member on the roster WHEN a coordinator logs their call with a slightly misread
    name THEN the case is linked to the roster member, so the acknowledgement letter is made
    with the member's address and in the member's language."""
    load_rosters(workspace, tmp_path)
    case = open_phone_case(workspace, SUPERVISOR, "grievance_form",
                           {**GRIEVANCE, "member_name": "Rosa Delgada"}, priority="exempt")
    detail = case_detail(workspace, SUPERVISOR, case.case_id)
    assert detail.row.member_name == "Rosa Delgado"
    letter = generate_letter(workspace, SUPERVISOR, PlanDetails(), case.number,
                             "grievance_resolution", values={
                                 "resolution": "Le enviamos el medicamento.",
                                 # The caller spoke English; the letter is in Spanish.
                                 "summary": "La farmacia le negó el medicamento dos veces."})
    assert letter.language == "es"  # the roster says Spanish; the caller did not say
    with pdfplumber.open(io.BytesIO(workspace.store.read_bytes(letter.sha256))) as pdf:
        text = pdf.pages[0].extract_text() or ""
    assert "12 Elm St" in text
