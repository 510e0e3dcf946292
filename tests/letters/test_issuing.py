"""Letters for real cases: language from the roster, stored versions, drafts, delivery."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pdfplumber
import pytest
from sqlalchemy import select

from casework import users
from casework.cases.opening import DueClock, NewCase, open_case_now
from casework.cases.work import case_detail
from casework.db.models import AuditEvent
from casework.directory.roster_import import import_members
from casework.letters.data import MissingLetterValue
from casework.letters.issuing import generate_letter, letters_due
from casework.letters.sending import mark_mailed, send_to_fax_folder
from casework.settings import PlanDetails
from casework.workspace import Workspace
from tests.conftest import ADMIN, REPO_ROOT, SUPERVISOR

# Letters are signed by the acting person's full name.
pytestmark = pytest.mark.usefixtures("staff_signs_letters")

PLAN = PlanDetails()


@pytest.fixture
def grievance(workspace: Workspace, tmp_path: Path) -> tuple[int, str]:
    roster = tmp_path / "members.csv"
    roster.write_text("CIN,First Name,Last Name,DOB,Language,Address\n"
                      '91234567A,José,Núñez Peña,1961-03-14,Spanish,"12 Elm St, Fresno, CA 93701"\n',
                      encoding="utf-8")
    import_members(workspace, ADMIN, roster)
    received = datetime(2026, 10, 30, 16, 0, tzinfo=UTC)
    case_id = open_case_now(workspace, SUPERVISOR, NewCase(
        "grievance", "grievance", "standard", received, member_id=1,
        member_name="José Núñez Peña", member_cin="91234567A",
        clocks=(DueClock("acknowledge", datetime(2026, 11, 3, 7, 59, 59, tzinfo=UTC)),
                DueClock("resolve", datetime(2026, 11, 30, 7, 59, 59, tzinfo=UTC)))))
    detail = case_detail(workspace, SUPERVISOR, case_id)
    return case_id, detail.row.number


def _text(pdf: bytes) -> str:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return " ".join(" ".join(page.extract_text() or "" for page in document.pages).split())


def test_acknowledgement_in_the_members_language_is_drafted_then_mailed(
    workspace: Workspace, grievance: tuple[int, str], tmp_path: Path
) -> None:
    case_id, number = grievance
    assert [d.kind for d in letters_due(workspace, SUPERVISOR)] == ["grievance_acknowledgement"]
    issued = generate_letter(workspace, SUPERVISOR, PLAN, number, "grievance_acknowledgement")
    assert issued.language == "es" and issued.version == 1
    text = _text(workspace.store.read_bytes(issued.sha256))
    assert number in text and "José Núñez Peña" in text and "30 de octubre de 2026" in text
    assert "{{" not in text and "None" not in text
    detail = case_detail(workspace, SUPERVISOR, case_id)
    assert {c.name: c.met_at is not None for c in detail.clocks} == {"acknowledge": False,
                                                                      "resolve": False}
    [due] = letters_due(workspace, SUPERVISOR)  # drafted, not sent: still due
    assert due.kind == "grievance_acknowledgement" and due.drafted_letter_id == issued.id
    again = generate_letter(workspace, SUPERVISOR, PLAN, number, "grievance_acknowledgement",
                            language="en")
    assert again.version == 2 and again.language == "en" and again.sha256 != issued.sha256
    assert workspace.store.contains(issued.sha256)  # the first version is kept

    out = send_to_fax_folder(workspace, SUPERVISOR, PLAN, tmp_path / "outbound", again.id)
    with pdfplumber.open(out) as faxed:
        cover = faxed.pages[0].extract_text() or ""
        assert len(faxed.pages) == again.pages + 1
    assert "FAX" in cover and number in cover and f"{again.pages + 1} including this one" in cover
    assert "CONFIDENTIAL" in cover
    mark_mailed(workspace, SUPERVISOR, issued.id)
    assert letters_due(workspace, SUPERVISOR) == []
    with workspace.db.read() as session:
        actions = session.scalars(select(AuditEvent.action)).all()
    for action in ("letter.generated", "letter.fax_queued", "letter.mailed"):
        assert action in actions


def test_a_missing_value_is_named_not_left_blank(workspace: Workspace,
                                                 grievance: tuple[int, str]) -> None:
    _, number = grievance
    with pytest.raises(MissingLetterValue) as missing:
        generate_letter(workspace, SUPERVISOR, PLAN, number, "grievance_resolution")
    assert "what was decided and done" in str(missing.value)
    issued = generate_letter(workspace, SUPERVISOR, PLAN, number, "grievance_resolution",
                             values={"resolution": "Le asignamos un especialista.",
                                     "summary": "Esperó tres semanas."})
    assert "Le asignamos un especialista." in _text(workspace.store.read_bytes(issued.sha256))


def test_letter_command_writes_the_pdf(grievance: tuple[int, str], settings: object,
                                       tmp_path: Path, workspace: Workspace) -> None:
    _, number = grievance
    users.add_user(workspace, ADMIN, "maria", "grievance_coordinator", "long enough pw",
                   full_name="María Ortega")
    out = tmp_path / "ack.pdf"
    env = {**os.environ, "INTAKE_PASSWORD": "long enough pw"}
    result = subprocess.run(
        [sys.executable, str(REPO_ROOT / "main.py"), "letter", number,
         "grievance_acknowledgement", "--as", "maria", "--out", str(out)],
        env=env, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert "version 1, es" in result.stdout
    assert "María Ortega" in _text(out.read_bytes())


def test_batch_generates_due_acknowledgements(workspace: Workspace,
                                              grievance: tuple[int, str]) -> None:
    from casework.letters.issuing import generate_due

    (outcome,) = generate_due(workspace, SUPERVISOR, PLAN)
    assert outcome.kind == "grievance_acknowledgement" and outcome.letter_id is not None
    assert generate_due(workspace, SUPERVISOR, PLAN) == []  # drafted: sent next, not redrafted
