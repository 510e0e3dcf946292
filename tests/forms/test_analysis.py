"""analyze(): form type, cover pages, completeness, follow-ups, Spanish forms and the JSON."""

from __future__ import annotations

import io
import json
from pathlib import Path

from reportlab.lib.pagesizes import letter
from reportlab.pdfgen.canvas import Canvas

from casework.forms.analysis import analyze
from ocr import ReadSettings, read_document
from tests.forms.conftest import NOW, check
from tests.forms.generator.corpus import make_form, write_variant
from tests.support.rules import BUNDLED_RULES


def test_a_cover_sheet_is_kept_but_never_decides_the_type(tmp_path: Path) -> None:
    """GIVEN a prior authorization request behind a cover sheet whose subject line names a
    grievance, WHEN it is analysed, THEN it is a prior authorization with page 1 as cover."""
    form = make_form("prior_auth_request", "inline", seed=4, cover=True,
                     cover_subject="Member Grievance Form - Complaint")
    result = check(form, "born_digital", tmp_path)
    assert result.analysis.form_type == "prior_auth_request"
    assert result.analysis.cover_pages == [1]
    assert all(f.page == 2 for f in result.analysis.fields.values())
    assert result.rate >= 0.95


def test_a_cover_sheet_alone_is_not_a_form(tmp_path: Path) -> None:
    form = make_form("appeal_request", "table", seed=2, cover=True)
    path = write_variant(form, "born_digital", tmp_path)
    reading = read_document(path, ReadSettings())
    reading.pages = reading.pages[:1]
    analysis = analyze(reading, NOW, BUNDLED_RULES)
    assert analysis.form_type == "unknown"
    assert analysis.cover_pages == [1]
    assert not analysis.complete


def test_grievance_without_member_id_is_analysed_with_a_follow_up(tmp_path: Path) -> None:
    form = make_form("grievance_form", "boxes", seed=6, omit="member_id")
    analysis = check(form, "born_digital", tmp_path).analysis
    assert analysis.form_type == "grievance_form"
    assert analysis.complete  # a grievance is never turned away as incomplete
    assert analysis.needs_follow_up
    assert "member_id" not in analysis.fields
    problem = next(p for p in analysis.problems if p.field == "member_id")
    assert problem.kind == "unverified"
    assert problem.message.startswith("The member's Medi-Cal ID is missing")
    assert analysis.fields["description"].value


def test_a_missing_required_field_makes_a_request_incomplete(tmp_path: Path) -> None:
    form = make_form("nemt_request", "two_column", seed=8, omit="member_dob")
    analysis = check(form, "born_digital", tmp_path).analysis
    assert not analysis.complete
    missing = [p for p in analysis.problems if p.kind == "missing"]
    assert [p.field for p in missing] == ["member_dob"]
    assert missing[0].message == "The member's date of birth is missing."
    assert not [p for p in analysis.problems if p.kind == "invalid"]


def test_spanish_form_is_classified_and_read(tmp_path: Path) -> None:
    form = make_form("grievance_form", "inline", seed=9, spanish=True)
    result = check(form, "born_digital", tmp_path)
    assert result.analysis.form_type == "grievance_form"
    assert result.rate >= 0.9, result.wrong


