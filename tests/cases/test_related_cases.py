"""Related cases: a document naming a case of another type opens its own case, related both ways.

An appeal quotes the number of the request it appeals; it must open an appeal with the appeal's
clocks, not disappear into the request. A State Hearing notice naming the plan's appeal opens
the hearing case, related to the appeal. A later document of the same type still continues the
case it names.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from casework.cases.filing import DocumentFacts, case_json, file_document
from casework.cases.phone_intake import open_phone_case
from casework.cases.work import case_detail, change_status
from casework.db.models import AuditEvent, Document
from casework.plan.relation_rules import load_relation_rules
from casework.plan.rule_files import RuleFileError
from casework.plan.timezone import plan_time
from casework.workspace import Workspace
from tests.cases.reviewed_requests import add_person
from tests.conftest import ADMIN, SUPERVISOR

RECEIVED = datetime(2026, 7, 2, 17, 0, tzinfo=UTC)  # Thursday 10:00 Pacific
MEMBER = {"member_id": "91234567A", "member_name": "Rosa Delgado"}


def _file(ws: Workspace, facts: DocumentFacts, text: str = "") -> tuple[int, str, bool]:
    with ws.db.write() as session:
        document = Document(sha256="0" * 64, original_name="fax.pdf", source="fax",
                            received_at=RECEIVED, taken_at=ws.now(), size=1, status="processed")
        session.add(document)
        session.flush()
        filing = file_document(session, ws.rules, ADMIN, ws.now(), document, facts, text)
        return filing.case_id, filing.number, filing.opened


def _facts(form_type: str, **fields: object) -> DocumentFacts:
    return DocumentFacts(form_type, {**MEMBER, **fields}, complete=True,
                         member_cin="91234567A", member_name="Rosa Delgado", language="en")


def _related(ws: Workspace, case_id: int) -> list[str]:
    return [f"{r.relation} {r.number}"
            for r in case_detail(ws, SUPERVISOR, case_id, opening=False).related]


@pytest.mark.parametrize(("request_form", "prefix"), [("prior_auth_request", "PA"),
                                                      ("nemt_request", "NEMT")])
def test_an_appeal_naming_a_request_opens_an_appeal_related_both_ways(
        workspace: Workspace, request_form: str, prefix: str) -> None:
    """GIVEN a request on file WHEN the member's appeal quotes its number THEN an appeal case
    opens with the appeal's own clocks, the appeal reads 'appeals PA-…' and the request reads
    'appealed by APL-…', and both cases' trails say so."""
    request_id, request_number, _ = _file(workspace, _facts(request_form,
                                                            procedure_codes=["97110"]))
    assert request_number.startswith(f"{prefix}-2026-")

    appeal_id, appeal_number, opened = _file(
        workspace, _facts("appeal_request", authorization_number=request_number,
                          denied_service="physical therapy", reason="I still need it"),
        f"APPEAL REQUEST\nAuthorization Number: {request_number}\nReason: I still need it")

    assert opened and appeal_id != request_id and appeal_number.startswith("APL-2026-")
    assert _related(workspace, appeal_id) == [f"appeals {request_number}"]
    assert _related(workspace, request_id) == [f"appealed by {appeal_number}"]
    appeal = case_detail(workspace, SUPERVISOR, appeal_id, opening=False)
    # The appeal's own clocks, from its receipt: acknowledge in 5 days, resolve in 30.
    assert {c.name: plan_time(c.due_at).date().isoformat() for c in appeal.clocks} == {
        "acknowledge": "2026-07-07", "resolve": "2026-08-01"}
    request = case_detail(workspace, SUPERVISOR, request_id, opening=False)
    assert request.document_ids and set(request.document_ids).isdisjoint(appeal.document_ids)
    with workspace.db.read() as session:
        events = [(e.entity_id, json.loads(e.details)) for e in session.scalars(
            select(AuditEvent).where(AuditEvent.action == "case.related"))]
    assert {(int(entity), d["relation"], d["related"]) for entity, d in events} == {
        (appeal_id, "appeals", request_number), (request_id, "appealed by", appeal_number)}
    assert all("438.40" in d["citation"] for _, d in events)


