"""Background intake in the window: files dropped in a watched folder become cases, the status
bar says what intake is doing, and stopping ends every worker process."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from casework.actor import Actor
from casework.db.models import Document
from casework.intake.runner import RunnerConfig
from casework.settings import IntakeSettings, Settings, WatchFolder
from casework.workspace import Workspace
from desktop.case_notifier import CaseNotifier
from desktop.intake_process import IntakeState
from desktop.intake_service import ELSEWHERE_TEXT, IntakeService
from desktop.intake_status import IntakeStatus
from desktop.main_window import MainWindow
from tests.desktop.conftest import open_message_boxes, open_window, sign_in_as
from tests.intake.fault_readers import crash_on_crash, hang_on_stuck, slow
from tests.ocr.conftest import make_pdf

QUICK = RunnerConfig(workers=1, poll_s=0.1, stop_grace_s=2.0)


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    folder = tmp_path / "fax-in"
    folder.mkdir()
    return folder


@pytest.fixture
def watching(gui_settings: Settings, inbox: Path) -> Settings:
    return replace(gui_settings, watch=(WatchFolder(inbox, "fax", settle_seconds=0.2),))


@pytest.fixture
def supervisor(gui_ws: Workspace) -> Actor:
    return sign_in_as(gui_ws, "sam", "supervisor")


@pytest.fixture
def window(qtbot: QtBot, gui_ws: Workspace, gui_settings: Settings,
           supervisor: Actor) -> MainWindow:
    """A window without folders of its own to watch: each test runs the intake it examines."""
    return open_window(qtbot, gui_ws, gui_settings, supervisor)


def intake_for(window: MainWindow, settings: Settings, config: RunnerConfig = QUICK,
               retry_s: float = 60.0) -> tuple[IntakeService, IntakeStatus]:
    """The service and its status-bar widget, wired as the main window wires them."""
    service = IntakeService(window.ws, window.actor, settings, window, config=config,
                            retry_s=retry_s)
    status = IntakeStatus()
    window.statusBar().addPermanentWidget(status)
    service.state_changed.connect(status.show_state)
    return service, status


@pytest.fixture
def running(qtbot: QtBot, window: MainWindow,
            watching: Settings) -> Iterator[tuple[IntakeService, IntakeStatus]]:
    service, status = intake_for(window, watching)
    service.start()
    qtbot.waitUntil(lambda: status.text().startswith("Intake idle"), timeout=15_000)
    yield service, status
    service.stop()


def queue_labels(window: MainWindow) -> list[str]:
    return [window.queues.item(i).text() for i in range(window.queues.count())]


def test_a_fax_dropped_in_the_folder_becomes_a_case_without_a_manual_refresh(
    qtbot: QtBot, window: MainWindow, watching: Settings, inbox: Path,
    running: tuple[IntakeService, IntakeStatus],
) -> None:
    _service, status = running
    notifier = CaseNotifier(window.ws, window.actor, watching, window, interval_ms=200,
                            use_tray=False)
    notifier.arrived.connect(window.refresh)
    notifier.start()
    qtbot.waitUntil(lambda: notifier._mark is not None)
    assert status.text() == "Intake idle — 0 documents today"
    assert str(inbox) in status.toolTip()

    with qtbot.waitSignal(notifier.arrived, timeout=60_000):
        (inbox / "referral.pdf").write_bytes(make_pdf())

    # the queue list recounts by itself: one open case in some queue
    qtbot.waitUntil(lambda: any("(1)" in label for label in queue_labels(window)),
                    timeout=10_000)
    qtbot.waitUntil(lambda: status.text() == "Intake idle — 1 document today", timeout=10_000)
    assert [p.name for p in (inbox / "processed").rglob("*.pdf")] == ["referral.pdf"]
    notifier.stop()


def test_the_status_counts_pages_while_documents_are_read(
    qtbot: QtBot, window: MainWindow, watching: Settings, inbox: Path
) -> None:
    # Both already waiting when intake starts, so they are taken together.
    (inbox / "long.pdf").write_bytes(make_pdf(pages=3))
    (inbox / "short.pdf").write_bytes(make_pdf(["Referral for physical therapy"]))
    service, _status = intake_for(window, watching)
    seen: list[IntakeState] = []
    service.state_changed.connect(seen.append)

    service.start()
    try:
        qtbot.waitUntil(lambda: any(s.text == "Intake idle — 2 documents today" for s in seen),
                        timeout=60_000)
    finally:
        service.stop()

    reading = [s.text for s in seen if s.phase == "reading"]
    assert reading[:2] == ["Reading 1 document — page 1 of 3",
                           "Reading 2 documents — page 1 of 4"]
    assert reading[-1] in {"Reading 1 document — page 4 of 4",
                           "Reading 1 document — page 2 of 4"}


def descendants(pid: int) -> set[int]:
    """Every process below `pid`: the intake process and its reading workers.

    multiprocessing's resource tracker (one per process that made a queue) is left out: it is
    shared bookkeeping that ends with its parent, not part of intake.
    """
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            command = (stat.parent / "cmdline").read_bytes()
        except OSError:
            continue  # ended meanwhile
        if b"resource_tracker" not in command:
            parents[int(stat.parent.name)] = int(fields[1])
    found: set[int] = set()
    frontier = {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier}
        found |= frontier
    return found


def statuses(ws: Workspace) -> list[str]:
    with ws.db.read() as session:
        return list(session.scalars(select(Document.status)))


def test_closing_while_a_page_is_read_returns_at_once_and_the_page_is_read_next_time(
    qtbot: QtBot, gui_ws: Workspace, window: MainWindow, watching: Settings, inbox: Path
) -> None:
    """GIVEN intake reading a page that takes long (the default grace is 30 s) WHEN the window
    closes THEN stop returns well under 2 s, no intake process is left, and the next start
    reads the document."""
    before = descendants(os.getpid())
    service, status = intake_for(window, watching, RunnerConfig(workers=1, reader=slow))
    service.start()
    (inbox / "long.pdf").write_bytes(make_pdf(["Referral for physical therapy"]))
    qtbot.waitUntil(lambda: status.text().startswith("Reading 1 document"), timeout=30_000)
    # the intake process and its reading worker, which is now in the middle of the file
    qtbot.waitUntil(lambda: len(descendants(os.getpid()) - before) >= 2, timeout=30_000)
    intake_processes = descendants(os.getpid()) - before
    started = time.monotonic()

    assert service.stop()

    took = time.monotonic() - started
    assert took < 2.0, f"closing took {took:.1f} s"
    assert not service.running and status.text() == "Intake ended."
    qtbot.waitUntil(lambda: not any(Path(f"/proc/{pid}").exists() for pid in intake_processes),
                    timeout=3_000)
    # handed back to the queue, not lost
    assert statuses(gui_ws) == ["queued"]
    again, _ = intake_for(window, watching)
    again.start()
    try:
        qtbot.waitUntil(lambda: statuses(gui_ws) == ["processed"], timeout=60_000)
    finally:
        again.stop()
    assert [p.name for p in (inbox / "processed").rglob("*.pdf")] == ["long.pdf"]


def test_a_reading_cut_by_a_crash_is_read_at_the_next_start(
    qtbot: QtBot, gui_ws: Workspace, window: MainWindow, watching: Settings, inbox: Path
) -> None:
    """GIVEN the intake process dies while reading (killed, crashed) WHEN intake starts again
    THEN the document is read then, without waiting for the five-minute lease to run out."""
    service, status = intake_for(window, watching, replace(QUICK, reader=hang_on_stuck))
    service.start()
    (inbox / "stuck.pdf").write_bytes(make_pdf() + b"\n%STUCK\n")
    qtbot.waitUntil(lambda: status.text().startswith("Reading 1 document"), timeout=30_000)
    pid = service.pid
    assert pid is not None
    os.kill(pid, signal.SIGKILL)
    qtbot.waitUntil(lambda: not service.running, timeout=5_000)
    service.stop()
    # Not lost: still held by a lease naming a process that is gone, or (killed before the
    # claim was written) still queued; either way the next start must read it at once.
    assert statuses(gui_ws) in (["reading"], ["queued"])

    again, _ = intake_for(window, watching, replace(QUICK, reader=crash_on_crash))
    again.start()
    try:
        qtbot.waitUntil(lambda: statuses(gui_ws) == ["processed"], timeout=60_000)
    finally:
        again.stop()


def test_an_unreachable_folder_is_reported_once_and_tried_again(
    qtbot: QtBot, window: MainWindow, gui_settings: Settings, tmp_path: Path
) -> None:
    not_a_folder = tmp_path / "share"
    not_a_folder.write_text("a file where the share should be mounted", encoding="utf-8")
    broken = replace(gui_settings, watch=(WatchFolder(not_a_folder / "fax", "fax"),))
    service, status = intake_for(window, broken, retry_s=0.1)
    stopped: list[IntakeState] = []
    service.state_changed.connect(lambda s: stopped.append(s) if s.phase == "stopped" else None)

    service.start()
    qtbot.waitUntil(lambda: len(stopped) >= 3, timeout=10_000)
    shown = status.text()
    assert service.stop()

    assert shown.startswith("Intake stopped: The watched folder") and shown == stopped[-1].text

    assert stopped[0].text.startswith(f"Intake stopped: The watched folder {not_a_folder / 'fax'}"
                                      " cannot be reached (Not a directory). Trying again at ")
    boxes = open_message_boxes()
    assert [box.text() for box in boxes] == [stopped[0].detail]
    boxes[0].close()


def test_without_watched_folders_the_status_says_so(
    qtbot: QtBot, window: MainWindow, gui_settings: Settings
) -> None:
    service, status = intake_for(window, gui_settings)

    service.start()

    assert status.text() == "Intake off: no folders to watch"
    assert "[[watch]]" in status.toolTip()
    assert not service.running and service.stop()


def test_a_coordinators_desk_does_not_take_in_documents(
    qtbot: QtBot, gui_ws: Workspace, watching: Settings
) -> None:
    coordinator = sign_in_as(gui_ws, "una", "um_coordinator")
    window = open_window(qtbot, gui_ws, watching, coordinator)
    service, status = intake_for(window, watching)

    service.start()

    assert status.text() == "Intake off: this account does not take in documents"
    assert not service.running


def test_a_site_whose_service_collects_keeps_the_window_from_taking_files(
    qtbot: QtBot, gui_ws: Workspace, window: MainWindow, watching: Settings, inbox: Path
) -> None:
    """GIVEN [intake] in_window = false WHEN the window starts intake THEN it takes nothing
    and the status bar says the intake service does it."""
    (inbox / "referral.pdf").write_bytes(make_pdf())
    service, status = intake_for(window, replace(watching, intake=IntakeSettings(False)))

    service.start()

    assert status.text() == ELSEWHERE_TEXT
    assert "intake service" in status.toolTip()
    assert not service.running and service.stop()
    assert (inbox / "referral.pdf").exists()  # left for the service to take
    with gui_ws.db.read() as session:
        assert session.scalars(select(Document)).all() == []
