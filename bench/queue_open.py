"""Opening the queue on 100,000 cases: from building the queue view to its first rows shown.

Baseline: the bare SQL query (through the database driver, no ORM, no Qt) that fetches the same
first page — the person's open cases, soonest due first. Runs on SQLite in a temporary folder,
and on PostgreSQL when INTAKE_TEST_PG_URL is set or a server answers at 127.0.0.1:5432 as user
postgres (a scratch database is created there and dropped afterwards).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QMessageLogContext, QTimer, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication
from sqlalchemy import create_engine, insert, text
from sqlalchemy.engine import make_url

from casework.actor import Actor
from casework.db.case_models import Case
from casework.db.database import Database
from casework.db.migrate import upgrade
from casework.db.models import User
from casework.permissions import Role
from casework.store import DocumentStore
from casework.workspace import Workspace
from desktop.case_table import PAGE, CaseTableModel
from desktop.queue_view import QueueView

CASES = int(os.environ.get("BENCH_CASES", "100000"))
STAFF = 20  # the person opening the queue has one case in twenty
ROUNDS = 5
TARGET_MS = 300.0
LOCAL_PG = "postgresql://postgres@127.0.0.1:5432/postgres"
QUEUES = [("prior_auth", "um_standard", "PA"), ("prior_auth", "um_expedited", "PA"),
          ("grievance", "grievance", "GRV"), ("nemt", "transportation", "NEMT"),
          ("appeal", "appeals", "APL"), ("intake_review", "intake_review", "IR")]
STATUSES = ["received", "in_review", "pending_information", "acknowledged", "closed"]
BARE_SQL = (
    "SELECT c.id, c.number, c.case_type, c.queue, c.priority, c.status, c.member_name, "
    "c.member_cin, u.username, c.received_at, c.next_due_at FROM cases c "
    "LEFT OUTER JOIN users u ON c.assignee_id = u.id "
    "WHERE c.status NOT IN ('closed') AND u.username = 'bench00' "
    f"ORDER BY c.next_due_at ASC NULLS LAST, c.id LIMIT {PAGE}"
)


def fill(ws: Workspace) -> Actor:
    """Staff accounts and CASES cases, inserted in bulk; returns the person who opens the queue."""
    now = datetime(2026, 11, 2, 17, 30, tzinfo=UTC)
    with ws.db.write() as session:
        session.execute(insert(User), [
            {"username": f"bench{n:02d}", "full_name": f"Bench {n}", "role": "um_coordinator",
             "password_hash": None, "active": True, "created_at": now} for n in range(STAFF)])
    with ws.db.read() as session:
        ids = [row[0] for row in session.execute(text("SELECT id FROM users ORDER BY id"))]
    batch = 10_000
    for start in range(0, CASES, batch):
        rows = [case_row(n, now, ids) for n in range(start, min(start + batch, CASES))]
        with ws.db.write() as session:
            session.execute(insert(Case), rows)
    with ws.db.engine.connect() as conn:
        conn.execute(text("ANALYZE"))
        conn.commit()
    return Actor("bench00", Role.UM_COORDINATOR, ids[0])


def case_row(n: int, now: datetime, staff: list[int]) -> dict[str, object]:
    case_type, queue, prefix = QUEUES[n % len(QUEUES)]
    received = now - timedelta(minutes=7 * n)
    return {
        "number": f"{prefix}-2026-{n:06d}", "case_type": case_type, "queue": queue,
        "status": STATUSES[n % len(STATUSES)], "priority": "standard",
        "member_name": f"Member {n}", "member_cin": f"9{n:07d}A", "received_at": received,
        "next_due_at": received + timedelta(days=14 + n % 30), "assignee_id": staff[n % STAFF],
        "fields_json": "{}", "created_at": received, "updated_at": received,
    }


def wait_for(condition_signal: object, done: object) -> None:
    """Spin the event loop until `done()` is true after `condition_signal` fires."""
    loop = QEventLoop()

    def check() -> None:
        if done():  # type: ignore[operator]
            loop.quit()

    condition_signal.connect(check)  # type: ignore[attr-defined]
    QTimer.singleShot(30_000, loop.quit)
    loop.exec()
    condition_signal.disconnect(check)  # type: ignore[attr-defined]


def open_queue_ms(ws: Workspace, actor: Actor) -> float:
    """Milliseconds from constructing the model and view to the first rows painted."""
    started = time.perf_counter()
    model = CaseTableModel(ws, actor)
    view = QueueView(ws, actor, model)
    view.resize(1200, 700)
    view.show()
    view.refresh()
    wait_for(model.modelReset, lambda: model.rowCount() > 0)
    view.table.viewport().repaint()
    elapsed = (time.perf_counter() - started) * 1000
    if model.rowCount() != PAGE:
        raise SystemExit(f"the queue showed {model.rowCount()} rows, expected {PAGE}")
    view.close()
    view.deleteLater()
    QApplication.processEvents()
    return elapsed


def bare_query_ms(db: Database) -> float:
    """Milliseconds for the driver to run the first-page query and fetch its rows."""
    connection = db.engine.raw_connection()
    try:
        started = time.perf_counter()
        cursor = connection.cursor()
        cursor.execute(BARE_SQL)
        rows = cursor.fetchall()
        elapsed = (time.perf_counter() - started) * 1000
        cursor.close()
    finally:
        connection.close()
    if len(rows) != PAGE:
        raise SystemExit(f"the bare query returned {len(rows)} rows, expected {PAGE}")
    return elapsed


def measure(label: str, ws: Workspace) -> bool:
    """Fill, then time both sides ROUNDS times; print medians. True when the median is within
    the target (the first, cold opening is printed beside it)."""
    started = time.perf_counter()
    actor = fill(ws)
    print(f"{label}: {CASES:,} cases inserted in {time.perf_counter() - started:.1f} s")
    bare = [bare_query_ms(ws.db) for _ in range(ROUNDS)]
    view = [open_queue_ms(ws, actor) for _ in range(ROUNDS)]
    bare_ms, view_ms = statistics.median(bare), statistics.median(view)
    print(f"  bare SQL first page ({PAGE} rows):        {bare_ms:7.1f} ms (median of {ROUNDS})")
    print(f"  queue view to first rows shown:        {view_ms:7.1f} ms (median; the first, "
          f"cold, {view[0]:.1f} ms)  (target < {TARGET_MS:.0f} ms)")
    print(f"  ratio view / bare SQL:                 {view_ms / bare_ms:7.1f}")
    return view_ms < TARGET_MS


@contextmanager
def sqlite_workspace(folder: Path) -> Iterator[Workspace]:
    ws = Workspace(Database(f"sqlite:///{folder / 'bench.sqlite3'}"),
                   DocumentStore(folder / "store"))
    upgrade(ws.db)
    try:
        yield ws
    finally:
        ws.db.dispose()


def postgres_server() -> tuple[str, str] | None:
    """(server URL, where it came from) of a reachable PostgreSQL server, or None."""
    given = os.environ.get("INTAKE_TEST_PG_URL")
    candidates = [(given, "INTAKE_TEST_PG_URL")] if given else []
    candidates.append((LOCAL_PG, "the local server at 127.0.0.1:5432"))
    for url, origin in candidates:
        engine = create_engine(make_url(url).set(drivername="postgresql+psycopg"),
                               connect_args={"connect_timeout": 3})
        try:
            with engine.connect():
                return url, origin
        except Exception:  # unreachable or refused: try the next, else run on SQLite only
            continue
        finally:
            engine.dispose()
    return None


@contextmanager
def postgres_workspace(server: str, folder: Path) -> Iterator[Workspace]:
    admin_url = make_url(server).set(drivername="postgresql+psycopg")
    name = f"bench_queue_{uuid.uuid4().hex[:10]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    ws = Workspace(Database(admin_url.set(database=name).render_as_string(hide_password=False)),
                   DocumentStore(folder / "pg-store"))
    try:
        upgrade(ws.db)
        yield ws
    finally:
        ws.db.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def quiet_offscreen(kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
    """The offscreen platform says it cannot size windows natively; nothing else is dropped."""
    if "propagateSizeHints" not in message:
        sys.stderr.write(f"{message}\n")


def main() -> int:
    qInstallMessageHandler(quiet_offscreen)
    app = QApplication.instance() or QApplication(sys.argv)
    assert app is not None
    ok = True
    with tempfile.TemporaryDirectory(prefix="queue-bench-") as tmp:
        folder = Path(tmp)
        with sqlite_workspace(folder) as ws:
            ok &= measure("SQLite", ws)
        server = postgres_server()
        if server is None:
            print("PostgreSQL: not measured (INTAKE_TEST_PG_URL unset and no server at "
                  "127.0.0.1:5432 for user postgres)")
        else:
            url, origin = server
            with postgres_workspace(url, folder) as ws:
                ok &= measure(f"PostgreSQL ({origin})", ws)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
