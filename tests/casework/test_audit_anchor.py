"""The anchored, keyed chain: a shortened, emptied, rehashed or extended trail is named."""

from __future__ import annotations

import hashlib
import json
import stat

import pytest
from sqlalchemy import exc as sa_exc
from sqlalchemy import select

from casework.audit.chain import canonical_json, timestamp_text
from casework.audit.trail import record
from casework.audit.verify import verify_chain
from casework.db.models import AuditEvent
from casework.errors import EnvironmentFailure
from casework.workspace import Workspace
from tests.conftest import ADMIN


def _write(ws: Workspace, count: int) -> None:
    for i in range(count):  # one commit each, as people's actions are
        with ws.db.write() as session:
            record(session, ADMIN, "document.viewed", "document", i, ws.now(), {"page": i})


def _tamper(ws: Workspace, *statements: str) -> None:
    with ws.db.engine.begin() as conn:
        if ws.db.dialect == "postgresql":  # a superuser switching the triggers off
            conn.exec_driver_sql("SET LOCAL session_replication_role = replica")
        for sql in statements:
            conn.exec_driver_sql(sql)


def _rows(ws: Workspace) -> list[dict[str, object]]:
    with ws.db.read() as session:
        events = session.scalars(select(AuditEvent).order_by(AuditEvent.seq)).all()
        return [{c: getattr(e, c) for c in ("seq", "occurred_at", "actor", "action",
                                             "entity_type", "entity_id", "details", "hash")}
                for e in events]


def _plain_hash(row: dict[str, object], prev_hash: str) -> str:
    """What a forger without the key computes: the unkeyed hash of the chain's recipe."""
    body = canonical_json({
        "seq": row["seq"], "occurred_at": timestamp_text(row["occurred_at"]),  # type: ignore[arg-type]
        "actor": row["actor"], "action": row["action"], "entity_type": row["entity_type"],
        "entity_id": row["entity_id"], "details": json.loads(str(row["details"]))})
    return hashlib.sha256((body + prev_hash).encode("utf-8")).hexdigest()


def _rehash_from(ws: Workspace, seq: int) -> None:
    """Edit event `seq` and recompute every hash after it, as an attacker without the key."""
    rows = _rows(ws)
    prev = str(rows[seq - 2]["hash"]) if seq > 1 else "0" * 64
    statements = []
    for row in rows[seq - 1:]:
        if row["seq"] == seq:
            row["actor"] = "mallory"
        new = _plain_hash(row, prev)
        statements.append(f"UPDATE audit_events SET actor = '{row['actor']}', "
                          f"prev_hash = '{prev}', hash = '{new}' WHERE seq = {row['seq']}")
        prev = new
    _tamper(ws, *statements)


@pytest.mark.parametrize(
    ("tampering", "broken_at", "words"),
    [
        (("UPDATE audit_events SET details = '{\"page\":99}' WHERE seq = 3",), 3, "changed"),
        (("DELETE FROM audit_events WHERE seq = 3",), 3, "missing"),
        (("DELETE FROM audit_events WHERE seq >= 5",), 5, "deleted from the end"),
        (("DELETE FROM audit_events",), 1, "truncated"),
        (("UPDATE audit_events SET seq = -1 WHERE seq = 2",
          "UPDATE audit_events SET seq = 2 WHERE seq = 3",
          "UPDATE audit_events SET seq = 3 WHERE seq = -1"), 2, "does not link"),
    ],
    ids=["edit", "delete-middle", "delete-tail", "truncate", "swap"],
)
def test_each_tampering_is_named(workspace: Workspace, tampering: tuple[str, ...],
                                 broken_at: int, words: str) -> None:
    _write(workspace, 6)
    _tamper(workspace, *tampering)
    report = verify_chain(workspace, ADMIN)
    assert not report.intact
    assert report.broken_seq == broken_at
    assert words in (report.problem or "")


def test_a_rewrite_rehashed_without_the_key_is_caught(workspace: Workspace) -> None:
    _write(workspace, 6)
    _rehash_from(workspace, 2)
    report = verify_chain(workspace, ADMIN)
    assert report.broken_seq == 2 and "rehashed" in (report.problem or "")


