"""Saving the settings file: what is saved is what the next start reads, and nothing else moves."""

from __future__ import annotations

import errno
import json
import os
import tomllib
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import select

from casework.db.models import AuditEvent
from casework.errors import DatabaseUnavailable, PermissionDenied, SettingsError
from casework.paths import app_paths
from casework.settings import OcrSettings, PlanDetails, WatchFolder, load_settings
from casework.settings_file import (
    SettingRefused,
    change_settings,
    dump_toml,
    installed_ocr_languages,
    join_database_url,
    read_file_settings,
    save_settings,
    split_database_url,
    try_database,
)
from casework.workspace import Workspace
from tests.conftest import ADMIN, SUPERVISOR

HAND_WRITTEN = """\
version = 1

[database]
url = "postgresql://intake:s3cret@db.example/intake"
pool_note = "kept by hand"

[ocr]
engine = "pytesseract"

[logging]
level = "DEBUG"

[plan]
letterhead = "letterhead.png"
"""


def _file(text: str) -> Path:
    path = app_paths().config_file
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_saved_settings_are_read_back_the_same(isolated_home: Path) -> None:
    before = load_settings()
    edited = replace(
        before,
        plan=PlanDetails(name="Valley Health Plan", address="9 Main St, Fresno, CA 93701",
                         member_services_phone="1-888-555-0111", tty="711",
                         fax="1-888-555-0112", website="www.valley.example"),
        ocr=OcrSettings(languages=("eng",), pdf_passwords=("fax2026", 'quote"d'),
                        page_timeout_seconds=45.0, max_pages=120),
        watch=(WatchFolder(isolated_home / "fax in", "fax", 3.5),
               WatchFolder(isolated_home / "scans", "scan", 5.0, polling=True)),
        outbound_fax_folder=isolated_home / "fax out",
        idle_lock_minutes=15,
        store_root=isolated_home / "elsewhere" / "store",
        rules_folder=isolated_home / "site rules",
    )
    (isolated_home / "site rules").mkdir(parents=True)
    changed = save_settings(edited)
    assert load_settings() == edited
    assert set(changed) >= {"plan.name", "ocr.languages", "watch", "session.idle_lock_minutes",
                            "letters.outbound_fax_folder", "store.root", "rules.folder"}
    assert "database.url" not in changed  # the default stays a default, not written down


def test_keys_this_program_does_not_edit_are_kept(isolated_home: Path) -> None:
    path = _file(HAND_WRITTEN)
    settings = read_file_settings(app_paths())
    save_settings(replace(settings, idle_lock_minutes=20))
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    assert raw["version"] == 1
    assert raw["database"] == {"url": "postgresql://intake:s3cret@db.example/intake",
                               "pool_note": "kept by hand"}
    assert raw["ocr"] == {"engine": "pytesseract"}
    assert raw["logging"] == {"level": "DEBUG"}
    assert raw["plan"] == {"letterhead": "letterhead.png"}
    assert raw["session"] == {"idle_lock_minutes": 20}


@pytest.mark.parametrize(("change", "key", "words"), [
    ({"idle_lock_minutes": 0}, "session.idle_lock_minutes", "at least 1"),
    ({"watch": (WatchFolder(Path("/in"), "email"),)}, "watch 1 source", "fax or scan"),
    ({"database_url": "mysql://x@y/z"}, "database.url", "sqlite:/// or postgresql://"),
    ({"ocr": OcrSettings(max_pages=0)}, "ocr.max_pages", "greater than zero"),
    ({"ocr": OcrSettings(languages=())}, "ocr.languages", "at least one language"),
    ({"rules_folder": Path("/no/such/rules")}, "rules.folder", "does not exist"),
])
def test_a_bad_value_is_refused_naming_it_and_the_file_is_untouched(
    isolated_home: Path, change: dict[str, object], key: str, words: str
) -> None:
    path = _file(HAND_WRITTEN)
    settings = read_file_settings(app_paths())
    with pytest.raises(SettingRefused, match=words) as refused:
        save_settings(replace(settings, **change))  # type: ignore[arg-type]
    assert refused.value.key == key
    assert path.read_text(encoding="utf-8") == HAND_WRITTEN


