"""Checking extracted fields against their schema: what is missing, what is not valid.

Messages are written to be read aloud to a provider's office or a member:
"The member's date of birth is missing.", "The requesting provider's NPI 1234567890 is not a
valid NPI." A grievance is never turned away as incomplete: if the member cannot be
identified from it, that becomes a follow-up.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from casework.forms.identifiers import (
    is_valid_cin,
    is_valid_icd10,
    is_valid_npi,
    is_valid_phone,
    is_valid_procedure_code,
)
from casework.forms.results import ExtractedField, Problem, Value
from casework.plan.schema import FieldSpec, FormSchema

IDENTIFYING = ("member_name", "member_id", "member_dob")
EARLIEST_YEAR = 1900


def _sentence(says: str) -> str:
    return says[:1].upper() + says[1:]


def is_required(spec: FieldSpec, fields: dict[str, ExtractedField]) -> bool:
    """Required always, or because of another field's value (clinical justification when
    the request is expedited)."""
    if spec.required:
        return True
    if not spec.required_when:
        return False
    return all(str(_plain(fields.get(name))).lower() == wanted
               for name, wanted in spec.required_when)


def _plain(field: ExtractedField | None) -> Value | None:
    return None if field is None else field.value


def _check_value(spec: FieldSpec, value: Value, today: date) -> str | None:
    """Why the value is not acceptable, or None."""
    says = _sentence(spec.says)
    checks: dict[str, Callable[[], str | None]] = {
        "npi": lambda: None if is_valid_npi(str(value)) else
        f"{says} {value} is not a valid NPI.",
        "phone": lambda: None if is_valid_phone(str(value)) else
        f"{says} {value} is not a valid phone number.",
        "date": lambda: _date_problem(spec, str(value), today),
        "icd10_list": lambda: _codes_problem(value, is_valid_icd10, "ICD-10-CM diagnosis code"),
        "procedure_list": lambda: _codes_problem(value, is_valid_procedure_code,
                                                 "CPT or HCPCS procedure code"),
        "integer": lambda: None if isinstance(value, int) and value > 0 else
        f"{says} {value} is not a number of at least 1.",
    }
    if spec.check == "cin" and not is_valid_cin(str(value)):
        return f"{says} {value} is not a valid Medi-Cal ID (8 digits and a letter)."
    check = checks.get(spec.type)
    return check() if check else None


def _date_problem(spec: FieldSpec, value: str, today: date) -> str | None:
    says = _sentence(spec.says)
    day = date.fromisoformat(value)
    if day.year < EARLIEST_YEAR:
        return f"{says} {value} is not a plausible date."
    if spec.not_future and day > today:
        return f"{says} {value} is in the future."
    return None


def _codes_problem(value: Value, valid: Callable[[str], bool], what: str) -> str | None:
    bad = [c for c in (value if isinstance(value, list) else [str(value)]) if not valid(c)]
    if not bad:
        return None
    listed = ", ".join(bad)
    return f"The code {listed} is not a valid {what}." if len(bad) == 1 else \
        f"The codes {listed} are not valid {what}s."


def _order_problem(spec: FieldSpec, schema: FormSchema,
                   fields: dict[str, ExtractedField]) -> str | None:
    if spec.not_before is None or spec.not_before not in fields or spec.name not in fields:
        return None
    earlier, later = str(fields[spec.not_before].value), str(fields[spec.name].value)
    if later < earlier:  # ISO dates compare as text
        other = schema.field(spec.not_before)
        return f"{_sentence(spec.says)} {later} is before {other.says} {earlier}."
    return None


def validate(schema: FormSchema, fields: dict[str, ExtractedField],
             now: datetime) -> tuple[list[Problem], bool]:
    """The problems with a form's fields, and whether it needs a follow-up to identify the
    member (grievances only; other forms are simply incomplete)."""
    problems: list[Problem] = []
    follow_up = False
    today = now.date()
    for spec in schema.fields:
        field = fields.get(spec.name)
        if field is None:
            if not is_required(spec, fields):
                continue
            if schema.never_incomplete and spec.name in IDENTIFYING:
                follow_up = True
                problems.append(Problem(spec.name, "unverified",
                                        f"{_sentence(spec.says)} is missing; someone needs "
                                        "to follow up to identify the member."))
            else:
                problems.append(Problem(spec.name, "missing",
                                        f"{_sentence(spec.says)} is missing."))
            continue
        reason = _check_value(spec, field.value, today) or _order_problem(spec, schema, fields)
        if reason is None:
            continue
        if schema.never_incomplete and spec.name in IDENTIFYING:
            follow_up = True
            problems.append(Problem(spec.name, "unverified", reason))
        else:
            problems.append(Problem(spec.name, "invalid", reason))
    return problems, follow_up
