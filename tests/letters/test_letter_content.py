"""What a member, provider or compliance reviewer reads in each rendered letter."""

from __future__ import annotations

import io
import re

import pypdf
import pytest

from tests.letters.conftest import ReadLetter
from tests.letters.samples import KINDS, PLAN

MEMBER_KINDS = (*KINDS[:8], "nemt_confirmation")
DMHC_KINDS = {
    "extension_notice",
    "grievance_acknowledgement",
    "grievance_resolution",
    "appeal_acknowledgement",
    "appeal_resolution",
    "pa_denial",
    "pa_modification",
}
RIGHTS_KINDS = {"appeal_resolution", "pa_denial", "pa_modification"}
EVERY_LETTER = [(kind, language) for language in ("en", "es") for kind in KINDS]

# Lines of text extracted from a PDF can break anywhere; compare with spaces squeezed out.
def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize(("kind", "language"), EVERY_LETTER)
def test_every_page_names_the_case_and_member(
    rendered: dict[tuple[str, str], ReadLetter], kind: str, language: str
) -> None:
    read = rendered[kind, language]
    assert read.letter.pages == len(read.pages) >= 1
    label = "Page {} of {}" if language == "en" else "Página {} de {}"
    case_number = "GRV-2026-004217" if "grievance" in kind else "UM-2026-118305"
    for number, page in enumerate(read.pages, start=1):
        assert case_number in page, f"page {number} lacks the case number"
        assert "91234567A" in page, f"page {number} lacks the member ID"
        assert label.format(number, len(read.pages)) in page
    assert "José Núñez Peña" in read.text


@pytest.mark.parametrize(("kind", "language"), EVERY_LETTER)
def test_dates_are_written_in_the_letter_language(
    rendered: dict[tuple[str, str], ReadLetter], kind: str, language: str
) -> None:
    text = rendered[kind, language].text
    if language == "en":
        assert "November 2, 2026" in text
        assert "de noviembre de" not in text
    else:
        assert "2 de noviembre de 2026" in text
        assert "November" not in text and "October" not in text
    if kind == "missing_information":
        assert ("November 16, 2026" if language == "en" else "16 de noviembre de 2026") in text


@pytest.mark.parametrize(("kind", "language"), EVERY_LETTER)
def test_no_placeholder_or_empty_value_is_printed(
    rendered: dict[tuple[str, str], ReadLetter], kind: str, language: str
) -> None:
    text = rendered[kind, language].text
    for leftover in ("{{", "}}", "{%", "%}"):
        assert leftover not in text
    assert not re.search(r"\bnone\b", text, re.IGNORECASE)


@pytest.mark.parametrize(("kind", "language"), EVERY_LETTER)
def test_dmhc_notice_where_the_law_requires_it(
    rendered: dict[tuple[str, str], ReadLetter], kind: str, language: str
) -> None:
    text = squeeze(rendered[kind, language].text)
    has_notice = "1-888-466-2219" in text
    assert has_notice == (kind in DMHC_KINDS)
    if has_notice:
        assert "1-877-688-9891" in text and "www.dmhc.ca.gov" in text
        opening = (
            "TheCaliforniaDepartmentofManagedHealthCareisresponsibleforregulatinghealthcareserviceplans."
            if language == "en"
            else "ElDepartamentodeAtenciónMédicaAdministradadeCalifornia"
        )
        assert opening in text
        plan_phone = "telephoneyourhealthplanat1-888-555-0142" if language == "en" else "suplandesaludal1-888-555-0142"
        assert plan_phone in text


@pytest.mark.parametrize(("kind", "language"), EVERY_LETTER)
def test_rights_enclosure_where_required(
    rendered: dict[tuple[str, str], ReadLetter], kind: str, language: str
) -> None:
    text = squeeze(rendered[kind, language].text)
    if language == "en":
        markers = ("Yourrights", "withinin60days"[:0] + "within60days", "within120days", "IndependentMedicalReview")
    else:
        markers = ("Susderechos", "dentrodelos60días", "dentrodelos120días", "RevisiónMédicaIndependiente")
    appeal_60 = markers[1] in text and markers[2] in text
    assert appeal_60 == (kind in RIGHTS_KINDS)
    if kind in RIGHTS_KINDS:
        assert all(marker in text for marker in markers)


