"""Realistic fake values for every form type: valid NPIs, CINs, ICD-10 and CPT/HCPCS codes.

Each field gets the text printed on the form and the canonical value the JSON contract
expects, so the printed format (03/07/2026, March 7, 2026, 2:30 PM) varies while the truth
does not.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from casework.forms.identifiers import npi_check_digit

FIRST = ["Maria", "Jose", "Linh", "Ana", "Robert", "Guadalupe", "Kevin", "Sofia", "Tran", "Ruth",
         "Daniel", "Mei", "Ahmad", "Rosa", "James", "Yesenia", "Hoang", "Patricia"]
LAST = ["Garcia", "Nguyen", "Hernandez", "Smith", "Lopez", "Martinez", "Chen", "Patel",
        "Flores", "Ramirez", "Kim", "Johnson", "Torres", "Pham", "Rivera", "Singh"]
PRACTICES = ["Valley Family Medicine", "Central Valley Orthopedics", "Sunrise Pediatrics",
             "Fresno Community Clinic", "Mercy Imaging Center", "Kings River Cardiology"]
STREETS = ["Oak St", "Blackstone Ave", "Shaw Ave", "Cedar Ave", "Olive Ave", "Main St",
           "Herndon Ave", "Kings Canyon Rd"]
CITIES = ["Fresno, CA 93721", "Clovis, CA 93612", "Madera, CA 93637", "Visalia, CA 93291",
          "Hanford, CA 93230", "Selma, CA 93662"]
ICD10 = ["M54.50", "E11.9", "I10", "J45.909", "M17.11", "G89.29", "F32.1", "N18.4", "Z79.4",
         "R26.81", "M19.90", "C50.911", "K21.9", "S82.101A"]
PROCEDURES = ["97110", "97140", "72148", "73721", "E0601", "L3000", "99213", "27447", "G0283",
              "E1390", "A0130", "0001F", "90837", "J1100"]
LANGUAGES = ["English", "Spanish", "Vietnamese", "Hmong", "Chinese", "Tagalog", "Punjabi"]
SERVICES = ["MRI of the lumbar spine", "Occupational therapy, 12 visits", "Home oxygen equipment",
            "Knee replacement surgery", "Continuous glucose monitor", "Power wheelchair"]
DESTINATIONS = ["Community Regional Medical Center", "Kaiser Fresno Dialysis Unit",
                "Saint Agnes Medical Center", "Valley Cancer Institute"]
SENTENCES = [
    "Member has chronic low back pain not improved after six weeks of therapy.",
    "Waited all morning at the clinic and was never seen by the doctor.",
    "The pharmacy refused to fill my medicine twice this month.",
    "Member uses a wheelchair and cannot sit upright for long trips.",
    "Requires dialysis three times a week and has no transportation.",
    "Recent fall with fracture and requires close follow-up care.",
    "Kindly approve the service so treatment can begin right away.",
    "The letter said the service was not medically necessary but it is.",
    "Uncontrolled diabetes with two emergency visits in three months.",
    "Hearing on the reduction of in-home supportive services.",
]


@dataclass(frozen=True)
class Filled:
    """One field as printed and as it should be extracted."""

    printed: str
    truth: object


def make_npi(rnd: random.Random) -> str:
    first_nine = f"1{rnd.randint(0, 99999999):08d}"
    return first_nine + str(npi_check_digit(first_nine))


def make_cin(rnd: random.Random) -> str:
    return f"9{rnd.randint(0, 9999999):07d}{rnd.choice('ABCDEFGHJKLMNPRSTWXY')}"


def _phone(rnd: random.Random) -> Filled:
    area, exchange, line = rnd.randint(209, 989), rnd.randint(200, 989), rnd.randint(1000, 9999)
    digits = f"{area}{exchange}{line}"
    printed = rnd.choice([f"({area}) {exchange}-{line}", f"{area}-{exchange}-{line}",
                          f"{area}.{exchange}.{line}"])
    return Filled(printed, digits)


def _date(rnd: random.Random, low: date, high: date) -> Filled:
    day = low + timedelta(days=rnd.randint(0, (high - low).days))
    months = ["January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December"]
    printed = rnd.choice([f"{day:%m/%d/%Y}", f"{day.month}/{day.day}/{day:%Y}",
                          f"{day:%Y-%m-%d}", f"{months[day.month - 1]} {day.day}, {day.year}",
                          f"{day:%m-%d-%Y}"])
    return Filled(printed, day.isoformat())


def _time(rnd: random.Random) -> Filled:
    hour, minute = rnd.randint(7, 17), rnd.choice([0, 15, 30, 45])
    twelve = hour - 12 if hour > 12 else hour
    printed = rnd.choice([f"{hour:02d}:{minute:02d}",
                          f"{twelve}:{minute:02d} {'PM' if hour >= 12 else 'AM'}"])
    return Filled(printed, f"{hour:02d}:{minute:02d}")


def _name(rnd: random.Random) -> Filled:
    name = f"{rnd.choice(FIRST)} {rnd.choice(LAST)}"
    return Filled(name, name)


def _doctor(rnd: random.Random) -> Filled:
    name = rnd.choice([f"Dr. {rnd.choice(FIRST)} {rnd.choice(LAST)}",
                       f"{rnd.choice(FIRST)} {rnd.choice(LAST)}, MD", rnd.choice(PRACTICES)])
    return Filled(name, name)


def _address(rnd: random.Random) -> Filled:
    text = f"{rnd.randint(100, 9999)} {rnd.choice(STREETS)}, {rnd.choice(CITIES)}"
    return Filled(text, text)


def _text(value: str) -> Filled:
    return Filled(value, value)


def _codes(rnd: random.Random, pool: list[str], most: int) -> Filled:
    codes = rnd.sample(pool, rnd.randint(1, most))
    return Filled(", ".join(codes), codes)


def _choice(value: str) -> Filled:
    return Filled(value, value)


TODAY = date(2026, 11, 23)


def _member(rnd: random.Random) -> dict[str, Filled]:
    cin = make_cin(rnd)
    return {"member_name": _name(rnd), "member_id": Filled(cin, cin),
            "member_dob": _date(rnd, date(1935, 1, 1), date(2022, 12, 31)),
            "member_phone": _phone(rnd)}


def form_values(form_type: str, rnd: random.Random) -> dict[str, Filled]:
    """Values for every field of `form_type` (choices as their canonical option)."""
    member = _member(rnd)
    npi, npi2 = make_npi(rnd), make_npi(rnd)
    expedited = rnd.random() < 0.4
    soon = (TODAY, TODAY + timedelta(days=90))
    if form_type == "prior_auth_request":
        start = _date(rnd, *soon)
        end_day = date.fromisoformat(str(start.truth)) + timedelta(days=rnd.randint(0, 90))
        end = Filled(f"{end_day:%m/%d/%Y}", end_day.isoformat())
        return member | {
            "requesting_provider_name": _doctor(rnd), "requesting_provider_npi": Filled(npi, npi),
            "requesting_provider_phone": _phone(rnd), "requesting_provider_fax": _phone(rnd),
            "servicing_provider_name": _doctor(rnd), "servicing_provider_npi": Filled(npi2, npi2),
            "diagnosis_codes": _codes(rnd, ICD10, 3), "procedure_codes": _codes(rnd, PROCEDURES, 2),
            "service_start_date": start, "service_end_date": end,
            "units": (lambda n: Filled(str(n), n))(rnd.randint(1, 30)),
            "urgency": _choice("expedited" if expedited else "standard"),
            "clinical_justification": _text(rnd.choice(SENTENCES)),
        }
    if form_type == "grievance_form":
        by_rep = rnd.random() < 0.3
        values = member | {
            "member_address": _address(rnd), "preferred_language": _text(rnd.choice(LANGUAGES)),
            "filed_by": _choice("representative" if by_rep else "member"),
            "incident_date": _date(rnd, date(2026, 6, 1), TODAY),
            "description": _text(rnd.choice(SENTENCES)),
            "desired_resolution": _text(rnd.choice(
                ["Apology and a new appointment.", "Refill my medication.",
                 "Assign me a different doctor.", "Reimburse my costs."])),
            "expedited": Filled("", expedited), "signature_date": _date(rnd, date(2026, 10, 1), TODAY),
        }
        if by_rep:
            values["representative_name"] = _name(rnd)
        return values
    if form_type == "appeal_request":
        auth = f"PA-2026-{rnd.randint(0, 999999):06d}"
        return member | {
            "authorization_number": Filled(auth, auth), "denied_service": _text(rnd.choice(SERVICES)),
            "reason": _text(rnd.choice(SENTENCES)), "expedited": Filled("", expedited),
            "signature_date": _date(rnd, date(2026, 10, 1), TODAY),
        }
    if form_type == "nemt_request":
        return {k: v for k, v in member.items() if k != "member_phone"} | {
            "pickup_address": _address(rnd), "destination_name": _text(rnd.choice(DESTINATIONS)),
            "destination_address": _address(rnd), "appointment_date": _date(rnd, *soon),
            "appointment_time": _time(rnd),
            "transport_mode": _choice(rnd.choice(["ambulance", "litter_van", "wheelchair_van",
                                                  "gurney", "air"])),
            "round_trip": Filled("", rnd.random() < 0.7), "prescriber_name": _doctor(rnd),
            "prescriber_npi": Filled(npi, npi), "medical_justification": _text(rnd.choice(SENTENCES)),
        }
    if form_type == "sfh_notice":
        number = f"{rnd.randint(10, 99)}{rnd.randint(0, 9999999):07d}"
        return {"member_name": member["member_name"], "member_id": member["member_id"],
                "hearing_number": Filled(number, number), "hearing_date": _date(rnd, *soon),
                "hearing_time": _time(rnd), "issue": _text(rnd.choice(SENTENCES))}
    if form_type == "care_coordination_referral":
        return member | {
            "referral_source_name": _doctor(rnd), "referral_source_phone": _phone(rnd),
            "program": _choice(rnd.choice(["complex_case_management", "cbas", "health_education",
                                           "behavioral_health", "other"])),
            "reason": _text(rnd.choice(SENTENCES)),
            "urgency": _choice("expedited" if expedited else "standard"),
        }
    raise ValueError(form_type)
