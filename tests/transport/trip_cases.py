"""Transportation requests filed the way intake files them, for members and vendors of the
plan's rosters: a faxed NEMT request's fields, a vendor directory, the coordinator."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

from casework import users
from casework.actor import Actor
from casework.cases.filing import DocumentFacts, Filing, file_document
from casework.db.models import Document
from casework.directory.roster_import import import_members
from casework.plan.timezone import PLAN_ZONE
from casework.transport.trip_changes import trip_detail
from casework.transport.trips import TripPlan
from casework.transport.vendors import import_vendors
from casework.workspace import Workspace
from tests.conftest import ADMIN

RECEIVED = datetime(2026, 11, 2, 9, 0, tzinfo=PLAN_ZONE)
MEMBERS = ("CIN,First Name,Last Name,DOB,Language,Address,Phone,Eligibility Start,"
           "Eligibility End\n"
           '91234567A,José,Núñez Peña,1961-03-14,Spanish,"1450 Alhambra Blvd, Sacramento, CA '
           '95816",916-555-0123,2020-01-01,\n'
           '92345678B,Mary,Lee,1950-07-01,English,"9 Oak St, Fresno, CA 93701",559-555-0177,'
           "2020-01-01,2026-11-30\n")
VENDORS = ("name,fax,phone,modes,zips,counties,agreement_from,agreement_to\n"
           "Delta Ride Transportation,916-555-0188,916-555-0180,wheelchair_van ambulatory,"
           "95816 95817 95814,,2026-01-01,2026-12-31\n"
           "Capitol Medical Vans,916-555-0288,916-555-0280,wheelchair_van gurney litter_van,,"
           "Sacramento,2025-07-01,\n"
           "Old Town Rides,916-555-0388,916-555-0380,wheelchair_van,95816,,2024-01-01,"
           "2026-06-30\n"
           "Valley Gurney,559-555-0488,559-555-0480,gurney,93701,,,\n")
# A faxed request for a wheelchair van from the member's home to dialysis, both ways.
TRIP_FIELDS: dict[str, object] = {
    "member_name": "José Núñez Peña", "member_id": "91234567A", "member_dob": "1961-03-14",
    "pickup_address": "1450 Alhambra Blvd, Apt 3, Sacramento, CA 95816",
    "destination_name": "UC Davis Medical Center – Dialysis",
    "destination_address": "2315 Stockton Blvd, Sacramento, CA 95817",
    "appointment_date": "2026-11-09", "appointment_time": "09:00",
    "transport_mode": "wheelchair_van", "round_trip": True,
    "prescriber_name": "Ana Cortés", "prescriber_npi": "1467500018",
    "medical_justification": "Dialysis three times a week; cannot sit in a car.",
}


def load_directory(ws: Workspace, folder: Path) -> None:
    """The member roster and the vendor directory above."""
    members, vendors = folder / "members.csv", folder / "vendors.csv"
    members.write_text(MEMBERS, encoding="utf-8")
    vendors.write_text(VENDORS, encoding="utf-8")
    import_members(ws, ADMIN, members)
    import_vendors(ws, ADMIN, vendors)


def coordinator(ws: Workspace, username: str = "tomas") -> Actor:
    """A signed-in transportation coordinator."""
    users.add_user(ws, ADMIN, username, "transportation_coordinator", "a long enough password",
                   "Tomás Coordinator")
    return users.authenticate(ws, username, "a long enough password")


def file_trip_fax(ws: Workspace, roster_id: int = 1, **changes: object) -> Filing:
    """File a faxed, complete NEMT request for roster member `roster_id`, as intake would."""
    fields = {**TRIP_FIELDS, **changes}
    facts = DocumentFacts("nemt_request", {k: v for k, v in fields.items() if v is not None},
                          complete=True, member_id=roster_id,
                          member_cin=str(fields["member_id"]),
                          member_name=str(fields["member_name"]), language="es")
    with ws.db.write() as session:
        document = Document(sha256=f"{roster_id:064d}", original_name="pcs.pdf", source="fax",
                            received_at=RECEIVED, taken_at=ws.now(), size=1,
                            status="processed")
        session.add(document)
        session.flush()
        return file_document(session, ws.rules, ADMIN, ws.now(), document, facts)


def plan_with(ws: Workspace, actor: Actor, number: str, **changes: Any) -> TripPlan:
    """The case's trip as recorded, with `changes`."""
    return replace(trip_detail(ws, actor, number).plan, **changes)
