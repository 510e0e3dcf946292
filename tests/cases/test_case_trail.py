"""A case's own history: its steps and its documents', and nothing of other cases."""

from __future__ import annotations

from pathlib import Path

import pytest

from casework.cases.notes import add_note
from casework.cases.phone_intake import open_phone_case
from casework.cases.queues import CaseFilter, list_cases
from casework.cases.trail import case_trail
from casework.documents.verification import correct_field
from casework.errors import NotFound
from casework.settings import Settings
from casework.workspace import Workspace
from tests.conftest import SUPERVISOR
from tests.intake.prior_auth_sample import ingest_prior_auth


def test_the_trail_holds_the_case_and_its_documents_steps_only(
    workspace: Workspace, settings: Settings, tmp_path: Path
) -> None:
    """GIVEN a faxed request whose field a clerk corrects, and another member's phone case
    WHEN the request's trail is read THEN it shows the opening, the document being read and
    corrected (old and new value), in order, and no step of the other case."""
    document_id = ingest_prior_auth(workspace, settings, tmp_path)
    other = open_phone_case(workspace, SUPERVISOR, "grievance_form",
                            {"member_name": "Ana Garcia", "description": "Refill refused."},
                            "exempt")
    add_note(workspace, SUPERVISOR, other.case_id, "Someone else's case.")
    correct_field(workspace, SUPERVISOR, document_id, "units", "10")
    (request,) = list_cases(workspace, SUPERVISOR, CaseFilter(queue="um_standard"))
    steps = case_trail(workspace, SUPERVISOR, request.id)
    actions = [s.action for s in steps]
    assert "case.opened" in actions and "document.field_corrected" in actions
    assert actions.index("case.opened") < actions.index("document.field_corrected")
    corrected = next(s for s in steps if s.action == "document.field_corrected")
    assert corrected.words == "corrected a field" and corrected.actor == SUPERVISOR.username
    assert "field: units" in corrected.details and "new: 10" in corrected.details
    assert corrected.subject == f"document {document_id}"
    assert "case.note_added" not in actions


def test_an_unknown_case_is_refused_in_words(workspace: Workspace) -> None:
    with pytest.raises(NotFound):
        case_trail(workspace, SUPERVISOR, 999)
