"""`main.py demo`: load demonstration data so a new user sees a working queue in a minute.

Adds seven staff accounts (one a clinical reviewer), a small member and provider roster, two
transportation vendors, the bundled sample fax, a few faxes of a week's kind
(cli/demo_documents.py), phone cases received over the past weeks, and a few referrals to
programs with the calls about them.
Running it again adds nothing twice: accounts and cases that exist are kept, rosters are
updated in place and the faxes are recognised as duplicates.
"""

from __future__ import annotations

import argparse
import importlib.resources
import tempfile
from datetime import timedelta
from pathlib import Path

from casework import users
from casework.actor import Actor
from casework.cases.phone_intake import open_phone_case
from casework.cases.queues import CaseFilter, list_cases
from casework.directory.roster_import import import_members, import_providers
from casework.intake.service import ingest_files
from casework.outreach.attendance import record_attendance
from casework.outreach.contacts import ContactEntry
from casework.outreach.referral_queue import list_referrals
from casework.outreach.referrals import (
    NewReferral,
    change_referral_status,
    log_referral_contact,
    new_referral,
)
from casework.plan.routing import route
from casework.plan.timezone import plan_date
from casework.transport.vendors import import_vendors
from cli.context import CommandContext, named_user, os_login, signed_in
from cli.demo_documents import CALLS, FAXES

DEMO_PASSWORD = "demo password 1"
DEMO_ADMIN = "admin"
DEMO_USERS = (
    ("clerk", "intake_clerk", "Casey Clerk"),
    ("coordinator", "grievance_coordinator", "Gloria Coordinator"),
    ("um", "um_coordinator", "Umberto Reviewer"),
    ("supervisor", "supervisor", "Sam Supervisor"),
    ("reviewer", "clinical_reviewer", "Rita Medina"),
    ("rides", "transportation_coordinator", "Tomás Rides"),
    ("care", "care_coordinator", "Carmen Care"),
)
# The clinical reviewer's credentials and direct line, as her denial notices print them.
DEMO_REVIEWERS = {"reviewer": users.ReviewerDetails("MD", "916-555-0150 ext. 210")}
MEMBERS_CSV = """\
Member ID,Last Name,First Name,Date of Birth,Preferred Language,Address,Phone
91234567A,Delgado,Rosa,1961-03-14,Spanish,"12 Elm St, Fresno, CA 93701",(559) 555-0142
93456781B,Nguyen,Lan,1990-07-02,English,"9 Oak Ave, Stockton, CA 95202",209-555-0199
98765432C,Smith,John,1975-01-20,English,"1 Pine Rd, Sacramento, CA 95814",916-555-0100
95551234D,Garcia,Ana,1983-11-05,Spanish,"44 Vine St, Modesto, CA 95354",209-555-0123
96667778E,Hernandez,Maria,1958-02-17,Spanish,"310 Palm Ave, Fresno, CA 93704",559-555-0177
97778889F,Kim,David,1969-06-23,English,"2 Cedar Ct, Visalia, CA 93277",559-555-0188
"""
PROVIDERS_CSV = """\
NPI,Provider Name,Phone,Fax,Address
1234567893,Valley Family Medicine,559-555-0100,559-555-0101,"100 Clinic Way, Fresno, CA"
1245319599,Dr. Maria Lopez,916-555-0110,916-555-0111,"5 Health Plaza, Sacramento, CA"
"""
VENDORS_CSV = (
    "name,fax,phone,modes,zips,counties,agreement_from,agreement_to\n"
    "San Joaquin Medical Rides,209-555-0300,209-555-0301,wheelchair_van ambulatory gurney,"
    "95202 95203,San Joaquin,2026-01-01,2027-12-31\n"
    "Central Valley Vans,559-555-0400,559-555-0401,wheelchair_van litter_van,,Fresno;Tulare,"
    "2025-07-01,\n")


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    demo = subparsers.add_parser(
        "demo", help="load demonstration accounts, rosters and cases", parents=[common])
    demo.set_defaults(handler=_demo)


def _demo(args: argparse.Namespace, ctx: CommandContext) -> int:
    admin = _administrator(args, ctx)
    _add_users(ctx, admin)
    _import_rosters(ctx, admin)
    _ingest_sample_fax(ctx)
    _ingest_demo_faxes(ctx)
    _open_phone_cases(ctx)
    _open_referrals(ctx)
    print("Demo data loaded. Sign in as one of the accounts above and open a queue.")
    return 0


def _administrator(args: argparse.Namespace, ctx: CommandContext) -> Actor:
    """On an empty database the demo makes its own administrator ("admin"); on one with
    accounts it runs as a signed-in administrator (--as)."""
    if named_user(args) or users.has_users(ctx.workspace):
        return signed_in(ctx, args)
    users.create_first_admin(ctx.workspace, DEMO_ADMIN, DEMO_PASSWORD, "Ada Admin",
                             os_login=os_login())
    return users.authenticate(ctx.workspace, DEMO_ADMIN, DEMO_PASSWORD).at_console(os_login())


