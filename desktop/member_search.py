"""Finding the caller in the member roster: type part of a name, an ID or a birth date, pick."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from casework.actor import Actor
from casework.directory.lookup import MIN_SEARCH_LENGTH, MemberView, find_members
from casework.workspace import Workspace
from desktop.operations import BackgroundOp

SEARCH_DELAY_MS = 250  # wait for a pause in typing, not every key
SHOWN_ROWS = 4


def member_texts(member: MemberView) -> dict[str, str]:
    """The form fields a roster member fills, as staff would type them."""
    phone = member.phone or ""
    if len(phone) == 10:
        phone = f"({phone[:3]}) {phone[3:6]}-{phone[6:]}"
    return {
        "member_name": member.name,
        "member_id": member.cin,
        "member_dob": member.dob.strftime("%m/%d/%Y") if member.dob else "",
        "member_phone": phone,
        "preferred_language": member.language or "",
        "member_address": member.address,
    }


def describe(member: MemberView) -> str:
    """One line of the match list: name, ID, birth date, and coverage when it has ended."""
    born = member.dob.strftime("%m/%d/%Y") if member.dob else "birth date unknown"
    coverage = "" if member.eligible_today is not False else "  — not covered today"
    return f"{member.name}   {member.cin}   born {born}{coverage}"


class MemberSearch(QWidget):
    """A search box over the roster and the members it finds; `picked` gives their fields."""

    picked = Signal(dict)

    def __init__(self, ws: Workspace, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.actor = actor
        self._serial = 0
        self.found: list[MemberView] = []
        self.box = QLineEdit()
        self.box.setObjectName("member_search")
        self.box.setPlaceholderText("part of the name, the Medi-Cal ID or the birth date; "
                                    "↓ to choose, Enter to fill the form")
        self.box.setAccessibleName("Find the member")
        self.box.setClearButtonEnabled(True)
        self.matches = QListWidget()
        self.matches.setObjectName("member_matches")
        self.matches.setAccessibleName("Members found")
        self.matches.hide()
        self.matches.itemActivated.connect(self._activated)
        self.status = QLabel("")
        self.status.setObjectName("member_status")
        self.status.setWordWrap(True)
        self.status.setStyleSheet("color: #555555;")
        self.status.hide()
        self.timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self.timer.timeout.connect(self.search)
        self.box.textEdited.connect(lambda _text: self.timer.start())
        self.box.returnPressed.connect(self._enter)
        self.box.installEventFilter(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.box)
        layout.addWidget(self.matches)
        layout.addWidget(self.status)

    def tab_widgets(self) -> list[QWidget]:
        return [self.box, self.matches]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Down from the search box goes into the list, as in any search-as-you-type box.
        if (watched is self.box and isinstance(event, QKeyEvent)
                and event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Down
                and self.matches.isVisible() and self.matches.count()):
            self.matches.setFocus()
            self.matches.setCurrentRow(0)
            return True
        return super().eventFilter(watched, event)

    def search(self) -> None:
        """Look up what is in the box now (on a worker); older answers are dropped."""
        self.timer.stop()
        text = self.box.text().strip()
        self._serial += 1
        serial = self._serial
        if len(text) < MIN_SEARCH_LENGTH:
            self._show([], "")
            return
        self._say("Searching…")
        BackgroundOp(self, lambda: find_members(self.ws, self.actor, text)).success(
            lambda found: self._answer(serial, text, found)).run()

    def _answer(self, serial: int, text: str, found: list[MemberView]) -> None:
        if serial != self._serial:
            return  # the person typed on; a newer search is coming
        if not found:
            self._show([], f"No member in the roster matches “{text}”. Type the member's "
                           "details into the form instead.")
            return
        many = len(found)
        self._show(found, f"{many} member{'s' if many > 1 else ''} found; choose one." if many
                   > 1 else "1 member found; press Enter to fill the form.")

    def _show(self, found: list[MemberView], status: str) -> None:
        self.found = found
        self.matches.clear()
        for member in found:
            item = QListWidgetItem(describe(member))
            item.setData(Qt.ItemDataRole.UserRole, member.member_id)
            self.matches.addItem(item)
        if found:
            row = self.matches.sizeHintForRow(0)
            self.matches.setFixedHeight(row * min(len(found), SHOWN_ROWS) + 6)
            self.matches.setCurrentRow(0)
        self.matches.setVisible(bool(found))
        self._say(status)

    def _enter(self) -> None:
        if self.timer.isActive():
            self.search()  # Enter before the pause: search now
        elif len(self.found) == 1:
            self.pick(0)

    def _activated(self, item: QListWidgetItem) -> None:
        self.pick(self.matches.row(item))

    def pick(self, row: int) -> None:
        """Fill the form from the member on `row` of the matches."""
        member = self.found[row]
        self._say(f"Filled from the roster: {member.name} ({member.cin})."
                  + (" Not covered today." if member.eligible_today is False else ""))
        self.matches.hide()
        self.picked.emit(member_texts(member))

    def _say(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def clear(self) -> None:
        self._serial += 1
        self.box.clear()
        self._show([], "")
