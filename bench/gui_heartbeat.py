"""The window stays responsive while intake reads: a 10 ms heartbeat on the GUI thread.

The workstation's main window is open (offscreen) with background intake and the arrivals
notifier running, as a clerk's desk has them, while generated pages (scans and fax TIFFs from
bench/page_factory.py) are dropped into its watched folder and read through the real
pipeline. A QTimer fires every 10 ms; the longest gap between two beats is how long the window
was frozen. Baseline: the same heartbeat with the window open and nothing running.
"""

from __future__ import annotations

import gc
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import (
    QEventLoop,
    QMessageLogContext,
    QObject,
    QTimer,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtWidgets import QApplication

from bench.page_factory import write_pages
from casework import users
from casework.actor import Actor
from casework.bootstrap import open_workspace
from casework.intake.progress import DocumentUpdate
from casework.permissions import Role
from casework.settings import Settings, WatchFolder, load_settings
from desktop.collector_pause import freeze_long_lived
from desktop.main_window import MainWindow

PAGES = int(os.environ.get("BENCH_PAGES", "50"))
BEAT_MS = 10
BASELINE_S = 10.0
TARGET_MS = 100.0
PASSWORD = "a benchmark password"


class CollectorPauses:
    """The longest full garbage collection while recording (it stops every thread)."""

    def __init__(self) -> None:
        self.longest_ms = 0.0
        self._started = 0.0
        gc.callbacks.append(self._note)

    def _note(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._started = time.perf_counter()
        elif info["generation"] == 2:
            self.longest_ms = max(self.longest_ms, (time.perf_counter() - self._started) * 1000)


class Heartbeat(QObject):
    """Beats every BEAT_MS on the GUI thread and keeps the gaps between beats."""

    def __init__(self) -> None:
        super().__init__()
        self.gaps_ms: list[float] = []
        self._last = 0.0
        self.timer = QTimer(self)
        self.timer.setInterval(BEAT_MS)
        self.timer.timeout.connect(self._beat)

    def start(self) -> None:
        self.gaps_ms.clear()
        self._last = time.perf_counter()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def _beat(self) -> None:
        now = time.perf_counter()
        self.gaps_ms.append((now - self._last) * 1000)
        self._last = now

    def summary(self) -> tuple[float, float, int]:
        """(worst gap, 99th percentile gap, beats) in milliseconds."""
        gaps = sorted(self.gaps_ms)
        p99 = statistics.quantiles(gaps, n=100)[98] if len(gaps) >= 100 else gaps[-1]
        return gaps[-1], p99, len(gaps)


def spin(seconds: float, until: object = None) -> None:
    """Run the event loop for `seconds`, or until `until()` is true (checked every 50 ms)."""
    loop = QEventLoop()
    deadline = time.monotonic() + seconds
    check = QTimer()
    check.setInterval(50)

    def tick() -> None:
        if time.monotonic() >= deadline or (until is not None and until()):  # type: ignore[operator]
            loop.quit()

    check.timeout.connect(tick)
    check.start()
    loop.exec()
    check.stop()


def drop_files(files: list[Path], inbox: Path) -> threading.Thread:
    """Copy the files into the watched folder off the GUI thread, as a fax server would."""

    def copy() -> None:
        for path in files:
            partial = inbox / f"{path.name}.part"
            shutil.copyfile(path, partial)
            partial.rename(inbox / path.name)

    thread = threading.Thread(target=copy, name="fax-server", daemon=True)
    thread.start()
    return thread


def sign_in(settings: Settings) -> MainWindow:
    ws = open_workspace(settings)
    users.add_user(ws, Actor("bench-admin", Role.ADMIN), "clerk", "intake_clerk", PASSWORD,
                   full_name="Bench Clerk")
    actor = users.authenticate(ws, "clerk", PASSWORD)
    window = MainWindow(ws, actor, settings)
    window.resize(1200, 760)
    window.show()
    freeze_long_lived()  # as the workstation does once a window is up
    return window


def quiet_offscreen(kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
    """The offscreen platform says it cannot size windows natively; nothing else is dropped."""
    if "propagateSizeHints" not in message:
        sys.stderr.write(f"{message}\n")


def main() -> int:
    qInstallMessageHandler(quiet_offscreen)
    app = QApplication.instance() or QApplication(sys.argv)
    assert app is not None
    with tempfile.TemporaryDirectory(prefix="heartbeat-bench-") as tmp:
        folder = Path(tmp)
        os.environ["INTAKE_HOME"] = str(folder / "home")
        os.environ.pop("INTAKE_DB_URL", None)
        generated = write_pages(folder / "pages", PAGES)
        inbox = folder / "fax-in"
        settings = replace(load_settings(),
                           watch=(WatchFolder(inbox, "fax", settle_seconds=0.5),))
        window = sign_in(settings)
        # The window's own intake and new-case watch, as a clerk has them; intake waits
        # until the idle baseline is measured.
        intake, notifier, status = window.intake, window.notifier, window.intake_status
        intake.stop()
        done: set[int] = set()

        def count(update: DocumentUpdate) -> None:
            if update.status in {"processed", "rejected"} and update.document_id is not None:
                done.add(update.document_id)

        intake.document_updated.connect(count)
        heartbeat = Heartbeat()
        spin(1.0)  # the window's first refresh is not part of either measurement

        heartbeat.start()
        spin(BASELINE_S)
        heartbeat.stop()
        base_worst, base_p99, base_beats = heartbeat.summary()

        intake.start()
        spin(30.0, until=lambda: status.text().startswith("Intake idle"))
        heartbeat.start()
        pauses = CollectorPauses()
        started = time.perf_counter()
        copier = drop_files([path for path, _ in generated], inbox)
        spin(900.0, until=lambda: len(done) >= len(generated))
        elapsed = time.perf_counter() - started
        heartbeat.stop()
        copier.join()
        worst, p99, beats = heartbeat.summary()
        stop_started = time.perf_counter()
        intake.stop()
        notifier.stop()
        stop_s = time.perf_counter() - stop_started
        window.close()
        window.ws.db.dispose()
    pages = sum(n for _, n in generated)
    print(f"pages read through the window's intake: {pages} in {len(done)} documents, "
          f"{elapsed:.1f} s ({pages / elapsed * 60:.1f} pages/min), cores: {os.cpu_count()}")
    print(f"idle window, nothing running:   worst gap {base_worst:6.1f} ms, "
          f"p99 {base_p99:6.1f} ms ({base_beats} beats of {BEAT_MS} ms)")
    print(f"window while intake reads:      worst gap {worst:6.1f} ms, "
          f"p99 {p99:6.1f} ms ({beats} beats)  (target: worst <= {TARGET_MS:.0f} ms)")
    print(f"ratio worst gap reading / idle: {worst / base_worst:6.1f}")
    longest = f"{pauses.longest_ms:.1f} ms" if pauses.longest_ms else "none ran"
    print(f"longest full garbage collection while reading: {longest} "
          "(objects alive at sign-in set aside)")
    print(f"intake stopped (workers ended) in {stop_s:.1f} s")
    return 0 if len(done) == len(generated) and worst <= TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
