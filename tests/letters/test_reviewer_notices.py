"""Denial and modification notices name the clinical reviewer who decided — name, credentials and
a number the provider can call — read back from the PDF; none is made before that decision."""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber
import pytest

from casework import users
from casework.actor import Actor
from casework.cases.work import case_detail, change_status
from casework.errors import InvalidValue
from casework.letters.data import MissingLetterValue
from casework.letters.issuing import generate_letter
from casework.letters.reviewer import NoReviewerDecision
from casework.settings import PlanDetails
from casework.workspace import Workspace
from tests.cases.reviewed_requests import PASSWORD, add_person, open_prior_auth
from tests.conftest import ADMIN

# Letters are signed by the acting person's full name.
pytestmark = pytest.mark.usefixtures("staff_signs_letters")

PLAN = PlanDetails()
WHY = {"reason": "A manual wheelchair meets your needs at home.",
       "criteria": "Medi-Cal Provider Manual: Wheelchairs; Plan policy UM-DME-014"}
# A Spanish notice gives its reason in Spanish (English free text is refused).
POR_QUE = {**WHY, "reason": "Una silla de ruedas manual cubre sus necesidades en la casa."}
MODIFIED = {**WHY, "approved_service": "Manual wheelchair (K0004)",
            "authorization_number": "AUTH-558201", "valid_from": "2026-11-02",
            "valid_through": "2027-01-31"}


def _text(ws: Workspace, sha: str) -> str:
    with pdfplumber.open(io.BytesIO(ws.store.read_bytes(sha))) as pdf:
        return " ".join(" ".join(page.extract_text() or "" for page in pdf.pages).split())


def _decided(ws: Workspace, folder: Path, outcome: str) -> tuple[str, Actor]:
    """A request the reviewer Ana Ruiz decided; the coordinator who writes its notice."""
    reviewer = add_person(ws, "aruiz", "clinical_reviewer")
    coordinator = add_person(ws, "uma", "um_coordinator")
    case_id = open_prior_auth(ws, folder)
    change_status(ws, reviewer, case_id, "decided", outcome)
    return _number(ws, case_id, coordinator), coordinator


def _number(ws: Workspace, case_id: int, actor: Actor) -> str:
    return case_detail(ws, actor, case_id, opening=False).row.number


@pytest.mark.parametrize(("language", "words"), [
    ("en", "The health care professional responsible for this decision is Ana Ruiz, MD. Your "
           "doctor can call 916-555-0150 ext. 210"),
    ("es", "El profesional de la salud responsable de esta decisión es Ana Ruiz, MD. Su médico "
           "puede llamar al 916-555-0150 ext. 210"),
])
def test_a_denial_notice_names_the_reviewer_with_credentials_and_phone(
    workspace: Workspace, tmp_path: Path, language: str, words: str
) -> None:
    number, coordinator = _decided(workspace, tmp_path, "denied")
    issued = generate_letter(workspace, coordinator, PLAN, number, "pa_denial", language,
                             POR_QUE if language == "es" else WHY)
    text = _text(workspace, issued.sha256)
    assert words in text
    assert "Uma" in text  # the coordinator handles questions; the reviewer decided


def test_a_modification_notice_names_the_reviewer(workspace: Workspace, tmp_path: Path) -> None:
    number, coordinator = _decided(workspace, tmp_path, "modified")
    issued = generate_letter(workspace, coordinator, PLAN, number, "pa_modification", "en",
                             MODIFIED)
    assert "Ana Ruiz, MD" in _text(workspace, issued.sha256)
    with pytest.raises(NoReviewerDecision, match="no clinical reviewer has recorded that the "
                                                 "request is denied"):
        generate_letter(workspace, coordinator, PLAN, number, "pa_denial", "en", WHY)


def test_no_denial_notice_without_a_reviewers_decision(
    workspace: Workspace, tmp_path: Path
) -> None:
    coordinator = add_person(workspace, "uma", "um_coordinator")
    case_id = open_prior_auth(workspace, tmp_path)
    number = _number(workspace, case_id, coordinator)
    with pytest.raises(NoReviewerDecision) as refused:
        generate_letter(workspace, coordinator, PLAN, number, "pa_denial", "en",
                        {**WHY, "reviewer.phone": "916-555-0000"})
    assert "“Notice of Adverse Benefit Determination: denial” cannot be made for" in str(refused.value)
    change_status(workspace, coordinator, case_id, "decided", "approved")
    with pytest.raises(NoReviewerDecision):
        generate_letter(workspace, coordinator, PLAN, number, "pa_denial", "en", WHY)


def test_the_reviewer_is_the_records_and_only_the_phone_may_be_written(
    workspace: Workspace, tmp_path: Path
) -> None:
    users.add_user(workspace, ADMIN, "bkim", "clinical_reviewer", PASSWORD, "Ben Kim",
                   users.ReviewerDetails("PharmD"))  # no direct line on the account
    pharmacist = users.authenticate(workspace, "bkim", PASSWORD)
    coordinator = add_person(workspace, "uma", "um_coordinator")
    case_id = open_prior_auth(workspace, tmp_path)
    change_status(workspace, pharmacist, case_id, "decided", "denied")
    number = _number(workspace, case_id, coordinator)
    with pytest.raises(MissingLetterValue, match="the phone number of the health care "
                                                 "professional"):
        generate_letter(workspace, coordinator, PLAN, number, "pa_denial", "en", WHY)
    with pytest.raises(InvalidValue, match="cannot be written in"):
        generate_letter(workspace, coordinator, PLAN, number, "pa_denial", "en",
                        {**WHY, "reviewer.name": "Dr. Somebody Else"})
    issued = generate_letter(workspace, coordinator, PLAN, number, "pa_denial", "en",
                             {**WHY, "reviewer.phone": "916-555-0150 ext. 330"})
    assert "Ben Kim, PharmD. Your doctor can call 916-555-0150 ext. 330" in _text(
        workspace, issued.sha256)
