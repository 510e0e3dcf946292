"""`make screenshots`: each main screen with demonstration data, as PNGs in docs/screenshots/.

Runs under Xvfb (the Makefile starts it) so the real window system, fonts and styles are used.
The demonstration data is loaded with `main.py demo` into a temporary folder; nothing of the
user's is touched.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from PySide6.QtCore import QThreadPool  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from casework import users  # noqa: E402
from casework.actor import Actor  # noqa: E402
from casework.bootstrap import open_workspace  # noqa: E402
from casework.cases.queues import CaseFilter, list_cases  # noqa: E402
from casework.settings import Settings, load_settings  # noqa: E402
from casework.workspace import Workspace  # noqa: E402
from cli.demo_commands import DEMO_PASSWORD  # noqa: E402
from desktop.operations import BackgroundOp  # noqa: E402

OUT = REPO / "docs" / "screenshots"
# The window's default size; `--size 1600x1000` looks at a larger screen.
SIZE = (1200, 760)

Shot = Callable[[Workspace, Settings, Callable[[str], Actor]], QWidget]


def settle(app: QApplication, seconds: float = 8.0) -> None:
    """Let background loads finish and the window paint (a script may spin; a screen may not)."""
    deadline = time.monotonic() + seconds
    quiet_since: float | None = None
    while time.monotonic() < deadline:
        app.processEvents()
        QThreadPool.globalInstance().waitForDone(50)
        if BackgroundOp.running() == 0:
            quiet_since = quiet_since or time.monotonic()
            if time.monotonic() - quiet_since > 0.5:
                break
        else:
            quiet_since = None
    app.processEvents()


def shot_sign_in(ws: Workspace, settings: Settings, actor: Callable[[str], Actor]) -> QWidget:
    from desktop.sign_in import SignInDialog

    dialog = SignInDialog(ws, username="coordinator")
    return dialog


def shot_queue(ws: Workspace, settings: Settings, actor: Callable[[str], Actor]) -> QWidget:
    from desktop.main_window import MainWindow

    window = MainWindow(ws, actor("supervisor"), settings)
    window.resize(*SIZE)
    return window


def shot_coordinator_queue(ws: Workspace, settings: Settings,
                           actor: Callable[[str], Actor]) -> QWidget:
    """A grievance coordinator's window: only the queues that role works."""
    from desktop.main_window import MainWindow

    window = MainWindow(ws, actor("coordinator"), settings)
    window.resize(*SIZE)
    return window


def busiest_queue(widget: QWidget) -> None:
    """Show a queue with work in it rather than an empty "My work"."""
    from desktop.main_window import MainWindow

    assert isinstance(widget, MainWindow)
    rows = [widget.queues.item(i).text() for i in range(widget.queues.count())]
    busiest = max(range(1, len(rows)), key=lambda i: int(rows[i].split("(")[1].split(",")[0]
                                                         .rstrip(")")))
    widget.queues.setCurrentRow(busiest)


def _case(ws: Workspace, person: Actor, prefix: str, member: str = "David Kim") -> int:
    rows = list_cases(ws, person, CaseFilter(), limit=50)
    return next(r.id for r in rows if r.number.startswith(prefix) and r.member_name == member)


def shot_case(ws: Workspace, settings: Settings, actor: Callable[[str], Actor]) -> QWidget:
    from desktop.case_workspace import CaseWorkspace

    person = actor("coordinator")
    window = CaseWorkspace(ws, person, settings, _case(ws, person, "GRV"))
    window.resize(*SIZE)
    return window


def shot_case_details(ws: Workspace, settings: Settings,
                      actor: Callable[[str], Actor]) -> QWidget:
    """A case whose form's birth date the roster disagrees with: the flag, its task, the
    form's values whole."""
    from desktop.case_workspace import CaseWorkspace

    person = actor("coordinator")
    window = CaseWorkspace(ws, person, settings, _case(ws, person, "GRV", "Rosa Delgado"))
    window.resize(*SIZE)
    window.tabs.setCurrentWidget(window.details)
    return window


def shot_case_letters(ws: Workspace, settings: Settings,
                      actor: Callable[[str], Actor]) -> QWidget:
    from casework.letters.issuing import generate_letter
    from desktop.case_workspace import CaseWorkspace

    person = actor("coordinator")
    case_id = _case(ws, person, "GRV")
    number = next(r.number for r in list_cases(ws, person, CaseFilter(), limit=50)
                  if r.id == case_id)
    generate_letter(ws, person, settings.plan, number, "grievance_acknowledgement")
    window = CaseWorkspace(ws, person, settings, case_id)
    window.resize(*SIZE)
    window.tabs.setCurrentWidget(window.letters_box)
    return window


