"""The trail is one unbroken hash chain, and any tampering is named at its first broken link."""

from __future__ import annotations

import threading
from datetime import date

import pdfplumber
import pytest
from sqlalchemy import func, select, text

from casework import users
from casework.actor import Actor
from casework.audit.export import export_trail
from casework.audit.trail import record
from casework.audit.verify import chain_head, verify_chain
from casework.db.database import Database
from casework.db.models import AuditEvent
from casework.permissions import Role
from casework.workspace import Workspace
from tests.conftest import ADMIN, FixedClock


def _write_events(ws: Workspace, count: int) -> None:
    with ws.db.write() as session:
        for i in range(count):
            record(session, ADMIN, "document.viewed", "document", i, ws.now(), {"page": i})


def test_events_chain_and_verify(workspace: Workspace) -> None:
    _write_events(workspace, 6)
    report = verify_chain(workspace, ADMIN)
    assert report.intact and report.checked == 6


def test_event_is_written_with_its_change_or_not_at_all(workspace: Workspace) -> None:
    with pytest.raises(RuntimeError), workspace.db.write() as session:
        record(session, ADMIN, "user.added", "user", 1, workspace.now())
        raise RuntimeError("the change failed after its event was written")
    with workspace.db.read() as session:
        assert session.scalar(select(func.count()).select_from(AuditEvent)) == 0


def _tamper(ws: Workspace, sql: str) -> None:
    """Rewrite the table as someone with the database's superuser would: on PostgreSQL that
    means switching the append-only triggers off first."""
    with ws.db.engine.begin() as conn:
        if ws.db.dialect == "postgresql":
            conn.exec_driver_sql("SET LOCAL session_replication_role = replica")
        conn.exec_driver_sql(sql)


@pytest.mark.parametrize(
    ("tampering", "broken_at"),
    [
        ("UPDATE audit_events SET details = '{\"page\": 99}' WHERE seq = 3", 3),
        ("UPDATE audit_events SET actor = 'someone-else' WHERE seq = 4", 4),
        ("DELETE FROM audit_events WHERE seq = 3", 3),
        # swap the contents of two events, keeping their sequence numbers
        (
            "UPDATE audit_events SET seq = -1 WHERE seq = 2;"
            "UPDATE audit_events SET seq = 2 WHERE seq = 3;"
            "UPDATE audit_events SET seq = 3 WHERE seq = -1",
            2,
        ),
    ],
    ids=["edited-details", "edited-actor", "deleted", "swapped"],
)
def test_verify_names_the_first_broken_link(
    workspace: Workspace, tampering: str, broken_at: int
) -> None:
    _write_events(workspace, 6)
    for statement in tampering.split(";"):
        _tamper(workspace, statement)
    report = verify_chain(workspace, ADMIN)
    assert not report.intact
    assert report.broken_seq == broken_at
    assert report.problem


def test_verify_catches_an_inserted_event(workspace: Workspace) -> None:
    """GIVEN a trail, WHEN someone renumbers the tail and slips a forged event in,
    THEN verify fails there."""
    _write_events(workspace, 5)
    with workspace.db.engine.begin() as conn:
        if workspace.db.dialect == "postgresql":
            conn.exec_driver_sql("SET LOCAL session_replication_role = replica")
        conn.execute(text("UPDATE audit_events SET seq = seq + 100 WHERE seq >= 3"))
        conn.execute(text("UPDATE audit_events SET seq = seq - 99 WHERE seq >= 103"))
        forged = conn.execute(text("SELECT * FROM audit_events WHERE seq = 2")).mappings().one()
        conn.execute(
            text(
                "INSERT INTO audit_events (seq, occurred_at, actor, action, entity_type, "
                "entity_id, details, prev_hash, hash) VALUES (3, :at, 'mallory', "
                "'document.deleted', 'document', '7', '{}', :prev, :hash)"
            ),
            {"at": forged["occurred_at"], "prev": forged["hash"], "hash": "f" * 64},
        )
    report = verify_chain(workspace, ADMIN)
    assert report.broken_seq == 3


def test_user_services_write_audit_events(workspace: Workspace, clock: FixedClock) -> None:
    users.add_user(workspace, ADMIN, "maria", "grievance_coordinator", "correct horse battery")
    users.authenticate(workspace, "maria", "correct horse battery")
    with pytest.raises(Exception, match="not right"):
        users.authenticate(workspace, "maria", "wrong password!")
    with workspace.db.read() as session:
        actions = session.scalars(select(AuditEvent.action).order_by(AuditEvent.seq)).all()
        actors = session.scalars(select(AuditEvent.actor).order_by(AuditEvent.seq)).all()
    assert actions == ["user.added", "user.signed_in", "user.sign_in_failed"]
    assert actors[:2] == ["test-admin", "maria"]
    assert verify_chain(workspace, ADMIN).intact


def test_export_writes_csv_and_pdf_an_auditor_can_read(workspace: Workspace, tmp_path) -> None:  # type: ignore[no-untyped-def]
    users.add_user(workspace, ADMIN, "maria", "grievance_coordinator", "correct horse battery")
    csv_path = tmp_path / "trail.csv"
    pdf_path = tmp_path / "trail.pdf"
    assert (
        export_trail(workspace, ADMIN, date(2026, 11, 1), date(2026, 11, 30), "csv", csv_path) == 1
    )
    lines = csv_path.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("seq,occurred_at,actor,action")
    assert "user.added" in lines[1] and "maria" in lines[1]
    assert "2026-11-02T09:30:00-08:00" in lines[1]  # shown in plan time
    export_trail(workspace, ADMIN, date(2026, 11, 1), date(2026, 11, 30), "pdf", pdf_path)
    with pdfplumber.open(pdf_path) as pdf:
        text_ = "\n".join(page.extract_text() or "" for page in pdf.pages)
    assert "Audit trail, 11/01/2026 to 11/30/2026" in text_
    # Said in words for a person; the CSV above keeps the stored values for tools.
    assert "test-admin added account maria" in text_
    assert "test-admin exported the audit trail" in text_
    assert "user.added" not in text_
    # The head on paper: a later rewrite of the trail cannot reach this copy.
    head = chain_head(workspace, ADMIN)
    assert head is not None
    assert f"Audit trail head when printed: event {head.seq - 1}, hash" in text_
    # an export outside the period holds none of the events
    assert (
        export_trail(workspace, ADMIN, date(2026, 10, 1), date(2026, 10, 31), "csv", csv_path) == 0
    )


@pytest.mark.postgres
@pytest.mark.slow
def test_concurrent_writers_leave_one_unbroken_chain_on_postgresql(
    pg_url: str, clock: FixedClock
) -> None:
    """8 writers x 500 events in separate transactions: one chain, no fork, no gap."""
    from casework.db.migrate import upgrade
    from casework.store import DocumentStore

    db = Database(pg_url)
    upgrade(db)
    ws = Workspace(
        db=db, store=DocumentStore(__import__("pathlib").Path("/nonexistent")), now=clock
    )
    errors: list[BaseException] = []

    def writer(n: int) -> None:
        actor = Actor(f"writer-{n}", Role.INTAKE_CLERK)
        try:
            for i in range(500):
                with db.write() as session:
                    record(session, actor, "document.viewed", "document", i, clock())
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    try:
        assert errors == []
        report = verify_chain(ws, ADMIN)
        assert report.intact and report.checked == 4000
    finally:
        db.dispose()
