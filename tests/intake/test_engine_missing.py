"""Tesseract missing is the machine's fault: intake stops in words and the document waits."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from casework.actor import SYSTEM
from casework.db.models import Document, Job
from casework.errors import EnvironmentFailure
from casework.intake.runner import Runner, RunnerConfig
from casework.intake.taking import take_file
from casework.workspace import Workspace
from ocr import DocumentReading, ReadSettings
from ocr.errors import OcrEngineMissing
from tests.ocr.conftest import make_pdf


def no_tesseract(path: str, settings: ReadSettings) -> DocumentReading | str:
    """Runs in a worker, as a reader does on a machine without Tesseract."""
    raise OcrEngineMissing("Tesseract is not installed.")


def test_a_missing_engine_stops_intake_and_puts_the_document_back_at_once(
    workspace: Workspace, tmp_path: Path
) -> None:
    fax = tmp_path / "fax.pdf"
    fax.write_bytes(make_pdf())
    take_file(workspace, SYSTEM, fax, "fax", ReadSettings())
    runner = Runner(workspace, ReadSettings(),
                    RunnerConfig(workers=1, poll_s=0.05, reader=no_tesseract))

    try:
        with pytest.raises(EnvironmentFailure, match="cannot be read on this computer"):
            runner.run_until_idle()
    finally:
        runner.close()

    # ready for the next try once Tesseract is installed, not held until its lease runs out
    with workspace.db.read() as session:
        assert session.scalars(select(Document.status)).all() == ["queued"]
        job = session.scalars(select(Job)).one()
    assert (job.status, job.lease_owner, job.attempts) == ("queued", None, 0)
