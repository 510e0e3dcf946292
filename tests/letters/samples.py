"""Letter data for every kind, as a case worker would fill it in, in English and Spanish."""

from __future__ import annotations

from datetime import date

from casework.letters import Contact, LetterData, Member, Problem, Trip
from casework.settings import PlanDetails

PLAN = PlanDetails(
    name="Golden Valley Health Plan",
    address="2200 Capitol Mall, Suite 400, Sacramento, CA 95814",
    member_services_phone="1-888-555-0142",
    tty="711",
    fax="1-916-555-0199",
    website="www.goldenvalleyhealth.example",
)

LETTER_DATE = date(2026, 11, 2)
RECEIVED = date(2026, 10, 19)
DECIDED = date(2026, 10, 30)

KINDS = (
    "grievance_acknowledgement",
    "grievance_resolution",
    "appeal_acknowledgement",
    "appeal_resolution",
    "pa_approval",
    "pa_denial",
    "pa_modification",
    "extension_notice",
    "missing_information",
    "nemt_authorization",
    "nemt_confirmation",
)

_TEXT = {
    "en": {
        "summary": "You waited more than three hours at the clinic and left before you were seen.",
        "resolution": "We spoke with the clinic manager. The clinic has added a second nurse on Tuesdays and will call you to offer a new appointment this week.",
        "service": "Power wheelchair (HCPCS K0823)",
        "approved": "Manual wheelchair with seat cushion (HCPCS K0004, E2603)",
        "reason": "Your records show you can move yourself with a manual wheelchair at home, so a power wheelchair is not medically necessary for you now.",
        "criteria": (
            "Medi-Cal Provider Manual: Durable Medical Equipment – Wheelchairs",
            "Golden Valley Health Plan policy UM-DME-014, Mobility Devices",
        ),
        "mode": "Wheelchair van",
        "notes": "Member uses a walker; please help with the steps at the front door.",
        "extension": "We asked your doctor for the results of your last X-ray and are waiting for them.",
        "problems": (
            Problem("Diagnosis code", "missing", "The ICD-10-CM diagnosis code for the wheelchair."),
            Problem("Prescriber NPI", "invalid", "The NPI 1234567890 fails the check digit; please write the correct NPI."),
            Problem("Clinical notes", "missing", "Notes from the last visit showing mobility limits."),
        ),
    },
    "es": {
        "summary": "Usted esperó más de tres horas en la clínica y se fue antes de que lo atendieran.",
        "resolution": "Hablamos con la gerente de la clínica. La clínica agregó una segunda enfermera los martes y lo llamará esta semana para ofrecerle una nueva cita.",
        "service": "Silla de ruedas eléctrica (HCPCS K0823)",
        "approved": "Silla de ruedas manual con cojín (HCPCS K0004, E2603)",
        "reason": "Sus expedientes muestran que usted puede desplazarse en casa con una silla de ruedas manual, por lo que una silla de ruedas eléctrica no es médicamente necesaria para usted en este momento.",
        "criteria": (
            "Manual de Proveedores de Medi-Cal: Equipo Médico Duradero – Sillas de ruedas",
            "Política UM-DME-014 de Golden Valley Health Plan, Dispositivos de movilidad",
        ),
        "mode": "Camioneta para silla de ruedas",
        "notes": "La miembro usa andadera; ayúdela con los escalones de la entrada.",
        "extension": "Le pedimos a su médico los resultados de su última radiografía y los estamos esperando.",
        "problems": (
            Problem("Código de diagnóstico", "missing", "El código de diagnóstico ICD-10-CM de la silla de ruedas."),
            Problem("NPI del médico", "invalid", "El NPI 1234567890 no pasa el dígito de control; escriba el NPI correcto."),
            Problem("Notas clínicas", "missing", "Notas de la última visita que muestren los límites de movilidad."),
        ),
    },
}


def member(language: str, name: str = "José Núñez Peña") -> Member:
    """A member with an accented name and a Sacramento address."""
    return Member(
        name=name,
        member_id="91234567A",
        address=("1450 Alhambra Blvd, Apt 3", "Sacramento, CA 95816"),
        language=language,
        phone="916-555-0123",
    )


def letter_data(kind: str, language: str, name: str = "José Núñez Peña") -> LetterData:
    """Complete data for `kind` in `language`."""
    text = _TEXT[language]
    return LetterData(
        case_number="GRV-2026-004217" if "grievance" in kind else "UM-2026-118305",
        case_type="prior_auth" if kind == "extension_notice" else kind.split("_")[0],
        letter_date=LETTER_DATE,
        member=member(language, name),
        received_date=RECEIVED,
        decision_date=DECIDED,
        handler=Contact(
            name="Begoña Ibáñez",
            phone="1-888-555-0142 ext. 4471",
            address=("Golden Valley Health Plan, Appeals and Grievances", "2200 Capitol Mall, Suite 400", "Sacramento, CA 95814"),
        ),
        reviewer=Contact(name="Dr. Martín Gómez, Medical Director", phone="1-888-555-0142 ext. 4800",
                         credentials="MD"),
        provider=Contact(name="Dr. Ana Cortés, River City Medical Group", fax="916-555-0177", phone="916-555-0170", npi="1467500018"),
        vendor=Contact(name="Delta Ride Transportation", fax="916-555-0188", phone="916-555-0180"),
        service=text["service"],
        approved_service=text["approved"],
        summary=text["summary"],
        resolution=text["resolution"],
        outcome="upheld",
        reason=text["reason"],
        criteria=text["criteria"],
        authorization_number="AUTH-558201",
        valid_from=date(2026, 11, 1),
        valid_through=date(2027, 1, 31),
        problems=text["problems"],
        reply_by=date(2026, 11, 16),
        trip=Trip(
            pickup_date=date(2026, 11, 9),
            pickup_time="8:15",
            pickup_address=("1450 Alhambra Blvd, Apt 3", "Sacramento, CA 95816"),
            destination_name="UC Davis Medical Center – Dialysis",
            destination_address=("2315 Stockton Blvd", "Sacramento, CA 95817"),
            appointment_time="9:00",
            mode=text["mode"],
            round_trip=True,
            return_time="13:30",
            attendant=True,
            notes=text["notes"],
        ),
        extended_to=date(2026, 11, 20),
        extension_reason=text["extension"],
    )
