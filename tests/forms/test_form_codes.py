"""The QR code on our printed forms: its payload, reading it off a page, and what it decides
(and does not decide) when a document is classified."""

from __future__ import annotations

import io
import logging
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.pdfgen.canvas import Canvas

from casework.forms.analysis import analyze
from casework.forms.classification import Classification, classify
from casework.forms.form_code import FormCode, MalformedFormCode, is_ours, parse_form_code
from casework.forms.print_layout import PAGE_HEIGHT, PAGE_WIDTH, QR_SIZE
from casework.forms.printable import draw_page, form_layout, new_canvas
from casework.settings import PlanDetails
from ocr import ReadSettings, read_document
from ocr.barcodes import read_qr_payloads
from tests.support.rules import BUNDLED_RULES

NOW = datetime(2026, 11, 23, 12, 0)
GRIEVANCE = {"member_name": "Jose Ramirez", "member_id": "98765432B",
             "description": "The pharmacy refused my refill."}


@given(form_type=st.from_regex(r"[a-z][a-z0-9_]{0,40}", fullmatch=True),
       version=st.integers(1, 999), language=st.sampled_from(["en", "es"]),
       page=st.integers(1, 999))
def test_a_form_code_reads_back_as_written(form_type: str, version: int, language: str,
                                           page: int) -> None:
    code = FormCode(form_type, version, language, page)
    assert is_ours(code.payload())
    assert parse_form_code(code.payload()) == code


def test_the_payload_is_the_documented_one() -> None:
    assert FormCode("prior_auth_request", 1, "es", 1).payload() == (
        "IWF1|prior_auth_request|v1|es|p1")


@pytest.mark.parametrize("payload", [
    "IWF1|prior_auth_request|v1|fr|p1", "IWF1|prior_auth_request|1|en|p1",
    "IWF1|prior_auth_request|v1|en", "IWF1|Prior Auth|v1|en|p1", "IWF1|x|v1|en|p0",
    "IWF1|prior_auth_request|v1|en|p1|extra", "IWF2|prior_auth_request|v1|en|p1",
])
def test_a_malformed_code_is_refused_with_a_reason(payload: str) -> None:
    with pytest.raises(MalformedFormCode):
        parse_form_code(payload)


def test_other_programs_codes_are_not_ours() -> None:
    assert not is_ours("https://example.org/provider")
    assert not is_ours("IWF1prior_auth_request")


def test_no_image_or_a_broken_one_has_no_codes(caplog: pytest.LogCaptureFixture) -> None:
    assert read_qr_payloads(b"") == []
    with caplog.at_level(logging.WARNING):
        assert read_qr_payloads(b"\x89PNG not really") == []
    assert "could not be opened" in caplog.text


def _qr(canvas: Canvas, payload: str, x: float, y: float, size: float = QR_SIZE) -> None:
    widget = QrCodeWidget(payload, barLevel="M", barBorder=2)
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.add(widget)
    renderPDF.draw(drawing, canvas, x, y)


def _hide_our_code(canvas: Canvas) -> None:
    canvas.setFillColorRGB(1, 1, 1)
    canvas.rect(PAGE_WIDTH - 150, PAGE_HEIGHT - 140, 150, 140, stroke=0, fill=1)
    canvas.setFillColorRGB(0, 0, 0)


def _grievance_pdf(path: Path, *, replace_code: str | None = None, cover_first: str | None = None,
                   extra_code: str | None = None) -> Path:
    """A born-digital grievance form, typed in; its QR code replaced, or a fax cover sheet
    carrying a QR code before it."""
    layout = form_layout("grievance_form", "en", BUNDLED_RULES)
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, layout.form)
    if cover_first is not None:
        canvas.setFont("Helvetica-Bold", 26)
        canvas.drawString(54, 700, "FAX COVER SHEET")
        canvas.setFont("Helvetica", 12)
        for i, line in enumerate(["To: Grievances", "From: Jose Ramirez", "Fax: 559-555-0101",
                                  "Pages: 2"]):
            canvas.drawString(54, 640 - 26 * i, line)
        _qr(canvas, cover_first, PAGE_WIDTH - 140, PAGE_HEIGHT - 140)
        canvas.showPage()
    page = layout.pages[0]
    draw_page(canvas, layout, page, PlanDetails())
    canvas.setFont("Helvetica", 11.5)
    for placed in page.fields:
        if placed.field.name in GRIEVANCE:
            canvas.drawString(placed.box.x + 6, placed.line_baselines()[0],
                              GRIEVANCE[placed.field.name])
    if replace_code is not None:
        _hide_our_code(canvas)
        _qr(canvas, replace_code, PAGE_WIDTH - 120, PAGE_HEIGHT - 120)
    if extra_code is not None:
        _qr(canvas, extra_code, 440, 40, 54)
    canvas.showPage()
    canvas.save()
    path.write_bytes(buffer.getvalue())
    return path


