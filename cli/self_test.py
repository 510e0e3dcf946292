"""`main.py --self-test`: prove an installed copy works end to end, without touching user data.

In a temporary folder it opens a fresh database, opens the real main window offscreen, reads
the bundled sample fax through the real pipeline into a case, and renders that case's
acknowledgement letter and reads it back. Each step prints one line with the seconds since
the program started, so an installer check (and `make bench`) can time the start-up.
"""

from __future__ import annotations

import io
import os
import sys
import tempfile
import time
from dataclasses import replace
from importlib import resources
from pathlib import Path

from casework import users
from casework.actor import Actor
from casework.bootstrap import open_workspace
from casework.db.states import DocumentStatus
from casework.directory.roster_import import import_members
from casework.errors import CaseworkError
from casework.intake.results import IngestResult
from casework.intake.service import ingest_files
from casework.letters.issuing import generate_letter
from casework.private_files import is_private
from casework.settings import Settings, load_settings
from casework.workspace import Workspace
from cli.demo_commands import MEMBERS_CSV
from ocr import OcrEngineMissing

SAMPLE = "sample_grievance_fax.tif"
ACCOUNT = "self-test"
PASSWORD = "self-test password, never kept"
# The interpreter's own start is not measurable from inside; this module's import is close.
_STARTED = time.monotonic()


def run_self_test() -> int:
    """Each step prints one line; exit 0 only when every step passed."""
    with tempfile.TemporaryDirectory(prefix="intake-self-test-") as tmp:
        home = Path(tmp)
        settings = load_settings(environ={"INTAKE_HOME": str(home)})
        settings = replace(settings, database_url=f"sqlite:///{home / 'self-test.sqlite3'}",
                           store_root=home / "store")
        ws = open_workspace(settings)
        try:
            _say("database opened and migrated")
            if not _data_is_private(settings):
                return 1
            actor = _self_test_account(ws, home)
            if not _main_window_opens(ws, actor, settings):
                return 1
            result = _read_sample_fax(ws, settings)
            if result is None:
                return 1
            if not _letter_renders(ws, actor, settings, result):
                return 1
        finally:
            ws.db.dispose()
    _say("all checks passed")
    return 0


def _data_is_private(settings: Settings) -> bool:
    """The database file and the data and store folders are readable by their owner only."""
    database = Path(settings.database_url.removeprefix("sqlite:///"))
    wide = [p for p in (database, settings.paths.data_dir, settings.store_root)
            if not is_private(p)]
    if wide:
        _say(f"FAILED: readable by other accounts: {', '.join(p.name for p in wide)}")
        return False
    _say("data folders and database owner-only")
    return True


def _self_test_account(ws: Workspace, home: Path) -> Actor:
    """A supervisor in the throwaway database, with the sample fax's member on the roster
    (a letter needs the member's mailing address)."""
    created = users.create_first_admin(ws, "self-test-admin", PASSWORD)
    admin = Actor(created.username, created.role)
    users.add_user(ws, admin, ACCOUNT, "supervisor", PASSWORD, "Self-test Supervisor")
    roster = home / "members.csv"
    roster.write_text(MEMBERS_CSV, encoding="utf-8")
    import_members(ws, admin, roster)
    return users.authenticate(ws, ACCOUNT, PASSWORD)


def _main_window_opens(ws: Workspace, actor: Actor, settings: Settings) -> bool:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    try:
        from desktop.smoke import open_and_close_main_window

        platform = open_and_close_main_window(ws, actor, settings)
    except ImportError as exc:
        _say(f"FAILED: Qt cannot be loaded ({exc})")
        return False
    _say(f"Qt started ({platform}); main window shown")
    return True


def _read_sample_fax(ws: Workspace, settings: Settings) -> IngestResult | None:
    sample = resources.files("resources.samples") / SAMPLE
    with resources.as_file(sample) as path:
        try:
            (result,) = ingest_files(ws, settings, [Path(path)])
        except OcrEngineMissing as exc:
            _say(f"FAILED: {exc}")
            return None
    if result.status != DocumentStatus.PROCESSED or not result.pages:
        _say(f"FAILED: the sample fax was {result.status}: {result.reason}")
        return None
    case = result.extra.get("case") or {}
    _say(f"sample fax read: {result.pages} page, OCR confidence "
         f"{result.ocr_confidence or 0:.2f}, filed as {case.get('number', 'no case')}")
    return result


def _letter_renders(ws: Workspace, actor: Actor, settings: Settings,
                    result: IngestResult) -> bool:
    import pdfplumber

    number = (result.extra.get("case") or {}).get("number")
    if not number:
        _say("FAILED: the sample fax opened no case, so no letter could be made")
        return False
    try:
        # The sample member reads Spanish and the sample complaint is in English: staff give
        # the Spanish words, as they would for a real letter.
        letter = generate_letter(ws, actor, settings.plan, number, "grievance_acknowledgement",
                                 values={"summary": "Queja de muestra de la prueba de "
                                                    "instalación."})
    except CaseworkError as exc:
        _say(f"FAILED: the acknowledgement letter could not be made: {exc}")
        return False
    with pdfplumber.open(io.BytesIO(ws.store.read_bytes(letter.sha256))) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    if number not in text:
        _say("FAILED: the rendered letter does not carry its case number")
        return False
    _say(f"letter rendered: {letter.kind} ({letter.language}), {letter.pages} page(s)")
    return True


def _say(line: str) -> None:
    sys.stdout.write(f"self-test [{time.monotonic() - _STARTED:6.2f} s]: {line}\n")
    sys.stdout.flush()
