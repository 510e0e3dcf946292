"""`make screenshots`: each main screen with demonstration data, as PNGs in docs/screenshots/.

Runs under Xvfb (the Makefile starts it) so the real window system, fonts and styles are used.
The demonstration data is loaded with `main.py demo` into a temporary folder; nothing of the
user's is touched.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
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
SIZE = (1280, 800)

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

    window = MainWindow(ws, actor("coordinator"), settings)
    window.resize(*SIZE)
    return window


def shot_case(ws: Workspace, settings: Settings, actor: Callable[[str], Actor]) -> QWidget:
    from desktop.case_workspace import CaseWorkspace

    person = actor("coordinator")
    rows = list_cases(ws, person, CaseFilter(), limit=20)
    grievance = next(r for r in rows if r.number.startswith("GRV"))
    window = CaseWorkspace(ws, person, settings, grievance.id)
    window.resize(*SIZE)
    return window


def shot_audit(ws: Workspace, settings: Settings, actor: Callable[[str], Actor]) -> QWidget:
    from desktop.audit_viewer import AuditViewer

    window = AuditViewer(ws, actor("supervisor"))
    window.resize(*SIZE)
    return window


SHOTS: dict[str, Shot] = {
    "sign_in": shot_sign_in,
    "queue": shot_queue,
    "case_workspace": shot_case,
    "audit_viewer": shot_audit,
}


def load_demo(home: Path) -> None:
    env = dict(os.environ, INTAKE_HOME=str(home))
    env.pop("INTAKE_DB_URL", None)
    subprocess.run([sys.executable, str(REPO / "main.py"), "demo"], env=env, check=True,
                   stdout=subprocess.DEVNULL)


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="screenshots-") as tmp:
        home = Path(tmp)
        load_demo(home)
        os.environ["INTAKE_HOME"] = str(home)
        settings = load_settings()
        ws = open_workspace(settings)
        app = QApplication(sys.argv[:1])
        app.setApplicationName("Intake Workstation")

        def actor(username: str) -> Actor:
            return users.authenticate(ws, username, DEMO_PASSWORD)

        try:
            for name, make in SHOTS.items():
                widget = make(ws, settings, actor)
                widget.show()
                settle(app)
                path = OUT / f"{name}.png"
                widget.grab().save(str(path))
                print(f"{path.relative_to(REPO)}")
                widget.close()
                widget.deleteLater()
                settle(app, 1.0)
        finally:
            QThreadPool.globalInstance().waitForDone(10_000)
            ws.db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
