"""Every real odd file ends processed, duplicate or rejected with a reason: none lost, no crash."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest

from casework.intake.runner import RunnerConfig
from casework.intake.service import ingest_files
from casework.settings import Settings
from casework.workspace import Workspace
from tests.conftest import CORPORA

SKIP_SUFFIXES = {".md", ".txt", ".json", ".csv", ".xml", ".out", ".py", ".html", ""}


def _corpus_files(folder: str) -> list[Path]:
    root = CORPORA / folder
    return sorted(p for p in root.rglob("*") if p.is_file() and p.suffix.lower() not in SKIP_SUFFIXES
                  and "LICENSE" not in p.name.upper() and "COPYING" not in p.name.upper())


@pytest.mark.slow
@pytest.mark.timeout(1800)
# On a developer's machine without the corpora the sweep is skipped; in CI it must run.
@pytest.mark.skipif(not CORPORA.is_dir() and not os.environ.get("CI"),
                    reason="the shared corpora folder is not beside the project")
@pytest.mark.parametrize("folder", ["fax_tiff", "pdf_odd"])
@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_every_corpus_file_is_accounted_for(
    workspace: Workspace, settings: Settings, folder: str
) -> None:
    assert CORPORA.is_dir(), f"CI runs the corpus sweep: the corpora folder {CORPORA} is missing"
    files = _corpus_files(folder)
    assert len(files) > 20
    # A few pages per file is enough to prove the bookkeeping; the OCR tests read whole pages.
    quick = replace(settings, ocr=replace(settings.ocr, max_pages=4, page_timeout_seconds=20,
                                          pdf_passwords=("asdfasdf", "user", "owner", "test")))
    results = ingest_files(workspace, quick, files, config=RunnerConfig(job_time_limit_s=90))
    assert len(results) == len(files)
    by_status: dict[str, int] = {}
    for result in results:
        by_status[result.status] = by_status.get(result.status, 0) + 1
        assert result.status in {"processed", "rejected", "duplicate"}, result
        if result.status == "rejected":
            assert result.reason and "Traceback" not in result.reason
            assert result.sha256 is not None and workspace.store.contains(result.sha256)
    assert sum(by_status.values()) == len(files)
    assert by_status.get("processed", 0) > len(files) // 4
