"""`main.py watch` as a service runs it: files dropped in the folder end in processed/ or rejected/."""

from __future__ import annotations

import contextlib
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import REPO_ROOT
from tests.ocr.conftest import make_pdf


def _start_watch(home: Path, inbox: Path, source: str,
                 settle: float) -> tuple[dict[str, str], subprocess.Popen[str]]:
    """`main.py watch` on `inbox` with its own home, as a service runs it."""
    config = home / "config" / "settings.toml"
    config.parent.mkdir(parents=True)
    config.write_text(f'[[watch]]\npath = "{inbox}"\nsource = "{source}"\n'
                      f'settle_seconds = {settle}\n', encoding="utf-8")
    env = dict(os.environ, INTAKE_HOME=str(home))
    return env, subprocess.Popen([sys.executable, str(REPO_ROOT / "main.py"), "watch"],
                                 env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                 text=True)


def _documents_listed(env: dict[str, str]) -> str:
    """`documents list` as the administrator made for it on the service's database."""
    subprocess.run([sys.executable, str(REPO_ROOT / "main.py"), "user", "add", "boss", "--role",
                    "admin", "--password", "a strong password"], env=env, check=True)
    return subprocess.run([sys.executable, str(REPO_ROOT / "main.py"), "documents", "list",
                           "--as", "boss"], env={**env, "INTAKE_PASSWORD": "a strong password"},
                          capture_output=True, text=True, check=True).stdout


def _documents_read(home: Path) -> int:
    """How many documents the service has finished with (read or refused)."""
    database = home / "data" / "intake.sqlite3"
    if not database.exists():
        return 0
    with contextlib.closing(sqlite3.connect(database, timeout=5)) as connection:
        return int(connection.execute(
            "SELECT count(*) FROM documents WHERE status IN ('processed', 'rejected')"
        ).fetchone()[0])


def test_watch_takes_reads_and_moves_files_then_stops_on_sigterm(tmp_path: Path) -> None:
    home = tmp_path / "home"
    inbox = tmp_path / "fax-in"
    inbox.mkdir()
    (inbox / "waiting.pdf").write_bytes(make_pdf())  # already there at start
    os.mkfifo(inbox / "stuck.pdf")  # a named pipe nobody writes to: must not block intake
    (tmp_path / "secret.pdf").write_bytes(make_pdf(["Someone else's private file"]))
    (inbox / "linked.pdf").symlink_to(tmp_path / "secret.pdf")
    env, service = _start_watch(home, inbox, "fax", 0.5)
    try:
        time.sleep(0.5)
        (inbox / "new.pdf.part").write_bytes(make_pdf(["Written by the fax server"]))
        (inbox / "new.pdf.part").rename(inbox / "new.pdf")
        (inbox / "junk.pdf").write_bytes(b"not a pdf at all")
        (inbox / "Rosa Delgado\nERROR forged line.pdf").write_bytes(b"not a pdf either")
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and len(list(inbox.glob("*.pdf"))) > 2:
            time.sleep(0.3)
        while time.monotonic() < deadline and _documents_read(home) < 4:
            time.sleep(0.3)
    finally:
        service.send_signal(signal.SIGTERM)
        asked = time.monotonic()
        out, err = service.communicate(timeout=60)
    assert service.returncode == 0, err
    assert time.monotonic() - asked < 15  # the reading in hand gets at most 5 s of grace
    assert sorted(p.name for p in inbox.iterdir() if p.name.endswith(".pdf")) == [
        "linked.pdf", "stuck.pdf"]  # refused and left in place
    processed = sorted(p.name for p in (inbox / "processed").rglob("*.pdf"))
    rejected = sorted(p.name for p in (inbox / "rejected").glob("*"))
    assert processed == ["new.pdf", "waiting.pdf"]
    assert rejected == sorted(["junk.pdf", "Rosa Delgado\nERROR forged line.pdf"])
    log_text = "".join(p.read_text("utf-8") for p in (home / "logs").glob("intake.log*"))
    assert "Rosa" not in log_text and "forged" not in log_text  # file names stay out of the log
    assert "stopped" in out
    listing = _documents_listed(env)
    assert listing.count("processed") == 2 and "rejected" in listing


def test_watch_stops_within_seconds_while_a_long_document_is_read(tmp_path: Path) -> None:
    """GIVEN `watch` reading a sixty-page scan WHEN it is interrupted THEN it ends within a
    few seconds, and the document it was reading waits in the queue for the next start."""
    from tests.ocr.conftest import render_gray

    home = tmp_path / "home"
    inbox = tmp_path / "scans"
    inbox.mkdir()
    page = render_gray(make_pdf())
    long_scan = tmp_path / "long.tif"
    # Long enough that no machine reads it within the 5 s grace a stopping service gives.
    page.save(long_scan, dpi=(300, 300), save_all=True, append_images=[page] * 59,
              compression="tiff_lzw")
    env, service = _start_watch(home, inbox, "scan", 0.2)
    try:
        long_scan.rename(inbox / "long.tif")
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and (inbox / "long.tif").exists():
            time.sleep(0.2)
        time.sleep(2.0)  # its pages are being read
    finally:
        service.send_signal(signal.SIGINT)
        asked = time.monotonic()
        out, err = service.communicate(timeout=60)
    stopped_after = time.monotonic() - asked
    assert service.returncode == 0, err
    assert stopped_after < 15, f"watch took {stopped_after:.1f} s to stop"
    assert "stopped" in out
    listing = _documents_listed(env)
    assert "long.tif" in listing and "processed" not in listing, listing
