"""A field's value must be its kind of value: names shaped like names, never the form's
instructions, another label, a heading or a drug; identifiers with their shape and check."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casework.forms import plausible
from casework.forms.analysis import analyze
from casework.forms.identifiers import npi_check_digit
from casework.forms.plausible import (
    Verdict,
    is_label_or_heading,
    label_tail,
    most_plausible,
    name_verdict,
    verdict,
)
from casework.forms.text_fold import fold
from casework.forms.wording import Wording, wording_for
from casework.plan.schema import FieldSpec
from ocr import ReadSettings, read_document
from tests.forms import plausible_pages as pages
from tests.forms.conftest import NOW
from tests.support.rules import BUNDLED_RULES

WORDING: Wording = wording_for(BUNDLED_RULES)
PA = BUNDLED_RULES.schemas["prior_auth_request"]
MEMBER_NAME = PA.field("member_name")
PROVIDER_NAME = PA.field("requesting_provider_name")


def _fits(spec: FieldSpec, value: object) -> Verdict:
    return verdict(spec, value, WORDING)  # type: ignore[arg-type]


@pytest.mark.parametrize("name", [
    "Maria Lopez", "LOPEZ, MARIA", "María de la Cruz Núñez", "Sean O'Brien-Walsh",
    "J. R. Smith Jr.", "Robert Smith III", "Nguyen Van Minh", "Ludwig van der Berg",
    "José Hernández Jr", "Mary-Kate O’Connor", "Rosa Delgado", "April Lee", "Joy May",
])
def test_people_s_names_fit_every_name_field(name: str) -> None:
    assert name_verdict(name, WORDING, person=True) is Verdict.SURE
    assert name_verdict(name, WORDING, person=False) is Verdict.SURE


@pytest.mark.parametrize("name", [
    "Valley Children's Hospital", "St. Agnes Medical Center", "Anita Shah, MD",
    "Jane Doe, PA-C", "Kaiser Permanente", "Valley Family Medicine",
    "The Children's Hospital of Orange County", "Fresno Community Hospital and Clinics",
    "Dr. Paul Nguyen, DO", "Central Valley Behavioral Health Services",
])
def test_practices_and_facilities_fit_a_provider_name(name: str) -> None:
    assert name_verdict(name, WORDING, person=False) is Verdict.SURE


@pytest.mark.parametrize("name", ["Valley Children's Hospital", "St. Agnes Medical Center"])
def test_a_facility_is_not_a_member(name: str) -> None:
    assert name_verdict(name, WORDING, person=True) is Verdict.REFUSED


@pytest.mark.parametrize("text", [
    "Kindly write the member's name as shown on the ID card",
    "Write name as it appears on the member's card",
    "When applicable, attach the clinical notes",
    "See instructions on the back of this form",
    "Complete all sections below.",
    "Metformin 500 mg tablet", "Metformin 500 mg tablet twice daily", "Lisinopril 10mg",
    "Insulin glargine 100 units/mL injection", "Atorvastatin", "Amoxicillin Capsule",
    "MEMBER INFORMATION", "Provider Information", "SECTION 2", "Date of Birth", "Member Name",
    "Patient Name", "Requesting Provider NPI", "(Last, First, MI)", "Last Name, First Name",
    "91234567A", "559-555-0134", "Maria Lopez 04/12/1961", "Number", "Member",
    # another field's label, once its Spanish words are read
    "Número de CIN", "Número de Teléfono", "Individual NPI",
])
def test_instructions_labels_headings_doses_and_numbers_are_never_a_name(text: str) -> None:
    assert name_verdict(text, WORDING, person=True) is Verdict.REFUSED
    assert name_verdict(text, WORDING, person=False) is Verdict.REFUSED


def test_a_lone_word_is_only_a_last_resort_for_a_member() -> None:
    assert name_verdict("Delgado", WORDING, person=True) is Verdict.DOUBTFUL
    assert name_verdict("maria delgado", WORDING, person=True) is Verdict.DOUBTFUL
    assert name_verdict("trips.", WORDING, person=True) is Verdict.REFUSED
    # A capital a fax blurred into lower case ("tran Torres"): kept when nothing fits better.
    assert name_verdict("tran Torres", WORDING, person=True) is Verdict.DOUBTFUL
    assert name_verdict("Write clearly in ink", WORDING, person=True) is Verdict.REFUSED
    assert name_verdict("Kaiser", WORDING, person=False) is Verdict.SURE


_CAPITALISED = st.text(alphabet="abcdefghijklmnopqrstuvwxyzáéíñóú", min_size=2,
                       max_size=10).map(str.capitalize)


@given(st.lists(_CAPITALISED, min_size=2, max_size=4))
def test_capitalised_words_without_label_words_are_a_name(words: list[str]) -> None:
    """GIVEN two to four made-up capitalised words (names nobody listed), THEN they fit a
    member's name unless they happen to be label words of the forms (or a drug's stem)."""
    name = " ".join(words)
    folded = [fold(w).lower() for w in words]
    if any(w in WORDING.lexicon or WORDING.mend(w) in WORDING.lexicon for w in folded):
        return
    if any(w in plausible._AFFIXES or w in plausible._PARTICLES for w in folded):
        return  # "Md", "De": fewer than two words of the name itself
    got = name_verdict(name, WORDING, person=True)
    assert got in (Verdict.SURE, Verdict.REFUSED)
    if got is Verdict.REFUSED:  # only a drug's stem or a function word may refuse it
        assert any(w.endswith(plausible._DRUG_STEMS) or w in plausible._FUNCTION_WORDS
                   or w in plausible._ORGANISATION or w in plausible._DOSAGE_FORMS
                   or w in plausible._NAME_PARTS for w in folded)


@given(st.lists(_CAPITALISED, min_size=2, max_size=3),
       st.sampled_from(["write clearly", "as shown on the card", "when applicable",
                        "is required", "must be dated"]))
def test_a_name_with_instructions_after_it_is_refused(words: list[str], tail: str) -> None:
    assert name_verdict(" ".join(words) + " " + tail, WORDING,
                        person=True) is Verdict.REFUSED


@pytest.mark.parametrize("text", ["MEMBER INFORMATION", "Date of Birth", "Clinical Justification",
                                  "Provider Information", "Section 3"])
def test_a_label_or_heading_is_never_free_text(text: str) -> None:
    assert is_label_or_heading(text, WORDING)
    assert _fits(PA.field("clinical_justification"), text) is Verdict.REFUSED


@pytest.mark.parametrize("text", ["Mental health", "Chronic low back pain, six weeks of therapy",
                                  "Expedited because the member is in severe pain",
                                  "Wheelchair van needed"])
def test_what_someone_wrote_is_free_text(text: str) -> None:
    assert _fits(PA.field("clinical_justification"), text) is Verdict.SURE


def _npi(first_nine: str) -> str:
    return first_nine + str(npi_check_digit(first_nine))


@given(st.from_regex(r"[12]\d{8}", fullmatch=True))
def test_an_npi_with_its_check_digit_is_sure_and_a_slip_is_doubtful(first_nine: str) -> None:
    npi = _npi(first_nine)
    spec = PA.field("requesting_provider_npi")
    assert _fits(spec, npi) is Verdict.SURE
    slipped = npi[:9] + str((int(npi[9]) + 1) % 10)
    assert _fits(spec, slipped) is Verdict.DOUBTFUL


@pytest.mark.parametrize(("kind", "value", "expected"), [
    ("member_id", "91234567A", Verdict.SURE),
    ("member_id", "W123456789", Verdict.DOUBTFUL),
    ("member_phone", "5595550134", Verdict.SURE),
    ("member_phone", "1234567890", Verdict.DOUBTFUL),  # no area code starts with 1
    ("member_phone", "5591230134", Verdict.DOUBTFUL),  # nor any exchange
    ("member_phone", "1234567893", Verdict.REFUSED),  # a real NPI, check digit and all
    ("requesting_provider_npi", "5595550134", Verdict.REFUSED),  # a phone number
    ("member_dob", "1961-04-12", Verdict.SURE),
    ("member_dob", "1776-07-04", Verdict.REFUSED),
    ("units", 12, Verdict.SURE),
    ("units", 0, Verdict.DOUBTFUL),
    ("units", 93721, Verdict.REFUSED),  # a ZIP code, not a number of visits
    ("diagnosis_codes", ["M54.5", "E11.9", "C4A.9", "U07.1"], Verdict.SURE),
    ("diagnosis_codes", ["M54.5", "U99"], Verdict.DOUBTFUL),
    ("procedure_codes", ["97110", "J1885", "0001F"], Verdict.SURE),
    ("clinical_justification", "Form", Verdict.REFUSED),  # a label word left in its cell
    ("clinical_justification", "09/12/2026", Verdict.DOUBTFUL),  # a date, not an account
])
def test_each_type_checks_its_value(kind: str, value: object, expected: Verdict) -> None:
    spec = PA.field(kind)
    assert _fits(spec, value) is expected


def test_the_first_sure_candidate_wins_and_a_doubtful_one_is_a_last_resort() -> None:
    spec = PA.field("requesting_provider_npi")
    good, bad = _npi("123456789"), "1234567890"
    assert most_plausible(spec, [(bad, "beside"), (good, "below")], WORDING) == (good, "below")
    assert most_plausible(spec, [(None, "beside"), (bad, "below")], WORDING) == (bad, "below")
    assert most_plausible(MEMBER_NAME, [("Member Name", "beside")], WORDING) is None


# --- pages ---------------------------------------------------------------------------------

_NEVER = ("kindly", "write", "shown", "card", "metformin", "tablet", "mg", "lisinopril", "daily")


def _member_name(path: Path) -> str | None:
    analysis = analyze(read_document(path, ReadSettings()), NOW, BUNDLED_RULES)
    assert analysis.form_type == "prior_auth_request"
    assert analysis.fields["member_id"].value == "91234567A"
    found = analysis.fields.get("member_name")
    return None if found is None else str(found.value)


def _never_the_form_s_words(name: str | None) -> None:
    assert name is None or not any(w in name.lower() for w in _NEVER), name


@pytest.mark.parametrize("variant", ["born_digital", "scan"])
def test_an_instruction_beside_the_label_is_not_the_member_s_name(variant: str,
                                                                  tmp_path: Path) -> None:
    """GIVEN "Member Name  Kindly write the member's name as shown on the ID card" with the
    name written under it, WHEN read, THEN the member's name is the name (or, when the scan
    loses the label, missing), never the instruction."""
    pdf = pages.instruction_beside_label()
    write = pages.as_pdf if variant == "born_digital" else pages.as_scan
    name = _member_name(write(pdf, tmp_path, "instruction"))
    _never_the_form_s_words(name)
    if variant == "born_digital":
        assert name == pages.MEMBER


@pytest.mark.parametrize("variant", ["born_digital", "scan"])
def test_an_unfilled_name_under_an_instruction_is_missing(variant: str, tmp_path: Path) -> None:
    pdf = pages.instruction_beside_label(name="")
    write = pages.as_pdf if variant == "born_digital" else pages.as_scan
    assert _member_name(write(pdf, tmp_path, "instruction-blank")) is None


@pytest.mark.parametrize("variant", ["born_digital", "scan"])
def test_a_drug_table_under_a_blank_name_is_not_the_name(variant: str, tmp_path: Path) -> None:
    """GIVEN a blank "Patient Name:" line with the medication table right under it, THEN the
    member's name is missing, not "Metformin 500 mg tablet"."""
    pdf = pages.drug_table_under_name()
    write = pages.as_pdf if variant == "born_digital" else pages.as_scan
    assert _member_name(write(pdf, tmp_path, "drug-blank")) is None


