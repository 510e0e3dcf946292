"""A value that fails its check is read again from its crop, and kept only when it passes."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from casework.forms.rereading import confirm_unsure, reread_failing
from casework.forms.results import Evidence, ExtractedField
from casework.forms.trust import assess
from casework.forms.validation import validate
from casework.forms.wording import wording_for
from ocr import Box, DocumentReading, PageReading, ReadSettings, Word
from ocr.rereading import read_region
from tests.forms.conftest import NOW
from tests.support.rules import BUNDLED_RULES

FONT = Path(__file__).resolve().parents[2] / "resources" / "fonts" / "DejaVuSans.ttf"
DPI = 200


def _page(printed: str, read_as: str, source: str = "ocr") -> tuple[PageReading, Box]:
    """A page image showing `printed` at 11 points, whose page reading gave `read_as`."""
    image = Image.new("L", (1700, 400), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(FONT), size=round(11 * DPI / 72))
    draw.text((200, 150), "Medi-Cal ID:", font=font, fill=0)
    draw.text((600, 150), printed, font=font, fill=0)
    left, top, right, bottom = draw.textbbox((600, 150), printed, font=font)
    box = Box(left, top, right, bottom)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    words = [Word(read_as, 0.9, box, 0)]
    page = PageReading(1, image.width, image.height, DPI, source, words, read_as, 0,
                       buffer.getvalue())
    return page, box


def _form_with_member_id(page: PageReading, box: Box) -> dict[str, ExtractedField]:
    evidence = Evidence(source="scan", label="exact", relation="inline", ocr=0.9)
    return {"member_id": ExtractedField(page.words[0].text, 0.9, 1, box, page.words[0].text,
                                        evidence)}


def test_an_id_the_page_reading_got_wrong_is_read_again_from_its_crop() -> None:
    """GIVEN a Medi-Cal ID whose last letter the page reading took for a 7 (so it fails the
    ID's shape), WHEN the form is checked, THEN the ID is read again from its crop, the right
    ID replaces it, and it is still shown to a person."""
    schema = BUNDLED_RULES.schemas["grievance_form"]
    page, box = _page("94852573T", "948525737")
    fields = _form_with_member_id(page, box)
    problems, _ = validate(schema, fields, NOW)
    assert any(p.field == "member_id" for p in problems)

    mended = reread_failing(DocumentReading("png", [page]), schema, fields, problems, NOW)

    assert mended["member_id"].value == "94852573T"
    assert mended["member_id"].evidence is not None and mended["member_id"].evidence.reread
    assessed = assess(mended, schema, validate(schema, mended, NOW)[0], BUNDLED_RULES.trust,
                      wording_for(BUNDLED_RULES))
    assert assessed["member_id"].needs_review


def test_a_re_reading_that_still_fails_leaves_the_first_reading() -> None:
    """GIVEN an ID printed wrong on the page itself, WHEN it is read again, THEN the new
    reading fails the check too and the first reading stays, still doubted."""
    schema = BUNDLED_RULES.schemas["grievance_form"]
    page, box = _page("948525737", "948525737")
    fields = _form_with_member_id(page, box)
    problems, _ = validate(schema, fields, NOW)
    mended = reread_failing(DocumentReading("png", [page]), schema, fields, problems, NOW)
    assert mended["member_id"] == fields["member_id"]


def test_an_unsure_value_is_confirmed_only_when_its_crop_reads_the_same() -> None:
    """GIVEN two valid Medi-Cal IDs OCR was unsure of (a word at 0.9), one read right and one
    with a digit slipped to another valid ID, WHEN each is read again from its crop, THEN
    only the one read right is marked confirmed; a sure value is not read again."""
    schema = BUNDLED_RULES.schemas["grievance_form"]
    page, box = _page("94852573T", "94852573T")
    right = confirm_unsure(DocumentReading("png", [page]), schema,
                           _form_with_member_id(page, box))
    assert right["member_id"].evidence is not None and right["member_id"].evidence.confirmed

    page, box = _page("94852573T", "94852578T")
    slipped = confirm_unsure(DocumentReading("png", [page]), schema,
                             _form_with_member_id(page, box))
    assert slipped["member_id"].value == "94852578T"
    assert slipped["member_id"].evidence is not None
    assert not slipped["member_id"].evidence.confirmed

    page, box = _page("94852573T", "94852573T")
    sure = _form_with_member_id(page, box)
    sure["member_id"] = replace(sure["member_id"], evidence=Evidence("scan", "exact", "inline"))
    assert confirm_unsure(DocumentReading("png", [page]), schema, sure) == sure


@pytest.mark.parametrize("engine", ["tesserocr", "pytesseract"])
@pytest.mark.parametrize(("printed", "allowed", "expected"), [
    ("(559) 555-0142", "0123456789()-/.", "(559)555-0142"),
    ("1234567893", "0123456789", "1234567893"),
])
def test_a_region_is_read_as_one_line_of_the_allowed_characters(
        printed: str, allowed: str, expected: str, engine: str) -> None:
    page, box = _page(printed, "?")
    text = read_region(page, box, allowed, ReadSettings(engine=engine))
    assert text is not None and text.replace(" ", "") == expected


def test_a_text_layer_page_is_never_re_read() -> None:
    """A PDF's own text is what the sender typed: there are no pixels to read it better."""
    page, box = _page("94852573T", "948525737", source="text_layer")
    assert read_region(page, box, None, ReadSettings()) is None
    page = replace(page, source="ocr", image_png=b"")
    assert read_region(page, box, None, ReadSettings()) is None
