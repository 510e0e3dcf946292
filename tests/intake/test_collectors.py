"""Two collectors on one folder and one database (a workstation beside a `watch` service, or
two workstations): every file becomes one document, none is lost, none is recorded twice."""

from __future__ import annotations

import os
import threading
import time
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import select

from casework.actor import SYSTEM
from casework.db.database import Database
from casework.db.models import AuditEvent, Document
from casework.intake.progress import DocumentUpdate
from casework.intake.runner import RunnerConfig
from casework.intake.service import FolderIntake
from casework.intake.taking import TakenFile, take_file
from casework.settings import Settings, WatchFolder
from casework.store import DocumentStore
from casework.workspace import Workspace
from ocr import ReadSettings
from tests.ocr.conftest import make_pdf


def _documents(ws: Workspace) -> list[Document]:
    with ws.db.read() as session:
        return list(session.scalars(select(Document).order_by(Document.id)))


def _another_service(ws: Workspace) -> Workspace:
    """A second collector's own connection to the same database and store."""
    return Workspace(Database(ws.db.url.render_as_string(hide_password=False)),
                     DocumentStore(ws.store.root), ws.now)


def test_two_collectors_taking_one_file_at_once_record_one_document(
    workspace: Workspace, tmp_path: Path
) -> None:
    """GIVEN two services that reach the same settled fax together WHEN both take it
    THEN there is one document, queued once, and both are told which it is."""
    fax = tmp_path / "fax-in" / "referral.pdf"
    fax.parent.mkdir()
    fax.write_bytes(make_pdf(["Referral for physical therapy"]))
    other = _another_service(workspace)
    together = threading.Barrier(2)
    taken: list[TakenFile] = []

    def collect(ws: Workspace) -> None:
        together.wait()
        taken.append(take_file(ws, SYSTEM, fax, "fax", ReadSettings(), watched=True))

    threads = [threading.Thread(target=collect, args=(ws,)) for ws in (workspace, other)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
    finally:
        other.db.dispose()

    documents = _documents(workspace)
    assert [(d.original_name, d.status, d.duplicate_of_id) for d in documents] == [
        ("referral.pdf", "queued", None)]
    assert sorted(t.already_taken for t in taken) == [False, True]
    assert {t.document_id for t in taken} == {documents[0].id}
    assert [t.job_id is not None for t in taken if not t.already_taken] == [True]
    with workspace.db.read() as session:
        actions = session.scalars(select(AuditEvent.action)).all()
    assert actions.count("document.taken") == 1


def test_the_same_fax_sent_again_is_still_a_duplicate(
    workspace: Workspace, tmp_path: Path
) -> None:
    """Only the very file is recognised: a later copy (its own time) stays a visible copy."""
    fax = tmp_path / "referral.pdf"
    fax.write_bytes(make_pdf(["Referral for physical therapy"]))
    first = take_file(workspace, SYSTEM, fax, "fax", ReadSettings(), watched=True)
    sent = fax.stat().st_mtime
    os.utime(fax, (sent + 3600, sent + 3600))  # the fax server delivers it again an hour later

    again = take_file(workspace, SYSTEM, fax, "fax", ReadSettings(), watched=True)

    assert not again.already_taken and again.status == "duplicate"
    assert again.document_id != first.document_id


class Recorder:
    """Progress that keeps every step, shared by threads."""

    def __init__(self) -> None:
        self.updates: list[DocumentUpdate] = []
        self._lock = threading.Lock()

    def update(self, update: DocumentUpdate) -> None:
        with self._lock:
            self.updates.append(update)


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_two_collectors_watching_one_folder_file_every_fax_once(
    workspace: Workspace, settings: Settings, tmp_path: Path
) -> None:
    """GIVEN a workstation and a watch service watching one folder against one database
    WHEN faxes arrive THEN each is one document, read once, and filed away; none stays behind."""
    inbox = tmp_path / "fax-in"
    inbox.mkdir()
    names = [f"fax-{n:02}.pdf" for n in range(8)]
    for n, name in enumerate(names):  # all there when both start: both go for every one
        (inbox / name).write_bytes(make_pdf([f"Referral number {n} for physical therapy"]))
    watched = replace(settings, watch=(WatchFolder(inbox, "fax", settle_seconds=0.0),))
    config = RunnerConfig(workers=1, poll_s=0.1)
    other = _another_service(workspace)
    progress = [Recorder(), Recorder()]
    collectors = [FolderIntake(ws, watched, p, config)
                  for ws, p in zip((workspace, other), progress, strict=True)]
    deadline = time.monotonic() + 120

    def finished() -> bool:
        statuses = [d.status for d in _documents(workspace)]
        return (time.monotonic() > deadline
                or (len(statuses) >= len(names) and set(statuses) == {"processed"}
                    and not any(p.is_file() for p in inbox.iterdir())))

    threads = [threading.Thread(target=c.run, args=(finished,)) for c in collectors]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(180)
    finally:
        other.db.dispose()

    documents = _documents(workspace)
    assert sorted(d.original_name for d in documents) == names
    assert all(d.status == "processed" and d.duplicate_of_id is None for d in documents)
    assert sorted(p.name for p in (inbox / "processed").rglob("*.pdf")) == names
    assert not any(p.is_file() for p in inbox.iterdir())
    # each document was reported taken and read by exactly one of the two
    steps = [(u.file_name, u.status) for p in progress for u in p.updates]
    assert sorted(n for n, s in steps if s == "queued") == names
    assert sorted(n for n, s in steps if s == "processed") == names
