"""Watching a folder end to end, in process: every file ends filed away and accounted for."""

from __future__ import annotations

import os
import time
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import select

from casework.db.models import Document
from casework.intake.progress import DocumentUpdate
from casework.intake.runner import RunnerConfig
from casework.intake.service import FolderIntake
from casework.settings import Settings, WatchFolder
from casework.workspace import Workspace
from tests.intake.fault_readers import hang_on_stuck
from tests.ocr.conftest import make_pdf


class Recorder:
    """Progress that keeps every step, as the desktop's signal adapter would receive them."""

    def __init__(self) -> None:
        self.updates: list[DocumentUpdate] = []

    def update(self, update: DocumentUpdate) -> None:
        self.updates.append(update)

    def final(self) -> dict[str, str]:
        done = {"processed", "rejected", "duplicate"}
        return {u.file_name: u.status for u in self.updates if u.status in done}


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_a_watched_folder_files_every_document_away(
    workspace: Workspace, settings: Settings, tmp_path: Path
) -> None:
    inbox = tmp_path / "fax-in"
    inbox.mkdir()
    referral = make_pdf(["Referral for physical therapy"])
    (inbox / "referral.pdf").write_bytes(referral)  # there before intake starts
    (inbox / "referral-again.pdf").write_bytes(referral)  # the same fax sent twice, later
    sent = (inbox / "referral.pdf").stat().st_mtime
    os.utime(inbox / "referral-again.pdf", (sent + 60, sent + 60))
    (inbox / "stuck.pdf").write_bytes(make_pdf() + b"\n%STUCK\n")  # hangs its reader
    (inbox / "empty.pdf").write_bytes(b"")
    (inbox / "upload.pdf.part").write_bytes(referral)  # still being written
    watched = replace(settings, watch=(WatchFolder(inbox, "fax", settle_seconds=0.3),))
    progress = Recorder()
    # The limit covers reading and analysing one document; long enough for a busy machine.
    config = RunnerConfig(workers=1, poll_s=0.1, job_time_limit_s=6.0, reader=hang_on_stuck)
    intake = FolderIntake(workspace, watched, progress, config)
    deadline = time.monotonic() + 90

    intake.run(lambda: len(progress.final()) == 4 or time.monotonic() > deadline)

    assert progress.final() == {"referral.pdf": "processed", "referral-again.pdf": "duplicate",
                                "stuck.pdf": "rejected", "empty.pdf": "rejected"}
    assert sorted(p.name for p in (inbox / "processed" / "2026-11-02").iterdir()) == [
        "referral-again.pdf", "referral.pdf"]
    assert sorted(p.name for p in (inbox / "rejected").iterdir()) == ["empty.pdf", "stuck.pdf"]
    assert [p.name for p in inbox.iterdir() if p.is_file()] == ["upload.pdf.part"]
    with workspace.db.read() as session:
        documents = {d.original_name: d for d in session.scalars(select(Document))}
    assert documents["referral-again.pdf"].duplicate_of_id == documents["referral.pdf"].id
    assert (documents["stuck.pdf"].reason or "").startswith("Reading this document took too long")
    assert documents["empty.pdf"].reason == "The file is empty."
    assert all(d.source == "fax" for d in documents.values())
    # progress lines carry ids, names, pages and status, never the text of a page
    assert not any("physical therapy" in u.line() for u in progress.updates)
