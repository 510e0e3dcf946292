"""GUI tests run on the embedded database: the window's behaviour, not the engine, is under test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from casework.bootstrap import open_workspace
from casework.settings import Settings, load_settings
from casework.workspace import Workspace
from tests.conftest import FixedClock


@pytest.fixture
def gui_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    monkeypatch.setenv("INTAKE_DB_URL", f"sqlite:///{tmp_path / 'gui.sqlite3'}")
    monkeypatch.setenv("INTAKE_STORE_ROOT", str(tmp_path / "store"))
    return load_settings()


@pytest.fixture
def gui_ws(gui_settings: Settings, clock: FixedClock) -> Iterator[Workspace]:
    ws = open_workspace(gui_settings, now=clock)
    try:
        yield ws
    finally:
        ws.db.dispose()
