"""The command line as a user or a script runs it: real subprocesses, real databases."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO_ROOT


def run_main(
    *args: str, env_extra: dict[str, str] | None = None, stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env.pop("QT_QPA_PLATFORM", None)
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    env.update(env_extra or {})
    return subprocess.run(
        [sys.executable, str(REPO_ROOT / "main.py"), *args],
        capture_output=True,
        text=True,
        env=env,
        input=stdin,
        timeout=120,
        check=False,
    )


def test_help_lists_every_command() -> None:
    result = run_main("--help")
    assert result.returncode == 0
    for command in ("gui", "user", "audit", "db", "ingest", "watch"):
        assert command in result.stdout


def test_without_a_display_the_window_command_says_so_in_one_line() -> None:
    result = run_main()
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "No display" in result.stderr and "watch" in result.stderr
    assert "Traceback" not in result.stderr


def test_user_and_audit_commands_on_the_database_given_after_the_command(
    db_url: str, tmp_path: Path
) -> None:
    added = run_main(
        "user", "add", "rosa", "--role", "supervisor", "--db", db_url, stdin="a strong password\n"
    )
    assert added.returncode == 0, added.stderr
    listed = run_main("user", "list", "--db", db_url)
    assert "rosa" in listed.stdout and "supervisor" in listed.stdout
    verified = run_main("audit", "verify", "--db", db_url)
    assert verified.returncode == 0 and "intact: 1 event verified" in verified.stdout
    out = tmp_path / "trail.csv"
    exported = run_main(
        "audit",
        "export",
        "--from",
        "2020-01-01",
        "--to",
        "2099-12-31",
        "--format",
        "csv",
        "--out",
        str(out),
        "--db",
        db_url,
    )
    assert exported.returncode == 0, exported.stderr
    assert "user.added" in out.read_text(encoding="utf-8")


def test_audit_verify_exits_1_and_names_the_broken_event(sqlite_url: str) -> None:
    import sqlite3

    for name in ("ana", "ben", "cruz"):
        assert (
            run_main(
                "user",
                "add",
                name,
                "--role",
                "intake_clerk",
                "--password",
                "a strong password",
                "--db",
                sqlite_url,
            ).returncode
            == 0
        )
    with sqlite3.connect(sqlite_url.removeprefix("sqlite:///")) as conn:
        conn.execute("UPDATE audit_events SET details = '{}' WHERE seq = 2")
    result = run_main("audit", "verify", "--db", sqlite_url)
    assert result.returncode == 1
    assert "BROKEN at event 2" in result.stdout


def test_refusals_and_bad_input_are_one_plain_line(sqlite_url: str) -> None:
    result = run_main(
        "user", "add", "x", "--role", "admin", "--password", "a strong password", "--db", sqlite_url
    )
    assert result.returncode == 1
    assert result.stderr.startswith("error: ") and "cannot be a user name" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_unreachable_database_is_an_environment_error(tmp_path: Path) -> None:
    result = run_main("audit", "verify", "--db", "postgresql://nobody@127.0.0.1:1/none")
    assert result.returncode == 3
    assert "cannot be reached" in result.stderr
    not_a_db = tmp_path / "notes.sqlite3"
    not_a_db.write_text("this is not a database " * 100)
    result = run_main("audit", "verify", "--db", f"sqlite:///{not_a_db}")
    assert result.returncode == 3
    assert "not a workstation database" in result.stderr


def test_a_bad_settings_file_is_reported_with_its_line(isolated_home: Path) -> None:
    config = isolated_home / "config" / "settings.toml"
    config.parent.mkdir(parents=True)
    config.write_text('[ocr]\nmax_pages = "lots"\n', encoding="utf-8")
    result = run_main("user", "list")
    assert result.returncode == 2
    assert "line 2" in result.stderr and "max_pages" in result.stderr


def test_self_test_opens_the_window_reads_the_fax_and_renders_a_letter(tmp_path: Path) -> None:
    result = run_main("--self-test", env_extra={"INTAKE_HOME": str(tmp_path / "untouched")})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Qt started (offscreen); main window shown" in result.stdout
    assert "sample fax read: 1 page" in result.stdout
    assert "filed as GRV-" in result.stdout
    assert "letter rendered: grievance_acknowledgement" in result.stdout
    assert result.stdout.rstrip().endswith("all checks passed")
    assert not (tmp_path / "untouched").exists()  # the user's folders are never touched


def test_phone_case_from_the_command_line(sqlite_url: str) -> None:
    opened = run_main("case", "new", "grievance_form", "--field", "member_name=Ana Flores",
                      "--field", "description=Waited too long", "--priority", "exempt",
                      "--db", sqlite_url)
    assert opened.returncode == 0, opened.stderr
    assert "Opened GRV-" in opened.stdout
    number = opened.stdout.split()[1].rstrip(".")
    refused = run_main("case", "status", number, "closed", "--db", sqlite_url)
    assert refused.returncode == 1 and "cannot" in refused.stderr
    moved = run_main("case", "status", number, "resolved", "--db", sqlite_url)
    assert moved.returncode == 0
    shown = run_main("case", "show", number, "--db", sqlite_url)
    assert "resolve" in shown.stdout and "met" in shown.stdout
