"""The one database layer over SQLite (embedded) and PostgreSQL (shared)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from casework.db.audit_seal import AuditSeal, ChainHead, seal_for
from casework.errors import DatabaseUnavailable
from casework.private_files import private_file, private_folder, tighten

log = logging.getLogger(__name__)

SQLITE_BUSY_TIMEOUT_MS = 15_000


class Database:
    """Owns the engine; hands out write sessions (one transaction each) and read sessions."""

    def __init__(self, url: str, *, echo: bool = False) -> None:
        self.url = make_url(url)
        self.dialect = self.url.get_backend_name()
        if self.dialect == "postgresql" and self.url.drivername == "postgresql":
            self.url = self.url.set(drivername="postgresql+psycopg")
        if self.dialect not in {"sqlite", "postgresql"}:
            raise DatabaseUnavailable(
                "The database address must start with sqlite:/// or postgresql://, "
                f"not {self.dialect}."
            )
        kwargs: dict[str, Any] = {"echo": echo}
        if self.dialect == "sqlite":
            _make_private_file(self.url.database)
            kwargs["connect_args"] = {"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}
        else:
            kwargs["pool_pre_ping"] = True
        self.engine: Engine = create_engine(self.url, **kwargs)
        if self.dialect == "sqlite":
            _configure_sqlite(self.engine)
        self._write_engine = self.engine.execution_options(intake_write=True)
        # The trail's key and anchor travel with every write session; `record` seals with the
        # key and leaves the new head in session.info for the anchor hooks below.
        self.audit_seal: AuditSeal | None = seal_for(self.url)
        self._writer = sessionmaker(bind=self._write_engine, expire_on_commit=False,
                                    info={"audit_seal": self.audit_seal})
        event.listen(self._writer, "before_commit", _anchor_in_table)
        event.listen(self._writer, "after_commit", _anchor_in_file)
        event.listen(self._writer, "after_rollback", _forget_head)
        self._reader = sessionmaker(bind=self.engine, expire_on_commit=False)

    @property
    def display_url(self) -> str:
        """The address with any password hidden, fit for messages and logs."""
        return self.url.render_as_string(hide_password=True)

    @property
    def short_name(self) -> str:
        """What a person at the desk needs to know of it: this computer's own database, or
        which shared server and database ("intake on dbhost")."""
        if self.url.get_backend_name() == "sqlite":
            return "this computer"
        return f"{self.url.database or 'shared'} on {self.url.host or 'this computer'}"

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A session whose work commits together or not at all (SQLite: BEGIN IMMEDIATE)."""
        with translate_errors(self.display_url), self._writer() as session, session.begin():
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading; it is closed (never committed) at the end of the block."""
        with translate_errors(self.display_url), self._reader() as session:
            yield session

    def dispose(self) -> None:
        self.engine.dispose()


def _make_private_file(database: str | None) -> None:
    """Create the database file owner-only before SQLite does (it would use the umask), and
    tighten one found readable by others, with its write-ahead log and shared-memory files."""
    if database and database != ":memory:" and not database.startswith("file:"):
        path = Path(database).expanduser()
        if not path.parent.exists():
            private_folder(path.parent)
        private_file(path)
        for suffix in ("-wal", "-shm"):
            tighten(path.with_name(path.name + suffix))


AUDIT_HEAD = "audit_head"


def _anchor_in_table(session: Session) -> None:
    head = session.info.get(AUDIT_HEAD)
    if head is None or session.get_bind().dialect.name != "postgresql":
        return
    from casework.db.models import AuditAnchor

    session.add(AuditAnchor(seq=head[0].seq, hash=head[0].hash, occurred_at=head[1]))
    session.flush()


def _anchor_in_file(session: Session) -> None:
    head = session.info.pop(AUDIT_HEAD, None)
    seal = session.info.get("audit_seal")
    if head is not None and isinstance(seal, AuditSeal):
        seal.write_head(head[0])


def _forget_head(session: Session) -> None:
    session.info.pop(AUDIT_HEAD, None)


def remember_head(session: Session, head: ChainHead, occurred_at: object) -> None:
    """Note the chain's new head so the commit anchors it."""
    session.info[AUDIT_HEAD] = (head, occurred_at)


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # We issue BEGIN ourselves so a writer takes the lock before it reads (no stale
        # read-then-write), which keeps the audit chain from racing.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        write = connection.get_execution_options().get("intake_write", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


@contextmanager
def translate_errors(where: str) -> Iterator[None]:
    """Turn driver failures into a message a clerk or an administrator can act on."""
    try:
        yield
    except sa_exc.OperationalError as exc:
        raise DatabaseUnavailable(describe_operational_error(exc, where)) from exc
    except sa_exc.DatabaseError as exc:
        text = str(exc.orig)
        if "file is not a database" in text or "malformed" in text:
            raise DatabaseUnavailable(
                f"The file at {where} is not a workstation database or is damaged."
            ) from exc
        raise


def describe_operational_error(exc: sa_exc.OperationalError, where: str) -> str:
    text = str(exc.orig).lower()
    if "locked" in text or "busy" in text:
        return "The database is busy: another program has held it locked too long. Try again."
    if "unable to open" in text:
        return (
            f"The database file cannot be opened ({where}): "
            "check the folder exists and is writable."
        )
    if "readonly" in text or "read-only" in text:
        return f"The database ({where}) is read-only: check the file's permissions."
    if "disk" in text and "full" in text:
        return "The disk holding the database is full."
    if "connect" in text or "connection" in text or "server" in text:
        return f"The database server cannot be reached ({where}). Check that it is running."
    return f"The database failed ({where}): {exc.orig}"
