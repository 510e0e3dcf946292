"""Cases in the database: filing documents, attaching later ones, moving status, clocks, claims."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from casework import users
from casework.actor import Actor
from casework.cases.filing import DocumentFacts, case_json, file_document
from casework.cases.queues import CaseFilter, claim_next, count_cases, list_cases
from casework.cases.work import case_detail, change_status, extend_clock
from casework.db.case_models import Case
from casework.db.models import AuditEvent, Document
from casework.errors import InvalidValue, UserError
from casework.plan.timezone import plan_time
from casework.workspace import Workspace
from tests.conftest import ADMIN, SUPERVISOR

# Friday 2026-07-02 is a Thursday; received Thursday 2026-07-02 10:00 Pacific.
RECEIVED = datetime(2026, 7, 2, 17, 0, tzinfo=UTC)


def _document(ws: Workspace, name: str = "fax.pdf") -> Document:
    with ws.db.write() as session:
        document = Document(sha256="0" * 64, original_name=name, source="fax",
                            received_at=RECEIVED, taken_at=ws.now(), size=1, status="processed")
        session.add(document)
        session.flush()
        session.expunge(document)
        return document


def _file(ws: Workspace, facts: DocumentFacts, text: str = "") -> tuple[int, str, bool]:
    document = _document(ws)
    with ws.db.write() as session:
        document = session.merge(document)
        filing = file_document(session, ws.rules, ADMIN, ws.now(), document, facts, text)
        return filing.case_id, filing.number, filing.opened


GRIEVANCE = DocumentFacts("grievance_form", {"member_id": "91234567A", "description": "late"},
                          complete=True, member_cin="91234567A", member_name="Rosa Delgado",
                          language="en")


def test_a_grievance_opens_a_numbered_case_with_its_clocks(workspace: Workspace) -> None:
    case_id, number, opened = _file(workspace, GRIEVANCE)
    assert opened and number == "GRV-2026-000001"
    with workspace.db.read() as session:
        shown = case_json(session, case_id)
    assert shown["type"] == "grievance" and shown["priority"] == "standard"
    # acknowledge by the 5th calendar day, resolve by the 30th, 23:59:59 Pacific
    assert shown["due"] == {"acknowledge": "2026-07-07T23:59:59-07:00",
                            "resolve": "2026-08-01T23:59:59-07:00"}


def test_a_later_document_naming_the_case_is_attached(workspace: Workspace) -> None:
    case_id, number, _ = _file(workspace, GRIEVANCE)
    again, _, opened = _file(workspace, DocumentFacts("unknown"), f"Re: case {number.lower()}")
    assert again == case_id and not opened
    with workspace.db.read() as session:
        reasons = [e.details for e in session.scalars(
            select(AuditEvent).where(AuditEvent.action == "case.document_attached")).all()]
    assert any("names case" in r for r in reasons)


def test_same_authorization_attaches_and_incomplete_prior_auth_waits_for_information(
    workspace: Workspace,
) -> None:
    facts = DocumentFacts("prior_auth_request", {"procedure_codes": ["97110"]}, complete=False,
                          problems=({"field": "member_dob", "kind": "missing",
                                     "message": "The member's date of birth is missing."},),
                          member_cin="91234567A", member_name="Rosa Delgado")
    case_id, number, _ = _file(workspace, facts)
    assert number.startswith("PA-2026-")
    detail = case_detail(workspace, SUPERVISOR, case_id)
    assert detail.row.status == "pending_information"
    assert "date of birth is missing" in detail.tasks[0].description
    # standard: the earlier of the 5th business day (Fri 7/3 is the observed holiday:
    # 7/6, 7/7, 7/8, 7/9, 7/10) and the 7th calendar day (7/9) -> Thursday 7/9
    assert [plan_time(c.due_at).isoformat() for c in detail.clocks] == ["2026-07-09T23:59:59-07:00"]
    again, _, opened = _file(workspace, facts)
    assert again == case_id and not opened


def test_status_moves_meet_clocks_and_illegal_moves_are_refused(workspace: Workspace) -> None:
    case_id, _, _ = _file(workspace, GRIEVANCE)
    with pytest.raises(UserError, match="cannot be resolved before it is acknowledged"):
        change_status(workspace, SUPERVISOR, case_id, "resolved")
    change_status(workspace, SUPERVISOR, case_id, "acknowledged")
    detail = case_detail(workspace, SUPERVISOR, case_id)
    met = {c.name: c.met_at for c in detail.clocks}
    assert met["acknowledge"] == workspace.now() and met["resolve"] is None
    assert detail.row.next_due_at == next(c.due_at for c in detail.clocks if c.name == "resolve")


def test_extension_moves_the_clock_with_a_reason_within_the_limit(workspace: Workspace) -> None:
    case_id, _, _ = _file(workspace, GRIEVANCE)
    due = extend_clock(workspace, SUPERVISOR, case_id, "resolve", 14,
                       "records from the clinic").due_at
    assert plan_time(due).isoformat() == "2026-08-15T23:59:59-07:00"
    with pytest.raises(InvalidValue, match="at most 14 days"):
        extend_clock(workspace, SUPERVISOR, case_id, "resolve", 1, "more")
    detail = case_detail(workspace, SUPERVISOR, case_id)
    resolve = next(c for c in detail.clocks if c.name == "resolve")
    assert resolve.extended and resolve.extension_reason == "records from the clinic"


def test_unknown_documents_go_to_intake_review_without_clocks(workspace: Workspace) -> None:
    case_id, number, _ = _file(workspace, DocumentFacts("unknown"))
    assert number.startswith("IR-2026-")
    with workspace.db.read() as session:
        assert case_json(session, case_id)["due"] == {}


@pytest.mark.postgres
@pytest.mark.slow
def test_eight_workers_claim_a_thousand_cases_each_exactly_once(pg_url: str, clock) -> None:  # type: ignore[no-untyped-def]
    from pathlib import Path

    from casework.db.database import Database
    from casework.db.migrate import upgrade
    from casework.store import DocumentStore

    ws = Workspace(Database(pg_url), DocumentStore(Path("/nonexistent")), clock)
    upgrade(ws.db)
    from casework.cases.opening import NewCase, open_case

    with ws.db.write() as session:
        for _ in range(1000):
            open_case(session, ADMIN, clock(), NewCase("grievance", "grievance", "standard",
                                                         RECEIVED))
    workers = []
    for n in range(8):
        users.add_user(ws, ADMIN, f"worker{n}", "grievance_coordinator", "long enough pw")
        workers.append(users.authenticate(ws, f"worker{n}", "long enough pw"))
    claimed: dict[str, list[int]] = {w.username: [] for w in workers}

    def work(actor: Actor) -> None:
        while (row := claim_next(ws, actor, "grievance")) is not None:
            claimed[actor.username].append(row.id)

    threads = [threading.Thread(target=work, args=(w,)) for w in workers]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    every = [case for ids in claimed.values() for case in ids]
    assert len(every) == 1000 and len(set(every)) == 1000
    assert sum(1 for ids in claimed.values() if ids) >= 2
    assert count_cases(ws, SUPERVISOR, CaseFilter(queue="grievance", assignee="")) == 0
    with ws.db.read() as session:
        assert session.scalar(select(func.count(Case.id)).where(Case.assignee_id.is_(None))) == 0
    assert len(list_cases(ws, SUPERVISOR, CaseFilter(assignee="worker0"), limit=2000)) == len(
        claimed["worker0"])
    ws.db.dispose()


def test_opening_a_case_is_recorded_and_reading_it_again_is_not(workspace: Workspace) -> None:
    """GIVEN a supervisor who opens a case WHEN the window reads it again after changes
    THEN the audit trail holds one look; opening it a second time is a second look."""
    case_id, number, _ = _file(workspace, GRIEVANCE)

    def looks() -> list[tuple[str, str]]:
        with workspace.db.read() as session:
            return [(e.actor, e.details) for e in session.scalars(select(AuditEvent).where(
                AuditEvent.action == "case.viewed", AuditEvent.entity_id == str(case_id)))]

    assert case_detail(workspace, SUPERVISOR, case_id).row.number == number
    for _ in range(3):
        assert case_detail(workspace, SUPERVISOR, case_id, opening=False).row.number == number
    assert len(looks()) == 1 and looks()[0][0] == SUPERVISOR.username
    case_detail(workspace, SUPERVISOR, case_id)
    assert len(looks()) == 2
