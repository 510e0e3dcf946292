"""The windows the main window opens and keeps: one of each, brought forward when asked again.

A mixin of MainWindow: it needs the workspace, the actor, the settings and `refresh`, and keeps
every window it opens in `tool_windows` so locking can hide them and closing can close them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow, QWidget

from casework.actor import Actor
from casework.settings import Settings
from casework.settings_file import SavedSettings
from casework.workspace import Workspace
from desktop.audit_viewer import AuditViewer
from desktop.bring_forward import bring_forward
from desktop.case_workspace import CaseWorkspace
from desktop.dashboard import Dashboard
from desktop.document_window import DocumentWindow
from desktop.intake_review import IntakeReview
from desktop.letters_due import LettersDue
from desktop.member_finder import MemberFinder
from desktop.member_window import MemberWindow
from desktop.phone_intake import PhoneIntakeDialog
from desktop.referrals_window import ReferralsWindow
from desktop.settings_dialog import SettingsDialog
from desktop.users_dialog import UsersDialog
from desktop.vendors_dialog import VendorsDialog

ToolWindow = TypeVar("ToolWindow", bound=QWidget)



class ToolWindowsMixin(QMainWindow):
    """The `open_*` slots of the main window."""

    ws: Workspace
    actor: Actor
    settings: Settings
    tool_windows: dict[str, QWidget]

    refresh: Callable[[], None]  # the main window's recount of its queues

    def open_users(self) -> UsersDialog:
        """Open (or bring forward) the user accounts window."""
        return self._tool("users", UsersDialog, lambda: UsersDialog(self.ws, self.actor, self))

    def open_vendors(self) -> VendorsDialog:
        """Open (or bring forward) the transportation vendor directory."""
        return self._tool("vendors", VendorsDialog,
                          lambda: VendorsDialog(self.ws, self.actor, self))

    def open_audit(self) -> AuditViewer:
        """Open (or bring forward) the audit trail viewer."""
        return self._tool("audit", AuditViewer, lambda: AuditViewer(self.ws, self.actor, self))

    def open_settings(self) -> SettingsDialog:
        """Open (or bring forward) the settings window (administrators)."""
        def make() -> SettingsDialog:
            dialog = SettingsDialog(self.ws, self.actor, self.settings, self)
            dialog.saved.connect(self._settings_saved)
            return dialog
        return self._tool("settings", SettingsDialog, make)

    def _settings_saved(self, saved: SavedSettings) -> None:
        # Letters and the fax folder use the new values at once; the rest waits for a restart
        # (the dialog says so). The database stays the one this window was opened on.
        self.settings = dataclasses.replace(
            self.settings, plan=saved.settings.plan,
            outbound_fax_folder=saved.settings.outbound_fax_folder)

    def open_phone_intake(self) -> PhoneIntakeDialog:
        """Open (or bring forward) the phone intake dialog."""
        def make() -> PhoneIntakeDialog:
            dialog = PhoneIntakeDialog(self.ws, self.actor, self)
            dialog.case_created.connect(self.open_case)
            dialog.case_created.connect(lambda _case_id: self.refresh())
            return dialog
        return self._tool("phone", PhoneIntakeDialog, make)

    def open_intake_review(self) -> IntakeReview:
        """Open (or bring forward) the documents waiting for a person."""
        def make() -> IntakeReview:
            screen = IntakeReview(self.ws, self.actor, self)
            screen.setWindowFlag(Qt.WindowType.Window, True)
            screen.setWindowTitle("Intake review")
            screen.resize(1100, 640)
            screen.document_opened.connect(self.open_document)
            screen.status.connect(lambda text: self.statusBar().showMessage(text, 5000))
            return screen
        screen = self._tool("review", IntakeReview, make)
        screen.refresh()
        return screen

    def open_document(self, document_id: int) -> DocumentWindow:
        """Open (or bring forward) the viewer and fields of one document."""
        def make() -> DocumentWindow:
            window = DocumentWindow(self.ws, self.actor, document_id, self)
            window.changed.connect(self.refresh)
            return window
        return self._tool(f"document:{document_id}", DocumentWindow, make)

    def open_dashboard(self) -> Dashboard:
        """Open (or bring forward) the supervisor dashboard."""
        return self._tool("dashboard", Dashboard, lambda: Dashboard(self.ws, self.actor, self))

    def open_letters_due(self) -> LettersDue:
        """Open (or bring forward) the list of letters due today or overdue."""
        def make() -> LettersDue:
            window = LettersDue(self.ws, self.actor, self.settings, self)
            window.case_opened.connect(self.open_case)
            window.generated.connect(lambda _outcomes: self.refresh())
            return window
        return self._tool("letters_due", LettersDue, make)

    def open_member_finder(self) -> MemberFinder:
        """Open (or bring forward) the roster search that opens a member's record."""
        def make() -> MemberFinder:
            finder = MemberFinder(self.ws, self.actor, self)
            finder.member_chosen.connect(self.open_member)
            return finder
        return self._tool("member_finder", MemberFinder, make)

    def open_member(self, cin: str) -> MemberWindow:
        """Open (or bring forward) one member's record; each opening is audited."""
        key = f"member:{cin}"
        window = self.tool_windows.get(key)
        if isinstance(window, MemberWindow) and not window.isVisible():
            window.load(opening=True)
        return self._tool(key, MemberWindow, lambda: self._member_window(cin))

    def _member_window(self, cin: str) -> MemberWindow:
        window = MemberWindow(self.ws, self.actor, cin, self)
        window.case_opened.connect(self.open_case)
        window.document_opened.connect(self.open_document)
        return window

    def open_referrals(self) -> ReferralsWindow:
        """Open (or bring forward) the referrals queue."""
        def make() -> ReferralsWindow:
            window = ReferralsWindow(self.ws, self.actor, self)
            window.case_opened.connect(self.open_case)
            return window
        return self._tool("referrals", ReferralsWindow, make)

    def open_case(self, case_id: int) -> CaseWorkspace:
        """Open (or bring forward) the workspace window of one case."""
        key = f"case:{case_id}"
        window = self.tool_windows.get(key)
        if not isinstance(window, CaseWorkspace):
            window = CaseWorkspace(self.ws, self.actor, self.settings, case_id, self)
            window.changed.connect(self.refresh)
            window.case_opened.connect(self.open_case)
            self.tool_windows[key] = window
        else:
            window.reload()
        return bring_forward(window)

    def _tool(self, key: str, kind: type[ToolWindow], make: Callable[[], ToolWindow]
              ) -> ToolWindow:
        window = self.tool_windows.get(key)
        if not isinstance(window, kind):
            window = make()
            self.tool_windows[key] = window
        return bring_forward(window)
