"""Choices printed as tick boxes with no caption: the option words say whose they are.

The forms (tests/forms/choice_forms.py) print an urgency as "Routine / Standard  Urgent /
Expedited", levels of transport in a row or a column, a grievance's or an appeal's single
"expedited review" box, and Yes/No boxes after a question in the form's own words. Read
born-digital, as 300-dpi scans and as fine and standard faxes, the ticked box gives the
value; a row left unticked gives none (the field stays missing, never "standard").
"""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest

from casework.forms.analysis import FormAnalysis, analyze
from casework.intake.service import ingest_files
from casework.settings import Settings
from casework.workspace import Workspace
from ocr import ReadSettings, read_document
from tests.forms.choice_forms import KINDS, ChoiceForm, choice_form
from tests.forms.conftest import NOW
from tests.forms.generator.corpus import GeneratedForm, write_variant
from tests.intake.prior_auth_sample import RECEIVED
from tests.support.rules import BUNDLED_RULES


def _read(form: ChoiceForm, variant: str, folder: Path) -> FormAnalysis:
    path = write_variant(GeneratedForm(form.name, form.pdf, {}), variant, folder)
    analysis = analyze(read_document(path, ReadSettings()), NOW, BUNDLED_RULES)
    assert analysis.form_type == form.form_type
    return analysis


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_box_of_a_born_digital_form(kind: str, tmp_path: Path) -> None:
    """GIVEN each box of the choice ticked in turn, then none WHEN the PDF is read THEN the
    ticked box's option is the value, read from the box's own words; none ticked, none."""
    options = KINDS[kind].options
    for ticked in range(len(options)):
        form = choice_form(kind, ticked, seed=1)
        found = _read(form, "born_digital", tmp_path).fields.get(form.field)
        if form.want is None:  # a box that is none of the field's options
            assert found is None, (ticked, found)
            continue
        assert found is not None and found.value == form.want, (ticked, found)
        assert found.box is not None and found.page == 1
        # Found by its option words alone, never surer than the tick and its words.
        assert found.evidence is not None and found.evidence.label == "unlisted"
        assert found.evidence.relation == "tick" and 0.5 <= found.evidence.read <= 0.9
        assert KINDS[kind].options[ticked][0].split()[-1].strip("()?") in found.raw
    form = choice_form(kind, None, seed=1)
    found = _read(form, "born_digital", tmp_path).fields.get(form.field)
    if len(options) == 1:  # a lone box before its question, left empty, may say "no"
        assert found is None or found.value is False, found
    else:
        assert found is None, found


# One ticked box per kind and variant (a different one each time) and the row unticked.
OCR_CASES = [
    ("pa_urgency", 1), ("nemt_mode", 2), ("nemt_stacked", 0), ("grievance_box", 0),
    ("appeal_box", 0), ("grievance_question", 1), ("nemt_question", 0),
]


@pytest.mark.parametrize("variant", ["scan", "fax_fine", "fax_standard"])
@pytest.mark.parametrize(("kind", "ticked"), OCR_CASES)
def test_scanned_and_faxed(kind: str, ticked: int, variant: str, tmp_path: Path) -> None:
    form = choice_form(kind, ticked, seed=2)
    found = _read(form, variant, tmp_path).fields.get(form.field)
    assert found is not None and found.value == form.want, found
    assert found.evidence is not None and found.evidence.read <= 0.9


@pytest.mark.parametrize("variant", ["scan", "fax_fine", "fax_standard"])
@pytest.mark.parametrize("kind", ["pa_urgency", "grievance_box", "grievance_question"])
def test_an_unticked_row_reports_nothing(kind: str, variant: str, tmp_path: Path) -> None:
    """A row of options with none ticked answers nothing; a lone box printed before its own
    question ("☐ This is urgent (expedited review)") left empty may answer "no"."""
    form = choice_form(kind, None, seed=2)
    found = _read(form, variant, tmp_path).fields.get(form.field)
    if len(KINDS[kind].options) == 1:
        assert found is None or found.value is False, found
    else:
        assert found is None, found


def test_a_tick_on_a_level_the_form_does_not_know_reports_nothing(tmp_path: Path) -> None:
    """GIVEN "☐ Wheelchair van ☒ Ambulatory ☐ Gurney ☐ Litter van" (ambulatory is no level
    of transport the plan's form lists) WHEN read THEN the level is left for the clerk, not
    taken from a neighbouring box."""
    form = choice_form("nemt_mode", 1, seed=3)
    assert form.want is None
    for variant in ("born_digital", "scan"):
        assert "transport_mode" not in _read(form, variant, tmp_path).fields


def test_an_expedited_grievance_ticked_in_its_box_opens_an_expedited_case(
        workspace: Workspace, settings: Settings, tmp_path: Path) -> None:
    """GIVEN two faxed grievances, one with "☒ This is urgent (expedited review)", the other
    with the box left empty WHEN ingested THEN the first opens an expedited grievance whose
    resolution is due 72 hours after receipt, the second a standard one."""
    paths = [write_variant(GeneratedForm(f.name, f.pdf, {}), "fax_fine", tmp_path)
             for f in (choice_form("grievance_box", 0, seed=4, mark="x"),
                       choice_form("grievance_box", None, seed=4, mark="x"))]
    urgent, standard = (json.loads(r.to_json()) for r in
                        ingest_files(workspace, settings, paths, RECEIVED))
    assert urgent["fields"]["expedited"]["value"] is True
    case = urgent["case"]
    assert (case["type"], case["queue"], case["priority"]) == (
        "grievance", "grievance_expedited", "expedited")
    assert case["due"]["resolve"] == (RECEIVED + timedelta(hours=72)).isoformat()
    assert "expedited" not in standard["fields"]
    assert (standard["case"]["queue"], standard["case"]["priority"]) == ("grievance",
                                                                         "standard")
