"""Letters from the command line: signed by a person, never the console login; the plan's
plain words for procedure codes; a draft read before any version is stored."""

from __future__ import annotations

import io
import subprocess
from datetime import datetime, timedelta
from pathlib import Path

import pdfplumber
import pytest
from sqlalchemy import func, select

from casework.db.letter_models import Letter
from casework.plan.timezone import PLAN_ZONE
from casework.workspace import Workspace
from tests.cases.reviewed_requests import PASSWORD, add_person, open_prior_auth
from tests.test_cli import run_main as run_unsigned


def run_main(*args: str) -> subprocess.CompletedProcess[str]:
    """The command as the person its --as names types it, with that person's password."""
    return run_unsigned(*args, env_extra={"INTAKE_PASSWORD": PASSWORD})


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)  # the services run on both
def test_the_console_cannot_sign_and_a_preview_stores_nothing(
        workspace: Workspace, tmp_path: Path) -> None:
    add_person(workspace, "uma", "um_coordinator")
    now = datetime.now(PLAN_ZONE)  # the commands run on the wall clock
    open_prior_auth(workspace, tmp_path, received=now - timedelta(days=1))
    number = f"PA-{(now - timedelta(days=1)).year}-000001"
    decided = run_main("case", "--as", "uma", "status", number, "decided", "--outcome",
                       "approved")
    assert decided.returncode == 0, decided.stderr
    approval = ["--set", "authorization_number=AUTH-1", "--set", "valid_from=2026-11-02",
                "--set", "valid_through=2027-01-31"]

    console = run_main("letter", number, "pa_approval", *approval)
    assert console.returncode == 1 and "Traceback" not in console.stderr
    assert "signed-in person" in console.stderr and "--as" in console.stderr

    out = tmp_path / "draft.pdf"
    preview = run_main("letter", number, "pa_approval", "--as", "uma", "--preview", "--out",
                       str(out), *approval)
    assert preview.returncode == 0, preview.stderr
    assert "nothing stored" in preview.stdout
    with pdfplumber.open(io.BytesIO(out.read_bytes())) as pdf:
        text = " ".join(" ".join(p.extract_text() or "" for p in pdf.pages).split())
    # The member reads Spanish: the title and the service's words are Spanish too.
    assert "Atentamente, Uma Coordinador(a) de Administración de Utilización" in text
    assert "Silla de ruedas eléctrica (K0823)" in text and "console:" not in text
    with workspace.db.read() as session:
        assert session.scalar(select(func.count(Letter.id))) == 0

    written = run_main("letters", "words", "97110", "Physical therapy exercises", "--as", "uma")
    assert written.returncode == 0, written.stderr
    listed = run_main("letters", "words", "--as", "uma")
    assert "97110   en  Physical therapy exercises  (uma," in listed.stdout
    bad = run_main("letters", "words", "9711", "Something", "--as", "uma")
    assert bad.returncode == 1 and "is not a procedure code" in bad.stderr
