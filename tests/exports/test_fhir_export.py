"""The FHIR prior-authorization export: a faxed request, really read, leaves as a Da Vinci PAS
request Bundle that the FHIR R4 models parse, holding the form's codes, NPIs and dates; a case
lacking what a Claim needs is refused with the list of what."""

from __future__ import annotations

import json
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from fhir.resources.bundle import Bundle
from fhir.resources.claim import Claim
from fhir.resources.coverage import Coverage
from fhir.resources.organization import Organization
from fhir.resources.patient import Patient
from fhir.resources.practitioner import Practitioner
from sqlalchemy import select

from casework.audit.actions import AuditAction
from casework.db.models import AuditEvent
from casework.exports.fhir_claim import (
    CPT,
    HCPCS,
    ICD10CM,
    NPI,
    ClaimFacts,
    ClaimIncomplete,
    Provider,
    claim_bundle,
    validate_bundle,
)
from casework.exports.fhir_export import export_fhir_claim
from casework.settings import PlanDetails, Settings
from casework.workspace import Workspace
from tests.cases.reviewed_requests import PASSWORD, add_person, open_prior_auth
from tests.conftest import SUPERVISOR
from tests.intake.prior_auth_sample import ingest_prior_auth
from tests.test_cli import run_main as run_unsigned

PLAN = PlanDetails(name="Valley Health Plan", address="1 Plan Way, Fresno, CA 93721")


def run_main(*args: str) -> subprocess.CompletedProcess[str]:
    """The command as the person its --as names types it, with that person's password."""
    return run_unsigned(*args, env_extra={"INTAKE_PASSWORD": PASSWORD})


def _resources(bundle: Bundle) -> dict[str, list[object]]:
    found: dict[str, list[object]] = {}
    for entry in bundle.entry:
        found.setdefault(entry.resource.resource_type, []).append(entry.resource)
    return found


def test_a_faxed_request_becomes_a_pas_bundle_with_the_forms_codes_npis_and_dates(
    workspace: Workspace, settings: Settings, tmp_path: Path
) -> None:
    ingest_prior_auth(workspace, settings, tmp_path)
    out = tmp_path / "out" / "PA-2026-000001.json"

    done = export_fhir_claim(workspace, SUPERVISOR, PLAN, 1, out)

    assert (done.case_number, done.items, done.diagnoses) == ("PA-2026-000001", 1, 1)
    bundle = Bundle.parse_file(out)
    assert bundle.type == "collection" and bundle.identifier.value == "PA-2026-000001"
    assert "profile-pas-request-bundle" in bundle.meta.profile[0]
    by_type = _resources(bundle)
    (claim,) = by_type["Claim"]
    assert isinstance(claim, Claim)
    assert bundle.entry[0].resource is claim  # PAS: the Claim comes first
    assert (claim.use, claim.status, claim.priority.coding[0].code) == (
        "preauthorization", "active", "normal")
    diagnosis = claim.diagnosis[0].diagnosisCodeableConcept.coding[0]
    assert (diagnosis.system, diagnosis.code) == (ICD10CM, "M54.5")
    (item,) = claim.item
    service = item.productOrService.coding[0]
    assert (service.system, service.code) == (CPT, "97110")
    assert item.quantity.value == 12 and item.servicedDate == date(2026, 11, 16)
    assert claim.supportingInfo[0].valueString == "chronic low back pain, six weeks of therapy"
    (patient,) = by_type["Patient"]
    assert isinstance(patient, Patient)
    assert patient.birthDate == date(1961, 4, 12) and patient.name[0].family == "Delgado"
    (coverage,) = by_type["Coverage"]
    assert isinstance(coverage, Coverage) and coverage.subscriberId == "91234567A"
    organizations = {o.name: o for o in by_type["Organization"] if isinstance(o, Organization)}
    requestor = organizations["Valley Family Medicine"]
    assert (requestor.identifier[0].system, requestor.identifier[0].value) == (NPI, "1234567893")
    assert claim.provider.reference == next(e.fullUrl for e in bundle.entry
                                            if e.resource is requestor)
    assert organizations["Valley Health Plan"].address[0].text.startswith("1 Plan Way")
    with workspace.db.read() as session:
        event = session.scalars(select(AuditEvent).where(
            AuditEvent.action == AuditAction.CASE_EXPORTED_FHIR)).one()
    assert (event.actor, event.entity_id) == (SUPERVISOR.username, "1")


