"""The settings file is read into typed values; mistakes are reported with their line."""

from __future__ import annotations

from pathlib import Path

import pytest

from casework.errors import SettingsError
from casework.paths import app_paths
from casework.settings import load_settings


def _write(home: Path, text: str) -> None:
    path = app_paths().config_file
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_defaults_without_a_file_use_the_user_folders(isolated_home: Path) -> None:
    settings = load_settings()
    assert settings.database_url == f"sqlite:///{isolated_home / 'data' / 'intake.sqlite3'}"
    assert settings.store_root == isolated_home / "data" / "store"
    assert settings.ocr.languages == ("eng", "spa")
    assert settings.watch == ()


def test_a_full_file_is_read(isolated_home: Path) -> None:
    _write(
        isolated_home,
        """
version = 1
[database]
url = "postgresql://intake@db.example/intake"
[plan]
name = "Valley Health Plan"
member_services_phone = "1-888-555-0111"
[ocr]
languages = ["eng"]
pdf_passwords = ["fax2026"]
[[watch]]
path = "/srv/fax/in"
source = "fax"
settle_seconds = 3
[[watch]]
path = "/srv/scan"
source = "scan"
polling = true
""",
    )
    s = load_settings()
    assert s.database_url == "postgresql://intake@db.example/intake"
    assert s.plan.name == "Valley Health Plan"
    assert s.ocr.pdf_passwords == ("fax2026",)
    assert [(w.source, w.settle_seconds, w.polling) for w in s.watch] == [
        ("fax", 3.0, False),
        ("scan", 5.0, True),
    ]


def test_environment_overrides_the_file(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write(isolated_home, '[database]\nurl = "sqlite:////tmp/a.db"\n')
    monkeypatch.setenv("INTAKE_DB_URL", "postgresql://x@y/z")
    assert load_settings().database_url == "postgresql://x@y/z"


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ('[plan]\nname = "A"\n\n[ocr]\nmax_pages = "many"\n', 5, "whole number"),
        ('[plan]\nname = "A"\ncolour = "blue"\n', 3, "unknown setting"),
        (
            '[database]\nurl = "sqlite:///x"\n[[watch]]\npath = "/in"\nsettle_seconds = -1\n',
            5,
            "negative",
        ),
        ('[ocr]\nlanguages = ["eng", 3]\n', 2, "list of texts"),
        ('[plan\nname = "A"\n', 1, ""),
        ("[session]\nidle_lock_minutes = 0\n", 2, "at least 1"),
    ],
    ids=["wrong-type", "unknown-key", "negative", "bad-list", "syntax", "too-small"],
)
def test_errors_name_the_file_and_line(
    isolated_home: Path, text: str, line: int, words: str
) -> None:
    _write(isolated_home, text)
    with pytest.raises(SettingsError) as error:
        load_settings()
    message = str(error.value)
    assert str(app_paths().config_file) in message
    assert f"line {line}" in message
    assert words in message


def test_the_database_is_named_for_a_person_without_its_password() -> None:
    from casework.db.database import Database

    shared = Database("postgresql://intake:secret@dbhost/intake_prod")
    try:
        assert shared.short_name == "intake_prod on dbhost"
        assert "secret" not in shared.display_url
    finally:
        shared.dispose()
