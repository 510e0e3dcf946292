"""Each form type in each layout, born-digital, scanned and faxed, extracted above a floor.

The floors sit a little under the product's targets (98% born-digital and scan, 95% fine
fax, 90% standard fax). OCR'd variants are a handful of pages, since OCR is slow; the full
sweep on independent layouts and wordings is bench/reading_accuracy.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.forms.conftest import check
from tests.forms.generator.corpus import FORM_TYPES, make_form
from tests.forms.generator.layouts import LAYOUTS


@pytest.mark.parametrize("form_type", FORM_TYPES)
def test_born_digital_forms_in_every_layout(form_type: str, tmp_path: Path) -> None:
    matched = total = 0
    for layout in LAYOUTS:
        result = check(make_form(form_type, layout, seed=11), "born_digital", tmp_path)
        assert result.analysis.form_type == form_type, layout
        assert result.analysis.confidence > 0.5
        matched += result.matched
        total += len(result.form.truth["fields"])
        assert result.rate >= 0.9, (layout, result.wrong)
    assert matched / total >= 0.96


@pytest.mark.parametrize(("form_type", "layout", "variant", "floor"), [
    ("prior_auth_request", "boxes", "scan", 0.95),
    ("nemt_request", "inline", "fax_fine", 0.9),
    ("grievance_form", "two_column", "fax_standard", 0.85),
])
def test_scanned_and_faxed_forms(form_type: str, layout: str, variant: str, floor: float,
                                 tmp_path: Path) -> None:
    result = check(make_form(form_type, layout, seed=3), variant, tmp_path)
    assert result.analysis.form_type == form_type
    assert result.rate >= floor, result.wrong
    fields = result.analysis.fields
    assert all(f.page == 1 and f.box is not None for f in fields.values())


@pytest.mark.slow
@pytest.mark.parametrize("variant", ["scan", "fax_fine", "fax_standard"])
def test_every_form_type_scanned_and_faxed(variant: str, tmp_path: Path) -> None:
    floors = {"scan": 0.96, "fax_fine": 0.93, "fax_standard": 0.87}
    matched = total = 0
    for index, form_type in enumerate(FORM_TYPES):
        layout = LAYOUTS[index % len(LAYOUTS)]
        result = check(make_form(form_type, layout, seed=5), variant, tmp_path)
        assert result.analysis.form_type == form_type
        matched += result.matched
        total += len(result.form.truth["fields"])
    assert matched / total >= floors[variant]
