"""E-mail messages through the whole intake: kept whole, each document in them read and filed
into the message's case, and `ingest --json` listing the parts and their cases."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import replace
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from casework.bootstrap import open_workspace
from casework.db.case_models import Case
from casework.db.mail_models import MailMessage, MailPart
from casework.db.models import Document
from casework.documents.document_fields import document_fields
from casework.intake.progress import DocumentUpdate
from casework.intake.runner import RunnerConfig
from casework.intake.service import FolderIntake, ingest_files
from casework.plan.rulebook import load_rulebook
from casework.settings import Settings, WatchFolder
from casework.users import add_user
from casework.workspace import Workspace
from tests.conftest import ADMIN, REPO_ROOT, SUPERVISOR, FixedClock
from tests.intake import mail_samples as samples
from tests.intake.prior_auth_sample import load_rosters
from tests.test_cli import run_main


def _ingest(ws: Workspace, settings: Settings, folder: Path,
            messages: dict[str, bytes]) -> dict[str, dict[str, Any]]:
    """Write each message as a `.eml` file and ingest them all; the JSON line of each."""
    paths = []
    for name, data in messages.items():
        path = folder / name
        path.write_bytes(data)
        paths.append(path)
    results = ingest_files(ws, settings, paths)
    return {Path(r.file).name: json.loads(r.to_json()) for r in results}


def _parts(row: dict[str, Any]) -> list[tuple[str, str, str | None, str | None]]:
    """Each part's role, status, form and case number."""
    return [(p["role"], p["status"], (p.get("form") or {}).get("type"),
             (p.get("case") or {}).get("number")) for p in row["parts"]]


def test_a_faxed_request_and_its_cover_note_open_one_case(
        workspace: Workspace, settings: Settings, tmp_path: Path) -> None:
    """GIVEN a fax server's message (a cover line and the request as a PDF) and a member's
    grievance written in an e-mail WHEN both are ingested THEN the request opens one case that
    the cover note joins, the grievance opens a grievance case, and each JSON line lists the
    message's sender, subject, parts and cases; received is the Date header."""
    load_rosters(workspace, tmp_path)
    rows = _ingest(workspace, settings, tmp_path, {"fax.eml": samples.fax_message(),
                                                   "grievance.eml": samples.grievance_message()})

    fax = rows["fax.eml"]
    assert fax["status"] == "processed" and fax["received_at"] == "2026-11-02T09:15:00-08:00"
    assert fax["message"]["from"] == "fax@fax.example.org"
    assert fax["message"]["subject"] == "Fax from 5595550101 (2 pages)"
    (number,) = fax["cases"]
    assert number.startswith("PA-2026-")
    assert _parts(fax) == [("attachment", "processed", "prior_auth_request", number),
                           ("body", "processed", "unknown", number)]
    assert fax["parts"][0]["fields"]["member_id"]["value"] == "91234567A"
    assert [p["case"]["opened"] for p in fax["parts"]] == [True, False]

    grievance = rows["grievance.eml"]
    (body,) = grievance["parts"]
    assert body["form"]["type"] == "grievance_form"
    assert body["case"]["type"] == "grievance" and grievance["cases"] == [body["case"]["number"]]
    with workspace.db.read() as session:
        case = session.scalar(select(Case).where(Case.number == body["case"]["number"]))
        assert case is not None and case.received_at.isoformat() == "2026-11-02T17:15:00+00:00"
        kept = session.scalar(select(MailMessage).where(
            MailMessage.document_id == grievance["document_id"]))
        assert kept is not None and kept.sender == "Rosa Delgado <rosa.delgado@example.net>"
        assert kept.subject == "Complaint about my doctor's office"
    # The document window says where a part came from.
    shown = document_fields(workspace, SUPERVISOR, body["document_id"])
    assert shown.arrived_by == ("E-mail from Rosa Delgado <rosa.delgado@example.net> — "
                                "Complaint about my doctor's office")
    # The message is kept whole, byte for byte.
    assert workspace.store.read_bytes(fax["sha256"]) == (tmp_path / "fax.eml").read_bytes()


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_separate_requests_and_forwarded_messages(
        workspace: Workspace, settings: Settings, tmp_path: Path) -> None:
    """GIVEN one message with two members' requests, a message forwarded with the fax inside
    it, and an HTML grievance showing a logo WHEN ingested THEN the two requests open two
    cases, the forwarded fax's PDF is read as a document of the outer message, its words
    joining its case, and the logo is left aside."""
    load_rosters(workspace, tmp_path)
    rows = _ingest(workspace, settings, tmp_path, {
        "two.eml": samples.two_requests_message(),
        "forwarded.eml": samples.forwarded_message(),
        "logo.eml": samples.grievance_with_logo()})
    two = rows["two.eml"]
    assert len(two["cases"]) == 2
    assert [p["role"] for p in two["parts"]] == ["attachment", "attachment", "body"]
    assert two["parts"][2]["case"]["number"] == two["cases"][0]  # the note joins the first

    forwarded = rows["forwarded.eml"]
    assert forwarded["message"]["subject"] == "Fwd: Fax from 5595550101"
    roles = [(p["role"], p["status"]) for p in forwarded["parts"]]
    assert roles == [("attachment", "processed"), ("body", "processed")]
    assert forwarded["parts"][0]["form"]["type"] == "prior_auth_request"
    assert len(forwarded["cases"]) == 1

    logo = rows["logo.eml"]  # the signature's logo is not a document of its own
    assert [(p["role"], p["status"]) for p in logo["parts"]] == [("skipped", "skipped"),
                                                                 ("body", "processed")]
    assert logo["parts"][1]["form"]["type"] == "grievance_form" and len(logo["cases"]) == 1