def _add_users(ctx: CommandContext, admin: Actor) -> None:
    existing = {u.username for u in users.list_users(ctx.workspace, admin)}
    print(f"Demo accounts (password “{DEMO_PASSWORD}”):")
    print(f"  {DEMO_ADMIN:<12} {'admin':<22} the administrator")
    for username, role, full_name in DEMO_USERS:
        if username not in existing:
            users.add_user(ctx.workspace, admin, username, role, DEMO_PASSWORD, full_name,
                           DEMO_REVIEWERS.get(username))
            state = "added"
        else:
            state = "already there, password unchanged"
        print(f"  {username:<12} {role.replace('_', ' '):<22} {state}")


def _import_rosters(ctx: CommandContext, admin: Actor) -> None:
    with tempfile.TemporaryDirectory() as folder:
        members, providers = Path(folder) / "members.csv", Path(folder) / "providers.csv"
        members.write_text(MEMBERS_CSV, encoding="utf-8")
        providers.write_text(PROVIDERS_CSV, encoding="utf-8")
        vendors = Path(folder) / "vendors.csv"
        vendors.write_text(VENDORS_CSV, encoding="utf-8")
        got_members = import_members(ctx.workspace, admin, members)
        got_providers = import_providers(ctx.workspace, admin, providers)
        got_vendors = import_vendors(ctx.workspace, admin, vendors)
    print(f"Rosters: {got_members.added + got_members.updated} members, "
          f"{got_providers.added + got_providers.updated} providers, "
          f"{got_vendors.added + got_vendors.updated} transportation vendors.")


def _ingest_sample_fax(ctx: CommandContext) -> None:
    sample = importlib.resources.files("resources.samples") / "sample_grievance_fax.tif"
    with importlib.resources.as_file(sample) as path:
        results = ingest_files(ctx.workspace, ctx.settings, [path])
    for result in results:
        print(f"Sample fax: {result.status}" + (f" ({result.reason})" if result.reason else ""))


def _ingest_demo_faxes(ctx: CommandContext) -> None:
    now = ctx.workspace.now()
    with tempfile.TemporaryDirectory() as folder:
        for fax in FAXES:
            path = Path(folder) / fax.name
            path.write_bytes(fax.pdf())
            (result,) = ingest_files(ctx.workspace, ctx.settings, [path], fax.received_at(now))
            case = (result.extra.get("case") or {}).get("number", "")
            print(f"Fax {fax.name}: {result.status}" + (f", {case}" if case else "")
                  + (f" ({result.reason})" if result.reason else ""))


def _open_phone_cases(ctx: CommandContext) -> None:
    actor = users.actor_for(ctx.workspace, "supervisor")  # the demo's own account
    now = ctx.workspace.now()
    for call in CALLS:
        member, name = call.fields["member_id"], call.fields["member_name"]
        already = list_cases(ctx.workspace, actor,
                             CaseFilter(search=member, include_closed=True), limit=50)
        case_type = route(ctx.workspace.rules.routing, call.form, dict(call.fields), True,
                          None).case_type
        if any(row.member_cin == member and row.case_type == case_type for row in already):
            print(f"Phone case ({call.form}) for {name}: already there.")
            continue
        case = open_phone_case(ctx.workspace, actor, call.form, call.fields, call.priority,
                               received_at=now - timedelta(days=call.days_ago))
        print(f"Phone case {case.number} ({call.priority or 'by the rules'}) for {name}.")


def _open_referrals(ctx: CommandContext) -> None:
    """Referrals at each step: Rosa enrolled at a CBAS centre and attending, Maria referred to
    ECM and not yet reached after two calls, John referred to WIC."""
    ws = ctx.workspace
    care = users.actor_for(ws, "care")
    if list_referrals(ws, care, status="all"):
        print("Referrals: already there.")
        return
    today = plan_date(ws.now())
    rosa = new_referral(ws, care, NewReferral("91234567A", "cbas", reason="Lives alone; "
                                              "needs day care and meals",
                                              referred_by="Valley Family Medicine")).number
    log_referral_contact(ws, care, rosa, ContactEntry("phone", "reached", "Will start Monday",
                                                      True, "Spanish"))
    change_referral_status(ws, care, rosa, "enrolled", "Mondays and Wednesdays",
                           "Fresno Adult Day Care Center")
    record_attendance(ws, care, rosa, today)
    maria = new_referral(ws, care, NewReferral("96667778E", "ecm",
                                               reason="Four ER visits in three months")).number
    for note in ("No voicemail set up", "Rang twice"):
        log_referral_contact(ws, care, maria, ContactEntry("phone", "no_answer", note))
    new_referral(ws, care, NewReferral("98765432C", "wic", referred_by="the member"))
    print("Referrals: 3 (CBAS enrolled, ECM waiting for a first contact, WIC).")
