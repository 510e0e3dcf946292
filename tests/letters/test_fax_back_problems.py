"""The missing-information fax-back lists what intake found wrong, in the letter's language."""

from __future__ import annotations

import io
import re
from datetime import datetime
from pathlib import Path

import pdfplumber

from casework.forms.results import ExtractedField
from casework.forms.validation import validate
from casework.letters.issuing import generate_letter
from casework.letters.problem_words import MISSING, NOT_VALID, spanish_problem
from casework.plan.schema import load_schemas
from casework.plan.timezone import PLAN_ZONE
from casework.workspace import Workspace
from tests.cases.reviewed_requests import add_person
from tests.letters.intake_cases import file_fax, load_rosters
from tests.letters.test_letters_from_intake import PLAN

NOW = datetime(2026, 10, 30, 9, 15, tzinfo=PLAN_ZONE)
# A faxed prior authorization request with one of each kind of problem intake finds.
READ = {
    "member_name": "Rosa Delgado", "member_id": "91234567A", "member_dob": "2031-03-14",
    "requesting_provider_name": "Valley Family Medicine", "requesting_provider_npi": "1234567890",
    "requesting_provider_fax": "5595550101", "requesting_provider_phone": "12345",
    "diagnosis_codes": ["ZZ999", "QQ12"], "procedure_codes": ["K0823"],
    "service_start_date": "2026-11-10", "service_end_date": "2026-11-02", "units": 0,
    "urgency": "expedited",
}
# Every English wording the problem lines would have, and English words they must not use.
ENGLISH = ("is missing", "is not a valid", "are not valid", "in the future", "is before",
           "The code", "number of at least", "Diagnosis Codes", "Clinical Justification",
           "Requesting Provider NPI", "Date of Birth", "Units", "Provider Phone",
           "Service To", "diagnosis code", "phone number", "Please")


def _problem_lines(workspace: Workspace, tmp_path: Path, language: str) -> str:
    """The fax-back's problem lines ('2 NPI del Proveedor Solicitante 1234567890 no es …'),
    one a line, read back from the PDF."""
    load_rosters(workspace, tmp_path)
    um = add_person(workspace, "uma", "um_coordinator")
    schema = workspace.rules.schema("prior_auth_request")
    assert schema is not None
    fields = {name: ExtractedField(value, 0.99, 1, None, str(value))  # type: ignore[arg-type]
              for name, value in READ.items()}
    problems, _follow_up = validate(schema, fields, NOW)
    number = file_fax(workspace, "prior_auth_request", READ,
                      problems=tuple(p.to_json() for p in problems))
    issued = generate_letter(workspace, um, PLAN, number, "missing_information", language,
                             {"reply_by": "2026-11-13"})
    # The problem table's rows (its header repeats on each page it runs onto).
    with pdfplumber.open(io.BytesIO(workspace.store.read_bytes(issued.sha256))) as pdf:
        rows = [row for page in pdf.pages for table in page.extract_tables() for row in table]
    lines = [" ".join(" ".join(cell.split()) for cell in row[:3] if cell) for row in rows
             if row and (row[0] or "").strip().isdigit()]
    assert len(lines) == 7, rows
    return "\n".join(lines)


def test_a_spanish_fax_back_lists_every_problem_in_spanish(
        workspace: Workspace, tmp_path: Path) -> None:
    """GIVEN a faxed expedited request without its justification, a bad NPI and phone, a
    birth date in the future, bad diagnosis codes, the service ending before it starts and
    no units
    WHEN the fax-back is made in Spanish THEN each line names the item by the form's Spanish
    label and says in Spanish what is wrong, quoting the value; no English phrasing is left."""
    lines = _problem_lines(workspace, tmp_path, "es")
    for spanish in (
        "Necesidad Médica Falta en la solicitud.",
        "Fecha de Servicio Hasta La fecha",
        "NPI del Proveedor Solicitante 1234567890 no es un NPI válido.",
        "Teléfono del Proveedor 12345 no es un número de teléfono válido.",
        "Fecha de Nacimiento 2031-03-14 es una fecha futura.",
        "Los códigos ZZ999, QQ12 no son códigos de diagnóstico ICD-10-CM válidos.",
        "La fecha 2026-11-02 es anterior a la de «Fecha de Inicio» (2026-11-10).",
        "Unidades 0 no es un número de 1 o más.",
    ):
        assert spanish in lines, lines
    for english in ENGLISH:
        assert english not in lines, (english, lines)


def test_the_english_fax_back_keeps_the_words_intake_recorded(
        workspace: Workspace, tmp_path: Path) -> None:
    lines = _problem_lines(workspace, tmp_path, "en")
    assert "Clinical Justification The clinical justification is missing." in lines
    assert "The requesting provider's NPI 1234567890 is not a valid NPI." in lines
    assert "The codes ZZ999, QQ12 are not valid ICD-10-CM diagnosis codes." in lines
    assert "Falta" not in lines and "válido" not in lines


def test_a_problem_worded_in_a_way_not_known_is_still_said_in_spanish() -> None:
    """A message intake may word differently one day is said by its kind, never in English."""
    assert spanish_problem("member_dob", "missing", "Please send the date of birth.",
                           None).message == "Falta en la solicitud."
    odd = spanish_problem("made_up_field", "invalid", "This looks wrong.", None)
    assert odd.item == "Otro dato de la solicitud"
    assert "wrong" not in odd.message and "válido" in odd.message


def test_every_wording_intake_writes_has_its_own_spanish() -> None:
    """Each message validation writes (not only those the fax-back above meets) is matched
    and said in Spanish with its value, rather than by the catch-all of its kind."""
    schema = load_schemas()["prior_auth_request"]
    read = {**READ, "member_id": "1234", "member_dob": "1850-01-01", "diagnosis_codes": "ZZ9"}
    fields = {name: ExtractedField(value, 0.99, 1, None, str(value))  # type: ignore[arg-type]
              for name, value in read.items()}
    problems, _follow_up = validate(schema, fields, NOW)
    assert len(problems) == 8
    for problem in problems:
        said = spanish_problem(problem.field, problem.kind, problem.message, schema).message
        assert said not in (NOT_VALID, MISSING) or problem.kind == "missing", problem
        values = re.findall(r"\d[\w-]*", problem.message)
        assert all(value in said for value in values), (problem.message, said)