@pytest.mark.parametrize("variant", ["born_digital", "scan"])
def test_a_name_over_a_drug_table_is_read(variant: str, tmp_path: Path) -> None:
    pdf = pages.drug_table_under_name(pages.MEMBER)
    write = pages.as_pdf if variant == "born_digital" else pages.as_scan
    assert _member_name(write(pdf, tmp_path, "drug-named")) == pages.MEMBER


@pytest.mark.parametrize(("address", "expected"), [
    ("8142 Oak St, Visalia, CA 93291", Verdict.SURE),
    ("PO Box 4410, Fresno, CA 93744", Verdict.SURE),
    ("Valley Cancer Institute", Verdict.DOUBTFUL),  # a facility's name, not where it is
])
def test_an_address_has_a_number(address: str, expected: Verdict) -> None:
    spec = BUNDLED_RULES.schemas["nemt_request"].field("pickup_address")
    assert verdict(spec, address, WORDING) is expected


@pytest.mark.parametrize(("read", "name"), [
    ("Dr. Mei Hernandez Provider", "Dr. Mei Hernandez"),
    ("Kevin Ramirez, MD Phone", "Kevin Ramirez, MD"),
    ("St. Agnes Medical Center", "St. Agnes Medical Center"),  # a facility's own words
    ("Ana Member", "Ana Member"),  # never fewer than two words left
])
def test_a_name_is_read_without_the_label_it_ran_into(read: str, name: str) -> None:
    words = read.split()
    assert " ".join(words[:len(words) - label_tail(words, WORDING)]) == name
