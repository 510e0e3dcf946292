"""Validation messages, read aloud to a provider's office, and the schema's cross-field rules."""

from __future__ import annotations

import random
from datetime import datetime

from casework.forms.results import ExtractedField, Value
from casework.forms.validation import validate
from tests.forms.generator.fake_data import make_npi
from tests.support.rules import BUNDLED_RULES

NOW = datetime(2026, 11, 23, 12, 0)


def _fields(**values: Value) -> dict[str, ExtractedField]:
    return {k: ExtractedField(v, 1.0, 1, None, str(v)) for k, v in values.items()}


def _request(**changes: Value) -> dict[str, ExtractedField]:
    base: dict[str, Value] = dict(
        member_name="Ana Garcia", member_id="91234567A", member_dob="1980-02-03",
        requesting_provider_name="Dr. Ruth Chen", requesting_provider_npi=make_npi(random.Random(1)),
        diagnosis_codes=["M54.50"], procedure_codes=["97110"], service_start_date="2026-12-01",
        units=12, urgency="standard")
    base.update(changes)
    return _fields(**{k: v for k, v in base.items() if v is not None})


def test_a_complete_request_has_no_problems() -> None:
    problems, follow_up = validate(BUNDLED_RULES.schemas["prior_auth_request"], _request(), NOW)
    assert problems == []
    assert not follow_up


def test_messages_name_the_field_and_the_value() -> None:
    schema = BUNDLED_RULES.schemas["prior_auth_request"]
    problems, _ = validate(schema, _request(requesting_provider_npi="1234567890",
                                            member_dob=None), NOW)
    messages = {p.field: (p.kind, p.message) for p in problems}
    assert messages["member_dob"] == ("missing", "The member's date of birth is missing.")
    assert messages["requesting_provider_npi"] == (
        "invalid", "The requesting provider's NPI 1234567890 is not a valid NPI.")


def test_dates_must_be_plausible_and_in_order() -> None:
    schema = BUNDLED_RULES.schemas["prior_auth_request"]
    problems, _ = validate(schema, _request(member_dob="2027-01-01",
                                            service_start_date="2026-12-10",
                                            service_end_date="2026-12-01"), NOW)
    messages = {p.field: p.message for p in problems}
    assert messages["member_dob"] == "The member's date of birth 2027-01-01 is in the future."
    assert "before the service start date" in messages["service_end_date"]


def test_codes_and_identifiers_are_checked() -> None:
    schema = BUNDLED_RULES.schemas["prior_auth_request"]
    problems, _ = validate(schema, _request(member_id="1234", diagnosis_codes=["M54.50", "5X"],
                                            procedure_codes=["W1234"]), NOW)
    kinds = {p.field: p.kind for p in problems}
    assert kinds == {"member_id": "invalid", "diagnosis_codes": "invalid",
                     "procedure_codes": "invalid"}


def test_expedited_request_needs_a_clinical_justification() -> None:
    schema = BUNDLED_RULES.schemas["prior_auth_request"]
    problems, _ = validate(schema, _request(urgency="expedited"), NOW)
    assert [(p.field, p.kind) for p in problems] == [("clinical_justification", "missing")]
    problems, _ = validate(schema, _request(urgency="expedited",
                                            clinical_justification="Worsening pain."), NOW)
    assert problems == []


def test_grievance_without_identification_is_a_follow_up_not_a_rejection() -> None:
    schema = BUNDLED_RULES.schemas["grievance_form"]
    problems, follow_up = validate(schema, _fields(description="Nobody called me back."), NOW)
    assert follow_up
    assert {p.field for p in problems if p.kind == "unverified"} == {"member_name", "member_id"}
    assert not [p for p in problems if p.kind == "invalid"]
