"""Settings, for administrators: watched folders, database, store, OCR, letters, plan, session.

The window edits the settings file as it stands (not the INTAKE_* overrides of this machine);
Save hands the result to casework, which checks it, writes it atomically and audits it.
"""

from __future__ import annotations

import logging
import os
import re
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from casework.actor import Actor
from casework.errors import CaseworkError
from casework.permissions import Permission, allows
from casework.settings import PlanDetails, Settings
from casework.settings_file import (
    SavedSettings,
    SettingRefused,
    change_settings,
    installed_ocr_languages,
    read_file_settings,
    try_database,
)
from casework.workspace import Workspace
from desktop.errors import show_error
from desktop.operations import BackgroundOp
from desktop.settings_tabs import SPIN_WIDTH, DatabaseTab, FolderField, OcrTab, WatchTab, note

PLAN_FIELDS = (("name", "Plan &name:"), ("address", "&Address:"),
               ("member_services_phone", "Member services &phone:"), ("tty", "&TTY:"),
               ("fax", "&Fax:"), ("website", "&Website:"))
KEY_WORDS = {
    "database.url": "Database address", "store.root": "Document store folder",
    "ocr.languages": "OCR languages", "ocr.pdf_passwords": "PDF passwords",
    "ocr.page_timeout_seconds": "OCR time limit per page", "ocr.max_pages": "Most pages read",
    "ocr.engine": "OCR engine", "letters.outbound_fax_folder": "Outbound fax folder",
    "session.idle_lock_minutes": "Lock after idle", "logging.level": "Log level",
    "watch": "Watch folders", "intake.in_window": "Take in documents in this window",
    "plan.name": "Plan name", "plan.address": "Plan address",
    "plan.member_services_phone": "Member services phone", "plan.tty": "TTY",
    "plan.fax": "Plan fax", "plan.website": "Website", "plan.letterhead": "Letterhead",
    "rules.folder": "Site rules folder",
}
log = logging.getLogger(__name__)
TABS = ("watch", "database", "store", "ocr", "letters", "plan", "session")
ERROR_STYLE = "color: #a00000;"
DONE_STYLE = "color: #1b5e20;"


def key_words(key: str) -> str:
    """'Watch folder 2: source' for 'watch 2 source'; 'Plan name' for 'plan.name'."""
    watch = re.fullmatch(r"watch (\d+) (\w+)", key)
    if watch:
        return f"Watch folder {watch[1]}: {watch[2].replace('_', ' ')}"
    return KEY_WORDS.get(key, key)