def test_unrelated_document_is_unknown_with_guesses(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    pdf = Canvas(buffer, pagesize=letter)
    pdf.setFont("Helvetica", 12)
    for i, line in enumerate(["Quarterly newsletter", "Our picnic is on Saturday at the park.",
                              "Bring a salad and a friend."]):
        pdf.drawString(72, 700 - 24 * i, line)
    pdf.showPage()
    pdf.save()
    path = tmp_path / "newsletter.pdf"
    path.write_bytes(buffer.getvalue())
    analysis = analyze(read_document(path, ReadSettings()), NOW, BUNDLED_RULES)
    assert analysis.form_type == "unknown"
    assert analysis.guesses  # the best candidates are still reported
    assert not analysis.complete


def test_json_has_the_contract_shape(tmp_path: Path) -> None:
    form = make_form("prior_auth_request", "table", seed=1)
    analysis = check(form, "born_digital", tmp_path).analysis
    data = json.loads(json.dumps(analysis.to_json()))
    assert data["form"]["type"] == "prior_auth_request"
    assert 0 < data["form"]["confidence"] <= 1
    assert isinstance(data["complete"], bool)
    fields = data["fields"]
    assert set(fields["member_dob"]) == {"value", "confidence", "needs_review", "page", "box"}  # leak-check: not a label (JSON keys)
    assert len(fields["member_dob"]["value"]) == 10 and fields["member_dob"]["value"][4] == "-"
    assert fields["member_phone"]["value"].isdigit() and len(fields["member_phone"]["value"]) == 10
    assert isinstance(fields["units"]["value"], int)
    assert isinstance(fields["diagnosis_codes"]["value"], list)
    assert fields["urgency"]["value"] in ("standard", "expedited")
    for problem in data["problems"]:
        assert set(problem) == {"field", "kind", "message"}


def test_fillable_pdf_values_map_to_canonical_fields(tmp_path: Path) -> None:
    """GIVEN a fillable appeal form whose fields are named as a vendor named them
    (memberName, DOB, AuthNumber), WHEN analysed, THEN the typed values fill the contract."""
    buffer = io.BytesIO()
    pdf = Canvas(buffer, pagesize=letter)
    pdf.setFont("Helvetica-Bold", 15)
    pdf.drawString(54, 720, "Appeal Request Form")
    pdf.setFont("Helvetica", 10)
    fields = [("memberName", "Member Name", "Ana Garcia"), ("member_id", "Member ID", "91234567a"),
              ("DOB", "Date of Birth", "3/4/1980"),
              ("AuthNumber", "Authorization Number", "PA-2026-000123"),
              ("deniedService", "Denied Service", "MRI of the knee"),
              ("reasonForAppeal", "Reason for Appeal", "The pain is worse."),
              ("expedited", "Expedited", "Yes")]
    for index, (name, label, value) in enumerate(fields):
        pdf.drawString(54, 680 - 30 * index, label)
        pdf.acroForm.textfield(name=name, value=value, x=200, y=676 - 30 * index, width=250,
                               height=16)
    pdf.showPage()
    pdf.save()
    path = tmp_path / "fillable.pdf"
    path.write_bytes(buffer.getvalue())
    analysis = analyze(read_document(path, ReadSettings()), NOW, BUNDLED_RULES)
    assert analysis.form_type == "appeal_request"
    values = {k: f.value for k, f in analysis.fields.items()}
    assert values == {"member_name": "Ana Garcia", "member_id": "91234567A",
                      "member_dob": "1980-03-04", "authorization_number": "PA-2026-000123",
                      "denied_service": "MRI of the knee", "reason": "The pain is worse.",
                      "expedited": True}
    assert analysis.complete


def _text_page(tmp_path: Path, name: str, lines: list[tuple[int, str]]) -> Path:
    """A one-page text PDF: (font size, line) pairs from the top of the page down."""
    buffer = io.BytesIO()
    pdf = Canvas(buffer, pagesize=letter)
    y = 720
    for size, line in lines:
        pdf.setFont("Helvetica-Bold" if size > 12 else "Helvetica", size)
        pdf.drawString(72, y, line)
        y -= 2 * size
    pdf.showPage()
    pdf.save()
    path = tmp_path / name
    path.write_bytes(buffer.getvalue())
    return path


def test_a_title_in_other_words_order_still_names_the_form(tmp_path: Path) -> None:
    """GIVEN a grievance whose title row adds the plan's name to a listed title's words,
    WHEN it is analysed, THEN it is a grievance, though no title matches it letter for letter."""
    path = _text_page(tmp_path, "complaint.pdf", [
        (16, "Central Valley Health - Member Complaint"),
        (10, "Name of Member: Ana Torres"),
        (10, "Nature of Complaint: My doctor never called me back."),
    ])
    analysis = analyze(read_document(path, ReadSettings()), NOW, BUNDLED_RULES)
    assert analysis.form_type == "grievance_form"


def test_a_weak_but_clear_match_is_taken_with_low_confidence(tmp_path: Path) -> None:
    """GIVEN a hearing notice with no listed title and few listed labels, WHEN it is
    analysed, THEN it is a hearing notice (no other form comes near), with a confidence low
    enough to send it to intake review."""
    path = _text_page(tmp_path, "hearing.pdf", [
        (16, "Central Valley Health"),
        (10, "Hearing Date: 01/13/2027"),
        (10, "Claimant: Ana Torres"),
    ])
    analysis = analyze(read_document(path, ReadSettings()), NOW, BUNDLED_RULES)
    assert analysis.form_type == "sfh_notice"
    assert analysis.confidence < 0.6
