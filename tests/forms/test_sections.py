"""Whose fields the sub-labels under a numbered heading name, and where the section ends."""

from __future__ import annotations

import io
from pathlib import Path

from reportlab.lib.pagesizes import letter
from reportlab.pdfgen.canvas import Canvas

from casework.forms.page_layout import build_layout, join
from casework.forms.sections import section_owners
from casework.forms.wording import wording_for
from ocr import ReadSettings, read_document
from tests.support.rules import BUNDLED_RULES


def test_a_numbered_line_with_its_own_label_ends_the_heading_s_section(tmp_path: Path) -> None:
    """GIVEN "1. Patient Information" over "Name:" and then "2. Notice of Action Number:",
    WHEN sections are found, THEN "Name" is the member's and the notice's number is nobody's
    (it is not the member's number)."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=letter)
    canvas.setFont("Helvetica", 11)
    for y, line in ((720, "1. Patient Information"), (696, "Name: Tran Lopez"),
                    (672, "2. Notice of Action Number: PA-2026-662711"),
                    (648, "Phone: (601) 579-8045")):
        canvas.drawString(72, y, line)
    canvas.save()
    path = tmp_path / "sections.pdf"
    path.write_bytes(buffer.getvalue())
    layout = build_layout(read_document(path, ReadSettings()).pages[0])
    owners = section_owners(layout, wording_for(BUNDLED_RULES))
    by_text = {join(row.words): owners.get(row.index) for row in layout.rows}
    assert by_text["Name: Tran Lopez"] == "member"
    assert by_text["2. Notice of Action Number: PA-2026-662711"] is None
    assert by_text["Phone: (601) 579-8045"] is None
