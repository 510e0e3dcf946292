"""The clinical review gate and letter sending from the command line: real subprocesses acting
on a real database, refusals in words with exit code 1."""

from __future__ import annotations

import io
import subprocess
from datetime import datetime, timedelta
from pathlib import Path

import pdfplumber
import pytest

from casework.plan.timezone import PLAN_ZONE
from casework.workspace import Workspace
from tests.cases.reviewed_requests import PASSWORD, add_person, open_prior_auth
from tests.test_cli import as_boss
from tests.test_cli import run_main as run_unsigned


def run_main(*args: str) -> subprocess.CompletedProcess[str]:
    """The command as the person its --as names types it, with that person's password."""
    return run_unsigned(*args, env_extra={"INTAKE_PASSWORD": PASSWORD})

# Letters are signed by the acting person's full name.
pytestmark = pytest.mark.usefixtures("staff_signs_letters")


def test_user_add_keeps_a_reviewers_credentials_and_refuses_a_reviewer_without(
    db_url: str,
) -> None:
    added = as_boss("user", "add", "aruiz", "--role", "clinical_reviewer", "--full-name",
                    "Ana Ruiz", "--credentials", "MD", "--phone", "916-555-0150 ext. 210",
                    db_url=db_url, stdin="a strong password\n")
    assert added.returncode == 0, added.stderr
    assert "Added aruiz (clinical_reviewer, MD)." in added.stdout
    listed = as_boss("user", "list", db_url=db_url)
    assert "Ana Ruiz, MD  916-555-0150 ext. 210" in listed.stdout
    refused = as_boss("user", "add", "bkim", "--role", "clinical_reviewer", "--full-name",
                      "Ben Kim", db_url=db_url, stdin="a strong password\n")
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert "A clinical reviewer needs a full name and credentials" in refused.stderr
    assert "bkim" not in as_boss("user", "list", db_url=db_url).stdout


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)  # the services run on both
def test_a_denial_is_referred_decided_by_the_reviewer_noticed_and_sent(
    workspace: Workspace, tmp_path: Path
) -> None:
    add_person(workspace, "uma", "um_coordinator")
    add_person(workspace, "aruiz", "clinical_reviewer")
    now = datetime.now(PLAN_ZONE)  # the commands run on the wall clock
    open_prior_auth(workspace, tmp_path, received=now - timedelta(days=1))
    number = f"PA-{(now - timedelta(days=1)).year}-000001"
    why = ["--set", "reason=A manual wheelchair meets your needs.",
           "--set", "criteria=Plan policy UM-DME-014"]

    denied = run_main("case", "--as", "uma", "status", number, "decided", "--outcome",
                      "denied")
    assert denied.returncode == 1 and "Only a clinical reviewer" in denied.stderr
    early = run_main("letter", number, "pa_denial", "--as", "uma", *why)
    assert early.returncode == 1 and "no clinical reviewer has recorded" in early.stderr
    referred = run_main("case", "--as", "uma", "refer", number, "--note", "Home assessment?")
    assert referred.returncode == 0, referred.stderr
    assert "waiting for a clinical reviewer (Clinical review queue)" in referred.stdout
    decided = run_main("case", "--as", "aruiz", "status", number, "decided", "--outcome",
                       "denied")
    assert decided.returncode == 0, decided.stderr
    assert "outcome denied, decided by aruiz" in run_main("case", "show", number, "--as", "uma").stdout

    out = tmp_path / "denial.pdf"
    drafted = run_main("letter", number, "pa_denial", "--as", "uma", "--out", str(out), *why)
    assert drafted.returncode == 0, drafted.stderr
    assert "Drafted, not sent" in drafted.stdout
    with pdfplumber.open(io.BytesIO(out.read_bytes())) as pdf:
        text = " ".join(" ".join(p.extract_text() or "" for p in pdf.pages).split())
    assert "Ana Ruiz, MD" in text and "916-555-0150 ext. 210" in text
    due = run_main("letters", "due", "--as", "uma")
    assert number in due.stdout and "drafted, not sent (letter 1)" in due.stdout

    later = (now + timedelta(days=3)).date().isoformat()
    future = run_main("letters", "sent", "1", "--how", "mailed", "--on", later, "--as", "uma")
    assert future.returncode == 1 and "in the future" in future.stderr
    sent = run_main("letters", "sent", "1", "--how", "mailed", "--as", "uma")
    assert sent.returncode == 0, sent.stderr
    assert "recorded as mailed" in sent.stdout and "the notify clock is met" in sent.stdout
    assert number not in run_main("letters", "due", "--as", "uma").stdout
