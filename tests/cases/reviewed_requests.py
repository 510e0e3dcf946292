"""A prior authorization request waiting for a decision, and the people who may decide it.

Shared by the clinical review, letter and window tests: a real case in a real database, with
the rosters its notices need (the member's address, the requesting provider).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from casework import users
from casework.actor import Actor
from casework.cases.clocks import compute_clocks
from casework.cases.opening import DueClock, NewCase, open_case_now
from casework.cases.statuses import CaseStatus
from casework.directory.roster_import import import_members, import_providers
from casework.plan.timezone import PLAN_ZONE
from casework.workspace import Workspace
from tests.conftest import ADMIN, SUPERVISOR

PASSWORD = "a long enough password"
RECEIVED = datetime(2026, 10, 30, 9, 15, tzinfo=PLAN_ZONE)
REVIEWER = ("Ana Ruiz", "MD", "916-555-0150 ext. 210")
MEMBERS = ("CIN,First Name,Last Name,DOB,Language,Address\n"
           '91234567A,José,Núñez Peña,1961-03-14,Spanish,"12 Elm St, Fresno, CA 93701"\n')
PROVIDERS = ("NPI,Provider Name,Phone,Fax,Address\n"
             '1234567893,Valley Family Medicine,559-555-0100,559-555-0101,"100 Clinic Way"\n')


def add_person(ws: Workspace, username: str, role: str) -> Actor:
    """An account of `role` (a reviewer with Ana Ruiz's name, credentials and line) signed in."""
    full_name, credentials, phone = REVIEWER if role == "clinical_reviewer" else (
        username.title(), "", "")
    users.add_user(ws, ADMIN, username, role, PASSWORD, full_name,
                   users.ReviewerDetails(credentials, phone))
    return users.authenticate(ws, username, PASSWORD)


def load_rosters(ws: Workspace, folder: Path) -> None:
    members, providers = folder / "pa-members.csv", folder / "pa-providers.csv"
    members.write_text(MEMBERS, encoding="utf-8")
    providers.write_text(PROVIDERS, encoding="utf-8")
    import_members(ws, ADMIN, members)
    import_providers(ws, ADMIN, providers)


def open_prior_auth(ws: Workspace, folder: Path, *, queue: str = "um_standard",
                    status: str = CaseStatus.IN_REVIEW, received: datetime = RECEIVED) -> int:
    """A standard prior authorization for a power wheelchair (received on 30 October 2026
    unless `received` says), with its decide clock running; returns the case id."""
    load_rosters(ws, folder)
    clocks = compute_clocks(ws.rules, "prior_auth", "standard", received)
    return open_case_now(ws, SUPERVISOR, NewCase(
        "prior_auth", queue, "standard", received, member_id=1,
        member_name="José Núñez Peña", member_cin="91234567A", requesting_provider_id=1,
        status=status, fields={"procedure_codes": ["K0823"]},
        clocks=tuple(DueClock(c.name, c.due_at, c.citation) for c in clocks.values())))
