"""Refiling a document that a person already checked: what their checking still vouches for.

Refiled as the form it already was, the person's corrections and acceptance stand. Refiled as
another form, the new form's fields were never checked by anyone, so none of them may look
verified or corrected.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from casework.actor import Actor
from casework.db.case_models import Case, CaseDocument
from casework.documents.document_fields import document_fields
from casework.documents.review_actions import set_document_type
from casework.documents.verification import accept_document, correct_field
from casework.intake.service import ingest_files
from casework.permissions import Role
from casework.settings import Settings
from casework.workspace import Workspace
from tests.intake.prior_auth_sample import (
    PAGE_ONE,
    PAGE_TWO,
    RECEIVED,
    ingest_prior_auth,
    load_rosters,
    prior_auth_pdf,
)

CLERK = Actor("carmen", Role.INTAKE_CLERK)
GRIEVANCE = [
    ("Member Grievance Form", 18),
    ("Member Name: Rosa Delgado", 12),
    ("Member ID: 91234567A", 12),
    ("What happened: the pharmacy refused my refill twice this week.", 12),
]


def _ingest(ws: Workspace, settings: Settings, path: Path, pdf: bytes) -> int:
    path.write_bytes(pdf)
    (result,) = ingest_files(ws, settings, [path], RECEIVED)
    assert result.status == "processed" and result.document_id is not None, result.reason
    return result.document_id


def _case_numbers(ws: Workspace, document_id: int) -> list[str]:
    with ws.db.read() as session:
        return list(session.scalars(select(Case.number).join(
            CaseDocument, CaseDocument.case_id == Case.id).where(
            CaseDocument.document_id == document_id).order_by(Case.id)))


@pytest.fixture
def checked_request(workspace: Workspace, settings: Settings, tmp_path: Path) -> int:
    """A prior-authorization request faxed in reply to an open grievance (its page names the
    grievance's case): a request of its own, related to the grievance, corrected and accepted
    by a clerk."""
    load_rosters(workspace, tmp_path)
    grievance = _ingest(workspace, settings, tmp_path / "grievance.pdf",
                        prior_auth_pdf((GRIEVANCE,)))
    (number,) = _case_numbers(workspace, grievance)
    assert number.startswith("GRV-")
    naming = [*PAGE_ONE, (f"Re: case {number}", 12)]
    request = _ingest(workspace, settings, tmp_path / "reply.pdf",
                      prior_auth_pdf((naming, PAGE_TWO)))
    (own,) = _case_numbers(workspace, request)
    assert own.startswith("PA-")  # another type of case: not swallowed by the grievance
    correct_field(workspace, CLERK, request, "member_dob", "04/13/1961")
    correct_field(workspace, CLERK, request, "member_dob", "04/12/1961")
    assert accept_document(workspace, CLERK, request).verified
    return request


def test_refiled_as_another_form_nothing_looks_verified(
        workspace: Workspace, checked_request: int) -> None:
    """GIVEN a document a clerk corrected and accepted as a prior-authorization request
    WHEN it is refiled as a grievance (it joins the grievance its page names; the request it
    alone opened closes) THEN the grievance's fields are neither verified nor corrected by
    anyone."""
    refiled = set_document_type(workspace, CLERK, checked_request, "grievance_form")

    assert refiled.case_number.startswith("GRV-")
    assert [n[:3] for n in refiled.closed_cases] == ["PA-"]
    shown = document_fields(workspace, CLERK, checked_request)
    assert shown.form_type == "grievance_form"
    assert not shown.verified and shown.verified_by is None
    assert [f.name for f in shown.fields if f.corrected_by or f.read is not None] == []


def test_refiled_as_the_same_form_the_checking_stands(
        workspace: Workspace, settings: Settings, tmp_path: Path) -> None:
    """GIVEN a request whose units a clerk corrected from 12 to 10 and then accepted
    WHEN it is refiled as the prior-authorization request it already was
    THEN it stays verified and still holds what the clerk typed."""
    document_id = ingest_prior_auth(workspace, settings, tmp_path)
    correct_field(workspace, CLERK, document_id, "units", "10")
    accept_document(workspace, CLERK, document_id)

    set_document_type(workspace, CLERK, document_id, "prior_auth_request")

    shown = document_fields(workspace, CLERK, document_id)
    assert shown.verified and shown.verified_by == "carmen"
    units = shown.field("units")
    assert (units.value, units.read, units.corrected_by) == ("10", "12", "carmen")
    assert shown.complete and not units.problems
