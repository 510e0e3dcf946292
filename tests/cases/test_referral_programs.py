"""Enhanced Care Management and Community Supports referrals reach their own queues: the
referral form prints both programs, intake reads the tick, and routing sends each to its queue."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from casework.cases.filing import DocumentFacts, decide_route
from casework.cases.phone_intake import open_phone_case
from casework.cases.work import case_detail
from casework.forms.analysis import analyze
from casework.workspace import Workspace
from ocr import ReadSettings, read_document
from tests.conftest import SUPERVISOR
from tests.forms.filled_printable import fill_form
from tests.support.rules import BUNDLED_RULES

REFERRAL = {"member_name": "Maria Lopez", "member_id": "91234567A", "member_dob": "03/14/1961",
            "referral_source_name": "Dr. Alan Chu",
            "reason": ["Homeless since March; needs meals and a housing navigator."]}
QUEUES = {"ecm": "ecm", "cs": "community_supports", "cbas": "care_coordination"}


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("program", sorted(QUEUES))
def test_a_printed_referral_with_the_program_ticked_routes_to_its_queue(
    tmp_path: Path, language: str, program: str
) -> None:
    path = tmp_path / f"referral.{language}.pdf"
    path.write_bytes(fill_form("care_coordination_referral", language,
                               {**REFERRAL, "program": program}))
    analysis = analyze(read_document(path, ReadSettings()), datetime(2026, 11, 23, 12),
                       BUNDLED_RULES)
    assert analysis.form_type == "care_coordination_referral"
    values = {name: field.value for name, field in analysis.fields.items()}
    assert values["program"] == program
    decision = decide_route(DocumentFacts(analysis.form_type, values, analysis.complete),
                            BUNDLED_RULES.routing)
    assert (decision.case_type, decision.queue) == ("care_coordination", QUEUES[program])


@pytest.mark.parametrize("program", ["ecm", "cs"])
def test_a_referral_taken_by_phone_opens_in_the_programs_queue(
    workspace: Workspace, program: str
) -> None:
    entered = {**REFERRAL, "reason": REFERRAL["reason"][0], "program": program}
    case = open_phone_case(workspace, SUPERVISOR, "care_coordination_referral", entered)
    assert case_detail(workspace, SUPERVISOR, case.case_id).row.queue == QUEUES[program]