@pytest.mark.parametrize(("kind", "language"), EVERY_LETTER)
def test_member_letters_carry_taglines_and_nondiscrimination(
    rendered: dict[tuple[str, str], ReadLetter], kind: str, language: str
) -> None:
    read = rendered[kind, language]
    text = read.text
    taglines = ("ATTENTION:", "ATENCIÓN:", "CHÚ Ý:", "PAUNAWA:", "ՈՒՇԱԴՐՈՒԹՅՈՒՆ", "ВНИМАНИЕ!")
    if kind not in MEMBER_KINDS:
        assert "ATTENTION:" not in text
        return
    for tagline in taglines:
        assert tagline in text, tagline
    # Arabic and Farsi: printed as joined letters (presentation forms), one line per line.
    arabic_lines = [line for line in text.splitlines() if re.search("[\ufb50-\ufeff]", line)]
    assert len(arabic_lines) >= 4
    assert all("1-888-555-0142 (TTY: 711)" in line for line in arabic_lines if "1-888" in line)
    # Chinese and Korean need a font this computer may not have; then they are reported.
    assert ("請注意" in text) == ("zh" not in read.letter.omitted_taglines)
    assert ("유의사항" in text) == ("ko" not in read.letter.omitted_taglines)
    nondiscrimination = "Discriminationisagainstthelaw." if language == "en" else "Ladiscriminaciónesilegal."
    assert nondiscrimination in squeeze(text)


def test_spanish_letters_read_as_spanish(rendered: dict[tuple[str, str], ReadLetter]) -> None:
    denial = squeeze(rendered["pa_denial", "es"].text)
    for phrase in ("Avisodedeterminaciónadversadebeneficios:denegación", "Estimado(a)JoséNúñezPeña:", "Ustedtienederechoapedircopiasgratuitas",
                   "decidimosnoaprobar", "Atentamente,"):
        assert phrase in denial
    for english in ("Dear", "Sincerely", "Member ID", "Case number"):
        assert english not in rendered["pa_denial", "es"].text


@pytest.mark.parametrize(("kind", "language"), [("pa_denial", "en"), ("nemt_authorization", "es"), ("grievance_acknowledgement", "es")])
def test_pdf_metadata_and_embedded_fonts(
    rendered: dict[tuple[str, str], ReadLetter], kind: str, language: str
) -> None:
    reader = pypdf.PdfReader(io.BytesIO(rendered[kind, language].letter.pdf))
    meta = reader.metadata
    assert meta is not None
    assert meta.author == PLAN.name
    assert meta.subject == kind
    case_number = "GRV-2026-004217" if "grievance" in kind else "UM-2026-118305"
    assert case_number in (meta.title or "")
    fonts = 0
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor_owner = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descriptor_owner["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor, f"{font['/BaseFont']} is not embedded"
            fonts += 1
    assert fonts >= 2


def test_provider_request_lists_every_problem_ready_to_fax_back(
    rendered: dict[tuple[str, str], ReadLetter],
) -> None:
    text = rendered["missing_information", "en"].text
    assert "faxthisletterbackto1-916-555-0199" in squeeze(text)
    for needed in ("Diagnosis code", "Prescriber NPI", "Clinical notes", "Your answer",
                   "Dr. Ana Cortés"):
        assert needed in text


def test_transport_vendor_gets_the_whole_trip(rendered: dict[tuple[str, str], ReadLetter]) -> None:
    text = rendered["nemt_authorization", "en"].text
    for needed in ("Delta Ride Transportation", "AUTH-558201", "November 9, 2026", "8:15",
                   "2315 Stockton Blvd", "Wheelchair van", "return pick-up at 13:30"):
        assert needed in text


@pytest.mark.parametrize("kind", sorted(RIGHTS_KINDS))
def test_adverse_decisions_name_the_professional_responsible(
    rendered: dict[tuple[str, str], ReadLetter], kind: str
) -> None:
    for language in ("en", "es"):
        text = squeeze(rendered[kind, language].text)
        assert "Dr.MartínGómez,MedicalDirector" in text
        assert "1-888-555-0142ext.4800" in text
        if kind.startswith("pa_"):  # a reviewer's decision: the notice gives the credentials
            assert "Dr.MartínGómez,MedicalDirector,MD." in text


def test_an_extension_notice_gives_the_new_date_the_reason_and_the_right_to_complain(
    rendered: dict[tuple[str, str], ReadLetter],
) -> None:
    english = squeeze(rendered["extension_notice", "en"].text)
    for needed in ("November20,2026", "resultsofyourlastX-ray", "youhavetherighttofileagrievance",
                   "Powerwheelchair(HCPCSK0823)"):
        assert needed in english
    spanish = squeeze(rendered["extension_notice", "es"].text)
    for needed in ("20denoviembrede2026", "resultadosdesuúltimaradiografía",
                   "tienederechoapresentarunaqueja"):
        assert needed in spanish