def _classified(path: Path) -> Classification:
    return classify(read_document(path, ReadSettings()), BUNDLED_RULES)


def test_our_code_decides_the_type_with_full_confidence(tmp_path: Path) -> None:
    path = _grievance_pdf(tmp_path / "g.pdf")
    assert _classified(path).form_code == FormCode("grievance_form", 1, "en", 1)
    analysis = analyze(read_document(path, ReadSettings()), NOW, BUNDLED_RULES)
    assert (analysis.form_type, analysis.confidence) == ("grievance_form", 1.0)
    assert analysis.fields["member_id"].value == "98765432B"
    assert analysis.to_json()["form"] == {"type": "grievance_form", "confidence": 1.0}


def test_our_code_wins_over_what_the_words_say(tmp_path: Path) -> None:
    """GIVEN a grievance form's words under an appeal form's QR code (a form printed from
    our appeal file, then overwritten), THEN the code decides: it is what we printed."""
    path = _grievance_pdf(tmp_path / "g.pdf", replace_code="IWF1|appeal_request|v1|es|p1")
    analysis = analyze(read_document(path, ReadSettings()), NOW, BUNDLED_RULES)
    assert (analysis.form_type, analysis.confidence) == ("appeal_request", 1.0)
    assert "grievance_form" in [g.form_type for g in analysis.guesses]


@pytest.mark.parametrize(("payload", "logged"), [
    ("IWF1|no_such_form|v1|en|p1", "unknown form type 'no_such_form'"),
    ("IWF1|grievance_form|v1|fr|p1", "cannot be read"),
])
def test_a_bad_code_of_ours_is_logged_and_the_words_decide(
        tmp_path: Path, caplog: pytest.LogCaptureFixture, payload: str, logged: str) -> None:
    path = _grievance_pdf(tmp_path / "g.pdf", replace_code=payload)
    with caplog.at_level(logging.WARNING, logger="casework.forms.classification"):
        found = _classified(path)
    assert (found.form_type, found.form_code) == ("grievance_form", None)
    assert logged in caplog.text


def test_another_programs_qr_code_is_passed_over_quietly(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = _grievance_pdf(tmp_path / "g.pdf", replace_code="https://example.org/pharmacy")
    with caplog.at_level(logging.DEBUG):
        found = _classified(path)
    assert (found.form_type, found.form_code) == ("grievance_form", None)
    assert "example.org" not in caplog.text


def test_a_code_on_a_fax_cover_sheet_does_not_decide(tmp_path: Path) -> None:
    """GIVEN a fax cover sheet carrying an appeal form's code, then a grievance form whose own
    code is gone, THEN the cover is a cover and the grievance's words decide."""
    path = _grievance_pdf(tmp_path / "g.pdf", cover_first="IWF1|appeal_request|v1|en|p1",
                          replace_code="https://example.org")
    found = _classified(path)
    assert found.cover_pages == (1,)
    assert (found.form_type, found.form_code) == ("grievance_form", None)


def test_with_two_codes_on_a_page_ours_is_found(tmp_path: Path) -> None:
    path = _grievance_pdf(tmp_path / "g.pdf", extra_code="https://example.org/survey")
    found = _classified(path)
    assert found.form_code == FormCode("grievance_form", 1, "en", 1)


def test_our_own_cover_sheet_is_a_cover_and_the_form_behind_it_decides(tmp_path: Path) -> None:
    cover = form_layout("fax_cover", "en", BUNDLED_RULES)
    form = form_layout("prior_auth_request", "en", BUNDLED_RULES)
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, cover.form)
    for layout in (cover, form):
        draw_page(canvas, layout, layout.pages[0], PlanDetails())
        canvas.showPage()
    canvas.save()
    path = tmp_path / "covered.pdf"
    path.write_bytes(buffer.getvalue())
    found = _classified(path)
    assert found.cover_pages == (1,)
    assert found.form_code == FormCode("prior_auth_request", 1, "en", 1)
    assert (found.form_type, found.confidence) == ("prior_auth_request", 1.0)
