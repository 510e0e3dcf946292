"""A label naming one end of a range is never the other end's, however alike the rest is."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen.canvas import Canvas

from casework.forms.labels import find_labels
from casework.forms.page_layout import build_layout
from casework.forms.wording import wording_for
from casework.plan.vocabulary import load_vocabulary, parse_vocabulary
from ocr import ReadSettings, read_document
from tests.support.rules import BUNDLED_RULES


def _hits(tmp_path: Path, line: str, start: tuple[str, ...], end: tuple[str, ...],
          form: str = "prior_auth_request",
          names: tuple[str, str] = ("service_start_date", "service_end_date")) -> set[str]:
    """The fields a page's one printed label is found for, with the two ends worded so."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=letter)
    canvas.setFont("Helvetica", 11)
    canvas.drawString(72, 700, line)
    canvas.save()
    path = tmp_path / "range.pdf"
    path.write_bytes(buffer.getvalue())
    layout = build_layout(read_document(path, ReadSettings()).pages[0])
    schema = BUNDLED_RULES.schemas[form]
    fields = (replace(schema.field(names[0]), labels=start),
              replace(schema.field(names[1]), labels=end))
    return {h.field for h in find_labels(layout, fields, wording_for(BUNDLED_RULES))}


@pytest.mark.parametrize("line", ["Service End Date: 04/22/2027", "Hasta: 04/22/2027"])
def test_the_end_of_a_range_is_never_read_as_its_start(tmp_path: Path, line: str) -> None:
    """GIVEN a start date worded "Service Date" and "Start Date", and an end date worded only
    "Date of Service To", THEN "Service End Date" (a "Service Date" and one word more) is not
    the start date's label, nor is the Spanish "Hasta" (until)."""
    assert "service_start_date" not in _hits(tmp_path, line, ("Service Date", "Start Date"),
                                             ("Date of Service To",))


def test_the_start_of_a_range_still_finds_its_own_field(tmp_path: Path) -> None:
    assert _hits(tmp_path, "Desde: 02/03/2027", ("Service Date", "Start Date", "From"),
                 ("Date of Service To",)) == {"service_start_date"}


def test_a_word_run_on_before_a_label_qualifies_it(tmp_path: Path) -> None:
    """GIVEN a pickup worded "Pickup Address" and a destination worded "To Address" THEN
    "From Address:" is not the destination's, though its "Address:" alone could be."""
    trip = ("nemt_request", ("pickup_address", "destination_address"))
    assert _hits(tmp_path, "From Address: 3865 Blackstone Ave", ("Pickup Address",),
                 ("To Address",), *trip) == set()
    assert _hits(tmp_path, "Dropoff Address: 3246 Olive Ave", ("Pickup Address",),
                 ("To Address",), *trip) == {"destination_address"}


def test_opposites_go_both_ways() -> None:
    vocabulary = parse_vocabulary("opposites:\n  start: [end]\n", "test")
    assert vocabulary.opposites == {"start": frozenset({"end"}), "end": frozenset({"start"})}
    assert load_vocabulary().opposites["end"] >= {"start", "from"}
