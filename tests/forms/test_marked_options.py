"""Options marked by a ring drawn round their words, the way offices answer a printed
"Urgent? Y N": the ringed option is the answer, and a ring round a word the form does not
list as an option is no answer at all (never the neighbouring option taken as written)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import letter
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from casework.forms.analysis import FormAnalysis, analyze
from casework.forms.checkboxes import glued_box_cuts
from ocr import ReadSettings, read_document
from tests.forms.conftest import NOW
from tests.forms.generator.corpus import GeneratedForm, write_variant
from tests.support.rules import BUNDLED_RULES

FONT, BOLD = "Helvetica", "Helvetica-Bold"
WIDTH, HEIGHT = letter
LINES = (("Member Name", "Rosa Delgado"), ("Member ID", "91234567A"),
         ("Date of Birth", "04/12/1961"), ("Authorization Number", "AUTH-88213"),
         ("Denied Service", "Knee surgery"),
         ("Reason for Appeal", "My doctor says the surgery helps me walk again."))


def _form(title: str, question: str, options: tuple[str, ...], ringed: int) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=letter)
    canvas.setFont(BOLD, 15)
    canvas.drawString(54, HEIGHT - 70, title)
    y = HEIGHT - 110
    for label, value in LINES:
        canvas.setFont(BOLD, 10.5)
        canvas.drawString(54, y, f"{label}:")
        canvas.setFont(FONT, 10.5)
        canvas.drawString(60 + stringWidth(f"{label}:", BOLD, 10.5), y, value)
        y -= 24
    canvas.setFont(FONT, 10.5)
    canvas.drawString(54, y, question)
    x = 54 + stringWidth(question, FONT, 10.5) + 16
    for n, words in enumerate(options):
        width = stringWidth(words, FONT, 10.5)
        canvas.drawString(x, y, words)
        if n == ringed:
            canvas.setLineWidth(0.9)
            canvas.ellipse(x - 4, y - 4, x + width + 4, y + 11)
        x += width + 22
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _read(pdf: bytes, name: str, variant: str, folder: Path) -> FormAnalysis:
    path = write_variant(GeneratedForm(name, pdf, {}), variant, folder)
    return analyze(read_document(path, ReadSettings()), NOW, BUNDLED_RULES)


@pytest.mark.parametrize("variant", ["born_digital", "scan"])
@pytest.mark.parametrize(("options", "ringed", "want"), [
    (("Y", "N"), 1, False), (("Y", "N"), 0, True),
    (("Yes", "No"), 1, False), (("Yes", "No"), 0, True),
])
def test_a_ringed_yes_or_no_answers_the_question(options: tuple[str, ...], ringed: int,
                                                 want: bool, variant: str,
                                                 tmp_path: Path) -> None:
    """GIVEN an appeal asking "Expedited review? Y N" with one answer ringed WHEN read THEN
    the ringed answer is the value, however short its word."""
    pdf = _form("Appeal Request", "Expedited review?", options, ringed)
    analysis = _read(pdf, f"ring-{'-'.join(options)}-{ringed}", variant, tmp_path)
    assert analysis.form_type == "appeal_request"
    found = analysis.fields.get("expedited")
    assert found is not None and found.value is want, found


def test_a_ring_round_a_word_that_is_no_option_is_no_answer(tmp_path: Path) -> None:
    """GIVEN "Urgency: Standard  Today" with "Today" ringed (an answer the form's options do
    not know) WHEN read THEN the urgency is not taken as "standard" from the unringed word."""
    pdf = _form("Appeal Request", "Urgency:", ("Standard", "Today"), 1)
    analysis = _read(pdf, "ring-unknown", "born_digital", tmp_path)
    found = analysis.fields.get("urgency")
    assert found is None or found.value != "standard", found


@pytest.mark.parametrize(("read", "option"), [
    ("MNo", "No"), ("MWYes", "Yes"), ("MvYes", "Yes"), ("K]Yes", "Yes"), ("MY", "Y"),
    ("UN", "N"), ("Msi", "si"), ("Ono", "no"), ("MEmergent", "Emergent"),
])
def test_a_box_ocr_glued_to_its_option_is_cut_off(read: str, option: str) -> None:
    """GIVEN an option word OCR read together with the box before it WHEN looked at THEN the
    option's own word is found where the box's letters end."""
    assert option in [read[cut:] for cut in glued_box_cuts(read)]


@pytest.mark.parametrize("word", ["Urgent", "Other", "Medical", "Member", "Yes", "No",
                                  "Marie", "Dr", "Mother", "Wheelchair"])
def test_an_ordinary_word_is_no_box_and_word(word: str) -> None:
    """GIVEN words a form prints WHEN looked at THEN none is taken for a box glued to a
    shorter word (a cut is only a candidate, kept when what is left is an option)."""
    assert glued_box_cuts(word) == []
