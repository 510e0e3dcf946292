"""Correcting the urgency read from a faxed request routes its case again, clocks and all.

The request is a real PDF, really read and filed. When the clerk corrects "Standard" to
"Expedited" the case moves to the expedited queue and its decision falls due 72 hours after
receipt, in the same transaction as the correction, with the trail saying so in that order.
"""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import select

from casework.actor import Actor
from casework.cases.filing import case_json
from casework.db.case_models import CaseDocument
from casework.db.models import AuditEvent
from casework.documents.verification import correct_field
from casework.permissions import Role
from casework.settings import Settings
from casework.workspace import Workspace
from tests.intake.prior_auth_sample import ingest_prior_auth

CLERK = Actor("carmen", Role.INTAKE_CLERK)


def _case(ws: Workspace, document_id: int) -> dict[str, object]:
    with ws.db.read() as session:
        case_id = session.scalar(select(CaseDocument.case_id).where(
            CaseDocument.document_id == document_id))
        assert case_id is not None
        return case_json(session, case_id)


def _actions(ws: Workspace) -> list[tuple[str, dict[str, object]]]:
    with ws.db.read() as session:
        return [(e.action, json.loads(e.details)) for e in session.scalars(
            select(AuditEvent).order_by(AuditEvent.seq))]


def test_correcting_the_urgency_makes_the_case_expedited_and_back(
        workspace: Workspace, settings: Settings, tmp_path: Path) -> None:
    """GIVEN a prior authorization read as standard (received Monday 2 November, 9:30) WHEN
    the clerk corrects its urgency to Expedited THEN the case is expedited in the expedited UM
    queue, due Thursday 5 November 9:30 (72 hours); corrected back, it is standard again and
    due Monday 9 November."""
    document_id = ingest_prior_auth(workspace, settings, tmp_path)
    read = _case(workspace, document_id)
    assert (read["priority"], read["queue"]) == ("standard", "um_standard")
    assert read["due"] == {"decide": "2026-11-09T23:59:59-08:00"}

    correct_field(workspace, CLERK, document_id, "urgency", "Expedited")

    corrected = _case(workspace, document_id)
    assert (corrected["priority"], corrected["queue"]) == ("expedited", "um_expedited")
    assert corrected["due"] == {"decide": "2026-11-05T09:30:00-08:00"}
    trail = [(a, d) for a, d in _actions(workspace) if a in (
        "document.field_corrected", "case.priority_changed", "case.clock_moved")]
    assert [a for a, _ in trail] == ["document.field_corrected", "case.priority_changed",
                                     "case.clock_moved"]
    changed = trail[1][1]
    assert changed["reason"] == f"the urgency on document {document_id} was corrected"
    assert changed["document"] == document_id and changed["queue"] == "um_expedited"
    assert trail[2][1]["from"] == "2026-11-09T23:59:59-08:00"
    assert trail[2][1]["to"] == "2026-11-05T09:30:00-08:00"

    correct_field(workspace, CLERK, document_id, "urgency", "Standard")

    back = _case(workspace, document_id)
    assert (back["priority"], back["queue"], back["due"]) == (
        "standard", "um_standard", {"decide": "2026-11-09T23:59:59-08:00"})


def test_correcting_another_field_leaves_the_priority_alone(
        workspace: Workspace, settings: Settings, tmp_path: Path) -> None:
    document_id = ingest_prior_auth(workspace, settings, tmp_path)
    correct_field(workspace, CLERK, document_id, "units", "10")
    assert _case(workspace, document_id)["priority"] == "standard"
    assert not [a for a, _ in _actions(workspace) if a == "case.priority_changed"]