def test_a_failed_write_leaves_the_old_file(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """GIVEN the disk fills while the new file is written THEN the old one is still whole."""
    path = _file(HAND_WRITTEN)
    settings = read_file_settings(app_paths())

    def disk_full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(OSError, match="No space left"):
        save_settings(replace(settings, idle_lock_minutes=30))
    assert path.read_text(encoding="utf-8") == HAND_WRITTEN
    assert [p.name for p in path.parent.iterdir()] == [path.name]


def test_a_broken_file_is_not_overwritten(isolated_home: Path) -> None:
    settings = load_settings()
    path = _file("version = 1\n[plan\n")
    with pytest.raises(SettingsError, match="fix or remove it"):
        save_settings(replace(settings, idle_lock_minutes=3))
    assert path.read_text(encoding="utf-8") == "version = 1\n[plan\n"


def test_environment_overrides_are_not_written_to_the_file(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("INTAKE_DB_URL", "sqlite:////tmp/override.sqlite3")
    settings = read_file_settings(app_paths())
    assert settings.database_url != "sqlite:////tmp/override.sqlite3"
    save_settings(replace(settings, idle_lock_minutes=12))
    raw = tomllib.loads(app_paths().config_file.read_text(encoding="utf-8"))
    assert "database" not in raw


def test_saving_is_audited_without_passwords(workspace: Workspace, isolated_home: Path) -> None:
    _file(HAND_WRITTEN)
    settings = read_file_settings(app_paths())
    saved = change_settings(workspace, ADMIN, replace(
        settings, plan=replace(settings.plan, name="Valley Health Plan"),
        database_url="postgresql://intake:n3w-secret@db2.example/intake",
        ocr=replace(settings.ocr, pdf_passwords=("hush-hush",))))
    assert saved.changed == ("database.url", "ocr.pdf_passwords", "plan.name")
    assert saved.needs_restart == ("database.url", "ocr.pdf_passwords")
    assert saved.settings.plan.name == "Valley Health Plan"
    with workspace.db.read() as session:
        event = session.scalars(select(AuditEvent).where(
            AuditEvent.action == "settings.changed")).one()
    assert event.actor == ADMIN.username
    details = json.loads(event.details)
    assert details["keys"] == ["database.url", "ocr.pdf_passwords", "plan.name"]
    assert details["values"]["plan.name"] == "Valley Health Plan"
    assert "n3w-secret" not in event.details and "hush-hush" not in event.details


def test_only_an_administrator_may_save(workspace: Workspace, isolated_home: Path) -> None:
    settings = read_file_settings(app_paths())
    with pytest.raises(PermissionDenied, match="not allowed to change settings"):
        change_settings(workspace, SUPERVISOR, replace(settings, idle_lock_minutes=2))
    assert not app_paths().config_file.exists()


def test_the_database_password_is_shown_apart() -> None:
    url, password = split_database_url("postgresql://intake:p%40ss@db.example:5433/intake")
    assert (url, password) == ("postgresql://intake@db.example:5433/intake", "p@ss")
    assert join_database_url(url, password) == "postgresql://intake:p%40ss@db.example:5433/intake"
    assert split_database_url("sqlite:////srv/intake.sqlite3") == (
        "sqlite:////srv/intake.sqlite3", "")


def test_trying_a_database_says_in_words_whether_it_worked(
    db_url: str, tmp_path: Path
) -> None:
    assert try_database(db_url).startswith(
        ("Connected to PostgreSQL", "There is no database", "The database file"))
    with pytest.raises(DatabaseUnavailable, match="does not exist"):
        try_database(f"sqlite:///{tmp_path / 'no such folder' / 'x.sqlite3'}")
    with pytest.raises(DatabaseUnavailable, match="Could not connect") as failed:
        try_database("postgresql://nobody:secret@127.0.0.1:1/none")
    assert "secret" not in str(failed.value)


def test_tesseract_languages_are_listed() -> None:
    languages = installed_ocr_languages()
    assert "eng" in languages and "osd" not in languages


def test_toml_writer_round_trips_nested_values() -> None:
    data = {"version": 1, "a": {"b": {"c": [1, 2.5, "x\ny"], "d": True}},
            "watch": [{"path": "C:\\fax"}, {"path": "é \"q\""}]}
    assert tomllib.loads(dump_toml(data)) == data


def test_intake_kept_out_of_the_window_is_saved_read_back_and_needs_a_restart(
    workspace: Workspace, isolated_home: Path
) -> None:
    """GIVEN a site whose watch service collects WHEN intake in the window is turned off
    THEN the file says so, the next start reads it, and a bad value names its line."""
    path = _file(HAND_WRITTEN)
    settings = read_file_settings(app_paths())
    assert settings.intake.in_window  # the single-workstation default
    saved = change_settings(workspace, ADMIN, replace(
        settings, intake=replace(settings.intake, in_window=False)))
    assert saved.changed == ("intake.in_window",)
    assert saved.needs_restart == ("intake.in_window",)
    assert tomllib.loads(path.read_text(encoding="utf-8"))["intake"] == {"in_window": False}
    assert not load_settings().intake.in_window
    path.write_text('version = 1\n[intake]\nin_window = "no"\n', encoding="utf-8")
    with pytest.raises(SettingsError, match=r"line 3: \[intake\] in_window: must be true or"):
        load_settings()
