"""The care coordination desk from the command line: real subprocesses on a real database,
signed in as the coordinator, refusals in words with exit code 1."""

from __future__ import annotations

import subprocess
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from casework.plan.timezone import PLAN_ZONE
from casework.workspace import Workspace
from tests.outreach.members_and_referrals import (
    PASSWORD,
    ROSA,
    care_coordinator,
    file_referral_fax,
    load_roster,
)
from tests.test_cli import run_main as run_unsigned


def run_main(*args: str) -> subprocess.CompletedProcess[str]:
    """The command as the person its --as names types it, with that person's password."""
    return run_unsigned(*args, env_extra={"INTAKE_PASSWORD": PASSWORD})


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)  # the services run on both
def test_a_coordinator_logs_calls_refers_enrols_records_attendance_and_reports(
    workspace: Workspace, db_url: str, tmp_path: Path
) -> None:
    load_roster(workspace, tmp_path)
    care_coordinator(workspace)
    case = file_referral_fax(workspace, program="other").number
    today = datetime.now(PLAN_ZONE).date()  # the commands run on the wall clock
    db = ("--db", db_url)

    called = run_main("case", "--as", "cora", "contact", case, "--channel", "phone",
                      "--outcome", "no_answer", "--note", "No voicemail set up", *db)
    assert called.returncode == 0, called.stderr
    assert f"{case}: attempt 1 logged (phone, no answer)." in called.stdout
    review = run_main("case", "--as", "cora", "status", case, "in_review", *db)
    assert review.returncode == 0, review.stderr
    shown = run_main("case", "--as", "cora", "show", case, *db)
    assert "contacts: 1 attempt(s)" in shown.stdout and "(phone, no answer)" in shown.stdout
    early = run_main("case", "--as", "cora", "status", case, "closed", "--outcome",
                     "unreachable", *db)
    assert early.returncode == 1 and "Traceback" not in early.stderr
    assert "cannot close as unreachable yet" in early.stderr
    assert "1 of 3 attempts, on 1 of 3 different days" in early.stderr

    made = run_main("referral", "--as", "cora", "new", ROSA, "--program", "cbas",
                    "--reason", "Lives alone", *db)
    assert made.returncode == 0, made.stderr
    assert "Opened REF-" in made.stdout and "Rosa Delgado (91234567A)" in made.stdout
    number = made.stdout.split()[1].rstrip(":")
    reached = run_main("referral", "--as", "cora", "contact", number, "--channel", "phone",
                       "--outcome", "reached", "--interpreter", "--language", "Spanish", *db)
    assert "attempt 1 logged (phone, reached, Spanish interpreter)" in reached.stdout
    enrolled = run_main("referral", "--as", "cora", "status", number, "enrolled", "--site",
                        "Sunrise Adult Day Health Center", *db)
    assert enrolled.returncode == 0, enrolled.stderr
    attended = run_main("referral", "--as", "cora", "attend", number, "--date",
                        today.isoformat(), *db)
    assert attended.returncode == 0, attended.stderr
    assert "1 day(s) in all" in attended.stdout
    shown = run_main("referral", "--as", "cora", "show", number, *db)
    assert "enrolled" in shown.stdout and "days attended: 1" in shown.stdout
    assert "Outreach rule (3 attempts on 3 different days)" in shown.stdout

    member = run_main("member", "--as", "cora", "show", ROSA, *db)
    assert member.returncode == 0, member.stderr
    lines = member.stdout.splitlines()
    assert lines[0] == "Rosa Delgado  91234567A"
    assert "Cases (1, 1 open):" in lines and "Referrals (1):" in lines
    assert any(number in line and "Sunrise" in line for line in lines)
    assert any(case in line and "attempt 1: phone, no answer" in line for line in lines)

    out = tmp_path / "referrals.xlsx"
    report = run_main("report", "referrals", "--as", "cora", "--from", today.isoformat(),
                      "--to", today.isoformat(), "--format", "xlsx", "--out", str(out), *db)
    assert report.returncode == 0, report.stderr
    sheet = openpyxl.load_workbook(out).active
    assert sheet is not None
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=4)]
    assert ["CBAS adult day centre", "Sunrise Adult Day Health Center", "enrolled", 1,
            "1 of 1", 1] in rows