class SettingsDialog(QDialog):
    """The settings file as pages of a window; only an administrator may save."""

    saved = Signal(object)  # SavedSettings, after the file is written

    def __init__(self, ws: Workspace, actor: Actor, settings: Settings,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.actor = actor
        self.may_save = allows(actor.role, Permission.MANAGE_SETTINGS)
        self.setWindowTitle("Settings — Intake Workstation")
        self.base = read_file_settings(settings.paths)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("settings_tabs")
        self.watch = WatchTab()
        self.database = DatabaseTab()
        self.database.test_requested.connect(self.test_connection)
        self.store = FolderField("store_root")
        self.ocr = OcrTab(installed_ocr_languages())
        self.fax_folder = FolderField("outbound_fax_folder", "not set: letters are not faxed")
        self.plan = {name: QLineEdit() for name, _ in PLAN_FIELDS}
        self.rules_folder = FolderField("rules_folder", "not set: the rules shipped with the "
                                        "program")
        self.idle = QSpinBox()
        self.idle.setObjectName("idle_lock_minutes")
        self.idle.setRange(1, 240)
        self.idle.setSuffix(" minutes")
        self.idle.setMaximumWidth(SPIN_WIDTH)
        for name, edit in self.plan.items():
            edit.setObjectName(f"plan_{name}")
        self.tabs.addTab(self.watch, "&Watch folders")
        self.tabs.addTab(self.database, "&Database")
        self.tabs.addTab(self._page("Where the original of every document is kept, under its "
                                    "SHA-256. Back this folder up with the database.",
                                    [("Store &folder:", self.store)]), "Document &store")
        self.tabs.addTab(self.ocr, "&OCR")
        self.tabs.addTab(self._page("Letters sent by fax are put in this folder, behind a "
                                    "cover page, for the fax server to send.",
                                    [("Outbound fa&x folder:", self.fax_folder)]), "&Letters")
        self.tabs.addTab(self._page("The letterhead of every letter and the numbers members "
                                    "are told to call. The site rules folder holds this "
                                    "plan's own copies of rule files (routing.yaml, "
                                    "clocks.yaml, forms/…); it is read at the next start.",
                                    [*self._plan_rows(),
                                     ("Site &rules folder:", self.rules_folder)]),
                         "&Plan details")
        self.tabs.addTab(self._page("The window locks and hides member details after this "
                                    "long without use.",
                                    [("Lock after &idle:", self.idle)]), "S&ession")
        self.message = QLabel("")
        self.message.setObjectName("settings_message")
        self.message.setWordWrap(True)
        self.save_button = QPushButton("&Save")
        self.save_button.setObjectName("save")
        self.save_button.setAutoDefault(False)
        self.save_button.setEnabled(self.may_save)
        self.save_button.clicked.connect(self.save)
        close = QPushButton("Close")
        close.setAutoDefault(False)
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(note(f"Settings file: {settings.paths.config_file}"))
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)
        self.load(self.base)
        if not self.may_save:
            self._say("Only an administrator can change these settings; you can read them.",
                      ERROR_STYLE)
        screen = self.screen().availableGeometry()
        self.resize(min(760, screen.width() - 40), min(520, screen.height() - 60))

    def _page(self, text: str, rows: list[tuple[str, QWidget]]) -> QWidget:
        page = QWidget()
        form = QFormLayout()
        for label, widget in rows:
            form.addRow(label, widget)
        layout = QVBoxLayout(page)
        layout.addWidget(note(text))
        layout.addLayout(form)
        layout.addStretch(1)
        return page

    def _plan_rows(self) -> list[tuple[str, QWidget]]:
        return [(label, self.plan[name]) for name, label in PLAN_FIELDS]

    # Values --------------------------------------------------------------------------------

    def load(self, settings: Settings) -> None:
        """Show `settings` on every page."""
        self.base = settings
        override = os.environ.get("INTAKE_DB_URL")
        self.database.load(settings, "On this computer the INTAKE_DB_URL environment variable "
                           "overrides this address." if override else "")
        if not self.may_save:
            self.database.password.clear()  # never hand a password to someone who cannot edit
        self.watch.load(settings)
        self.store.set_text(str(settings.store_root))
        self.ocr.load(settings)
        self.fax_folder.set_text(str(settings.outbound_fax_folder or ""))
        for name, edit in self.plan.items():
            edit.setText(str(getattr(settings.plan, name)))
        self.idle.setValue(settings.idle_lock_minutes)
        self.rules_folder.set_text(str(settings.rules_folder or ""))

    def edited(self) -> Settings:
        """The settings as the pages now show them."""
        settings = self.watch.apply(self.database.apply(self.ocr.apply(self.base)))
        plan: PlanDetails = replace(self.base.plan, **{n: e.text().strip()
                                                       for n, e in self.plan.items()})
        fax, rules = self.fax_folder.text(), self.rules_folder.text()
        return replace(settings, store_root=Path(self.store.text()).expanduser(), plan=plan,
                       outbound_fax_folder=Path(fax).expanduser() if fax else None,
                       idle_lock_minutes=int(self.idle.value()),
                       rules_folder=Path(rules).expanduser() if rules else None)

    # Actions -------------------------------------------------------------------------------

    def save(self) -> None:
        """Check and write the file on a worker; say what changed and what needs a restart."""
        settings = self.edited()
        self.save_button.setEnabled(False)
        self._say("Saving…", "")
        BackgroundOp(self, lambda: change_settings(self.ws, self.actor, settings)).success(
            self._saved).failure(self._refused).run()

    def _saved(self, result: SavedSettings) -> None:
        self.save_button.setEnabled(self.may_save)
        self.load(result.settings)
        if not result.changed:
            self._say("Nothing was changed.", DONE_STYLE)
            return
        restart = [key_words(k) for k in result.needs_restart]
        now = [key_words(k) for k in result.changed if k not in result.needs_restart]
        parts = ["Saved."]
        if restart:
            parts.append(f"Restart the workstation (and the watch service) for these to take "
                         f"effect: {', '.join(restart)}.")
        if now:
            parts.append(f"Used from the next letter or window on: {', '.join(now)}.")
        self._say(" ".join(parts), DONE_STYLE)
        self.saved.emit(result)

    def _refused(self, error: BaseException) -> None:
        self.save_button.setEnabled(self.may_save)
        if isinstance(error, SettingRefused):
            self._say(f"Not saved: {key_words(error.key)} {error.reason}.".replace("..", "."),
                      ERROR_STYLE)
            self._go_to(error.key)
        elif isinstance(error, CaseworkError):
            self._say(f"Not saved: {error}", ERROR_STYLE)
        else:
            self._say("", "")
            show_error(self, error)

    def _go_to(self, key: str) -> None:
        """Show the page (and the folder) a refusal is about."""
        section = key.split(".", 1)[0].split(" ", 1)[0]
        section = "watch" if section == "intake" else section  # shown on the folders' page
        if section in TABS:
            self.tabs.setCurrentIndex(TABS.index(section))
        number = re.match(r"watch (\d+)", key)
        if number:
            self.watch.select(int(number[1]))

    def test_connection(self, url: str) -> None:
        """Open the database at `url` on a worker and say in words whether it worked."""
        self.database.show_result("Trying to connect…", True)
        self.database.test_button.setEnabled(False)
        BackgroundOp(self, lambda: try_database(url)).success(
            lambda text: self._tested(text, True)).failure(self._untested).run()

    def _untested(self, error: BaseException) -> None:
        if isinstance(error, CaseworkError):
            self._tested(str(error), False)
            return
        log.error("connection test failed", exc_info=(type(error), error, error.__traceback__))
        self._tested("The test itself failed; details are in the log.", False)

    def _tested(self, text: str, worked: bool) -> None:
        self.database.test_button.setEnabled(True)
        self.database.show_result(text, worked)

    def _say(self, text: str, style: str) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(style)
