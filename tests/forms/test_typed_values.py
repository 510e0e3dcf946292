"""A value after a label no wording names is placed by its checked kind, and only when that
leaves no doubt whose it is."""

from __future__ import annotations

import io
from pathlib import Path

from reportlab.lib.pagesizes import letter
from reportlab.pdfgen.canvas import Canvas

from casework.forms.analysis import analyze
from casework.forms.label_words import word_match
from casework.forms.labels import label_score
from casework.forms.wording import wording_for
from ocr import ReadSettings, read_document
from tests.forms.conftest import NOW
from tests.support.rules import BUNDLED_RULES

WORDING = wording_for(BUNDLED_RULES)


def _grievance(path: Path, extra: list[tuple[str, str]]) -> Path:
    """A grievance form in its own office's words, with `extra` label/value lines."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=letter)
    canvas.setFont("Helvetica-Bold", 15)
    canvas.drawString(72, 730, "Grievance Form")
    canvas.setFont("Helvetica", 11)
    lines = [("Member Name:", "Maria Lopez"), ("Medi-Cal ID:", "91234567A"), *extra,
             ("What happened:", "The clinic cancelled my visit three times.")]
    y = 690
    for label, value in lines:
        canvas.drawString(72, y, label)
        canvas.drawString(300, y, value)
        y -= 26
    canvas.save()
    path.write_bytes(buffer.getvalue())
    return path


def test_a_phone_after_an_unknown_label_is_the_forms_one_phone(tmp_path: Path) -> None:
    """GIVEN a grievance form whose one phone number follows a label no wording names,
    WHEN it is read, THEN the number is the member's phone, weakest evidence, for a person
    to check."""
    path = _grievance(tmp_path / "one.pdf", [("Number Where I Can Be Reached:",
                                              "(559) 555-0101")])
    analysis = analyze(read_document(path, ReadSettings()), NOW, BUNDLED_RULES)
    phone = analysis.fields["member_phone"]
    assert phone.value == "5595550101"
    assert phone.evidence is not None and phone.evidence.label == "typed"


def test_two_such_numbers_leave_the_phone_for_the_clerk(tmp_path: Path) -> None:
    """GIVEN two phone numbers after unknown labels, WHEN read, THEN neither is guessed."""
    path = _grievance(tmp_path / "two.pdf", [("Number Where I Can Be Reached:",
                                              "(559) 555-0101"),
                                             ("Neighbour Who Can Pass a Message:",
                                              "(559) 555-0177")])
    analysis = analyze(read_document(path, ReadSettings()), NOW, BUNDLED_RULES)
    assert "member_phone" not in analysis.fields


def test_a_short_word_naming_a_kind_only_one_field_holds_names_it() -> None:
    index = WORDING.label_words(BUNDLED_RULES.schemas["grievance_form"].fields)
    assert word_match(WORDING.normalize("D.O.B"), index) == "member_dob"


def test_a_label_naming_another_kind_of_value_is_never_the_field() -> None:
    normalize = WORDING.normalize
    assert label_score(normalize("Número de Teléfono"), normalize("Número de Miembro"),
                       "member_id", WORDING) == 0
    assert label_score(normalize("Member Phone"), normalize("Member ID"), "member_id",
                       WORDING) == 0
    assert label_score(normalize("Member Phone Number"), normalize("Member Phone"), "phone",
                       WORDING) >= 86
