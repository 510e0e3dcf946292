"""How held-out forms word their labels, titles and options.

These pools are kept apart from the schemas and from the development generator on purpose:
a wording added to a schema because it is here would make the held-out score flatter us.
`unseen_wordings()` lists the ones no schema and no development wording spells the same way.
"""

from __future__ import annotations

import re
import unicodedata

TITLES = {
    "prior_auth_request": ["Outpatient Service Authorization Request",
                           "PRIOR AUTHORIZATION REQUEST FORM", "Request for Prior Authorization"],
    "grievance_form": ["Member Grievance Form", "GRIEVANCE FORM", "Complaint Form"],
    "appeal_request": ["Request for Appeal", "APPEAL REQUEST FORM", "Member Appeal Form"],
    "nemt_request": ["Non-Emergency Medical Transportation Request",
                     "PHYSICIAN CERTIFICATION STATEMENT (PCS)", "NEMT Request Form"],
    "sfh_notice": ["Notice of State Fair Hearing", "STATE HEARING NOTICE"],
    "care_coordination_referral": ["Care Coordination Referral", "CARE MANAGEMENT REFERRAL FORM"],
}
TITLES_ES = {
    "prior_auth_request": ["Solicitud de Autorización Previa"],
    "grievance_form": ["Formulario de Queja"],
    "appeal_request": ["Solicitud de Apelación"],
    "nemt_request": ["Solicitud de Transporte Médico"],
    "sfh_notice": ["Aviso de Audiencia Estatal"],
    "care_coordination_referral": ["Referido de Coordinación de Cuidado"],
}

# Keyed by field, or "<form type>.<field>" where a form words a shared field its own way.
LABELS: dict[str, list[str]] = {
    "member_name": ["Enrollee Name", "Beneficiary", "Pt Name", "Patient's Name",
                    "NAME OF ENROLLEE", "Member's Full Name", "Recipient's Name"],
    "member_id": ["Plan ID", "Client Index Number", "Medi-Cal #", "Member No.", "CIN #",
                  "Beneficiary ID No.", "Enrollee ID", "MEDI-CAL ID NO."],
    "member_dob": ["Birthdate", "Pt DOB", "Enrollee Date of Birth", "BIRTH DATE",
                   "Date of Birth (MM/DD/YYYY)", "D.O.B"],
    "member_phone": ["Phone #", "Patient Ph", "Member Tel.", "Enrollee Phone No.",
                     "HOME PHONE #"],
    "member_address": ["Residential Address", "Street Address", "HOME ADDRESS",
                       "Enrollee Address"],
    "requesting_provider_name": ["Treating Physician", "Ordering MD", "Requesting Clinician",
                                 "Referring Doctor", "Requesting Practitioner",
                                 "ORDERING PROVIDER"],
    "requesting_provider_npi": ["Treating Physician NPI", "Ordering MD NPI", "NPI #",
                                "Requesting Provider NPI No.", "Requesting Clinician NPI"],
    "requesting_provider_phone": ["Office Ph #", "Provider Tel.", "Treating Physician Phone",
                                  "Office Telephone"],
    "requesting_provider_fax": ["Office Fax #", "Fax No.", "Provider Fax No.", "FAX #"],
    "servicing_provider_name": ["Rendering Facility", "Performing Facility",
                                "Servicing Provider/Facility", "Rendering Physician"],
    "servicing_provider_npi": ["Facility NPI #", "Rendering NPI No.", "Performing NPI",
                               "Servicing NPI #"],
    "diagnosis_codes": ["Dx Codes", "Diagnosis Code(s)", "ICD-10-CM Code(s)", "DX CODES",
                        "Diagnoses (ICD-10)"],
    "procedure_codes": ["CPT/HCPCS", "CPT / HCPCS Code(s)", "Procedure Code(s)",
                        "HCPCS/CPT Codes", "CPT CODES"],
    "service_start_date": ["Requested Start", "Requested Start Date", "Anticipated Start Date",
                           "Start of Service", "DOS From"],
    "service_end_date": ["Requested End", "Anticipated End Date", "End of Service", "DOS To",
                         "Requested End Date"],
    "units": ["Requested Units/Visits", "# of Units", "Units/Visits", "Total Units",
              "NO. OF VISITS"],
    "urgency": ["Review Requested", "Request Priority", "URGENCY", "Type of Request",
                "Priority Level"],
    "clinical_justification": ["Reason for request", "Clinical Summary",
                               "Medical Necessity Statement", "Supporting Clinical Information",
                               "CLINICAL JUSTIFICATION"],
    "preferred_language": ["Language Preference", "Primary Language", "Preferred Spoken Language",
                           "LANGUAGE"],
    "filed_by": ["Submitted By", "Person Submitting", "Complaint Filed By"],
    "representative_name": ["Authorized Representative", "Rep Name", "Representative's Name",
                            "AUTHORIZED REP NAME"],
    "incident_date": ["Date of Occurrence", "Date of Event", "Incident Dt", "DATE OF INCIDENT"],
    "description": ["Description of Complaint", "Describe the Problem", "Details of Grievance",
                    "Nature of Complaint"],
    "desired_resolution": ["Requested Resolution", "Resolution Sought", "Desired Outcome"],
    "expedited": ["Expedite?", "Expedited Request", "Urgent Review?", "EXPEDITED"],
    "signature_date": ["Signed Date", "Dated", "Date Signed (MM/DD/YYYY)", "DATE"],
    "authorization_number": ["Auth No.", "Authorization #", "Auth Reference #", "Prior Auth No.",
                             "AUTH NUMBER"],
    "denied_service": ["Service Denied", "Denied Item/Service", "Item or Service Denied",
                       "DENIED SERVICE"],
    "appeal_request.reason": ["Reason for request", "Reason for Appeal Request",
                              "Basis for Appeal", "REASON FOR APPEAL"],
    "care_coordination_referral.reason": ["Reason for request", "Referral Concerns",
                                          "Presenting Problem", "REASON FOR REFERRAL"],
    "pickup_address": ["Pick-up Location", "Pickup Location", "Origin Address",
                       "PICK UP ADDRESS"],
    "destination_name": ["Destination Facility Name", "Destination", "Appointment Facility",
                         "DESTINATION FACILITY"],
    "destination_address": ["Destination Street Address", "Drop-off Location",
                            "DESTINATION ADDRESS"],
    "appointment_date": ["Appt Date", "Date of Appt.", "Appointment Dt", "APPT DATE"],
    "appointment_time": ["Time of Appt.", "Appointment Start Time", "APPT TIME"],
    "transport_mode": ["Mode of Transport", "Transport Type", "Level of Service",
                       "TRANSPORT MODE"],
    "round_trip": ["Return Trip?", "Round Trip Required", "Roundtrip", "ROUND TRIP"],
    "prescriber_name": ["Certifying Provider", "Ordering Practitioner", "Treating Physician",
                        "CERTIFYING PHYSICIAN"],
    "prescriber_npi": ["Certifying Provider NPI", "Practitioner NPI #", "Treating Physician NPI",
                       "PHYSICIAN NPI"],
    "medical_justification": ["Medical Reason for Transport", "Reason for request",
                              "Justification for Transport", "MEDICAL JUSTIFICATION"],
    "hearing_number": ["Hearing Case No.", "SFH #", "Hearing Reference #", "HEARING NO."],
    "hearing_date": ["Scheduled Hearing Date", "Hearing Dt", "DATE OF HEARING"],
    "hearing_time": ["Scheduled Hearing Time", "Hearing Start Time", "TIME OF HEARING"],
    "issue": ["Hearing Issue(s)", "Issue(s)", "Issue Under Appeal", "ISSUE"],
    "referral_source_name": ["Referred by (Name)", "Referring Party", "Referrer Name",
                             "REFERRAL SOURCE"],
    "referral_source_phone": ["Referrer Ph #", "Referring Party Phone", "Referrer Tel."],
    "program": ["Program Referred To", "Referral Program", "PROGRAM"],
}
LABELS_ES: dict[str, list[str]] = {
    "member_name": ["Nombre Completo del Paciente", "Nombre del Afiliado"],
    "member_id": ["No. de Medi-Cal", "Número de Identificación del Miembro"],
    "member_dob": ["Fecha de Nacimiento (mm/dd/aaaa)"],
    "member_phone": ["Tel. del Miembro", "Teléfono de Casa"],
    "member_address": ["Domicilio del Miembro"],
    "preferred_language": ["Idioma de Preferencia"],
    "incident_date": ["Fecha del Suceso"],
    "description": ["Describa el Problema"],
    "signature_date": ["Fecha de la Firma"],
    "appointment_date": ["Fecha de Cita"],
    "appointment_time": ["Hora de Cita"],
}

