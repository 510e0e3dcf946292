"""Whose a bare label is ("Phone:", "Name:") when no heading says: the label just above it."""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

from reportlab.lib.pagesizes import letter
from reportlab.pdfgen.canvas import Canvas

from casework.forms.analysis import analyze
from casework.forms.labels import find_labels
from casework.forms.neighbours import neighbour_owners
from casework.forms.page_layout import build_layout, join
from casework.forms.wording import wording_for
from ocr import DocumentReading, ReadSettings, read_document
from tests.support.rules import BUNDLED_RULES

NOW = datetime(2026, 11, 23, 12, 0)


def _read(tmp_path: Path, lines: list[tuple[float, float, str]]) -> DocumentReading:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=letter)
    canvas.setFont("Helvetica", 11)
    for x, y, line in lines:
        canvas.drawString(x, y, line)
    canvas.save()
    path = tmp_path / "form.pdf"
    path.write_bytes(buffer.getvalue())
    return read_document(path, ReadSettings())


def _column(x: float, lines: list[str], top: float = 690) -> list[tuple[float, float, str]]:
    return [(x, top - 24 * i, line) for i, line in enumerate(lines)]


def test_a_bare_phone_under_the_provider_s_labels_is_the_provider_s(tmp_path: Path) -> None:
    """GIVEN a request whose member part has no phone and whose provider part ends with a bare
    "Phone:" THEN that phone is the provider's, not the member's (who comes first on the
    form), and it is not trusted without a look: its label says only what kind it is."""
    reading = _read(tmp_path, [(72, 730, "Prior Authorization Request"), *_column(72, [
        "Member Name: Tran Lopez", "Member ID: 91234567A", "Date of Birth: 04/12/1961",
        "Requesting Provider: Valley Family Medicine", "Provider NPI: 1234567893",
        "Phone: (559) 555-0100", "Diagnosis Codes: M17.11", "Procedure Codes: 97110"])])
    analysis = analyze(reading, NOW, BUNDLED_RULES)
    assert analysis.form_type == "prior_auth_request"
    assert analysis.fields["requesting_provider_phone"].value == "5595550100"
    assert "member_phone" not in analysis.fields
    assert analysis.fields["requesting_provider_phone"].needs_review


def test_each_column_s_bare_phone_is_its_own_column_s(tmp_path: Path) -> None:
    """GIVEN the provider's details on the left and the member's on the right, each ending
    with a bare "Phone:" on the same line, THEN each phone is its own column's owner's,
    whatever order the form's fields come in."""
    reading = _read(tmp_path, [
        (72, 730, "Prior Authorization Request"),
        *_column(72, ["Requesting Provider: Valley Family Medicine", "Provider NPI: 1234567893",
                      "Phone: (559) 555-0100", "Diagnosis Codes: M17.11"]),
        *_column(330, ["Member Name: Tran Lopez", "Member ID: 91234567A",
                       "Phone: (559) 555-0177", "Procedure Codes: 97110"])])
    analysis = analyze(reading, NOW, BUNDLED_RULES)
    assert analysis.fields["requesting_provider_phone"].value == "5595550100"
    assert analysis.fields["member_phone"].value == "5595550177"


def test_a_label_nobody_knows_between_leaves_the_owner_unknown(tmp_path: Path) -> None:
    """GIVEN "Member ID", then a label no form has, then a bare "Fax:" THEN the fax is not
    taken for the member's: whose it is, only the unknown label could say."""
    reading = _read(tmp_path, _column(72, ["Member ID: 91234567A", "Shoe Size: 9",
                                           "Fax: (559) 555-0199", "Phone: (559) 555-0177"]))
    layout = build_layout(reading.pages[0])
    wording = wording_for(BUNDLED_RULES)
    fields = BUNDLED_RULES.schemas["prior_auth_request"].fields
    owners = neighbour_owners(layout, find_labels(layout, fields, wording), wording, {})
    by_text = {join(row.words): owners.get(row.index) for row in layout.rows}
    assert by_text["Fax: (559) 555-0199"] is None
    assert by_text["Shoe Size: 9"] == "member"  # unknown labels take no field of their own
