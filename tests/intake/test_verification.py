"""Verifying a read document: its pages and fields, corrections by a person, acceptance."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import select

from casework.actor import Actor
from casework.cases.queues import CaseFilter, list_cases
from casework.db.case_models import Case, CaseDocument
from casework.db.models import AuditEvent
from casework.documents.case_documents import case_documents
from casework.documents.document_fields import LOW_CONFIDENCE, document_fields
from casework.documents.pages import document_pages
from casework.documents.verification import accept_document, correct_field
from casework.errors import InvalidValue, PermissionDenied, UserError
from casework.intake.service import ingest_files
from casework.intake.understanding import recorded_analysis
from casework.permissions import Role
from casework.settings import Settings
from casework.workspace import Workspace
from tests.conftest import ADMIN
from tests.intake.prior_auth_sample import (
    PAGE_ONE,
    PAGE_TWO,
    RECEIVED,
    ingest_prior_auth,
    load_rosters,
    prior_auth_pdf,
)

CLERK = Actor("carmen", Role.INTAKE_CLERK)


@pytest.fixture
def document_id(workspace: Workspace, settings: Settings, tmp_path: Path) -> int:
    return ingest_prior_auth(workspace, settings, tmp_path)


def _case(ws: Workspace, document_id: int) -> Case:
    with ws.db.read() as session:
        case = session.scalar(select(Case).join(CaseDocument, CaseDocument.case_id == Case.id)
                              .where(CaseDocument.document_id == document_id))
        assert case is not None
        session.expunge(case)
        return case


def _events(ws: Workspace, action: str) -> list[AuditEvent]:
    with ws.db.read() as session:
        events = session.scalars(select(AuditEvent).where(AuditEvent.action == action)
                                 .order_by(AuditEvent.seq)).all()
        for event in events:
            session.expunge(event)
        return list(events)


def test_the_fields_are_listed_with_their_labels_boxes_and_matches(
        workspace: Workspace, document_id: int) -> None:
    shown = document_fields(workspace, CLERK, document_id)
    assert shown.form_type == "prior_auth_request"
    assert shown.form_label == "Prior authorization request"
    dob = shown.field("member_dob")
    assert (dob.label, dob.value, dob.page) == ("Date of Birth", "04/12/1961", 1)
    assert dob.box is not None and dob.box[0] < dob.box[2] and dob.box[1] < dob.box[3]
    assert shown.field("diagnosis_codes").value == "M54.5"
    assert shown.field("urgency").value == "Standard"  # the choice as the form words it
    start = shown.field("service_start_date")
    assert start.page == 2 and start.confidence is not None and start.confidence >= LOW_CONFIDENCE
    missing = shown.field("servicing_provider_npi")  # not on the form: listed, empty, optional
    assert missing.value == "" and missing.confidence is None and not missing.doubtful
    member = shown.matches[0]
    assert (member.role, member.matched, member.identifier, member.eligible) == (
        "Member", True, "91234567A", True)
    assert shown.complete and not shown.verified
    assert shown.cases and shown.cases[0].startswith("PA-2026-")


def test_a_bad_npi_or_date_is_refused_in_words_and_changes_nothing(
        workspace: Workspace, document_id: int) -> None:
    with pytest.raises(InvalidValue) as bad_npi:
        correct_field(workspace, CLERK, document_id, "requesting_provider_npi", "1234567890")
    assert str(bad_npi.value) == ("Requesting Provider NPI: The requesting provider's NPI "
                                  "1234567890 is not a valid NPI. Nothing was changed.")
    with pytest.raises(InvalidValue) as short:
        correct_field(workspace, CLERK, document_id, "requesting_provider_npi", "12345")
    assert "is not an NPI of ten digits" in str(short.value)
    with pytest.raises(InvalidValue) as bad_date:
        correct_field(workspace, CLERK, document_id, "member_dob", "13/45/1961")
    assert str(bad_date.value) == ("Date of Birth: “13/45/1961” is not a date, such as "
                                   "03/07/2026. Nothing was changed.")
    with pytest.raises(InvalidValue, match="is in the future"):
        correct_field(workspace, CLERK, document_id, "member_dob", "01/01/2030")
    with pytest.raises(InvalidValue, match="one of Standard, Expedited"):
        correct_field(workspace, CLERK, document_id, "urgency", "whenever")
    shown = document_fields(workspace, CLERK, document_id)
    assert shown.field("requesting_provider_npi").value == "1234567893"
    assert shown.field("member_dob").value == "04/12/1961"
    assert _events(workspace, "document.field_corrected") == []


def test_a_correction_reaches_the_case_and_the_trail_keeps_old_and_new(
        workspace: Workspace, document_id: int) -> None:
    shown = correct_field(workspace, CLERK, document_id, "units", " 10 ")
    units = shown.field("units")
    assert (units.value, units.read, units.corrected_by) == ("10", "12", "carmen")
    assert units.confidence == 1.0  # a person read it
    assert json.loads(_case(workspace, document_id).fields_json)["units"] == 10
    (event,) = _events(workspace, "document.field_corrected")
    details = json.loads(event.details)
    assert (event.actor, details["field"], details["old"], details["new"]) == (
        "carmen", "units", 12, 10)
    assert details["cases"] == [_case(workspace, document_id).number]
    again = correct_field(workspace, CLERK, document_id, "units", "11")
    assert again.field("units").read == "12"  # still what the page said
    # The ingest JSON keeps its contract: no boxes or corrections among its fields.
    assert set(recorded_analysis(workspace, document_id)) >= {"form", "fields", "problems"}
    assert not {"boxes", "verification"} & set(recorded_analysis(workspace, document_id))


def test_correcting_the_member_matches_again_and_the_queue_shows_it(
        workspace: Workspace, document_id: int) -> None:
    correct_field(workspace, CLERK, document_id, "member_dob", "09/30/1975")
    shown = correct_field(workspace, CLERK, document_id, "member_id", "93456781b")
    assert shown.field("member_id").value == "93456781B"
    member = shown.matches[0]
    assert member.matched and member.identifier == "93456781B"
    case = _case(workspace, document_id)
    assert case.member_cin == "93456781B"
    (row,) = list_cases(workspace, CLERK, CaseFilter(search="93456781B"))
    assert row.id == case.id
    assert row.member_cin == "93456781B" and row.member_name == "Rosa Delgado"


def test_a_missing_required_field_blocks_acceptance_until_it_is_given(
        workspace: Workspace, document_id: int) -> None:
    shown = correct_field(workspace, CLERK, document_id, "units", "")
    units = shown.field("units")
    assert units.value == "" and units.doubtful and units.blocking
    assert units.problems == ("The number of units is missing.",)
    assert not shown.complete
    with pytest.raises(UserError) as refused:
        accept_document(workspace, CLERK, document_id)
    assert "The number of units is missing." in str(refused.value)
    correct_field(workspace, CLERK, document_id, "units", "8")
    accepted = accept_document(workspace, CLERK, document_id)
    assert accepted.verified and accepted.verified_by == "carmen"
    assert accepted.verified_at == workspace.now()
    (event,) = _events(workspace, "document.verified")
    assert json.loads(event.details)["corrected"] == ["units"]
    accept_document(workspace, CLERK, document_id)  # accepting twice records nothing new
    assert len(_events(workspace, "document.verified")) == 1
    (listed,) = case_documents(workspace, CLERK, _case(workspace, document_id).id)
    assert (listed.document_id, listed.form_label, listed.pages, listed.verified_by) == (
        document_id, "Prior authorization request", 2, "carmen")


def test_a_grievance_is_accepted_even_with_the_member_unidentified(
        workspace: Workspace, settings: Settings, tmp_path: Path) -> None:
    path = tmp_path / "grievance.pdf"
    path.write_bytes(prior_auth_pdf(([
        ("Member Grievance Form", 18),
        ("Member Name: Rosa Delgado", 12),
        ("What happened: the pharmacy refused my refill twice this week.", 12),
    ],)))
    (result,) = ingest_files(workspace, settings, [path], RECEIVED)
    assert result.document_id is not None
    shown = document_fields(workspace, CLERK, result.document_id)
    assert shown.form_type == "grievance_form" and shown.never_incomplete
    assert shown.field("member_id").problems  # a follow-up, not a refusal
    assert accept_document(workspace, CLERK, result.document_id).verified


def test_opening_the_pages_is_recorded_once_with_whose_document_it_is(
        workspace: Workspace, document_id: int) -> None:
    pages = document_pages(workspace, CLERK, document_id)
    assert [p.number for p in pages] == [1, 2]
    image = Image.open(io.BytesIO(pages[0].image_png))
    assert image.size == (pages[0].width, pages[0].height)
    assert any(w.text == "Delgado" for w in pages[0].words)
    (event,) = _events(workspace, "document.viewed")
    details = json.loads(event.details)
    assert event.actor == "carmen" and details["pages"] == 2
    assert details["cases"] == [_case(workspace, document_id).number]
    assert details["members"] == ["91234567A"]


def test_people_without_the_permission_are_refused(
        workspace: Workspace, document_id: int) -> None:
    with pytest.raises(PermissionDenied):
        document_pages(workspace, ADMIN, document_id)
    with pytest.raises(PermissionDenied):
        correct_field(workspace, ADMIN, document_id, "units", "3")
    assert _events(workspace, "document.viewed") == []


def test_a_rejected_file_has_no_pages_to_show_and_says_why(
        workspace: Workspace, settings: Settings, tmp_path: Path) -> None:
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    (result,) = ingest_files(workspace, settings, [empty], RECEIVED)
    assert result.document_id is not None
    with pytest.raises(UserError) as refused:
        document_pages(workspace, CLERK, result.document_id)
    assert str(refused.value) == (f"Document {result.document_id} has no pages to show yet: "
                                  "it is rejected (The file is empty).")
    assert _events(workspace, "document.viewed") == []


def test_a_member_id_misread_is_shown_with_what_the_roster_made_of_it(
        workspace: Workspace, settings: Settings, tmp_path: Path) -> None:
    """GIVEN a request whose member ID reads with an l for a 1, WHEN filed, THEN the match
    says what was read and what it became, and the field keeps what the page said."""
    load_rosters(workspace, tmp_path)
    misread = [(text.replace("91234567A", "9l234567A"), size) for text, size in PAGE_ONE]
    path = tmp_path / "misread.pdf"
    path.write_bytes(prior_auth_pdf((misread, PAGE_TWO)))
    (result,) = ingest_files(workspace, settings, [path], RECEIVED)
    assert result.document_id is not None
    shown = document_fields(workspace, CLERK, result.document_id)
    member = shown.matches[0]
    assert member.matched and member.identifier == "91234567A"
    assert member.corrections == ("Member ID: read 9L234567A, became 91234567A",)
    assert shown.field("member_id").value == "9L234567A"
    assert shown.field("member_id").problems  # not a valid CIN as read: worth a look