def shot_letter_draft(ws: Workspace, settings: Settings,
                      actor: Callable[[str], Actor]) -> QWidget:
    from casework.letters.issuing import preview_letter
    from desktop.draft_preview import DraftPreview

    person = actor("coordinator")
    case_id = _case(ws, person, "GRV", "Rosa Delgado")
    number = next(r.number for r in list_cases(ws, person, CaseFilter(), limit=50)
                  if r.id == case_id)
    pdf = preview_letter(ws, person, settings.plan, number, "grievance_resolution", "en",
                         {"resolution": "We spoke with the pharmacy and your refill is ready."})
    return DraftPreview(None, "Grievance resolution", pdf)


def shot_case_contacts(ws: Workspace, settings: Settings,
                       actor: Callable[[str], Actor]) -> QWidget:
    """The attempts to reach a member, against the plan's outreach rule, and the next one."""
    from casework.outreach.contacts import ContactEntry, log_contact
    from desktop.case_workspace import CaseWorkspace

    person = actor("coordinator")
    case_id = _case(ws, person, "GRV", "Rosa Delgado")
    number = next(r.number for r in list_cases(ws, person, CaseFilter(), limit=50)
                  if r.id == case_id)
    log_contact(ws, person, number, ContactEntry("phone", "no_answer", "No voicemail"))
    log_contact(ws, person, number, ContactEntry(
        "phone", "reached", "Told her the pharmacy will call back", True, "Spanish"))
    window = CaseWorkspace(ws, person, settings, case_id)
    window.resize(*SIZE)
    window.tabs.setCurrentWidget(window.contacts_box)
    return window


def shot_document(ws: Workspace, settings: Settings, actor: Callable[[str], Actor]) -> QWidget:
    from casework.intake.documents import list_documents
    from desktop.document_window import DocumentWindow

    person = actor("um")
    faxed = next(d for d in list_documents(ws, person) if d.original_name.endswith("-pa.pdf"))
    window = DocumentWindow(ws, person, faxed.id)
    window.resize(*SIZE)
    return window


def shot_scanned_document(ws: Workspace, settings: Settings,
                          actor: Callable[[str], Actor]) -> QWidget:
    from casework.intake.documents import list_documents
    from desktop.document_window import DocumentWindow

    person = actor("clerk")
    faxed = next(d for d in list_documents(ws, person) if d.original_name.endswith(".tif"))
    window = DocumentWindow(ws, person, faxed.id)
    window.resize(*SIZE)
    return window


def shot_unrecognised(ws: Workspace, settings: Settings,
                      actor: Callable[[str], Actor]) -> QWidget:
    """A letter no form recognised: what the clerk can do with it, beside its page."""
    from casework.intake.documents import list_documents
    from desktop.document_window import DocumentWindow

    person = actor("clerk")
    letter = next(d for d in list_documents(ws, person)
                  if d.original_name.endswith("address-change-letter.pdf"))
    window = DocumentWindow(ws, person, letter.id)
    window.resize(*SIZE)
    return window


def shot_review(ws: Workspace, settings: Settings, actor: Callable[[str], Actor]) -> QWidget:
    from desktop.intake_review import IntakeReview

    screen = IntakeReview(ws, actor("clerk"))
    screen.resize(1100, 520)
    screen.refresh()
    return screen


def shot_phone(ws: Workspace, settings: Settings, actor: Callable[[str], Actor]) -> QWidget:
    from desktop.phone_intake import PhoneIntakeDialog

    return PhoneIntakeDialog(ws, actor("coordinator"))


def shot_dashboard(ws: Workspace, settings: Settings, actor: Callable[[str], Actor]) -> QWidget:
    from desktop.dashboard import Dashboard

    window = Dashboard(ws, actor("supervisor"))
    window.resize(*SIZE)
    return window


def shot_letters_due(ws: Workspace, settings: Settings,
                     actor: Callable[[str], Actor]) -> QWidget:
    from desktop.letters_due import LettersDue

    window = LettersDue(ws, actor("supervisor"), settings)
    window.resize(1100, 500)
    return window


def shot_settings(ws: Workspace, settings: Settings, actor: Callable[[str], Actor]) -> QWidget:
    from desktop.settings_dialog import SettingsDialog

    return SettingsDialog(ws, users.authenticate(ws, "admin", DEMO_PASSWORD), settings)


def shot_audit(ws: Workspace, settings: Settings, actor: Callable[[str], Actor]) -> QWidget:
    from desktop.audit_viewer import AuditViewer

    window = AuditViewer(ws, actor("supervisor"))
    window.resize(*SIZE)
    return window


def shot_member_record(ws: Workspace, settings: Settings,
                       actor: Callable[[str], Actor]) -> QWidget:
    """Rosa Delgado across her cases, with her CBAS referral and the calls about it."""
    from desktop.member_window import MemberWindow

    window = MemberWindow(ws, actor("care"), "91234567A")
    window.resize(*SIZE)
    return window


