"""Members of the plan's roster with cases and referrals, as the care coordination tests need
them: a roster, a care coordinator, a faxed referral filed the way intake files it."""

from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import Path

from casework import users
from casework.actor import Actor
from casework.cases.filing import DocumentFacts, Filing, file_document
from casework.cases.opening import DueClock, NewCase, open_case_now
from casework.db.models import Document
from casework.directory.roster_import import import_members
from casework.plan.timezone import PLAN_ZONE
from casework.workspace import Workspace
from tests.conftest import ADMIN, SUPERVISOR

PASSWORD = "a long enough password"
RECEIVED = datetime(2026, 11, 2, 9, 0, tzinfo=PLAN_ZONE)  # a Monday
MEMBERS = ("CIN,First Name,Last Name,DOB,Language,Address,Phone,Eligibility Start,"
           "Eligibility End\n"
           '91234567A,Rosa,Delgado,1948-05-02,Spanish,"12 Elm St, Fresno, CA 93701",'
           "559-555-0123,2020-01-01,\n"
           '92345678B,Mary,Lee,1950-07-01,English,"9 Oak St, Sacramento, CA 95816",'
           "916-555-0177,2020-01-01,2026-11-30\n")
ROSA, MARY = "91234567A", "92345678B"
REFERRAL_FIELDS: dict[str, object] = {
    "member_name": "Rosa Delgado", "member_id": ROSA, "member_dob": "1948-05-02",
    "referral_source_name": "Dr. Alan Chu", "program": "cbas",
    "reason": "Lives alone since her husband died; needs day care and meals.",
}


def load_roster(ws: Workspace, folder: Path) -> None:
    """Rosa Delgado (Spanish) and Mary Lee in the member roster."""
    path = folder / "members.csv"
    path.write_text(MEMBERS, encoding="utf-8")
    import_members(ws, ADMIN, path)


def care_coordinator(ws: Workspace, username: str = "cora",
                     full_name: str = "Cora Coordinator") -> Actor:
    """A signed-in care coordinator."""
    users.add_user(ws, ADMIN, username, "care_coordinator", PASSWORD, full_name)
    return users.authenticate(ws, username, PASSWORD)


def file_referral_fax(ws: Workspace, member_id: int | None = 1, **changes: object) -> Filing:
    """File a faxed, complete care coordination referral form, as intake would."""
    fields = {**REFERRAL_FIELDS, **changes}
    facts = DocumentFacts("care_coordination_referral", fields, complete=True,
                          member_id=member_id, member_cin=str(fields["member_id"]),
                          member_name=str(fields["member_name"]), language="Spanish")
    with ws.db.write() as session:
        document = Document(sha256=hashlib.sha256(repr(fields).encode()).hexdigest(),
                            original_name="referral.pdf", source="fax", received_at=RECEIVED,
                            taken_at=ws.now(), size=1, status="processed",
                            form_type="care_coordination_referral", page_count=1)
        session.add(document)
        session.flush()
        return file_document(session, ws.rules, ADMIN, ws.now(), document, facts)


def open_grievance(ws: Workspace, cin: str = ROSA, name: str = "Rosa Delgado",
                   received: datetime = RECEIVED) -> int:
    """A standard grievance of the member, with its acknowledgement clock."""
    return open_case_now(ws, SUPERVISOR, NewCase(
        "grievance", "grievance", "standard", received, member_name=name, member_cin=cin,
        member_id=1 if cin == ROSA else 2, language="Spanish",
        fields={"member_address": "12 Elm St, Fresno, CA 93701",
                "description": "The pharmacy refused her prescription."},
        clocks=(DueClock("acknowledge", datetime(2026, 11, 9, 23, 59, tzinfo=PLAN_ZONE)),)))
