"""Every letter kind, in English and Spanish, made from a case intake filed: what the member or
provider reads is signed by a person, addressed the USPS way, in plain words, with its notices
and taglines, and with no page nearly empty but the last."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pdfplumber
import pytest
from sqlalchemy import select

from casework import users
from casework.db.case_models import Case
from casework.errors import UserError
from casework.letters.case_file import case_letter_file, print_due_drafts
from casework.letters.free_text import EnglishInSpanishLetter
from casework.letters.issuing import generate_letter, letters_due, preview_letter
from casework.letters.signer import NoSigner
from casework.settings import PlanDetails
from casework.workspace import Workspace
from tests.cases.reviewed_requests import add_person
from tests.conftest import ADMIN
from tests.letters.intake_cases import STAFF, case_id_of, file_fax, load_rosters, ready_for
from tests.letters.samples import KINDS

pytestmark = pytest.mark.usefixtures("staff_signs_letters")

PLAN = PlanDetails(name="Golden Valley Health Plan",
                   address="2200 Capitol Mall, Suite 400, Sacramento, CA 95814",
                   member_services_phone="8885550142", tty="711", fax="9165550199")
MEMBER_KINDS = tuple(k for k in KINDS if k not in ("missing_information", "nemt_authorization"))
# One telling character of each tagline's script (Latin-script languages are told by words).
SCRIPTS = {"zh": "請", "ko": "유", "hy": "Ո", "ru": "ВНИМАНИЕ", "pa": "ਧ", "km": "ច", "lo": "ປ",
           "th": "โ", "hi": "ध", "ja": "日本語", "uk": "УВАГА"}
# Arabic and Farsi print in joined letter forms: Arabic's in Presentation Forms-B, and Farsi's
# own letters (keheh, gaf, Farsi yeh) in Presentation Forms-A.
ARABIC_FORMS = re.compile("[\ufe70-\ufeff]")
FARSI_FORMS = re.compile("[\ufb8e-\ufb95\ufbfc-\ufbff]")
LATIN = ("ATTENTION", "ATENCIÓN", "CHÚ Ý", "PAUNAWA", "CEEB TOOM", "LONGC HNYOUV")


def _pages(pdf: bytes) -> list[list[str]]:
    """Each page's lines, without the running header and footer."""
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        pages = [(page.extract_text() or "").splitlines() for page in document.pages]
    return [lines[1:-2] if len(lines) > 3 else lines for lines in pages]


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_is_made_from_the_case_and_reads_right(
        workspace: Workspace, tmp_path: Path, kind: str, language: str) -> None:
    ready = ready_for(workspace, tmp_path, kind, language)
    issued = generate_letter(workspace, ready.writer, PLAN, ready.number, kind, language,
                             ready.values)
    pages = _pages(workspace.store.read_bytes(issued.sha256))
    text = "\n".join("\n".join(p) for p in pages)
    flat = " ".join(text.split())
    # Signed by the person, never a login; the plan's phone formatted.
    assert "Gina" in flat or "Uma" in flat
    assert "gina" not in flat and "uma " not in flat and "console:" not in flat
    assert "888-555-0142" in flat and "8885550142" not in flat
    for number, lines in enumerate(pages[:-1], start=1):
        assert len([line for line in lines if line.strip()]) >= 4, f"page {number}: {lines}"
    if kind in MEMBER_KINDS:
        assert "Visalia, CA 93277" in text.splitlines()  # USPS: city, state, ZIP on one line
        assert "300 W Main St Apt 4" in text
        present = [lang for lang, mark in SCRIPTS.items() if mark in text]
        assert present == list(SCRIPTS), set(SCRIPTS) - set(present)
        assert ARABIC_FORMS.search(text) and FARSI_FORMS.search(text)
        assert all(word in text for word in LATIN)
        assert "large print at no cost" in flat and "letra grande, sin costo" in flat
    if kind.startswith("pa_"):
        assert "K0823" in flat and ("Power wheelchair" in flat or "eléctrica" in flat)
        assert "Wheelchair seat cushion" in flat or "Cojín" in flat
        assert "Notice of Action" not in flat and "Aviso de acción" not in flat
    if kind == "missing_information":
        assert flat.count("559-555-0101") == 1 and "5595550101" not in flat
        with pdfplumber.open(io.BytesIO(workspace.store.read_bytes(issued.sha256))) as pdf:
            whole = " ".join((pdf.pages[0].extract_text() or "").split())
        confidential = ("información médica protegida" if language == "es"
                        else "protected health information")
        assert whole.count(confidential) == 1, whole
        assert ("Códigos de Diagnóstico Falta en la solicitud." if language == "es" else
                "Diagnosis Codes The diagnosis code is missing.") in flat  # the Item column