def test_a_case_missing_what_a_claim_needs_is_refused_with_the_list_and_no_file(
    workspace: Workspace, tmp_path: Path
) -> None:
    case_id = open_prior_auth(workspace, tmp_path)  # only a HCPCS code on its form
    out = tmp_path / "refused.json"

    with pytest.raises(ClaimIncomplete) as refused:
        export_fhir_claim(workspace, SUPERVISOR, PLAN, case_id, out)

    assert refused.value.missing == ["a diagnosis code (ICD-10-CM)", "the number of units",
                                     "the service start date"]
    assert "PA-2026-000001 cannot be sent" in str(refused.value)
    assert not out.exists()


def test_hcpcs_codes_a_period_of_service_and_a_physician_fill_their_own_elements() -> None:
    facts = ClaimFacts(
        case_number="PA-2026-000042", received_at=datetime(2026, 11, 2, 17, 0, tzinfo=UTC),
        expedited=True, member_name="Rosa Delgado", member_cin="91234567A",
        member_dob=date(1961, 4, 12),
        requesting=Provider("Dr. Maria Chen, MD", "1234567893"),
        servicing=Provider("Central Valley DME Supply", "1245319599"),
        diagnoses=("G35", "R26.2"), procedures=("K0823", "E0950"), units=1,
        service_start=date(2026, 11, 20), service_end=date(2027, 2, 20),
        justification="", plan_name="Valley Health Plan", plan_address="")

    data = claim_bundle(facts, datetime(2026, 11, 3, 16, 0, tzinfo=UTC))
    validate_bundle(data)

    bundle = Bundle.parse_obj(data)
    by_type = _resources(bundle)
    (claim,) = by_type["Claim"]
    assert isinstance(claim, Claim)
    assert claim.priority.coding[0].code == "stat"  # expedited
    assert [(i.productOrService.coding[0].system, i.productOrService.coding[0].code)
            for i in claim.item] == [(HCPCS, "K0823"), (HCPCS, "E0950")]
    assert claim.item[0].servicedPeriod.end == datetime(2027, 2, 20).date()
    assert [d.diagnosisCodeableConcept.coding[0].code for d in claim.diagnosis] == ["G35",
                                                                                    "R26.2"]
    (physician,) = by_type["Practitioner"]
    assert isinstance(physician, Practitioner) and physician.identifier[0].value == "1234567893"
    assert claim.careTeam[0].provider.reference.endswith(
        next(o.id for o in by_type["Organization"]
             if isinstance(o, Organization) and o.name == "Central Valley DME Supply"))
    assert claim.supportingInfo is None  # no justification on the form: none is made up
    # The same case exports the same resource ids: a resend is recognisably the same request.
    assert claim_bundle(facts, datetime(2026, 11, 4, tzinfo=UTC))["entry"][0]["resource"][
        "id"] == claim.id


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)  # the service runs on both
def test_export_from_the_command_line_writes_the_bundle_or_lists_what_is_missing(
    workspace: Workspace, settings: Settings, tmp_path: Path
) -> None:
    add_person(workspace, "uma", "um_coordinator")
    ingest_prior_auth(workspace, settings, tmp_path)
    out = tmp_path / "pa.json"

    written = run_main("export", "--as", "uma", "fhir", "PA-2026-000001", "--out", str(out))

    assert written.returncode == 0, written.stderr
    assert f"Wrote PA-2026-000001 as a FHIR prior-authorization request (1 service line, " \
           f"1 diagnosis) to {out}." in written.stdout
    assert json.loads(out.read_text())["entry"][0]["resource"]["use"] == "preauthorization"
    open_prior_auth(workspace, tmp_path)
    refused = run_main("export", "--as", "uma", "fhir", "PA-2026-000002", "--out",
                       str(tmp_path / "no.json"))
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert "lacks: a diagnosis code (ICD-10-CM); the number of units; the service start date" \
        in refused.stderr
    assert not (tmp_path / "no.json").exists()


@pytest.mark.parametrize(("name", "person"), [
    ("Dr. Maria Chen", True), ("John Smith, M.D.", True), ("Kim Lee, FNP", True),
    ("Valley Family Medicine", False), ("Valley PT Services", False),
    ("DOCTORS MEDICAL CENTER", False), ("Drive Health Clinic", False),
])
def test_a_clinician_is_sent_as_a_practitioner_and_a_clinic_as_an_organization(
    name: str, person: bool
) -> None:
    assert Provider(name, "1234567893").is_person is person
