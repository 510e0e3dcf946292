"""Related cases through the whole intake: real PDFs read, filed, and listed in `ingest --json`.

A prior authorization is faxed; the member's appeal quotes its case number; the State Hearing
notice quotes the appeal's. Each opens its own case, `ingest --json` lists the relation under
`case.related`, and `case show` prints it on both sides.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from casework import users
from casework.bootstrap import open_workspace
from casework.intake.service import ingest_files
from casework.settings import Settings
from casework.workspace import Workspace
from tests.conftest import ADMIN
from tests.intake.prior_auth_sample import RECEIVED, load_rosters, prior_auth_pdf
from tests.support.rules import BUNDLED_RULES
from tests.test_cli import run_main

PATIENT = [("Member Name: Rosa Delgado", 12), ("Member ID: 91234567A", 12),
           ("Date of Birth: 04/12/1961", 12)]


def _ingest(ws: Workspace, settings: Settings, path: Path,
            lines: list[tuple[str, int]]) -> dict[str, Any]:
    """One page with these lines, ingested; its `ingest --json` object."""
    path.write_bytes(prior_auth_pdf((lines,)))
    (result,) = ingest_files(ws, settings, [path], RECEIVED)
    assert result.status == "processed", result.reason
    body: dict[str, Any] = json.loads(result.to_json())
    return body


def _show(settings: Settings, number: str) -> str:
    """`case show` as the supervisor `sam` (added on first use) types it."""
    password = "a long enough password"
    ws = open_workspace(settings, rules=BUNDLED_RULES)
    try:
        if "sam" not in {u.username for u in users.list_users(ws, ADMIN)}:
            users.add_user(ws, ADMIN, "sam", "supervisor", password)
    finally:
        ws.db.dispose()
    shown = run_main("case", "show", number, "--as", "sam", "--db", settings.database_url,
                     env_extra={"INTAKE_HOME": os.environ["INTAKE_HOME"],
                                "INTAKE_PASSWORD": password})
    assert shown.returncode == 0, shown.stderr
    return shown.stdout


def test_an_appeal_and_a_hearing_open_their_own_related_cases(
        workspace: Workspace, settings: Settings, tmp_path: Path) -> None:
    """GIVEN a prior authorization on file WHEN the appeal quoting its number and then the
    hearing notice quoting the appeal's are faxed THEN each opens its own case with its own
    clocks, and `case.related` names the case it relates to, its type and the relation."""
    load_rosters(workspace, tmp_path)
    request = _ingest(workspace, settings, tmp_path / "request.pdf",
                      [("Prior Authorization Request", 18), *PATIENT,
                       ("Requesting Provider: Valley Family Medicine", 12),
                       ("Requesting Provider NPI: 1234567893", 12),
                       ("Diagnosis Codes: M54.5", 12), ("Procedure Codes: 97110", 12),
                       ("Urgency: Standard", 12)])
    pa = request["case"]["number"]
    assert pa.startswith("PA-2026-") and request["case"]["related"] == []

    appeal = _ingest(workspace, settings, tmp_path / "appeal.pdf",
                     [("Appeal Request", 18), *PATIENT, (f"Authorization Number: {pa}", 12),
                      ("Denied Service: physical therapy", 12),
                      ("Reason for Appeal: my back still hurts every day", 12)])
    assert appeal["form"]["type"] == "appeal_request"
    apl = appeal["case"]["number"]
    assert apl.startswith("APL-2026-") and appeal["case"]["type"] == "appeal"
    assert appeal["case"]["related"] == [{"number": pa, "type": "prior_auth",
                                          "relation": "appeals"}]
    assert set(appeal["case"]["due"]) == {"acknowledge", "resolve"}

    hearing = _ingest(workspace, settings, tmp_path / "hearing.pdf",
                      [("Notice of State Fair Hearing", 18), ("Claimant: Rosa Delgado", 12),
                       ("Member ID: 91234567A", 12), ("Hearing Number: 2026-0045123", 12),
                       ("Hearing Date: 12/15/2026", 12), ("Hearing Time: 9:00 AM", 12),
                       (f"Issue: the plan upheld its denial in appeal {apl}", 12)])
    assert hearing["case"]["type"] == "sfh"
    sfh = hearing["case"]["number"]
    assert hearing["case"]["related"] == [{"number": apl, "type": "appeal",
                                           "relation": "hearing of"}]

    assert f"related: appealed by {apl} (appeal, received)" in _show(settings, pa)
    on_appeal = _show(settings, apl)
    assert f"related: appeals {pa} (prior authorization request, " in on_appeal
    assert f"related: taken to State Hearing in {sfh} (State Hearing, received)" in on_appeal
