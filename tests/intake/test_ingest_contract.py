"""`main.py ingest --json`: one JSON object per file, nothing else on stdout, nothing lost."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest
from sqlalchemy import func, select

from casework.actor import SYSTEM
from casework.db.models import AuditEvent, Document, Page
from casework.documents.search import search_documents
from casework.intake.documents import retry_document
from casework.intake.service import ingest_files
from casework.settings import Settings
from casework.workspace import Workspace
from tests.conftest import ADMIN, REPO_ROOT, SUPERVISOR, FixedClock
from tests.ocr.conftest import make_pdf, render_gray

FIELDS = {"file", "sha256", "status", "reason", "received_at", "pages", "ocr_confidence",
          "document_id"}


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    folder = tmp_path / "in"
    folder.mkdir()
    pdf = make_pdf()
    paths = {"text": folder / "letter.pdf", "scan": folder / "scan.png",
             "again": folder / "scan-again.png", "empty": folder / "empty.pdf",
             "broken": folder / "broken.pdf", "locked": folder / "locked.pdf"}
    paths["text"].write_bytes(pdf)
    render_gray(pdf).save(paths["scan"], dpi=(300, 300))
    paths["again"].write_bytes(paths["scan"].read_bytes())
    paths["empty"].write_bytes(b"")
    paths["broken"].write_bytes(pdf[: len(pdf) // 3])
    writer = pypdf.PdfWriter(clone_from=io.BytesIO(pdf))
    writer.encrypt("fax2026")
    with paths["locked"].open("wb") as out:
        writer.write(out)
    return paths


def test_a_file_name_that_is_not_utf8_is_taken_and_reported_escaped(tmp_path: Path) -> None:
    """GIVEN a fax whose name holds bytes that are not UTF-8 (a member's name from an old fax
    server) and a plain one WHEN both are ingested THEN each gets its JSON line, the odd name
    escaped, and neither name reaches the log."""
    folder = tmp_path / "in"
    folder.mkdir()
    odd = Path(os.fsdecode(bytes(folder) + b"/Mu\xf1oz fax.pdf"))
    odd.write_bytes(make_pdf())
    plain = folder / "Rosa Delgado.pdf"
    plain.write_bytes(make_pdf(["Another page"]))
    pipe = folder / "pipe.pdf"
    os.mkfifo(pipe)  # named by mistake: refused in words, never waited on
    env = dict(os.environ, INTAKE_HOME=str(tmp_path / "home"))
    result = subprocess.run([sys.executable, str(REPO_ROOT / "main.py"), "ingest", "--json",
                             odd, pipe, plain], capture_output=True, text=True, env=env,
                            timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [row["status"] for row in rows] == ["processed", "rejected", "processed"]
    assert "not a regular file" in rows[1]["reason"]
    assert rows[0]["file"].endswith("Mu\\xf1oz fax.pdf") and odd.exists()
    log = (tmp_path / "home" / "logs" / "intake.log").read_text(encoding="utf-8")
    assert "oz fax" not in log and "Rosa" not in log and "document " in log


def test_ingest_command_prints_one_json_object_per_file(files: dict[str, Path], tmp_path: Path) -> None:
    env = dict(os.environ, INTAKE_HOME=str(tmp_path / "home"))
    missing = tmp_path / "not-there.pdf"
    result = subprocess.run(
        [sys.executable, str(REPO_ROOT / "main.py"), "ingest", "--json",
         "--received-at", "2026-11-02T09:30:00", str(files["text"]), str(files["scan"]),
         str(files["again"]), str(files["empty"]), str(missing)],
        capture_output=True, text=True, env=env, timeout=300, check=False,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 5
    rows = [json.loads(line) for line in lines]
    assert all(set(row) >= FIELDS for row in rows)
    text, scan, again, empty, gone = rows
    assert text["status"] == "processed" and text["pages"] == 1
    assert text["ocr_confidence"] is None  # a text layer needs no OCR
    assert text["received_at"] == "2026-11-02T09:30:00-08:00"
    assert scan["status"] == "processed" and 0.8 < scan["ocr_confidence"] <= 1
    assert again["status"] == "duplicate" and again["sha256"] == scan["sha256"]
    assert empty["status"] == "rejected" and empty["reason"] == "The file is empty."
    assert gone["status"] == "rejected" and "no such file" in gone["reason"]
    assert files["scan"].exists()  # ingest leaves files where they are
    log = (tmp_path / "home" / "logs" / "intake.log").read_text(encoding="utf-8")
    for protected in ("Guadalupe", "Hernandez", "chronic low back pain"):
        assert protected not in log  # health information stays in the database


def test_bad_files_are_rejected_kept_and_retried_after_a_fix(
    workspace: Workspace, settings: Settings, files: dict[str, Path]
) -> None:
    names = ["broken", "locked", "text"]
    results = ingest_files(workspace, settings, [files[n] for n in names])
    broken, locked, text = results
    assert broken.status == "rejected" and "damaged or incomplete" in (broken.reason or "")
    assert locked.status == "rejected" and "password-protected" in (locked.reason or "")
    assert text.status == "processed"  # intake carried on after the bad ones
    for result in (broken, locked):
        assert result.sha256 is not None and workspace.store.contains(result.sha256)

    from dataclasses import replace

    fixed = replace(settings, ocr=replace(settings.ocr, pdf_passwords=("fax2026",)))
    assert locked.document_id is not None
    retry_document(workspace, ADMIN, locked.document_id)
    from casework.intake.runner import Runner
    from casework.intake.service import read_settings

    runner = Runner(workspace, read_settings(fixed))
    try:
        runner.run_until_idle()
    finally:
        runner.close()
    with workspace.db.read() as session:
        document = session.get(Document, locked.document_id)
        assert document is not None and document.status == "processed"
        actions = session.scalars(select(AuditEvent.action).where(
            AuditEvent.entity_id == str(locked.document_id))).all()
    assert "document.retried" in actions and "document.read" in actions


def test_a_fax_sent_twice_is_linked_not_read_again(
    workspace: Workspace, settings: Settings, files: dict[str, Path]
) -> None:
    first, second = ingest_files(workspace, settings, [files["scan"], files["again"]])
    assert second.status == "duplicate"
    with workspace.db.read() as session:
        copy = session.get(Document, second.document_id)
        assert copy is not None and copy.duplicate_of_id == first.document_id
        pages = session.scalar(select(func.count(Page.id)).where(
            Page.document_id == second.document_id))
    assert pages == 0


def test_page_text_is_searchable(workspace: Workspace, settings: Settings,
                                 files: dict[str, Path]) -> None:
    text, scan = ingest_files(workspace, settings, [files["text"], files["scan"]])
    hits = search_documents(workspace, SUPERVISOR, "hernandez physical therapy")
    # the text layer and the OCR of its rendering both hold the words
    assert {h.document_id for h in hits} == {text.document_id, scan.document_id}
    assert all(h.pages == (1,) for h in hits)
    assert search_documents(workspace, SUPERVISOR, "nonexistentword") == []
    assert search_documents(workspace, SUPERVISOR, 'AND "NEAR(') == []  # no FTS syntax errors


def test_a_locked_pdf_is_retried_from_the_command_line_after_adding_its_password(
    files: dict[str, Path], tmp_path: Path
) -> None:
    home = tmp_path / "home"
    env = dict(os.environ, INTAKE_HOME=str(home), INTAKE_PASSWORD="a strong password")
    main = [sys.executable, str(REPO_ROOT / "main.py")]

    def run(*args: str) -> str:
        done = subprocess.run([*main, *args], capture_output=True, text=True, env=env,
                              timeout=300, check=False)
        assert done.returncode == 0, done.stderr
        return done.stdout

    (row,) = [json.loads(line) for line in run("ingest", "--json",
                                               str(files["locked"])).splitlines()]
    assert row["status"] == "rejected" and "password" in row["reason"]
    run("user", "add", "ada", "--role", "admin", "--password", "a strong password")
    assert f"{row['document_id']:>6}" in run("documents", "list", "--status", "rejected",
                                             "--as", "ada")

    config = home / "config" / "settings.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text('[ocr]\npdf_passwords = ["fax2026"]\n', encoding="utf-8")
    assert run("documents", "--as", "ada", "retry", str(row["document_id"])).strip() == (
        f"Document {row['document_id']} is processed")
    assert run("documents", "list", "--status", "rejected", "--as", "ada").strip() == ""


def test_a_read_grievance_is_recognised_and_filed_with_its_clocks(
    workspace: Workspace, settings: Settings, tmp_path: Path
) -> None:
    """GIVEN the bundled grievance fax, WHEN ingested, THEN a grievance case runs its clocks."""
    from datetime import datetime
    from importlib import resources

    from casework.plan.timezone import PLAN_ZONE

    received = datetime(2026, 11, 2, 9, 30, tzinfo=PLAN_ZONE)
    with resources.as_file(resources.files("resources.samples")
                           / "sample_grievance_fax.tif") as sample:
        (result,) = ingest_files(workspace, settings, [Path(sample)], received)
    body = json.loads(result.to_json())
    assert body["form"]["type"] == "grievance_form"
    assert body["fields"]["member_id"]["value"] == "91234567A"
    # The member's own words, whole: a sans-serif "I" is read as "|" and must not be dropped
    # as a box edge.
    description = body["fields"]["description"]["value"]
    assert description.startswith("I waited three weeks") and ". I want the" in description
    assert body["complete"] is True
    case = body["case"]
    assert case["type"] == "grievance" and case["number"].startswith("GRV-2026-")
    assert case["due"]["acknowledge"] == "2026-11-07T23:59:59-08:00"
    assert case["due"]["resolve"] == "2026-12-02T23:59:59-08:00"


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_a_rerun_after_a_killed_ingest_reads_what_was_taken_instead_of_duplicate(
    workspace: Workspace, settings: Settings, tmp_path: Path, clock: FixedClock
) -> None:
    """GIVEN an ingest killed after taking a file but before reading it WHEN the same file is
    ingested again THEN the document taken then is read now, not answered "duplicate"."""
    from casework.intake.pipeline import take
    from casework.intake.service import read_settings

    path = tmp_path / "letter.pdf"
    path.write_bytes(make_pdf())
    first = take(workspace, SYSTEM, path, "cli", read_settings(settings))  # then: killed
    clock.advance(minutes=3)
    (again,) = ingest_files(workspace, settings, [path])
    assert again.status == "processed" and again.document_id == first.document_id
    with workspace.db.read() as session:
        assert session.scalar(select(func.count()).select_from(Document)) == 1
    (third,) = ingest_files(workspace, settings, [path])  # read now: a true duplicate
    assert third.status == "duplicate"
