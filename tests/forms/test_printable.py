"""Printable blank forms: every form in both languages, read back as a provider's office and
intake see them (the words on the page, the QR code on a clean page and on a fax)."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pdfplumber
import pypdfium2
import pytest

from casework.forms.form_code import FormCode
from casework.forms.print_layout import MARGIN, OPTION_SPACE, PAGE_WIDTH, _option_width
from casework.forms.print_wording import forms_root, printed_form, printed_form_types
from casework.forms.printable import (
    blank_form_path,
    form_layout,
    render_form,
    render_layout,
    write_blank_forms,
)
from casework.plan.rule_files import RuleFileError
from casework.plan.rulebook import Rulebook, load_rulebook
from casework.settings import PlanDetails
from ocr.barcodes import read_qr_payloads
from tests.forms.filled_printable import standard_fax_pages
from tests.support.rules import BUNDLED_RULES

PRINTED = ("prior_auth_request", "grievance_form", "appeal_request", "nemt_request",
           "care_coordination_referral", "fax_cover")
ALL = [(form_type, language) for form_type in PRINTED for language in ("en", "es")]
EVERY_SCHEMA = [(t, lang) for t in sorted(BUNDLED_RULES.schemas) for lang in ("en", "es")]


def _text(pdf: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return [" ".join((page.extract_text() or "").split()) for page in document.pages]


def _png(image: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")  # type: ignore[attr-defined]
    return buffer.getvalue()


def _born_digital_pages(pdf: bytes, dpi: int = 200) -> list[bytes]:
    document = pypdfium2.PdfDocument(pdf)
    try:
        return [_png(page.render(scale=dpi / 72, grayscale=True).to_pil()) for page in document]
    finally:
        document.close()


def test_the_plan_prints_every_form_a_provider_or_member_sends_us_and_a_cover() -> None:
    assert tuple(printed_form_types(BUNDLED_RULES)) == PRINTED
    schemas = BUNDLED_RULES.schemas
    assert [t for t in PRINTED if schemas[t].cover] == ["fax_cover"]
    assert "sfh_notice" not in PRINTED  # the State sends it; nobody fills it in for us


@pytest.mark.parametrize(("form_type", "language"), EVERY_SCHEMA)
def test_every_label_and_the_title_are_printed_in_the_forms_language(
        form_type: str, language: str) -> None:
    pdf = render_form(form_type, language, BUNDLED_RULES)
    text = " ".join(_text(pdf))
    form = printed_form(form_type, language, BUNDLED_RULES)
    other = printed_form(form_type, "es" if language == "en" else "en", BUNDLED_RULES)
    assert form.title in text
    for field, translated in zip(form.fields, other.fields, strict=True):
        assert field.label in text, field.name
        if translated.label != field.label and translated.label not in field.label:
            assert not re.search(rf"\b{re.escape(translated.label)}\b", text), (
                f"{field.name} printed in the other language")
        for _, word in field.options:
            assert word in text, f"{field.name}: option {word}"


def test_the_spanish_form_speaks_spanish_around_the_fields() -> None:
    text = _text(render_form("grievance_form", "es", BUNDLED_RULES,
                             PlanDetails(fax="1-800-555-0123")))[0]
    assert "Formulario de Queja" in text
    assert "Envíe el formulario completo por fax a Example Health Plan al 1-800-555-0123" in text
    assert "Página 1 de 1" in text
    assert "Sí" in text and "Yes" not in text and "Please" not in text  # leak-check: not a label (instructions)


def test_the_cover_sheet_is_addressed_to_the_plan_and_says_it_is_confidential() -> None:
    plan = PlanDetails(name="Valley Health Plan", fax="1-916-555-0142")
    english = _text(render_form("fax_cover", "en", BUNDLED_RULES, plan))[0]
    assert "Fax Cover Sheet" in english and "To Valley Health Plan, fax 1-916-555-0142" in english
    assert "Confidential" in english and "tick one box" not in english
    spanish = _text(render_form("fax_cover", "es", BUNDLED_RULES, plan))[0]
    assert "Hoja de Fax" in spanish and "Para Valley Health Plan, fax 1-916-555-0142" in spanish
    assert "Confidencial" in spanish and "Comentarios" in spanish


def test_the_return_fax_line_is_the_plans_own() -> None:
    plan = PlanDetails(name="Valley Health Plan", fax="1-916-555-0142", tty="711",
                       member_services_phone="1-916-555-0100")
    text = _text(render_form("prior_auth_request", "en", BUNDLED_RULES, plan))[0]
    assert "Fax the completed form to Valley Health Plan at 1-916-555-0142" in text
    assert "Questions? Call 1-916-555-0100 (TTY 711)" in text
    assert "Page 1 of 1" in text


def test_boxes_are_wide_enough_to_write_in_and_stay_on_the_page() -> None:
    for form_type, language in ALL:
        for page in form_layout(form_type, language, BUNDLED_RULES).pages:
            for placed in page.fields:
                box = placed.box
                assert box.x >= 36 and box.x + box.width <= 612 - 36, placed.field.name
                assert box.y >= 60, f"{form_type}.{language} {placed.field.name} off the page"
                if not placed.options:
                    least = 60 if placed.field.type == "integer" else 100  # "Units: 12"
                    assert box.width >= least and box.height >= 24, placed.field.name
                for option in placed.options:
                    assert option.box.x + 80 < 612, f"{placed.field.name}: {option.word}"


@pytest.mark.parametrize(("form_type", "language"), ALL)
def test_the_qr_code_names_the_form_on_a_clean_page_and_on_a_standard_fax(
        form_type: str, language: str) -> None:
    pdf = render_form(form_type, language, BUNDLED_RULES)
    version = printed_form(form_type, language, BUNDLED_RULES).version
    expected = FormCode(form_type, version, language, 1).payload()
    assert read_qr_payloads(_born_digital_pages(pdf)[0]) == [expected]
    faxed = standard_fax_pages(pdf, degrees=1.5)[0]
    assert faxed.mode == "1"
    assert read_qr_payloads(_png(faxed)) == [expected]
    tilted = standard_fax_pages(pdf, degrees=-1.5)[0]
    assert read_qr_payloads(_png(tilted)) == [expected]


def test_a_form_too_long_for_one_page_goes_on_and_each_page_has_its_code(
        tmp_path: Path) -> None:
    folder = _copy_of_the_rule_files(tmp_path)
    wording = folder / "printing" / "wording.yaml"
    wording.write_text(wording.read_text("utf-8").replace(
        "lines: {preferred_language: 1, description: 6, desired_resolution: 3}",
        "lines: {preferred_language: 1, description: 16, desired_resolution: 12}"), "utf-8")
    layout = form_layout("grievance_form", "en", _rules(folder))
    assert len(layout.pages) == 2
    pdf = render_layout(layout)
    pages = _text(pdf)
    assert "Page 1 of 2" in pages[0] and "Page 2 of 2" in pages[1]
    assert "Grievance Form (continued)" in pages[1]
    assert "Please print clearly" not in pages[1]  # leak-check: not a label (instructions)
    codes = [read_qr_payloads(png) for png in _born_digital_pages(pdf)]
    assert codes == [["IWF1|grievance_form|v1|en|p1"], ["IWF1|grievance_form|v1|en|p2"]]


def _copy_of_the_rule_files(tmp_path: Path) -> Path:
    """A site rules folder under `tmp_path` with a copy of every form rule file; its
    `forms` folder is returned, to edit."""
    folder = tmp_path / "forms"
    shutil.copytree(Path(str(forms_root())), folder, ignore=shutil.ignore_patterns("pdf"))
    return folder


def _rules(forms_folder: Path) -> Rulebook:
    """The rules with the (edited) copy in `forms_folder` laid over the bundled ones."""
    return load_rulebook(forms_folder.parent)


def test_a_missing_spanish_label_stops_the_printing_and_names_the_field(
        tmp_path: Path) -> None:
    folder = _copy_of_the_rule_files(tmp_path)
    appeal = folder / "appeal_request.yaml"
    appeal.write_text(re.sub(r"    labels_es: \[Servicio Negado[^\]]*\]\n", "",
                             appeal.read_text("utf-8")), "utf-8")
    assert printed_form("appeal_request", "en",
                        _rules(folder)).fields[5].label == "Denied Service"
    with pytest.raises(RuleFileError, match="'denied_service' has no Spanish label"):
        printed_form("appeal_request", "es", _rules(folder))


def test_a_missing_spanish_option_word_stops_the_printing_and_names_the_field(
        tmp_path: Path) -> None:
    folder = _copy_of_the_rule_files(tmp_path)
    wording = folder / "printing" / "wording.yaml"
    text = wording.read_text("utf-8")
    wording.write_text(text.replace("cbas: Centro de Día,", ""), "utf-8")
    with pytest.raises(RuleFileError, match="'cbas' of the field 'program' has no Spanish"):
        printed_form("care_coordination_referral", "es", _rules(folder))
    wording.write_text(text.replace("cbas: Centro de Día,", "cbas: Guardería,"), "utf-8")
    with pytest.raises(RuleFileError, match="intake would not read the tick"):
        printed_form("care_coordination_referral", "es", _rules(folder))


def test_the_forms_shipped_with_the_program_are_the_ones_the_rules_print(
        tmp_path: Path) -> None:
    written = write_blank_forms(tmp_path, BUNDLED_RULES)
    assert len(written) == 2 * len(PRINTED)
    shipped = Path(str(forms_root() / "pdf"))
    for form in written:
        assert form.path == blank_form_path(tmp_path, form.form_type, form.language)
        committed = blank_form_path(shipped, form.form_type, form.language)
        assert committed.read_bytes() == form.path.read_bytes(), (
            f"{committed.name} is out of date: run 'python main.py forms print'")  # leak-check: not a label (the command)


def test_a_bad_rule_leaves_the_printed_forms_as_they_were(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_blank_forms(out, BUNDLED_RULES, ("en",))
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    folder = _copy_of_the_rule_files(tmp_path)
    common = folder / "common.yaml"
    common.write_text(re.sub(r"  labels_es: \[Fecha de Firma[^\]]*\]\n", "",
                             common.read_text("utf-8")), "utf-8")
    with pytest.raises(RuleFileError, match="'signature_date' has no Spanish label"):
        write_blank_forms(out, _rules(folder))
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_a_placeholder_the_program_cannot_fill_is_refused_naming_the_line(
        tmp_path: Path) -> None:
    folder = _copy_of_the_rule_files(tmp_path)
    wording = folder / "printing" / "wording.yaml"
    wording.write_text(wording.read_text("utf-8").replace(
        "at {fax}", "at {fax_number}"), "utf-8")
    with pytest.raises(RuleFileError, match=r"wording.yaml, line \d+: 'return_fax' has a "
                                            r"placeholder that cannot be filled in"):
        printed_form("grievance_form", "en", _rules(folder))


@pytest.mark.parametrize(("form_type", "language"), ALL)
def test_every_option_is_printed_inside_its_box_on_the_page(form_type: str,
                                                             language: str) -> None:
    """A row of choices too long for one line goes on to the next, never off the page."""
    for page in form_layout(form_type, language, BUNDLED_RULES).pages:
        for placed in page.fields:
            for option in placed.options:
                right = option.box.x + _option_width(option.word) - OPTION_SPACE
                assert placed.box.x <= option.box.x and right <= PAGE_WIDTH - MARGIN, (
                    form_type, language, option.word)
                assert placed.box.y <= option.box.y < placed.box.top