def test_a_spanish_letter_with_the_complaint_in_english_asks_for_the_spanish(
        workspace: Workspace, tmp_path: Path) -> None:
    ready = ready_for(workspace, tmp_path, "grievance_resolution", "es")
    written = {k: v for k, v in ready.values.items() if k != "summary"}
    with pytest.raises(EnglishInSpanishLetter, match=r"summary of the grievance \(summary\) "
                                                     "is written in English"):
        generate_letter(workspace, ready.writer, PLAN, ready.number, "grievance_resolution",
                        "es", written)
    generate_letter(workspace, ready.writer, PLAN, ready.number, "grievance_resolution", "es",
                    ready.values)
    # The Spanish summary is kept with the case: the next Spanish letter needs only the rest.
    again = generate_letter(workspace, ready.writer, PLAN, ready.number,
                            "grievance_resolution", "es", written)
    flat = " ".join("\n".join("\n".join(p) for p in _pages(
        workspace.store.read_bytes(again.sha256))).split())
    assert "Usted esperó más de tres horas" in flat and "I waited" not in flat


def test_a_letter_is_not_signed_by_an_account_without_a_full_name(
        workspace: Workspace, tmp_path: Path) -> None:
    ready = ready_for(workspace, tmp_path, "grievance_acknowledgement", "en")
    users.add_user(workspace, ADMIN, "nofullname", "grievance_coordinator",
                   "a long enough password")
    nameless = users.authenticate(workspace, "nofullname", "a long enough password")
    with pytest.raises(NoSigner, match="has none"):
        generate_letter(workspace, nameless, PLAN, ready.number, "grievance_acknowledgement")


def test_a_code_without_plain_words_is_refused_then_remembered_for_the_plan(
        workspace: Workspace, tmp_path: Path) -> None:
    ready = ready_for(workspace, tmp_path, "pa_approval", "en")
    with workspace.db.write() as session:
        case = session.scalar(select(Case).where(Case.number == ready.number))
        assert case is not None
        case.fields_json = case.fields_json.replace('"E2603"', '"97140"')
    with pytest.raises(Exception, match=r"write what 97140 is in plain English"):
        preview_letter(workspace, ready.writer, PLAN, ready.number, "pa_approval", None,
                       ready.values)
    words = {**ready.values, "service.97140": "Physical therapy exercises"}
    preview = preview_letter(workspace, ready.writer, PLAN, ready.number, "pa_approval", None,
                             words)
    assert "Physical therapy exercises (97140)" in " ".join(
        "\n".join("\n".join(p) for p in _pages(preview)).split())
    generate_letter(workspace, ready.writer, PLAN, ready.number, "pa_approval", None, words)
    again = generate_letter(workspace, ready.writer, PLAN, ready.number, "pa_approval", None,
                            ready.values)
    assert re.search(r"Physical therapy exercises \(97140\)", " ".join("\n".join(
        "\n".join(p) for p in _pages(workspace.store.read_bytes(again.sha256))).split()))


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_grievance_a_provider_filed_gets_the_providers_letters(
        workspace: Workspace, tmp_path: Path, language: str) -> None:
    load_rosters(workspace, tmp_path)
    writer = add_person(workspace, "gina", "grievance_coordinator")
    summary = ("La clínica dice que el plan pagó tarde sus reclamos de la miembro."
               if language == "es" else "The clinic says the plan paid its claims late.")
    number = file_fax(workspace, "grievance_form", {"description": summary,
                                                    "filed_by": "provider"}, provider_id=1)
    with pytest.raises(UserError, match="does not fit"):
        generate_letter(workspace, writer, PLAN, number, "grievance_acknowledgement")
    assert [d.kind for d in letters_due(workspace, writer) if d.case_number == number] in (
        [], ["provider_grievance_acknowledgement"])
    assert case_letter_file(workspace, writer, case_id_of(workspace, number)).suggested_kind \
        == "provider_grievance_acknowledgement"
    issued = generate_letter(workspace, writer, PLAN, number,
                             "provider_grievance_acknowledgement", language)
    assert issued.language == language
    pages = _pages(workspace.store.read_bytes(issued.sha256))
    text = "\n".join("\n".join(p) for p in pages)
    assert "Valley Family Medicine" in text and "Visalia, CA 93291" in text.splitlines()
    assert "Fax 559-555-0101" in text and summary[:30] in " ".join(text.split())
    assert len(pages) == 1  # a provider letter carries no member inserts
    resolved = generate_letter(workspace, writer, PLAN, number, "provider_grievance_resolution",
                               language, {"resolution": STAFF[language]["resolution"]})
    assert resolved.pages == 1


def test_every_drafted_letter_due_prints_in_one_file(
        workspace: Workspace, tmp_path: Path) -> None:
    ready = ready_for(workspace, tmp_path, "grievance_acknowledgement", "en")
    issued = generate_letter(workspace, ready.writer, PLAN, ready.number,
                             "grievance_acknowledgement")
    pdf, printed = print_due_drafts(workspace, ready.writer)
    assert printed == (issued.id,)
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        assert len(document.pages) == issued.pages
    [view] = case_letter_file(workspace, ready.writer, case_id_of(workspace, ready.number)).letters
    assert view.printed_at is not None and view.sent_at is None  # printed is not sent
