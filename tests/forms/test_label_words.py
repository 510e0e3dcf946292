"""Labels no schema lists, and labels a fax misspelt, still name their field.

The wordings here are in no schema and in neither generator: they stand for the forms
of offices nobody has seen yet.
"""

from __future__ import annotations

import pytest
from PIL import Image, ImageDraw

from casework.forms.label_words import word_match
from casework.forms.rules import find_rules
from casework.forms.wording import wording_for
from tests.support.rules import BUNDLED_RULES

WORDING = wording_for(BUNDLED_RULES)
normalize, mend = WORDING.normalize, WORDING.mend


def _fields(form_type: str):  # type: ignore[no-untyped-def]
    return BUNDLED_RULES.schemas[form_type].fields


@pytest.mark.parametrize(("form_type", "printed", "field"), [
    ("grievance_form", "Account of the Complaint", "description"),
    ("grievance_form", "Remedy the Member Wants", "desired_resolution"),
    # half its words unknown, the known half singling out one field
    ("nemt_request", "Medical Reasons Patient Cannot Drive", "medical_justification"),
    ("nemt_request", "Pickup Location", "pickup_address"),
    ("care_coordination_referral", "Presenting Issue", "reason"),
])
def test_an_unlisted_wording_is_the_field_its_telling_words_belong_to(
        form_type: str, printed: str, field: str) -> None:
    assert word_match(normalize(printed), WORDING.label_words(_fields(form_type))) == field


@pytest.mark.parametrize(("form_type", "printed"), [
    ("nemt_request", "Facility Phone"),  # a phone, and the facility's phone is no field
    ("prior_auth_request", "Member Information"),  # a section heading names no field
    ("grievance_form", "Jane Roe"),  # a name written on the form
    ("prior_auth_request", "25 units"),  # a value, with its unit
    ("grievance_form", "Member uses a wheelchair and cannot sit"),  # a sentence
    ("prior_auth_request", "Name"),  # one common word says too little
])
def test_words_that_do_not_single_out_a_field_name_none(form_type: str, printed: str) -> None:
    assert word_match(normalize(printed), WORDING.label_words(_fields(form_type))) is None


@pytest.mark.parametrize(("misread", "printed"), [
    ("Patiant's Name", "Patient's Name"),
    ("Binhdate", "Birthdate"),
    ("Pertorming Provider", "Performing Provider"),
    ("Taléfono", "Teléfono"),
])
def test_a_label_word_a_fax_misspelt_means_what_the_printed_word_means(
        misread: str, printed: str) -> None:
    assert normalize(misread) == normalize(printed)


def test_words_forms_do_not_print_are_left_as_read() -> None:
    assert mend("ramirez") == "ramirez"
    assert mend("fresno") == "fresno"
    assert mend("tal") == "tal"  # too short to tell a slip from another word


def test_a_faxed_rule_drawn_as_a_staircase_is_one_line() -> None:
    """GIVEN a long rule tilted by a fraction of a degree, drawn as steps one pixel apart
    WHEN the page's lines are found THEN it is one line from end to end, as a caption
    under it needs."""
    image = Image.new("L", (1700, 300), 255)
    draw = ImageDraw.Draw(image)
    for step in range(10):
        x0 = 100 + step * 150
        y = 150 + step // 3
        draw.rectangle((x0, y, x0 + 160, y + 2), fill=0)
    rules = find_rules(image, 20.0)
    assert len(rules.horizontal) == 1
    line = rules.horizontal[0]
    assert line.x0 <= 100 and line.x1 >= 1600