def test_a_voicemail_keeps_its_recording_and_waits_in_intake_review(
        workspace: Workspace, settings: Settings, tmp_path: Path) -> None:
    """GIVEN a phone system's voicemail message WHEN ingested THEN the recording is the
    document (kind audio), with the caller, time and length, and a case in intake review waits
    for a person to listen to it."""
    rows = _ingest(workspace, settings, tmp_path, {"vm.eml": samples.voicemail_message()})
    row = rows["vm.eml"]
    (part,) = row["parts"]
    assert part["role"] == "voicemail" and part["status"] == "processed"
    assert part["voicemail"] == {"caller": "5595550199", "duration_s": 3.0}
    assert part["case"]["type"] == "intake_review" and part["case"]["opened"] is True
    with workspace.db.read() as session:
        document = session.get(Document, part["document_id"])
        assert document is not None and document.kind == "audio"
        assert document.received_at.isoformat() == "2026-11-02T17:15:00+00:00"
        assert workspace.store.read_bytes(document.sha256) == samples.wav_recording()


def test_a_voicemail_summary_from_the_command_line(
        workspace: Workspace, settings: Settings, tmp_path: Path) -> None:
    """`voicemail ID --summary TEXT --save-audio FILE` keeps the summary (on the case too) and
    writes the recording; `voicemail ID` shows caller, length, case and summary."""
    rows = _ingest(workspace, settings, tmp_path, {"vm.eml": samples.voicemail_message()})
    (part,) = rows["vm.eml"]["parts"]
    add_user(workspace, ADMIN, "carmen", "intake_clerk", "a long enough password")
    saved = tmp_path / "heard.wav"
    done = run_main("voicemail", str(part["document_id"]), "--summary",
                    "Member asks about a refill; call back.", "--save-audio", str(saved),
                    "--as", "carmen", "--db", settings.database_url,
                    env_extra={"INTAKE_PASSWORD": "a long enough password"})
    assert done.returncode == 0, done.stderr
    assert "caller:   5595550199" in done.stdout and "length:   3 s" in done.stdout
    assert "summary:  Member asks about a refill; call back." in done.stdout
    assert part["case"]["number"] in done.stdout
    assert saved.read_bytes() == samples.wav_recording()


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_a_routing_rule_can_send_voicemail_to_a_queue(
        settings: Settings, clock: FixedClock, tmp_path: Path) -> None:
    """GIVEN a site routing rule for form type voicemail WHEN a voicemail arrives THEN its
    case opens in that queue, with that case type's clocks from the message's arrival."""
    site = tmp_path / "site-rules"
    site.mkdir()
    bundled = (files("resources") / "routing.yaml").read_text(encoding="utf-8")
    site_rule = ("rules:\n  - name: voicemail to grievances\n"
                 "    when: {form_type: voicemail}\n"
                 "    route: {case_type: grievance, queue: grievance, priority: standard}\n")
    (site / "routing.yaml").write_text(bundled.replace("rules:\n", site_rule, 1),
                                       encoding="utf-8")
    ws = open_workspace(settings, now=clock, rules=load_rulebook(site))
    try:
        rows = _ingest(ws, settings, tmp_path, {"vm.eml": samples.voicemail_message()})
    finally:
        ws.db.dispose()
    (part,) = rows["vm.eml"]["parts"]
    assert (part["case"]["type"], part["case"]["queue"]) == ("grievance", "grievance")
    with ws.db.read() as session:
        case = session.scalar(select(Case).where(Case.number == part["case"]["number"]))
        assert case is not None and case.next_due_at is not None
        assert case.received_at.isoformat() == "2026-11-02T17:15:00+00:00"


