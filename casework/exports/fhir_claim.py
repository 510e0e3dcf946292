"""A prior-authorization request as a FHIR R4 Bundle shaped by the Da Vinci PAS request profile.

Pure: `ClaimFacts` in, a JSON-ready dict out, checked by parsing it back into the FHIR R4
models of `fhir.resources`. What the case lacks for a Claim is listed by `missing_for_claim`
before anything is built. Which PAS elements are filled and which are not is in the README.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from casework.errors import UserError

PAS = "http://hl7.org/fhir/us/davinci-pas"
PROFILES = {
    "Bundle": f"{PAS}/StructureDefinition/profile-pas-request-bundle",
    "Claim": f"{PAS}/StructureDefinition/profile-claim",
    "Patient": f"{PAS}/StructureDefinition/profile-beneficiary",
    "Coverage": f"{PAS}/StructureDefinition/profile-coverage",
    "Insurer": f"{PAS}/StructureDefinition/profile-insurer",
    "Requestor": f"{PAS}/StructureDefinition/profile-requestor",
    "Practitioner": f"{PAS}/StructureDefinition/profile-practitioner",
    "Organization": "http://hl7.org/fhir/us/core/StructureDefinition/us-core-organization",
}
ICD10CM = "http://hl7.org/fhir/sid/icd-10-cm"
CPT = "http://www.ama-assn.org/go/cpt"
HCPCS = "http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets"
NPI = "http://hl7.org/fhir/sid/us-npi"
# X12 code lists the PAS profile binds: 1322 certification type (I = initial), 1525 request
# type (HS = health services review), 98 entity role (SJ = service provider).
X12 = "https://codesystem.x12.org/005010"
# The Source of Payment Typology: 21 is "Medicaid (Managed Care)", which Medi-Cal plans are.
PAYER_TYPOLOGY = "https://nahdo.org/sopt"
# The Medi-Cal Client Index Number has no published FHIR naming system; the plan's own
# namespace keeps it unambiguous, and the identifier's type (MB, member number) says what it is.
MEMBER_ID_SYSTEM = "urn:medi-cal:cin"
CASE_ID_SYSTEM = "urn:intake-workstation:case"
# HCPCS Level II codes start with a letter; five digits are CPT (HCPCS Level I).
_HCPCS_LEVEL_TWO = re.compile(r"^[A-V]\d{4}$")
# A clinician's credential or title beside the name says the provider is a person ("PT" and
# "DC" are left out: clinics are named by them too).
_PERSON = re.compile(r"(?<![A-Za-z])(MD|M\.D\.|DO|D\.O\.|NP|FNP|PA-C|DPM|DDS|DPT|PhD|Dr\.?"
                     r"|RN)(?![A-Za-z])")


class ClaimIncomplete(UserError):
    """The case lacks what a prior-authorization Claim needs; `missing` names each part."""

    def __init__(self, number: str, missing: list[str]) -> None:
        super().__init__(f"{number} cannot be sent as a prior-authorization request; it "
                         f"lacks: {'; '.join(missing)}.")
        self.missing = missing


class BundleInvalid(RuntimeError):
    """What we built does not parse as FHIR R4: a bug in the builder, never the user's fault,
    so it is logged with its traceback rather than shown as something a person can fix."""


@dataclass(frozen=True)
class Provider:
    """A requesting or servicing provider as the form and the roster name it."""

    name: str
    npi: str

    @property
    def is_person(self) -> bool:
        return bool(_PERSON.search(self.name))


@dataclass(frozen=True)
class ClaimFacts:
    """What the case holds that a PAS Claim carries."""

    case_number: str
    received_at: datetime
    expedited: bool
    member_name: str
    member_cin: str | None
    member_dob: date | None
    requesting: Provider | None
    servicing: Provider | None
    diagnoses: tuple[str, ...]
    procedures: tuple[str, ...]
    units: int | None
    service_start: date | None
    service_end: date | None
    justification: str
    plan_name: str
    plan_address: str


def missing_for_claim(facts: ClaimFacts) -> list[str]:
    """Each thing the Claim needs that the case does not hold, in words; empty when complete."""
    checks = [
        (facts.member_name.strip(), "the member's name"),
        (facts.member_cin, "the member's Medi-Cal ID (CIN)"),
        (facts.member_dob, "the member's date of birth"),
        (facts.requesting and facts.requesting.name, "the requesting provider's name"),
        (facts.requesting and facts.requesting.npi, "the requesting provider's NPI"),
        (facts.diagnoses, "a diagnosis code (ICD-10-CM)"),
        (facts.procedures, "a procedure code (CPT or HCPCS)"),
        (facts.units, "the number of units"),
        (facts.service_start, "the service start date"),
    ]
    return [what for value, what in checks if not value]


def claim_bundle(facts: ClaimFacts, now: datetime) -> dict[str, Any]:
    """The PAS request Bundle for `facts`, assembled at `now`; refused when incomplete."""
    missing = missing_for_claim(facts)
    if missing:
        raise ClaimIncomplete(facts.case_number, missing)
    assert facts.requesting is not None  # checked above
    ids = _Ids(facts.case_number)
    requestor = _provider(facts.requesting, ids.ref("requesting"), requestor=True)
    resources = [_claim(facts, ids, now), _patient(facts, ids), _coverage(facts, ids),
                 _insurer(facts, ids), requestor]
    if facts.servicing is not None and facts.servicing.npi:
        resources.append(_provider(facts.servicing, ids.ref("servicing"), requestor=False))
    return {
        "resourceType": "Bundle",
        "id": ids.ref("bundle"),
        "meta": {"profile": [PROFILES["Bundle"]]},
        "identifier": {"system": CASE_ID_SYSTEM, "value": facts.case_number},
        "type": "collection",
        "timestamp": now.isoformat(timespec="seconds"),
        "entry": [{"fullUrl": f"urn:uuid:{r['id']}", "resource": r} for r in resources],
    }


def validate_bundle(data: dict[str, Any]) -> None:
    """Parse `data` with the FHIR R4 models; raise BundleInvalid naming what does not fit."""
    from fhir.resources.bundle import Bundle
    from pydantic import ValidationError

    try:
        Bundle.parse_obj(data)
    except ValidationError as exc:
        raise BundleInvalid(f"The FHIR Bundle does not fit FHIR R4: {exc}") from exc


class _Ids:
    """Stable ids: the same case exports the same resource ids, so a resend is recognisable."""

    def __init__(self, number: str) -> None:
        self.number = number

    def ref(self, role: str) -> str:
        return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{CASE_ID_SYSTEM}:{self.number}:{role}"))

    def url(self, role: str) -> dict[str, str]:
        return {"reference": f"urn:uuid:{self.ref(role)}"}


def _coding(system: str, code: str, display: str | None = None) -> dict[str, Any]:
    coding = {"system": system, "code": code}
    if display:
        coding["display"] = display
    return {"coding": [coding]}


def _procedure_system(code: str) -> str:
    return HCPCS if _HCPCS_LEVEL_TWO.match(code.upper()) else CPT


def _claim(facts: ClaimFacts, ids: _Ids, now: datetime) -> dict[str, Any]:
    servicing = facts.servicing is not None and bool(facts.servicing.npi)
    care_team = [{"sequence": 1, "provider": ids.url("servicing"),
                  "role": _coding(f"{X12}/98", "SJ", "Service Provider")}] if servicing else []
    diagnoses = [{"sequence": n, "diagnosisCodeableConcept": _coding(ICD10CM, code),
                  **({"type": [_coding(f"{PAS}/CodeSystem/PASDiagnosisType", "principal")]}
                     if n == 1 else {})}
                 for n, code in enumerate(facts.diagnoses, start=1)]
    assert facts.service_start is not None  # missing_for_claim checked it
    start = facts.service_start.isoformat()
    period = ({"servicedPeriod": {"start": start, "end": facts.service_end.isoformat()}}
              if facts.service_end else {"servicedDate": start})
    items = [{
        "sequence": n,
        "extension": [
            {"url": f"{PAS}/StructureDefinition/extension-serviceItemRequestType",
             "valueCodeableConcept": _coding(f"{X12}/1525", "HS", "Health Services Review")},
            {"url": f"{PAS}/StructureDefinition/extension-certificationType",
             "valueCodeableConcept": _coding(f"{X12}/1322", "I", "Initial")},
        ],
        "productOrService": _coding(_procedure_system(code), code.upper()),
        "quantity": {"value": facts.units},
        "diagnosisSequence": list(range(1, len(facts.diagnoses) + 1)),
        **({"careTeamSequence": [1]} if servicing else {}),
        **({"informationSequence": [1]} if facts.justification else {}),
        **period,
    } for n, code in enumerate(facts.procedures, start=1)]
    supporting = [{"sequence": 1,
                   "category": _coding(f"{PAS}/CodeSystem/PASSupportingInfoType",
                                       "freeFormMessage"),
                   "valueString": facts.justification}] if facts.justification else []
    claim: dict[str, Any] = {
        "resourceType": "Claim",
        "id": ids.ref("claim"),
        "meta": {"profile": [PROFILES["Claim"]]},
        "identifier": [{"system": CASE_ID_SYSTEM, "value": facts.case_number}],
        "status": "active",
        "type": _coding("http://terminology.hl7.org/CodeSystem/claim-type", "professional"),
        "use": "preauthorization",
        "patient": ids.url("patient"),
        "created": facts.received_at.isoformat(timespec="seconds"),
        "insurer": ids.url("insurer"),
        "provider": ids.url("requesting"),
        "priority": _coding("http://terminology.hl7.org/CodeSystem/processpriority",
                            "stat" if facts.expedited else "normal"),
        "diagnosis": diagnoses,
        "insurance": [{"sequence": 1, "focal": True, "coverage": ids.url("coverage")}],
        "item": items,
    }
    if care_team:
        claim["careTeam"] = care_team
    if supporting:
        claim["supportingInfo"] = supporting
    return claim


def _member_identifier(cin: str) -> dict[str, Any]:
    return {"type": _coding("http://terminology.hl7.org/CodeSystem/v2-0203", "MB",
                            "Member Number"),
            "system": MEMBER_ID_SYSTEM, "value": cin}


def _patient(facts: ClaimFacts, ids: _Ids) -> dict[str, Any]:
    given, _, family = facts.member_name.strip().rpartition(" ")
    name: dict[str, Any] = {"text": facts.member_name.strip(), "family": family or given}
    if given:
        name["given"] = given.split()
    assert facts.member_cin is not None and facts.member_dob is not None
    return {
        "resourceType": "Patient",
        "id": ids.ref("patient"),
        "meta": {"profile": [PROFILES["Patient"]]},
        "identifier": [_member_identifier(facts.member_cin)],
        "name": [name],
        # The request forms do not ask for it; US Core requires the element, so say so.
        "gender": "unknown",
        "birthDate": facts.member_dob.isoformat(),
    }


def _coverage(facts: ClaimFacts, ids: _Ids) -> dict[str, Any]:
    assert facts.member_cin is not None
    return {
        "resourceType": "Coverage",
        "id": ids.ref("coverage"),
        "meta": {"profile": [PROFILES["Coverage"]]},
        "identifier": [_member_identifier(facts.member_cin)],
        "status": "active",
        "type": _coding(PAYER_TYPOLOGY, "21", "Medicaid (Managed Care)"),
        "subscriberId": facts.member_cin,
        "beneficiary": ids.url("patient"),
        "relationship": _coding("http://terminology.hl7.org/CodeSystem/subscriber-relationship",
                                "self"),
        "payor": [ids.url("insurer")],
    }


def _insurer(facts: ClaimFacts, ids: _Ids) -> dict[str, Any]:
    organization: dict[str, Any] = {
        "resourceType": "Organization",
        "id": ids.ref("insurer"),
        "meta": {"profile": [PROFILES["Insurer"]]},
        "active": True,
        "name": facts.plan_name,
    }
    if facts.plan_address:
        organization["address"] = [{"text": facts.plan_address}]
    return organization


def _provider(provider: Provider, resource_id: str, *, requestor: bool) -> dict[str, Any]:
    identifier = [{"system": NPI, "value": provider.npi}]
    if provider.is_person:
        return {"resourceType": "Practitioner", "id": resource_id,
                "meta": {"profile": [PROFILES["Practitioner"]]},
                "identifier": identifier, "name": [{"text": provider.name}]}
    return {"resourceType": "Organization", "id": resource_id,
            "meta": {"profile": [PROFILES["Requestor" if requestor else "Organization"]]},
            "active": True, "identifier": identifier, "name": provider.name}