def shot_referrals(ws: Workspace, settings: Settings, actor: Callable[[str], Actor]) -> QWidget:
    from desktop.referrals_window import ReferralsWindow

    window = ReferralsWindow(ws, actor("care"))
    window.resize(*SIZE)
    return window


def shot_vendors(ws: Workspace, settings: Settings, actor: Callable[[str], Actor]) -> QWidget:
    from desktop.vendors_dialog import VendorsDialog

    window = VendorsDialog(ws, actor("supervisor"))
    window.resize(1100, 420)
    return window


def first_referral(widget: QWidget) -> None:
    """Show a referral's attempts, not an empty lower half."""
    from desktop.referrals_window import ReferralsWindow

    assert isinstance(widget, ReferralsWindow)
    widget.table.selectRow(0)


# A step taken once a screen has loaded, before its picture is taken.
AFTER_LOAD: dict[str, Callable[[QWidget], None]] = {"queue": busiest_queue,
                                                    "queue_coordinator": busiest_queue,
                                                    "referrals": first_referral}

SHOTS: dict[str, Shot] = {
    "sign_in": shot_sign_in,
    "queue": shot_queue,
    "queue_coordinator": shot_coordinator_queue,
    "case_workspace": shot_case,
    "case_details": shot_case_details,
    "case_letters": shot_case_letters,
    "letter_draft": shot_letter_draft,
    "case_contacts": shot_case_contacts,
    "vendors": shot_vendors,
    "document_window": shot_document,
    "scanned_fax": shot_scanned_document,
    "unrecognised_fax": shot_unrecognised,
    "intake_review": shot_review,
    "phone_intake": shot_phone,
    "letters_due": shot_letters_due,
    "dashboard": shot_dashboard,
    "audit_viewer": shot_audit,
    "member_record": shot_member_record,
    "referrals": shot_referrals,
    "settings": shot_settings,
}


def load_demo(home: Path) -> None:
    env = dict(os.environ, INTAKE_HOME=str(home))
    env.pop("INTAKE_DB_URL", None)
    subprocess.run([sys.executable, str(REPO / "main.py"), "demo"], env=env, check=True,
                   stdout=subprocess.DEVNULL)


@contextmanager
def demo_home() -> Iterator[Path]:
    """A throwaway home for the demo whose path reads like a clerk's own (the settings window
    shows it), removed afterwards; a temporary folder where that name is taken."""
    wanted = Path("/home/clerk")
    try:
        wanted.mkdir(parents=True)
    except OSError:
        with tempfile.TemporaryDirectory(prefix="screenshots-") as tmp:
            yield Path(tmp)
        return
    try:
        yield wanted
    finally:
        shutil.rmtree(wanted, ignore_errors=True)


def parse_args(argv: list[str]) -> tuple[Path, tuple[int, int], list[str]]:
    """Where the pictures go, the window size and which screens (all when none are named)."""
    import argparse

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--size", default=f"{SIZE[0]}x{SIZE[1]}", help="WIDTHxHEIGHT")
    parser.add_argument("screens", nargs="*", metavar="SCREEN", help=", ".join(SHOTS))
    args = parser.parse_args(argv)
    unknown = sorted(set(args.screens) - set(SHOTS))
    if unknown:
        parser.error(f"no screen named {', '.join(unknown)}; choose from {', '.join(SHOTS)}")
    width, height = (int(part) for part in args.size.lower().split("x"))
    return args.out, (width, height), list(args.screens) or list(SHOTS)


def main() -> int:
    global SIZE
    out, SIZE, wanted = parse_args(sys.argv[1:])
    out.mkdir(parents=True, exist_ok=True)
    with demo_home() as home:
        load_demo(home)
        os.environ["INTAKE_HOME"] = str(home)
        settings = load_settings()
        ws = open_workspace(settings)
        # The demo made the administrator "admin" on the empty database.
        app = QApplication(sys.argv[:1])
        app.setApplicationName("Intake Workstation")

        def actor(username: str) -> Actor:
            return users.authenticate(ws, username, DEMO_PASSWORD)

        try:
            for name in wanted:
                make = SHOTS[name]
                widget = make(ws, settings, actor)
                widget.show()
                settle(app)
                if name in AFTER_LOAD:
                    AFTER_LOAD[name](widget)
                    settle(app)
                path = out / f"{name}.png"
                widget.grab().save(str(path))
                print(path.relative_to(REPO) if path.is_relative_to(REPO) else path)
                widget.close()
                widget.deleteLater()
                settle(app, 1.0)
        finally:
            QThreadPool.globalInstance().waitForDone(10_000)
            ws.db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
