"""`report referrals` and `report outreach`: the right numbers, read back from the Excel
workbook and the PDF the way a supervisor opens them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pdfplumber
import pytest

from casework.cases.reports import build_report
from casework.errors import PermissionDenied
from casework.outreach.attendance import record_attendance
from casework.outreach.contacts import ContactEntry, log_contact
from casework.outreach.referrals import (
    NewReferral,
    change_referral_status,
    log_referral_contact,
    new_referral,
)
from casework.table_export import export_table
from casework.workspace import Workspace
from tests.conftest import ADMIN, SUPERVISOR, FixedClock
from tests.outreach.members_and_referrals import (
    MARY,
    ROSA,
    care_coordinator,
    file_referral_fax,
    load_roster,
)

NOVEMBER = (date(2026, 11, 1), date(2026, 11, 30))


def _month(ws: Workspace, clock: FixedClock, tmp_path: Path) -> None:
    """Two CBAS referrals (one enrolled at Sunrise, attending three days; one still waiting)
    and a WIC referral; Cora makes four attempts (two reached, one through an interpreter),
    Sam two (none reached)."""
    load_roster(ws, tmp_path)
    cora, sam = care_coordinator(ws), care_coordinator(ws, "sam", "Sam Ortiz")
    enrolled = new_referral(ws, cora, NewReferral(ROSA, "cbas")).number
    log_referral_contact(ws, cora, enrolled, ContactEntry("phone", "no_answer"))
    log_referral_contact(ws, cora, enrolled, ContactEntry("phone", "reached", "",
                                                          True, "Spanish"))
    change_referral_status(ws, cora, enrolled, "enrolled", site="Sunrise Adult Day Health "
                                                                "Center")
    new_referral(ws, sam, NewReferral(MARY, "cbas"))
    wic = new_referral(ws, sam, NewReferral(MARY, "wic")).number
    log_referral_contact(ws, sam, wic, ContactEntry("phone", "wrong_number"))
    log_referral_contact(ws, sam, wic, ContactEntry("email", "no_answer"))
    case = file_referral_fax(ws, program="other").number
    log_contact(ws, cora, case, ContactEntry("in_person", "reached"))
    log_contact(ws, cora, case, ContactEntry("mail", "left_message"))
    clock.advance(days=10)
    for day in (3, 4, 5):
        record_attendance(ws, cora, enrolled, date(2026, 11, day))


def test_referrals_by_program_site_and_status_with_attendance(
    workspace: Workspace, clock: FixedClock, tmp_path: Path
) -> None:
    _month(workspace, clock, tmp_path)
    table = build_report(workspace, SUPERVISOR, "referrals", *NOVEMBER)
    assert table.rows == (
        ("CBAS adult day centre", "(no site yet)", "referred", 1, "0 of 1", 0),
        ("CBAS adult day centre", "Sunrise Adult Day Health Center", "enrolled", 1, "1 of 1", 3),
        ("WIC (Women, Infants and Children)", "(no site yet)", "referred", 1, "no clock", 0),
    )
    export_table(table, "xlsx", tmp_path / "referrals.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "referrals.xlsx").active
    assert sheet is not None and sheet["A1"].value == "Referrals by program, site and status"
    values = [[c.value for c in row] for row in sheet.iter_rows(min_row=4)]
    assert ["CBAS adult day centre", "Sunrise Adult Day Health Center", "enrolled", 1,
            "1 of 1", 3] in values
    export_table(table, "pdf", tmp_path / "referrals.pdf")
    with pdfplumber.open(tmp_path / "referrals.pdf") as pdf:
        text = pdf.pages[0].extract_text() or ""
    assert "Referrals by program, site and status" in text
    assert "Sunrise Adult Day Health Center enrolled 1 1 of 1 3" in text


def test_outreach_attempts_and_reach_rate_by_person(
    workspace: Workspace, clock: FixedClock, tmp_path: Path
) -> None:
    _month(workspace, clock, tmp_path)
    cora = care_coordinator(workspace, "lead")
    table = build_report(workspace, cora, "outreach", *NOVEMBER)  # a coordinator may see it
    assert table.rows == (("Cora Coordinator", 4, 2, 0.5, 1), ("Sam Ortiz", 2, 0, 0.0, 0))
    export_table(table, "pdf", tmp_path / "outreach.pdf")
    with pdfplumber.open(tmp_path / "outreach.pdf") as pdf:
        text = pdf.pages[0].extract_text() or ""
    assert "Cora Coordinator 4 2 50.0% 1" in text and "Sam Ortiz 2 0 0.0% 0" in text
    with pytest.raises(PermissionDenied):
        build_report(workspace, cora, "workload", *NOVEMBER)  # the other reports stay closed
    assert build_report(workspace, ADMIN, "outreach", date(2026, 12, 1),
                        date(2026, 12, 31)).rows == ()
