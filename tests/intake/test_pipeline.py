"""The intake recipe, stage by stage, and analysis done by the reading workers, not the writer."""

from __future__ import annotations

import logging
import pickle
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from casework.actor import SYSTEM
from casework.db.case_models import Case, CaseDocument
from casework.db.models import Document
from casework.intake import understanding
from casework.intake.jobs import claim_jobs
from casework.intake.pipeline import analyse, file, read, take
from casework.intake.runner import RunnerConfig
from casework.intake.service import ingest_files
from casework.intake.understanding import DocumentAnalysis
from casework.plan.rulebook import load_rulebook
from casework.settings import Settings
from casework.workspace import Workspace
from ocr import DocumentReading, ReadSettings
from tests.intake.prior_auth_sample import RECEIVED, load_rosters, prior_auth_pdf

sqlite_only = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
SITE_RULE = """rules:
  - name: this site's prior authorization desk
    when: {form_type: prior_auth_request}
    route: {case_type: prior_auth, queue: um_site_desk, priority: standard}
"""


def _read_sample(ws: Workspace, tmp_path: Path) -> tuple[int, DocumentReading]:
    """The prior-authorization sample taken and read; its document id and reading."""
    load_rosters(ws, tmp_path)
    path = tmp_path / "prior-auth.pdf"
    path.write_bytes(prior_auth_pdf())
    taken = take(ws, SYSTEM, path, "fax", ReadSettings(), RECEIVED)
    assert taken.status == "queued"
    reading = read(str(ws.store.path_for(taken.sha256)), ReadSettings())
    assert isinstance(reading, DocumentReading), reading
    return taken.document_id, reading


def _case_of(ws: Workspace, document_id: int) -> Case:
    with ws.db.read() as session:
        document = session.get(Document, document_id)
        assert document is not None and document.status == "processed"
        (case,) = session.scalars(select(Case).join(
            CaseDocument, CaseDocument.case_id == Case.id).where(
            CaseDocument.document_id == document_id)).all()
        return case


@sqlite_only
def test_the_recipe_takes_reads_analyses_and_files_a_prior_authorization(
    workspace: Workspace, tmp_path: Path
) -> None:
    document_id, reading = _read_sample(workspace, tmp_path)
    analysis = analyse(workspace, reading, RECEIVED, workspace.now())
    assert analysis.form.form_type == "prior_auth_request" and analysis.failure is None
    assert analysis.member.cin == "91234567A"
    assert analysis.requesting is not None and analysis.requesting.npi == "1234567893"
    assert (analysis.route.case_type, analysis.route.queue) == ("prior_auth", "um_standard")
    # What a worker hands back must cross the process boundary whole.
    crossed = pickle.loads(pickle.dumps(analysis))
    assert isinstance(crossed, DocumentAnalysis)
    assert (crossed.facts, crossed.route) == (analysis.facts, analysis.route)
    (job,) = claim_jobs(workspace, "recipe-test", 1, timedelta(minutes=5))
    assert job.document_id == document_id and job.received_at == RECEIVED
    assert file(workspace, job.job_id, "recipe-test", analysis)
    case = _case_of(workspace, document_id)
    assert (case.case_type, case.queue, case.member_cin) == ("prior_auth", "um_standard",
                                                             "91234567A")


@sqlite_only
def test_a_recognition_bug_files_the_document_for_a_person_and_logs_why(
    workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    document_id, reading = _read_sample(workspace, tmp_path)

    def broken(*_args: object) -> None:
        raise RuntimeError("a bug in recognition")

    monkeypatch.setattr(understanding, "analyze", broken)
    analysis = analyse(workspace, reading, RECEIVED, workspace.now())
    assert analysis.form.form_type == "unknown"
    assert analysis.failure is not None and "a bug in recognition" in analysis.failure
    (job,) = claim_jobs(workspace, "recipe-test", 1, timedelta(minutes=5))
    with caplog.at_level(logging.ERROR):
        assert file(workspace, job.job_id, "recipe-test", analysis)
    assert f"form analysis failed for document {document_id}" in caplog.text
    assert "a bug in recognition" in caplog.text
    assert _case_of(workspace, document_id).case_type == "intake_review"


@sqlite_only
def test_the_writer_only_files_what_the_workers_analysed(
    workspace: Workspace, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """GIVEN recognition and roster matching that fail in this (the writing) process,
    WHEN a request is ingested, THEN it is still recognised, matched and routed: the spawned
    reading workers did that work, with the site's own routing rule."""
    site = tmp_path / "site-rules"
    site.mkdir()
    bundled = (Path(__file__).parents[2] / "resources" / "routing.yaml").read_text("utf-8")
    (site / "routing.yaml").write_text(bundled.replace("rules:\n", SITE_RULE, 1), "utf-8")
    ws = replace(workspace, rules=load_rulebook(site))

    def not_here(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the writing process analysed a document")

    load_rosters(ws, tmp_path)
    for name in ("analyze", "match_member", "match_provider", "decide_route"):
        monkeypatch.setattr(understanding, name, not_here)
    path = tmp_path / "prior-auth.pdf"
    path.write_bytes(prior_auth_pdf())
    (result,) = ingest_files(ws, settings, [path], RECEIVED, config=RunnerConfig(workers=1))
    assert result.status == "processed", result.reason
    assert result.extra["form"]["type"] == "prior_auth_request"
    assert result.extra["member_match"]["member_id"] == "91234567A"
    assert result.extra["provider_match"]["requesting"]["npi"] == "1234567893"
    assert result.extra["case"]["queue"] == "um_site_desk"
