"""Our printed forms filled in and faxed back at standard resolution, read by real Tesseract:
the QR code names the form, and the answers land in the right fields."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from casework.forms.analysis import FormAnalysis, analyze
from casework.forms.classification import classify
from casework.forms.form_code import FormCode
from ocr import ReadSettings, read_document
from tests.forms.filled_printable import fill_form, write_standard_fax
from tests.support.rules import BUNDLED_RULES

NOW = datetime(2026, 11, 23, 12, 0)

PRIOR_AUTH = {
    "member_name": "Maria Lopez Garcia", "member_id": "91234567A", "member_dob": "03/14/1961",
    "member_phone": "(559) 555-0142", "requesting_provider_name": "Dr. Alan Chu",
    "requesting_provider_npi": "1234567893", "requesting_provider_phone": "559-555-0100",
    "requesting_provider_fax": "559-555-0101", "diagnosis_codes": "M17.11, E11.9",
    "procedure_codes": "27447", "service_start_date": "12/01/2026",
    "service_end_date": "12/31/2026", "units": "1", "urgency": "expedited",
    "clinical_justification": ["Severe osteoarthritis of the right knee, failed",
                               "six months of rehabilitation therapy and injections."],
}
GRIEVANCE = {
    "member_name": "Jose Ramirez", "member_id": "98765432B", "member_dob": "07/04/1975",
    "member_phone": "(209) 555-0199", "member_address": "245 Oak Street, Modesto, CA 95354",
    "preferred_language": "Spanish", "filed_by": "member", "incident_date": "10/28/2026",
    "description": ["The pharmacy refused my insulin refill twice", "and nobody called me back."],
    "desired_resolution": ["Refill my medicine this week."], "expedited": "yes",
    "signature_date": "11/20/2026",
}


def _faxed(tmp_path: Path, form_type: str, language: str, values: dict[str, str | list[str]],
           *, hide_qr: bool = False) -> tuple[FormAnalysis, FormCode | None]:
    pdf = fill_form(form_type, language, values, hide_qr=hide_qr)
    path = write_standard_fax(pdf, tmp_path / f"{form_type}.{language}.tif", degrees=1.5)
    reading = read_document(path, ReadSettings())
    return analyze(reading, NOW, BUNDLED_RULES), classify(reading, BUNDLED_RULES).form_code


def _values(analysis: FormAnalysis) -> dict[str, object]:
    return {name: field.value for name, field in analysis.fields.items()}


@pytest.mark.slow
def test_a_faxed_prior_authorization_is_known_by_its_code_and_read_whole(
        tmp_path: Path) -> None:
    analysis, code = _faxed(tmp_path, "prior_auth_request", "en", PRIOR_AUTH)
    assert code == FormCode("prior_auth_request", 1, "en", 1)
    assert (analysis.form_type, analysis.confidence) == ("prior_auth_request", 1.0)
    got = _values(analysis)
    assert got["member_id"] == "91234567A"
    assert got["member_dob"] == "1961-03-14"
    assert got["requesting_provider_npi"] == "1234567893"
    assert got["requesting_provider_fax"] == "5595550101"
    assert got["diagnosis_codes"] == ["M17.11", "E11.9"]
    assert got["procedure_codes"] == ["27447"]
    assert got["service_start_date"] == "2026-12-01"
    assert got["units"] == 1
    assert got["urgency"] == "expedited"
    assert "rehabilitation therapy" in str(got["clinical_justification"])
    assert analysis.complete


@pytest.mark.slow
def test_a_faxed_grievance_is_known_by_its_code_and_read_whole(tmp_path: Path) -> None:
    analysis, code = _faxed(tmp_path, "grievance_form", "en", GRIEVANCE)
    assert code == FormCode("grievance_form", 1, "en", 1)
    assert (analysis.form_type, analysis.confidence) == ("grievance_form", 1.0)
    got = _values(analysis)
    assert got["member_name"] == "Jose Ramirez"
    assert got["member_phone"] == "2095550199"
    assert got["filed_by"] == "member"
    assert got["incident_date"] == "2026-10-28"
    assert got["expedited"] is True
    assert "insulin refill" in str(got["description"])
    assert "medicine" in str(got["desired_resolution"])


@pytest.mark.slow
def test_a_faxed_spanish_grievance_is_known_as_spanish_and_read_whole(tmp_path: Path) -> None:
    values = GRIEVANCE | {"description": ["La farmacia negó mi insulina dos veces",
                                          "y nadie me llamó."], "filed_by": "representative",
                          "representative_name": "Ana Ramirez", "expedited": "no"}
    analysis, code = _faxed(tmp_path, "grievance_form", "es", values)
    assert code == FormCode("grievance_form", 1, "es", 1)
    assert (analysis.form_type, analysis.confidence) == ("grievance_form", 1.0)
    got = _values(analysis)
    assert got["member_id"] == "98765432B"
    assert got["member_dob"] == "1975-07-04"
    assert got["filed_by"] == "representative"
    assert got["representative_name"] == "Ana Ramirez"
    assert got["expedited"] is False
    assert got["signature_date"] == "2026-11-20"
    assert "farmacia" in str(got["description"])


@pytest.mark.slow
def test_a_faxed_form_with_its_code_cut_off_is_still_known_by_its_words(
        tmp_path: Path) -> None:
    analysis, code = _faxed(tmp_path, "prior_auth_request", "es", PRIOR_AUTH, hide_qr=True)
    assert code is None
    assert analysis.form_type == "prior_auth_request"
    assert analysis.confidence >= 0.5
    got = _values(analysis)
    assert got["member_id"] == "91234567A"
    assert got["requesting_provider_npi"] == "1234567893"
    assert got["urgency"] == "expedited"
