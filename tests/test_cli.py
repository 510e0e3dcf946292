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


PASSWORD = "a strong password"
_HAS_BOSS: set[str] = set()  # the databases (fresh for each test) given their administrator


def as_boss(*args: str, db_url: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    """Run a command as the administrator `boss`, made first if the database is new."""
    if db_url not in _HAS_BOSS:
        made = run_main("user", "add", "boss", "--role", "admin", "--password", PASSWORD,
                        "--db", db_url)
        assert made.returncode == 0, made.stderr
        _HAS_BOSS.add(db_url)
    return run_main(*args, "--as", "boss", "--db", db_url,
                    env_extra={"INTAKE_PASSWORD": PASSWORD}, stdin=stdin)


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
    added = as_boss("user", "add", "rosa", "--role", "supervisor", db_url=db_url,
                    stdin="a strong password\n")
    assert added.returncode == 0, added.stderr
    listed = as_boss("user", "list", db_url=db_url)
    assert "rosa" in listed.stdout and "supervisor" in listed.stdout
    verified = run_main("audit", "--as", "rosa", "verify", "--db", db_url,
                        env_extra={"INTAKE_PASSWORD": PASSWORD})
    # boss added, boss signed in and added rosa, boss signed in to list, rosa signed in
    assert verified.returncode == 0 and "intact: 5 events verified" in verified.stdout
    assert "Head: event 5, hash " in verified.stdout
    out = tmp_path / "trail.csv"
    exported = as_boss(
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
        db_url=db_url,
    )
    assert exported.returncode == 0, exported.stderr
    assert "Head of the whole trail: event 7" in exported.stdout
    trail = out.read_text(encoding="utf-8")
    assert "user.added" in trail and "os_login" in trail  # the computer account beside boss


def test_audit_verify_exits_1_and_names_the_broken_event(sqlite_url: str) -> None:
    import sqlite3

    for name in ("ana", "ben", "cruz"):
        added = as_boss("user", "add", name, "--role", "intake_clerk", "--password", PASSWORD,
                        db_url=sqlite_url)
        assert added.returncode == 0, added.stderr
    with sqlite3.connect(sqlite_url.removeprefix("sqlite:///")) as conn:
        conn.execute("UPDATE audit_events SET details = '{}' WHERE seq = 3")
    result = as_boss("audit", "verify", db_url=sqlite_url)
    assert result.returncode == 1
    assert "BROKEN at event 3" in result.stdout


def test_refusals_and_bad_input_are_one_plain_line(sqlite_url: str) -> None:
    result = as_boss("user", "add", "x", "--role", "admin", "--password", PASSWORD,
                     db_url=sqlite_url)
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
    as_boss("user", "add", "gina", "--role", "grievance_coordinator", "--password", PASSWORD,
            db_url=sqlite_url)

    def as_gina(*args: str) -> subprocess.CompletedProcess[str]:
        return run_main("case", "--as", "gina", *args, "--db", sqlite_url,
                        env_extra={"INTAKE_PASSWORD": PASSWORD})

    opened = as_gina("new", "grievance_form", "--field", "member_name=Ana Flores",
                     "--field", "description=Waited too long", "--priority", "exempt")
    assert opened.returncode == 0, opened.stderr
    assert "Opened GRV-" in opened.stdout
    number = opened.stdout.split()[1].rstrip(".")
    refused = as_gina("status", number, "closed")
    assert refused.returncode == 1 and "cannot" in refused.stderr
    moved = as_gina("status", number, "resolved")
    assert moved.returncode == 0
    shown = as_gina("show", number)
    assert "resolve" in shown.stdout and "met" in shown.stdout


def test_commands_that_touch_member_data_need_a_signed_in_person(sqlite_url: str) -> None:
    """GIVEN a database with an administrator, WHEN a command runs without --as, with a wrong
    password, or as a clerk asking for an administrator's command, THEN it is refused in words
    and the trail names every failed sign-in."""
    first = run_main("user", "add", "rosa", "--role", "supervisor", "--password", PASSWORD,
                     "--db", sqlite_url)
    assert first.returncode == 1 and "first one must be an administrator" in first.stderr
    as_boss("user", "add", "cal", "--role", "intake_clerk", "--password", PASSWORD,
            db_url=sqlite_url)
    for command in (("user", "list"), ("audit", "verify"), ("case", "show", "GRV-2026-000001"),
                    ("documents", "list"), ("user", "add", "eve", "--role", "admin",
                                            "--password", PASSWORD)):
        refused = run_main(*command, "--db", sqlite_url)
        assert refused.returncode == 1 and "add --as USER" in refused.stderr, command
    wrong = run_main("user", "list", "--as", "boss", "--db", sqlite_url,
                     env_extra={"INTAKE_PASSWORD": "not the password"})
    assert wrong.returncode == 1 and "not right" in wrong.stderr
    clerk = run_main("user", "--as", "cal", "add", "eve", "--role", "admin", "--password",
                     PASSWORD, "--db", sqlite_url, env_extra={"INTAKE_PASSWORD": PASSWORD})
    assert clerk.returncode == 1 and "Traceback" not in clerk.stderr
    no_password = run_main("user", "list", "--as", "boss", "--db", sqlite_url)
    assert no_password.returncode == 1 and "INTAKE_PASSWORD" in no_password.stderr
    trail = as_boss("audit", "export", "--from", "2020-01-01", "--to", "2099-12-31", "--out",
                    str(Path(sqlite_url.removeprefix("sqlite:///")).with_name("t.csv")),
                    db_url=sqlite_url)
    assert trail.returncode == 0, trail.stderr
    text = Path(sqlite_url.removeprefix("sqlite:///")).with_name("t.csv").read_text("utf-8")
    assert text.count("user.sign_in_failed") == 1 and "eve" not in text.split("user.added")[-1]
