"""The vendor's authorization and the member's confirmation, generated from a faxed request's
case alone (no value typed for the letter) and read back from the PDF."""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber
import pytest

from casework.cases.work import change_status
from casework.errors import UserError
from casework.letters.data import MissingLetterValue
from casework.letters.issuing import generate_letter
from casework.letters.sending import send_to_fax_folder
from casework.settings import PlanDetails
from casework.transport.trip_changes import cancel_trip, change_trip
from casework.workspace import Workspace
from tests.transport.trip_cases import coordinator, file_trip_fax, load_directory, plan_with

PLAN = PlanDetails()


def _text(ws: Workspace, sha: str) -> str:
    with pdfplumber.open(io.BytesIO(ws.store.read_bytes(sha))) as document:
        return " ".join(" ".join(p.extract_text() or "" for p in document.pages).split())


def test_an_approved_request_makes_the_vendor_authorization_and_member_confirmation(
    workspace: Workspace, tmp_path: Path
) -> None:
    load_directory(workspace, tmp_path)
    tomas = coordinator(workspace)
    filing = file_trip_fax(workspace)
    change_status(workspace, tomas, filing.case_id, "in_review")
    with pytest.raises(UserError, match="does not fit"):  # no authorization before approval
        generate_letter(workspace, tomas, PLAN, filing.number, "nemt_authorization")
    change_status(workspace, tomas, filing.case_id, "decided", "approved")

    issued = generate_letter(workspace, tomas, PLAN, filing.number, "nemt_authorization")
    text = _text(workspace, issued.sha256)
    assert issued.language == "en"  # the vendor's office reads English
    for needed in ("Delta Ride Transportation", "916-555-0188", "TA-2026-000001",
                   "José Núñez Peña", "91234567A", "916-555-0123", "November 9, 2026",
                   "1450 Alhambra Blvd", "Sacramento, CA 95816", "UC Davis Medical Center", "2315 Stockton Blvd",
                   "9:00 AM", "8:35 AM", "wheelchair van", "4.3 (both ways)", "Tomás Coordinator"):
        assert needed in text, needed

    confirmation = generate_letter(workspace, tomas, PLAN, filing.number, "nemt_confirmation")
    text = _text(workspace, confirmation.sha256)
    assert confirmation.language == "es"  # the member's roster language
    for needed in ("Estimado(a) José Núñez Peña", "Delta Ride Transportation pasará a recogerle",
                   "9 de noviembre de 2026", "8:35 AM", "camioneta para silla de ruedas",
                   "TA-2026-000001"):
        assert needed in text, needed


def test_a_change_and_a_cancellation_send_amended_authorizations(
    workspace: Workspace, tmp_path: Path
) -> None:
    load_directory(workspace, tmp_path)
    tomas = coordinator(workspace)
    filing = file_trip_fax(workspace)
    change_status(workspace, tomas, filing.case_id, "in_review")
    change_status(workspace, tomas, filing.case_id, "decided", "approved")
    change_trip(workspace, tomas, filing.number,
                plan_with(workspace, tomas, filing.number, appointment_time="10:30"),
                "clinic moved the appointment")
    amended = generate_letter(workspace, tomas, PLAN, filing.number, "nemt_authorization")
    text = _text(workspace, amended.sha256)
    assert "AMENDED: amendment 1 of this authorization (clinic moved the appointment)" in text
    assert "10:30 AM" in text and "TA-2026-000001" in text
    cancel_trip(workspace, tomas, filing.number, "member hospitalized")
    cancelled = generate_letter(workspace, tomas, PLAN, filing.number, "nemt_authorization")
    assert cancelled.version == 2
    assert "CANCELLED: amendment 2" in _text(workspace, cancelled.sha256)
    member = generate_letter(workspace, tomas, PLAN, filing.number, "nemt_confirmation", "en")
    assert "Your ride below is cancelled (cancelled: member hospitalized)" in _text(
        workspace, member.sha256)


def test_a_trip_with_no_vendor_cannot_be_authorized_by_fax(
    workspace: Workspace, tmp_path: Path
) -> None:
    load_directory(workspace, tmp_path)
    tomas = coordinator(workspace)
    filing = file_trip_fax(workspace, transport_mode="air")
    change_status(workspace, tomas, filing.case_id, "in_review")
    change_status(workspace, tomas, filing.case_id, "decided", "approved")
    with pytest.raises(MissingLetterValue, match="the transportation vendor's name"):
        generate_letter(workspace, tomas, PLAN, filing.number, "nemt_authorization")


def test_the_authorization_is_faxed_to_the_vendor_behind_its_cover_page(
    workspace: Workspace, tmp_path: Path
) -> None:
    load_directory(workspace, tmp_path)
    tomas = coordinator(workspace)
    filing = file_trip_fax(workspace)
    change_status(workspace, tomas, filing.case_id, "in_review")
    change_status(workspace, tomas, filing.case_id, "decided", "approved")
    issued = generate_letter(workspace, tomas, PLAN, filing.number, "nemt_authorization")
    out = send_to_fax_folder(workspace, tomas, PLAN, tmp_path / "outbound", issued.id)
    with pdfplumber.open(out) as document:
        cover = " ".join((document.pages[0].extract_text() or "").split())
    assert "Delta Ride Transportation" in cover and "916-555-0188" in cover