OPTIONS = {
    "urgency": {"standard": ["Standard", "Routine", "Non-urgent"],
                "expedited": ["Expedited", "Urgent"]},
    "filed_by": {"member": ["Member", "Self"], "representative": ["Representative"]},
    "transport_mode": {"ambulance": ["Ambulance"], "litter_van": ["Litter Van"],
                       "wheelchair_van": ["Wheelchair Van"], "gurney": ["Gurney"],
                       "air": ["Air Ambulance"]},
    "program": {"complex_case_management": ["Complex Case Management"], "cbas": ["CBAS"],
                "health_education": ["Health Education"],
                "behavioral_health": ["Behavioral Health"], "other": ["Other"]},
}
OPTIONS_ES = {
    "urgency": {"standard": ["Estándar"], "expedited": ["Urgente"]},
    "filed_by": {"member": ["Miembro"], "representative": ["Representante"]},
}
YES_NO = {True: "Yes", False: "No"}
YES_NO_ES = {True: "Sí", False: "No"}


def _key(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^a-z0-9#]+", " ", folded).split())


def unseen_wordings() -> dict[str, list[str]]:
    """Each field's held-out wordings spelled like no schema label and no development
    wording (compared without case, accents and punctuation)."""
    from tests.forms.generator import wordings as development
    from tests.support.rules import BUNDLED_RULES

    known = {_key(label) for schema in BUNDLED_RULES.schemas.values() for spec in schema.fields
             for label in spec.labels}
    known |= {_key(w) for pool in (development.LABELS, development.LABELS_ES)
              for words in pool.values() for w in words}
    unseen: dict[str, list[str]] = {}
    for pool in (LABELS, LABELS_ES):
        for field, words in pool.items():
            fresh = [w for w in words if _key(w) not in known]
            if fresh:
                unseen.setdefault(field, []).extend(fresh)
    return unseen
