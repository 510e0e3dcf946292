"""Shared fixtures: isolated user folders, both database engines, a workspace, a clock."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from casework.actor import Actor
from casework.bootstrap import open_workspace
from casework.permissions import Role
from casework.settings import Settings, load_settings
from casework.workspace import Workspace
from tests.support.postgres_server import PrivateServer, start_private_server
from tests.support.rules import BUNDLED_RULES

REPO_ROOT = Path(__file__).resolve().parents[1]
CORPORA = REPO_ROOT.parent / "shared" / "corpora"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/desktop" in item.nodeid.replace(os.sep, "/"):
            item.add_marker(pytest.mark.gui)


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own config, data and log folders; nothing touches the real ones."""
    home = tmp_path / "home"
    monkeypatch.setenv("INTAKE_HOME", str(home))
    for name in (
        "INTAKE_CONFIG",
        "INTAKE_DATA_DIR",
        "INTAKE_LOG_DIR",
        "INTAKE_STATE_DIR",
        "INTAKE_DB_URL",
        "INTAKE_STORE_ROOT",
    ):
        monkeypatch.delenv(name, raising=False)
    return home


@pytest.fixture(scope="session")
def pg_server_url() -> Iterator[str]:
    """A PostgreSQL server: INTAKE_TEST_PG_URL if given, else a private one for this session."""
    given = os.environ.get("INTAKE_TEST_PG_URL")
    if given:
        yield given
        return
    server: PrivateServer = start_private_server()
    try:
        yield server.url
    finally:
        server.stop()


@pytest.fixture
def pg_url(pg_server_url: str) -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test, dropped afterwards."""
    admin_url = make_url(pg_server_url).set(drivername="postgresql+psycopg")
    name = f"intake_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield admin_url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'intake.sqlite3'}"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest) -> str:
    """Each test using this runs once on SQLite and once on PostgreSQL."""
    fixture = "sqlite_url" if request.param == "sqlite" else "pg_url"
    return str(request.getfixturevalue(fixture))


class FixedClock:
    """A clock tests move by hand; domain code never reads the wall clock."""

    def __init__(self, start: datetime) -> None:
        self.current = start

    def __call__(self) -> datetime:
        return self.current

    def advance(self, **kwargs: float) -> None:
        self.current += timedelta(**kwargs)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2026, 11, 2, 17, 30, tzinfo=UTC))


@pytest.fixture
def settings(db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    monkeypatch.setenv("INTAKE_DB_URL", db_url)
    monkeypatch.setenv("INTAKE_STORE_ROOT", str(tmp_path / "store"))
    return load_settings()


@pytest.fixture
def workspace(settings: Settings, clock: FixedClock) -> Iterator[Workspace]:
    ws = open_workspace(settings, now=clock, rules=BUNDLED_RULES)
    try:
        yield ws
    finally:
        ws.db.dispose()


ADMIN = Actor("test-admin", Role.ADMIN)
SUPERVISOR = Actor("test-supervisor", Role.SUPERVISOR)


# Letters are signed by a person's full name: the accounts the test actors stand for.
SIGNERS = {ADMIN.username: "Morgan Ellis", SUPERVISOR.username: "Dana Whitfield"}


@pytest.fixture
def signing_staff(workspace: Workspace) -> dict[str, str]:
    """Accounts with full names for the test actors, so the letters they make are signed, and
    the plan's plain words for the CPT code the test requests ask for (97110)."""
    from casework.letters.service_words import set_service_words
    from casework.users import add_user

    for actor in (ADMIN, SUPERVISOR):
        add_user(workspace, ADMIN, actor.username, actor.role.value, "correct horse battery 9",
                 full_name=SIGNERS[actor.username])
    set_service_words(workspace, SUPERVISOR, "97110", "en", "Physical therapy exercises")
    set_service_words(workspace, SUPERVISOR, "97110", "es", "Ejercicios de fisioterapia")
    return SIGNERS


@pytest.fixture
def staff_signs_letters(request: pytest.FixtureRequest) -> None:
    """`signing_staff` for every test of a module that has a workspace (use with
    `pytest.mark.usefixtures`); tests without one are left alone."""
    if "workspace" in request.fixturenames:
        request.getfixturevalue("signing_staff")