def test_a_forged_append_with_a_correct_looking_hash_is_caught(workspace: Workspace) -> None:
    _write(workspace, 4)
    last = _rows(workspace)[-1]
    forged = {**last, "seq": 5, "actor": "mallory", "details": "{}"}
    new_hash = _plain_hash(forged, str(last["hash"]))
    _tamper(workspace, "INSERT INTO audit_events (seq, occurred_at, actor, action, entity_type, "
            f"entity_id, details, prev_hash, hash) SELECT 5, occurred_at, 'mallory', action, "
            f"entity_type, entity_id, '{{}}', '{last['hash']}', '{new_hash}' "
            "FROM audit_events WHERE seq = 4")
    report = verify_chain(workspace, ADMIN)
    assert report.broken_seq == 5 and "forged append" in (report.problem or "")


def test_an_inserted_event_is_caught(workspace: Workspace) -> None:
    _write(workspace, 5)
    _tamper(workspace, "UPDATE audit_events SET seq = seq + 100 WHERE seq >= 3",
            "UPDATE audit_events SET seq = seq - 99 WHERE seq >= 103",
            "INSERT INTO audit_events (seq, occurred_at, actor, action, entity_type, entity_id, "
            "details, prev_hash, hash) SELECT 3, occurred_at, 'mallory', action, entity_type, "
            "entity_id, '{}', hash, '" + "0123456789abcdef" * 4 + "' FROM audit_events WHERE seq = 2")
    assert verify_chain(workspace, ADMIN).broken_seq == 3


def test_an_intact_trail_reports_its_head(workspace: Workspace) -> None:
    _write(workspace, 3)
    report = verify_chain(workspace, ADMIN)
    assert report.intact and report.head is not None
    assert report.head.seq == 3 and report.head.hash == _rows(workspace)[-1]["hash"]


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_sqlite_key_and_anchor_are_owner_only_files_beside_the_database(
    workspace: Workspace,
) -> None:
    _write(workspace, 2)
    seal = workspace.db.audit_seal
    assert seal is not None and seal.anchor_file is not None
    database = workspace.db.engine.url.database or ""
    for path in (seal.key_file, seal.anchor_file):
        assert str(path).startswith(database)
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert json.loads(seal.anchor_file.read_text())["seq"] == 2


@pytest.mark.parametrize("db_url", [pytest.param("postgresql", marks=pytest.mark.postgres)],
                         indirect=True)
def test_postgresql_refuses_rewriting_the_trail_or_its_anchors(workspace: Workspace) -> None:
    _write(workspace, 3)
    for sql in ("DELETE FROM audit_events WHERE seq = 3",
                "UPDATE audit_events SET actor = 'mallory' WHERE seq = 1",
                "TRUNCATE audit_events",
                "DELETE FROM audit_anchors"):
        with pytest.raises(sa_exc.DBAPIError, match="append-only"), \
                workspace.db.engine.begin() as conn:
            conn.exec_driver_sql(sql)
    with workspace.db.engine.connect() as conn:
        anchored = conn.exec_driver_sql("SELECT max(seq) FROM audit_anchors").scalar()
    assert anchored == 3
    assert verify_chain(workspace, ADMIN).intact


def test_a_missing_key_stops_writing_rather_than_starting_a_new_one(
    workspace: Workspace,
) -> None:
    """GIVEN a sealed trail WHEN its key file is gone (a second workstation without it, or a
    deleted file) THEN nothing is written under a new key, and verify says what is missing."""
    _write(workspace, 2)
    seal = workspace.db.audit_seal
    assert seal is not None
    seal.key_file.rename(seal.key_file.with_name("kept-aside"))
    with pytest.raises(EnvironmentFailure, match=r"key .* is missing"):
        _write(workspace, 1)
    assert not seal.key_file.exists() and len(_rows(workspace)) == 2
    report = verify_chain(workspace, ADMIN)
    assert not report.intact and "key" in (report.problem or "")
    seal.key_file.with_name("kept-aside").rename(seal.key_file)
    _write(workspace, 1)
    assert verify_chain(workspace, ADMIN).intact
