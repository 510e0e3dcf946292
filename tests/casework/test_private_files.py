"""Member data is owner-only: the database, its folders and the audit key, new or found wide."""

from __future__ import annotations

import logging
import stat
from pathlib import Path

import pytest

from casework.audit.trail import record
from casework.bootstrap import open_workspace
from casework.settings import load_settings
from tests.conftest import ADMIN
from tests.support.rules import BUNDLED_RULES


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_first_start_creates_everything_owner_only(isolated_home: Path) -> None:
    settings = load_settings()  # the embedded database in the data folder
    ws = open_workspace(settings, rules=BUNDLED_RULES)
    try:
        with ws.db.write() as session:
            record(session, ADMIN, "document.viewed", "document", 1, ws.now())
    finally:
        ws.db.dispose()
    data = settings.paths.data_dir
    assert _mode(data) == 0o700 and _mode(settings.store_root) == 0o700
    files = [p for p in data.iterdir() if p.is_file()]
    assert any(p.name == "intake.sqlite3" for p in files)
    assert any(p.name.endswith(".audit-key") for p in files)
    for path in files:
        assert _mode(path) & 0o077 == 0, path.name


def test_wide_files_found_at_start_are_tightened_with_a_log_line(
    isolated_home: Path, caplog: pytest.LogCaptureFixture
) -> None:
    settings = load_settings()
    data = settings.paths.data_dir
    data.mkdir(parents=True, mode=0o755)
    data.chmod(0o755)
    database = data / "intake.sqlite3"
    database.touch()
    database.chmod(0o644)
    with caplog.at_level(logging.WARNING):
        ws = open_workspace(settings, rules=BUNDLED_RULES)
        ws.db.dispose()
    assert _mode(data) == 0o700 and _mode(database) == 0o600
    assert sum("tightened" in r.getMessage() for r in caplog.records) == 2