def test_bad_messages_end_processed_or_rejected_with_a_reason(
        workspace: Workspace, settings: Settings, tmp_path: Path) -> None:
    """GIVEN an encrypted message, one with nothing readable, a damaged MIME tree, a body in
    an unknown character set and a 50 MB attachment WHEN ingested THEN each is kept and ends
    rejected with its reason, or processed with what could be read; none is lost."""
    load_rosters(workspace, tmp_path)
    rows = _ingest(workspace, settings, tmp_path, {
        "encrypted.eml": samples.encrypted_message(),
        "nothing.eml": samples.nothing_usable_message(),
        "broken.eml": samples.malformed_message(),
        "charset.eml": samples.unknown_charset_message(),
        "big.eml": samples.large_attachment_message()})
    assert rows["encrypted.eml"]["status"] == "rejected"
    assert "encrypted (S/MIME)" in rows["encrypted.eml"]["reason"]
    assert rows["nothing.eml"]["status"] == "rejected"
    assert "not a PDF, TIFF, PNG or JPEG" in rows["nothing.eml"]["reason"]
    assert rows["broken.eml"]["status"] == "rejected"
    assert "damaged" in rows["broken.eml"]["reason"]

    charset = rows["charset.eml"]
    assert charset["status"] == "processed"
    assert _parts(charset)[0][:3] == ("body", "processed", "grievance_form")
    assert any("x-made-up-8" in w for w in charset["message"]["warnings"])

    big = rows["big.eml"]
    assert big["status"] == "processed"
    skipped, body = big["parts"]
    assert skipped["status"] == "skipped" and skipped["file"] == "huge.pdf"
    assert "over the limit of 25 MB" in skipped["reason"]
    assert body["status"] == "processed" and big["cases"]
    with workspace.db.read() as session:
        kept = session.scalars(select(Document).where(Document.kind == "message")).all()
        assert len(kept) == 5 and all(workspace.store.contains(d.sha256) for d in kept)
        assert session.scalar(select(MailPart.reason).where(MailPart.filename == "huge.pdf"))


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_the_same_message_twice_is_a_duplicate_and_its_parts_are_not_read_again(
        workspace: Workspace, settings: Settings, tmp_path: Path) -> None:
    first = _ingest(workspace, settings, tmp_path, {"fax.eml": samples.fax_message()})
    again = _ingest(workspace, settings, tmp_path, {"fax-again.eml": samples.fax_message()})
    assert again["fax-again.eml"]["status"] == "duplicate"
    assert again["fax-again.eml"]["cases"] == first["fax.eml"]["cases"]


def test_ingest_json_lists_a_message_from_the_command_line(tmp_path: Path) -> None:
    """`ingest --json` on a `.eml` file prints one line for the message, with its parts."""
    path = tmp_path / "grievance.eml"
    path.write_bytes(samples.grievance_message(html=True))
    env = dict(os.environ, INTAKE_HOME=str(tmp_path / "home"))
    done = subprocess.run([sys.executable, str(REPO_ROOT / "main.py"), "ingest", "--json",
                           str(path)], capture_output=True, text=True, env=env, timeout=300,
                          check=False)
    assert done.returncode == 0, done.stderr
    (row,) = [json.loads(line) for line in done.stdout.splitlines()]
    assert row["message"]["subject"] == "Complaint about my doctor's office"
    assert [(p["role"], p["form"]["type"]) for p in row["parts"]] == [("body", "grievance_form")]


class _Finished:
    """Progress that notes every document that reached its end."""

    def __init__(self) -> None:
        self.done: dict[int, str] = {}

    def update(self, update: DocumentUpdate) -> None:
        if update.document_id is not None and update.status in ("processed", "rejected",
                                                                 "duplicate"):
            self.done[update.document_id] = update.status


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_a_message_dropped_in_a_watched_folder_is_taken_and_filed_away(
        workspace: Workspace, settings: Settings, tmp_path: Path) -> None:
    """GIVEN a watched folder WHEN a `.eml` file and an encrypted one are dropped in it THEN
    the first is filed under processed/ with its PDF read into a case, the second under
    rejected/."""
    inbox = tmp_path / "mail-in"
    inbox.mkdir()
    (inbox / "fax.eml").write_bytes(samples.fax_message())
    (inbox / "secret.eml").write_bytes(samples.encrypted_message())
    watched = replace(settings, watch=(WatchFolder(inbox, "email", settle_seconds=0.3),))
    progress = _Finished()
    intake = FolderIntake(workspace, watched, progress, RunnerConfig(workers=1, poll_s=0.1))
    deadline = time.monotonic() + 120

    def read_all() -> bool:
        with workspace.db.read() as session:
            parts = session.scalars(select(MailPart.document_id)).all()
        return (len(progress.done) >= 2 and bool(parts)
                and all(p in progress.done for p in parts if p is not None))

    intake.run(lambda: read_all() or time.monotonic() > deadline)

    assert [p.name for p in (inbox / "processed").rglob("*.eml")] == ["fax.eml"]
    assert [p.name for p in (inbox / "rejected").iterdir()] == ["secret.eml"]
    with workspace.db.read() as session:
        sources = set(session.scalars(select(Document.source)).all())
        cases = session.scalars(select(Case.number)).all()
    assert sources == {"email"} and len(cases) == 1
