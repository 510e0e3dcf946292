"""Cases opened the way intake opens them (a faxed form filed for a roster member), moved to
the state each letter kind needs, with only what staff alone know written for the letter."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from casework.actor import Actor
from casework.cases.filing import DocumentFacts, file_document
from casework.cases.work import change_status, extend_clock
from casework.db.models import Document
from casework.directory.roster_import import import_members, import_providers
from casework.plan.timezone import PLAN_ZONE
from casework.workspace import Workspace
from tests.cases.reviewed_requests import add_person
from tests.conftest import ADMIN

RECEIVED = datetime(2026, 10, 30, 9, 15, tzinfo=PLAN_ZONE)
MEMBERS = ("CIN,First Name,Last Name,DOB,Language,Address,Phone\n"
           '91234567A,Rosa,Delgado,1961-03-14,English,'
           '"300 W Main St, Apt 4, Visalia, CA 93277",5595550123\n')
PROVIDERS = ("NPI,Provider Name,Phone,Fax,Address\n"
             '1234567893,Valley Family Medicine,5595550100,5595550101,'
             '"100 Clinic Way, Visalia, CA 93291"\n')

# What only staff know, in each letter language.
STAFF = {
    "en": {"resolution": "We spoke with the clinic. It will call you this week with a new "
                         "appointment.",
           "reason": "Your records show a manual wheelchair meets your needs at home.",
           "extension": "We are waiting for your clinic's records of the visit.",
           "approved_service": "Lightweight manual wheelchair (K0004)"},
    "es": {"resolution": "Hablamos con la clínica. Lo llamará esta semana para darle una nueva "
                         "cita.",
           "reason": "Sus expedientes muestran que una silla de ruedas manual cubre sus "
                     "necesidades en la casa.",
           "extension": "Estamos esperando los expedientes de la visita a su clínica.",
           "approved_service": "Silla de ruedas manual ligera (K0004)",
           "summary": "Usted esperó más de tres horas en la clínica y se fue sin que lo "
                      "atendieran."},
}
CRITERIA = "Medi-Cal Provider Manual: Wheelchairs; Plan policy UM-DME-014"
APPROVAL = {"authorization_number": "AUTH-558201", "valid_from": "2026-11-02",
            "valid_through": "2027-01-31"}
TRIP = {"vendor.name": "Delta Ride Transportation", "vendor.fax": "5595550188",
        "trip.pickup_date": "2026-11-09", "trip.pickup_time": "8:15 AM",
        "trip.pickup_address": "300 W Main St, Apt 4, Visalia, CA 93277",
        "trip.destination_name": "Kaweah Dialysis Center",
        "trip.destination_address": "400 W Mineral King Ave, Visalia, CA 93291",
        "trip.appointment_time": "9:00 AM", "trip.mode": "Wheelchair van"}


@dataclass(frozen=True)
class Ready:
    """A case ready for one letter kind, who writes the letter, and what staff write."""

    number: str
    writer: Actor
    values: dict[str, str]


def load_rosters(ws: Workspace, folder: Path) -> None:
    """The member (with a one-line roster address) and the requesting provider."""
    members, providers = folder / "members.csv", folder / "providers.csv"
    members.write_text(MEMBERS, encoding="utf-8")
    providers.write_text(PROVIDERS, encoding="utf-8")
    import_members(ws, ADMIN, members)
    import_providers(ws, ADMIN, providers)


def file_fax(ws: Workspace, form_type: str, fields: dict[str, object],
             problems: tuple[dict[str, str], ...] = (), provider_id: int | None = None) -> str:
    """File a faxed `form_type` for the roster member as intake does; the case number."""
    analysis = {"problems": list(problems)}
    facts = DocumentFacts(form_type, {"member_id": "91234567A", **fields},
                          complete=not problems, problems=problems, member_id=1,
                          member_cin="91234567A", member_name="Rosa Delgado", language="en",
                          requesting_provider_id=provider_id)
    with ws.db.write() as session:
        document = Document(sha256="0" * 64, original_name="fax.pdf", source="fax",
                            received_at=RECEIVED, taken_at=ws.now(), size=1,
                            status="processed", form_type=form_type,
                            analysis_json=json.dumps(analysis))
        session.add(document)
        session.flush()
        return file_document(session, ws.rules, ADMIN, ws.now(), document, facts).number


def ready_for(ws: Workspace, folder: Path, kind: str, language: str) -> Ready:
    """A case built by intake and moved to where `kind` fits it."""
    load_rosters(ws, folder)
    staff = STAFF[language]
    coordinator = add_person(ws, "gina", "grievance_coordinator")
    written = {"summary": staff["summary"]} if language == "es" else {}
    if kind.startswith("grievance") or kind == "extension_notice":
        number = file_fax(ws, "grievance_form", {
            "description": "I waited more than three hours at the clinic and left before I "
                           "was seen.", "filed_by": "member"})
        case_id = case_id_of(ws, number)
        if kind == "grievance_resolution":
            return Ready(number, coordinator, {**written, "resolution": staff["resolution"]})
        if kind == "extension_notice":
            extend_clock(ws, coordinator, case_id, "resolve", 14, staff["extension"])
        return Ready(number, coordinator, written)
    if kind.startswith("appeal"):
        number = file_fax(ws, "appeal_request", {"authorization_number": "AUTH-440017",
                                                 "denied_service": "K0823",
                                                 "reason": "I need a power wheelchair."})
        if kind == "appeal_acknowledgement":
            return Ready(number, coordinator, {})
        case_id = case_id_of(ws, number)
        for status in ("acknowledged", "in_review"):
            change_status(ws, coordinator, case_id, status)
        change_status(ws, coordinator, case_id, "resolved", "upheld")
        return Ready(number, coordinator, {
            "reason": staff["reason"], "criteria": CRITERIA,
            "reviewer.name": "Ana Ruiz, MD", "reviewer.phone": "9165550150",
            "provider.name": "Valley Family Medicine"})
    um = add_person(ws, "uma", "um_coordinator")
    if kind.startswith("nemt_"):
        number = file_fax(ws, "nemt_request", {"destination_name": "Kaweah Dialysis Center",
                                               "prescriber_name": "Dr. Lena Ortiz"})
        _decide(ws, um, number, "approved")
        return Ready(number, um, {**TRIP, "authorization_number": "AUTH-558201",
                                  "vendor.phone": "5595550180"})
    fields = {"requesting_provider_name": "Valley Family Medicine",
              "requesting_provider_fax": "5595550101", "procedure_codes": ["K0823", "E2603"]}
    if kind == "missing_information":
        number = file_fax(ws, "prior_auth_request", fields, problems=(
            {"field": "diagnosis_codes", "kind": "missing",
             "message": "The diagnosis code is missing."},))
        return Ready(number, um, {"reply_by": "2026-11-13"})
    number = file_fax(ws, "prior_auth_request", fields, provider_id=1)
    outcome = {"pa_approval": "approved", "pa_denial": "denied",
               "pa_modification": "modified"}[kind]
    decider = add_person(ws, "aruiz", "clinical_reviewer") if outcome != "approved" else um
    _decide(ws, decider, number, outcome)
    values = {**APPROVAL} if kind != "pa_denial" else {}
    if outcome != "approved":
        values |= {"reason": staff["reason"], "criteria": CRITERIA}
    if kind == "pa_modification":
        values["approved_service"] = staff["approved_service"]
    return Ready(number, um, values)


def _decide(ws: Workspace, actor: Actor, number: str, outcome: str) -> None:
    case_id = case_id_of(ws, number)
    change_status(ws, actor, case_id, "in_review")
    change_status(ws, actor, case_id, "decided", outcome)


def case_id_of(ws: Workspace, number: str) -> int:
    from casework.cases.lookup import get_case_by_number

    with ws.db.read() as session:
        return get_case_by_number(session, number).id
