"""The member record: one member's details from the roster with every case (open and
closed), document, letter sent, contact and referral, newest first; each look audited."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from casework.cases.work import case_detail, change_status
from casework.db.models import AuditEvent
from casework.errors import NotFound
from casework.letters.issuing import generate_letter
from casework.letters.sending import record_sending
from casework.members.member_record import member_record
from casework.outreach.contacts import ContactEntry, log_contact
from casework.outreach.referrals import NewReferral, new_referral
from casework.settings import PlanDetails
from casework.workspace import Workspace
from tests.conftest import SUPERVISOR, FixedClock
from tests.outreach.members_and_referrals import (
    MARY,
    ROSA,
    care_coordinator,
    file_referral_fax,
    load_roster,
    open_grievance,
)

pytestmark = pytest.mark.usefixtures("staff_signs_letters")


def test_one_member_across_cases_letters_contacts_and_referrals(
    workspace: Workspace, tmp_path: Path, clock: FixedClock
) -> None:
    load_roster(workspace, tmp_path)
    cora = care_coordinator(workspace)
    # GIVEN Rosa's grievance (acknowledged by letter, then closed), a faxed CBAS referral,
    # a WIC referral, calls, and Mary's grievance that must not show
    grievance = open_grievance(workspace)
    grievance_number = case_detail(workspace, SUPERVISOR, grievance).row.number
    clock.advance(hours=1)
    letter = generate_letter(workspace, SUPERVISOR, PlanDetails(), grievance_number,
                             "grievance_acknowledgement", "es")
    record_sending(workspace, SUPERVISOR, letter.id, "mailed")
    change_status(workspace, SUPERVISOR, grievance, "acknowledged")
    change_status(workspace, SUPERVISOR, grievance, "in_review")
    change_status(workspace, SUPERVISOR, grievance, "resolved")
    change_status(workspace, SUPERVISOR, grievance, "closed")
    clock.advance(days=1)
    referral_case = file_referral_fax(workspace).number
    log_contact(workspace, cora, referral_case, ContactEntry("phone", "no_answer"))
    clock.advance(hours=2)
    log_contact(workspace, cora, grievance_number, ContactEntry(
        "phone", "reached", "Told her the grievance is resolved", True, "Spanish"))
    clock.advance(days=1)
    wic = new_referral(workspace, cora, NewReferral(ROSA, "wic", "Sacramento County WIC"))
    open_grievance(workspace, MARY, "Mary Lee")

    # WHEN the coordinator opens Rosa's record
    found = member_record(workspace, cora, ROSA)

    # THEN it holds her details and everything of hers, newest first, and nothing of Mary's
    assert found.name == "Rosa Delgado" and found.member is not None
    assert found.member.language == "Spanish" and found.member.phone == "5595550123"
    assert [c.number for c in found.cases] == [referral_case, grievance_number]
    assert [(c.status, c.is_open) for c in found.cases] == [("received", True),
                                                            ("closed", False)]
    assert found.open_cases == 1
    assert [d.case_number for d in found.documents] == [referral_case]
    assert [(x.kind, x.language, x.sent) for x in found.letters] == [
        ("grievance_acknowledgement", "es", "mailed")]
    assert [(c.case_number, c.outcome) for c in found.contacts] == [
        (grievance_number, "reached"), (referral_case, "no_answer")]
    assert found.contacts[0].says() == "phone, reached, Spanish interpreter"
    assert [r.number for r in found.referrals] == [wic.number, "REF-2026-000001"]
    with workspace.db.read() as session:
        looks = session.scalars(select(AuditEvent).where(
            AuditEvent.action == "member.viewed")).all()
    assert [(e.actor, e.entity_type) for e in looks] == [("cora", "member")]
    assert ROSA in looks[0].details
    # A window reading again after a change is not another look.
    member_record(workspace, cora, ROSA, opening=False)
    with workspace.db.read() as session:
        assert len(session.scalars(select(AuditEvent.seq).where(
            AuditEvent.action == "member.viewed")).all()) == 1


def test_an_unknown_member_is_said_in_words(workspace: Workspace, tmp_path: Path) -> None:
    load_roster(workspace, tmp_path)
    with pytest.raises(NotFound, match="No member 99999999Z in the roster or on any case"):
        member_record(workspace, care_coordinator(workspace), "99999999z")