def test_an_appeal_of_a_decided_and_closed_request_still_relates(workspace: Workspace) -> None:
    request_id, number, _ = _file(workspace, _facts("prior_auth_request",
                                                    procedure_codes=["97110"]))
    reviewer = add_person(workspace, "aruiz", "clinical_reviewer")  # who alone may deny it
    for status, outcome in (("in_review", None), ("decided", "denied"), ("notified", None),
                            ("closed", None)):
        actor = reviewer if outcome == "denied" else SUPERVISOR
        change_status(workspace, actor, request_id, status, outcome)
    appeal_id, _, opened = _file(workspace, _facts("appeal_request",
                                                   authorization_number=number))
    assert opened and _related(workspace, appeal_id) == [f"appeals {number}"]


def test_a_hearing_notice_naming_an_appeal_or_grievance_relates_to_it(
        workspace: Workspace) -> None:
    """GIVEN an appeal and a grievance WHEN a State Hearing notice names each THEN a hearing
    case opens for each, reading 'hearing of …', and the named case reads 'taken to State
    Hearing in …'."""
    appeal_id, appeal, _ = _file(workspace, _facts("appeal_request", denied_service="MRI"))
    grievance_id, grievance, _ = _file(workspace, _facts("grievance_form", description="late"))
    for named_id, named, hearing_number in ((appeal_id, appeal, "2026-0045123"),
                                            (grievance_id, grievance, "2026-0045124")):
        hearing_id, hearing, opened = _file(
            workspace, _facts("sfh_notice", hearing_number=hearing_number,
                              hearing_date="2026-09-15"),
            f"Notice of State Fair Hearing\nPlan reference: {named}")
        assert opened and hearing.startswith("SFH-2026-")
        assert _related(workspace, hearing_id) == [f"hearing of {named}"]
        assert _related(workspace, named_id) == [f"taken to State Hearing in {hearing}"]


def test_a_later_document_of_the_same_type_still_continues_the_case(
        workspace: Workspace) -> None:
    """The provider's second fax about an appeal, quoting the appeal's number, is attached to
    it: no new case, no relation."""
    request_id, request, _ = _file(workspace, _facts("prior_auth_request",
                                                     procedure_codes=["97110"]))
    appeal_id, appeal, _ = _file(workspace, _facts("appeal_request",
                                                   authorization_number=request))
    again, _, opened = _file(workspace, _facts("appeal_request", denied_service="therapy"),
                             f"Re: appeal {appeal.lower()} and request {request}")
    assert again == appeal_id and not opened
    assert _related(workspace, appeal_id) == [f"appeals {request}"]
    # A document nobody recognised that quotes a number is attached, as before.
    cover, _, opened = _file(workspace, DocumentFacts("unknown"), f"Records for {request}")
    assert cover == request_id and not opened
    assert _related(workspace, request_id) == [f"appealed by {appeal}"]


def test_a_grievance_naming_a_request_opens_its_own_grievance(workspace: Workspace) -> None:
    """A pair no rule names relates as 'otherwise' says; the grievance keeps its clocks."""
    _, request, _ = _file(workspace, _facts("nemt_request"))
    grievance_id, number, opened = _file(workspace, _facts("grievance_form",
                                                           description="the ride never came"),
                                         f"My ride {request} never came")
    assert opened and number.startswith("GRV-")
    assert _related(workspace, grievance_id) == [f"refers to {request}"]


def test_a_phone_appeal_quoting_the_request_number_relates(workspace: Workspace) -> None:
    request_id, request, _ = _file(workspace, _facts("prior_auth_request",
                                                     procedure_codes=["97110"]))
    call = open_phone_case(workspace, SUPERVISOR, "appeal_request", {
        "member_name": "Rosa Delgado", "member_id": "91234567A", "member_dob": "04/12/1961",
        "authorization_number": request, "denied_service": "physical therapy",
        "reason": "my doctor says I need it"})
    assert call.number.startswith("APL-")
    assert _related(workspace, request_id) == [f"appealed by {call.number}"]
    with workspace.db.read() as session:
        assert case_json(session, call.case_id)["related"] == [
            {"number": request, "type": "prior_auth", "relation": "appeals"}]


def test_a_bad_relations_file_is_refused_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "relations.yaml"
    path.write_text("version: 1\nrules:\n  - name: x\n    case: appeal\n    names: [denial]\n"
                    "    relation: appeals\n    inverse: appealed by\n    citation: c\n",
                    encoding="utf-8")
    with pytest.raises(RuleFileError, match=r"line 5: 'names' has 'denial'"):
        load_relation_rules(path)
    bundled = load_relation_rules()
    assert bundled.between("appeal", "prior_auth") is not None
    assert bundled.between("intake_review", "prior_auth") is None
