"""A letter that cannot be right is refused, with words that say where and why."""

from __future__ import annotations

import shutil
from dataclasses import replace
from importlib.resources import files
from pathlib import Path

import pytest

from casework.errors import InvalidValue, UserError
from casework.letters import (
    LetterTemplates,
    MissingLetterValue,
    TemplateProblem,
    render_letter,
    required_fields,
)
from casework.letters.fonts import font_set
from casework.letters.markup import LetterMarkupError
from casework.letters.rendering import LetterIncomplete
from tests.letters.conftest import read_pdf
from tests.letters.samples import PLAN, letter_data


@pytest.fixture
def template_copy(tmp_path: Path) -> Path:
    """An editable copy of the shipped letter templates, as a supervisor would edit them."""
    root = tmp_path / "letters"
    shutil.copytree(Path(str(files("templates").joinpath("letters"))), root)
    return root


def test_missing_variable_names_the_file_and_line(template_copy: Path) -> None:
    path = template_copy / "pa_approval.en.html.j2"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.insert(3, "<p>Your copay is {{ data.copay_amount }}.</p>")
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(TemplateProblem) as caught:
        render_letter("pa_approval", "en", letter_data("pa_approval", "en"), PLAN,
                      templates=LetterTemplates(template_copy))
    assert caught.value.template == "pa_approval.en.html.j2"
    assert caught.value.line == 4
    assert "copay_amount" in str(caught.value)
    assert isinstance(caught.value, UserError)


def test_missing_variable_in_a_shared_part_names_the_part(template_copy: Path) -> None:
    path = template_copy / "parts" / "taglines.html.j2"
    text = path.read_text(encoding="utf-8").replace("{{ phone }}", "{{ plan.phone_number }}", 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(TemplateProblem) as caught:
        render_letter("pa_denial", "es", letter_data("pa_denial", "es"), PLAN,
                      templates=LetterTemplates(template_copy))
    assert caught.value.template == "parts/taglines.html.j2"
    assert caught.value.line == 12
    assert "Letter template parts/taglines.html.j2, line 12" in str(caught.value)


def test_syntax_error_names_the_file_and_line(template_copy: Path) -> None:
    path = template_copy / "grievance_resolution.es.html.j2"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[4] = "<p>{{ data.summary </p>"
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(TemplateProblem) as caught:
        render_letter("grievance_resolution", "es", letter_data("grievance_resolution", "es"),
                      PLAN, templates=LetterTemplates(template_copy))
    assert (caught.value.template, caught.value.line) == ("grievance_resolution.es.html.j2", 5)


def test_removing_the_dmhc_notice_from_the_layout_is_refused(template_copy: Path) -> None:
    layout = template_copy / "parts" / "layout.en.html.j2"
    text = layout.read_text(encoding="utf-8")
    layout.write_text(text.replace('{% include "parts/dmhc_notice.en.html.j2" %}', ""), encoding="utf-8")
    with pytest.raises(LetterIncomplete, match="Department of Managed Health Care notice"):
        render_letter("grievance_acknowledgement", "en",
                      letter_data("grievance_acknowledgement", "en"), PLAN,
                      templates=LetterTemplates(template_copy))


def test_an_unknown_tag_is_refused_not_printed(template_copy: Path) -> None:
    path = template_copy / "pa_approval.en.html.j2"
    path.write_text(path.read_text(encoding="utf-8").replace("<dl>", "<center>", 1), encoding="utf-8")
    with pytest.raises(LetterMarkupError, match=r"pa_approval.en.html.j2.*<center>"):
        render_letter("pa_approval", "en", letter_data("pa_approval", "en"), PLAN,
                      templates=LetterTemplates(template_copy))


def test_missing_values_are_named_before_rendering() -> None:
    data = replace(letter_data("grievance_acknowledgement", "en"), handler=None, received_date=None)
    with pytest.raises(MissingLetterValue) as caught:
        render_letter("grievance_acknowledgement", "en", data, PLAN)
    assert caught.value.missing == ("received_date", "handler.name", "handler.phone", "handler.address")
    assert "the date the request was received" in str(caught.value)
    assert "the name of the person handling the case" in str(caught.value)


def test_a_criteria_list_of_blanks_counts_as_missing() -> None:
    data = replace(letter_data("pa_denial", "en"), criteria=("", "  "), reason="None")
    with pytest.raises(MissingLetterValue) as caught:
        render_letter("pa_denial", "en", data, PLAN)
    assert set(caught.value.missing) == {"criteria", "reason"}


def test_appeal_outcome_must_be_one_the_letter_can_say() -> None:
    data = replace(letter_data("appeal_resolution", "en"), outcome="partly")
    with pytest.raises(InvalidValue, match="upheld, overturned"):
        render_letter("appeal_resolution", "en", data, PLAN)


def test_unknown_kind_and_language_are_refused() -> None:
    with pytest.raises(InvalidValue, match="pa_denial"):
        render_letter("denial", "en", letter_data("pa_denial", "en"), PLAN)
    with pytest.raises(UserError, match="en or es"):
        render_letter("pa_denial", "fr", letter_data("pa_denial", "en"), PLAN)


def test_required_fields_are_listed_per_kind() -> None:
    assert "handler.address" in required_fields("grievance_acknowledgement")
    assert "problems" in required_fields("missing_information")
    assert "trip.pickup_address" in required_fields("nemt_authorization")
    assert "case_number" in required_fields("pa_approval")


def test_accented_names_print_as_written() -> None:
    data = letter_data("appeal_acknowledgement", "es", name="Begoña Ibáñez")
    data = replace(data, handler=replace(data.handler, name="José Núñez Peña")) if data.handler else data
    text = "\n".join(read_pdf(render_letter("appeal_acknowledgement", "es", data, PLAN).pdf))
    assert "Estimado(a) Begoña Ibáñez:" in text
    assert "José Núñez Peña" in text


def test_member_text_no_font_can_print_is_refused() -> None:
    data = replace(letter_data("pa_approval", "en"), service="針灸 (acupuncture)")
    with pytest.raises(UserError, match="no installed font can print"):
        render_letter("pa_approval", "en", data, PLAN, fonts=font_set([]))


def test_taglines_without_a_font_are_left_out_and_reported() -> None:
    letter = render_letter("pa_denial", "en", letter_data("pa_denial", "en"), PLAN,
                           fonts=font_set([]))
    assert letter.omitted_taglines == ("zh", "ko", "ja")
    text = "\n".join(read_pdf(letter.pdf))
    assert "ВНИМАНИЕ!" in text and "請注意" not in text
