"""A runner in its own process, for the crash and two-runner tests: python -m ... DB_URL STORE."""

from __future__ import annotations

import sys
from pathlib import Path

from casework.db.database import Database
from casework.intake.runner import JobOutcome, Runner, RunnerConfig
from casework.store import DocumentStore
from casework.workspace import Workspace
from ocr import ReadSettings


def _say(outcome: JobOutcome) -> None:
    sys.stdout.write(f"{outcome.document_id} {outcome.status}\n")
    sys.stdout.flush()


def main() -> None:
    url, store = sys.argv[1], Path(sys.argv[2])
    ws = Workspace(Database(url), DocumentStore(store))
    runner = Runner(ws, ReadSettings(), RunnerConfig(workers=1, poll_s=0.05))
    try:
        runner.run_until_idle(on_outcome=_say)
    finally:
        runner.close()


if __name__ == "__main__":
    main()
