"""`ingest --timings`: where the reading time went, per stage, without touching the JSON."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from casework.intake.service import ingest_files
from casework.settings import Settings
from casework.workspace import Workspace
from ocr.timing import StageTimes
from tests.conftest import REPO_ROOT
from tests.ocr.conftest import as_fax, make_pdf, render_gray


def _standard_fax(folder: Path) -> Path:
    path = folder / "fax.tif"
    as_fax(render_gray(make_pdf()), False).save(path, compression="group4", dpi=(204, 98))
    return path


def test_ingest_reports_time_per_stage(workspace: Workspace, settings: Settings,
                                       tmp_path: Path) -> None:
    """GIVEN a faxed page ingested THEN the time of each stage it went through is told,
    reading the page taking most of it, and the page is counted."""
    told: list[tuple[StageTimes, int]] = []
    (result,) = ingest_files(workspace, settings, [_standard_fax(tmp_path)],
                             on_times=lambda times, pages: told.append((times, pages)))
    assert result.status == "processed"
    (times, pages), = told
    assert pages == 1
    assert [name for name, _ in times.seconds][:3] == ["open", "square", "read"]
    assert {"analyse", "write"} <= {name for name, _ in times.seconds}
    assert times.of("read") > times.of("open") + times.of("square") > 0


def test_ingest_command_prints_stage_times_on_stderr(tmp_path: Path) -> None:
    """`ingest --json --timings`: stdout stays one JSON object per file; stderr has a line per
    stage with its seconds and milliseconds per page."""
    env = dict(os.environ, INTAKE_HOME=str(tmp_path / "home"))
    env.pop("INTAKE_DB_URL", None)
    result = subprocess.run(
        [sys.executable, str(REPO_ROOT / "main.py"), "ingest", "--json", "--timings",
         str(_standard_fax(tmp_path))],
        capture_output=True, text=True, env=env, timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    (line,) = result.stdout.splitlines()
    assert json.loads(line)["status"] == "processed"
    stages = [row.split()[0] for row in result.stderr.splitlines() if "ms/page" in row]
    assert stages[:3] == ["open", "square", "read"] and "write" in stages
    assert "time per stage (1 page;" in result.stderr
