"""Writing a prior-authorization case as a FHIR PAS request Bundle to a file, audited."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from casework.actor import Actor
from casework.atomic import write_atomically
from casework.audit.actions import AuditAction
from casework.audit.trail import record
from casework.cases.filing import as_date
from casework.cases.lookup import get_case
from casework.db.case_models import Case
from casework.db.directory_models import Member
from casework.db.directory_models import Provider as RosterProvider
from casework.errors import UserError
from casework.exports.fhir_claim import (
    ClaimFacts,
    Provider,
    claim_bundle,
    validate_bundle,
)
from casework.permissions import Permission
from casework.plan.case_types import CaseType, Priority
from casework.settings import PlanDetails
from casework.workspace import Workspace


@dataclass(frozen=True)
class FhirExport:
    """A Bundle written: where, for which case, and what it holds."""

    case_number: str
    path: Path
    diagnoses: int
    items: int


def export_fhir_claim(ws: Workspace, actor: Actor, plan: PlanDetails, case_id: int,
                      out: Path) -> FhirExport:
    """Write the case's request as a FHIR R4 PAS Bundle to `out`, checked against the FHIR
    models first; a case lacking what a Claim needs is refused with the list of what."""
    actor.require(Permission.VIEW_CASES)
    with ws.db.read() as session:
        case = get_case(session, case_id)
        if case.case_type != CaseType.PRIOR_AUTH:
            raise UserError(f"{case.number} is not a prior authorization request; only those "
                            "are sent as FHIR prior-authorization requests.")
        facts = claim_facts(session, case, plan)
    bundle = claim_bundle(facts, ws.now())
    validate_bundle(bundle)
    write_atomically(out, (json.dumps(bundle, indent=2, ensure_ascii=False) + "\n")
                     .encode("utf-8"))
    with ws.db.write() as session:
        record(session, actor, AuditAction.CASE_EXPORTED_FHIR, "case", case_id, ws.now(),
               {"number": facts.case_number, "format": "FHIR R4 (Da Vinci PAS)",
                "file": out.name})
    return FhirExport(facts.case_number, out, len(facts.diagnoses), len(facts.procedures))


def claim_facts(session: Session, case: Case, plan: PlanDetails) -> ClaimFacts:
    """What the case holds for a Claim: the verified form fields, with the rosters' member
    and providers where the case was matched to them."""
    fields = json.loads(case.fields_json or "{}")
    member = session.get(Member, case.member_id) if case.member_id else None
    name = (f"{member.first_name} {member.last_name}" if member
            else str(fields.get("member_name") or case.member_name or ""))
    return ClaimFacts(
        case_number=case.number,
        received_at=case.received_at,
        expedited=case.priority == Priority.EXPEDITED,
        member_name=name,
        member_cin=(member.cin if member else None) or case.member_cin
        or _text(fields.get("member_id")) or None,
        member_dob=(member.dob if member else None) or as_date(fields.get("member_dob")),
        requesting=_provider(session, case.requesting_provider_id, fields, "requesting"),
        servicing=_provider(session, case.servicing_provider_id, fields, "servicing"),
        diagnoses=_codes(fields.get("diagnosis_codes")),
        procedures=_codes(fields.get("procedure_codes")),
        units=_units(fields.get("units")),
        service_start=as_date(fields.get("service_start_date")),
        service_end=as_date(fields.get("service_end_date")),
        justification=_text(fields.get("clinical_justification")),
        plan_name=plan.name,
        plan_address=plan.address,
    )


def _provider(session: Session, provider_id: int | None, fields: dict[str, object],
              role: str) -> Provider | None:
    roster = session.get(RosterProvider, provider_id) if provider_id else None
    name = roster.name if roster else _text(fields.get(f"{role}_provider_name"))
    npi = roster.npi if roster else _text(fields.get(f"{role}_provider_npi"))
    return Provider(name, npi) if name or npi else None


def _text(value: object) -> str:
    return str(value).strip() if value not in (None, "") else ""


def _codes(value: object) -> tuple[str, ...]:
    listed = value if isinstance(value, list) else [value] if value else []
    return tuple(dict.fromkeys(str(v).strip().upper() for v in listed if str(v).strip()))


def _units(value: object) -> int | None:
    try:
        units = int(str(value))
    except ValueError:
        return None
    return units if units > 0 else None

