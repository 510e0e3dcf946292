"""The transportation vendor directory: search, edit, deactivate (each change in the trail)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from casework.actor import Actor
from casework.permissions import Permission, allows
from casework.transport.vendors import (
    VendorEdit,
    VendorView,
    deactivate_vendor,
    edit_vendor,
    list_vendors,
)
from casework.workspace import Workspace
from desktop.operations import BackgroundOp
from desktop.row_table import RowTableModel

COLUMNS = ("Vendor", "Fax", "Phone", "Modes", "ZIP codes", "Counties", "Agreement", "Status")
GREY = QColor("#777777")
NO_DATE = QDate(2000, 1, 1)  # the date edits' minimum, shown as blank ("open")


def _phone(digits: str) -> str:
    return f"({digits[:3]}) {digits[3:6]}-{digits[6:]}" if len(digits) == 10 else digits


def _agreement(vendor: VendorView) -> str:
    start = vendor.agreement_from.strftime("%m/%d/%Y") if vendor.agreement_from else "…"
    end = vendor.agreement_to.strftime("%m/%d/%Y") if vendor.agreement_to else "open"
    return f"{start} – {end}"


class VendorTableModel(RowTableModel[VendorView]):
    """The vendors, one row each, as last fetched."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(COLUMNS, self._cell, parent)

    @staticmethod
    def _cell(vendor: VendorView, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return (vendor.name, _phone(vendor.fax), _phone(vendor.phone),
                    ", ".join(m.replace("_", " ") for m in vendor.modes), " ".join(vendor.zips),
                    "; ".join(vendor.counties), _agreement(vendor),
                    "active" if vendor.active else "inactive")[column]
        if role == Qt.ItemDataRole.ForegroundRole and not vendor.active:
            return GREY
        if role == Qt.ItemDataRole.UserRole:
            return vendor.id
        return None


def _date_edit(value: date | None, name: str) -> QDateEdit:
    edit = QDateEdit()
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("MM/dd/yyyy")
    edit.setMinimumDate(NO_DATE)
    edit.setSpecialValueText("open")  # the minimum reads as no date at all
    edit.setDate(QDate(value.year, value.month, value.day) if value else NO_DATE)
    return edit


def _picked(edit: QDateEdit) -> date | None:
    value = edit.date()
    return None if value == NO_DATE else date(value.year(), value.month(), value.day())


class VendorEditDialog(QDialog):
    """A vendor's details to change; `edit()` once accepted."""

    def __init__(self, vendor: VendorView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Edit {vendor.name}")
        self.setMinimumWidth(480)
        self.fax = QLineEdit(vendor.fax)
        self.fax.setObjectName("vendor_fax")
        self.phone = QLineEdit(vendor.phone)
        self.phone.setObjectName("vendor_phone")
        self.modes = QLineEdit(" ".join(vendor.modes))
        self.modes.setObjectName("vendor_modes")
        self.modes.setPlaceholderText("wheelchair_van gurney ambulatory …")
        self.zips = QLineEdit(" ".join(vendor.zips))
        self.zips.setObjectName("vendor_zips")
        self.counties = QLineEdit("; ".join(vendor.counties))
        self.counties.setObjectName("vendor_counties")
        self.counties.setPlaceholderText("Sacramento; Yolo")
        self.agreement_from = _date_edit(vendor.agreement_from, "vendor_agreement_from")
        self.agreement_to = _date_edit(vendor.agreement_to, "vendor_agreement_to")
        form = QFormLayout()
        form.addRow("&Fax:", self.fax)
        form.addRow("&Phone:", self.phone)
        form.addRow("&Modes:", self.modes)
        form.addRow("&ZIP codes:", self.zips)
        form.addRow("&Counties:", self.counties)
        form.addRow("Agreement &from:", self.agreement_from)
        form.addRow("Agreement &to:", self.agreement_to)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText("&Save")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def edit(self) -> VendorEdit:
        """The values as typed (the service checks them and says what is wrong)."""
        counties = tuple(c.strip() for c in self.counties.text().split(";") if c.strip())
        end = _picked(self.agreement_to)
        return VendorEdit(fax=self.fax.text(), phone=self.phone.text(),
                          modes=tuple(self.modes.text().replace(",", " ").split()),
                          zips=tuple(self.zips.text().replace(",", " ").split()),
                          counties=counties, agreement_from=_picked(self.agreement_from),
                          agreement_to=end, clear_agreement_to=end is None)


class DeactivateDialog(QDialog):
    """Why a vendor stops being offered; the reason goes to the trail."""

    def __init__(self, vendor: VendorView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Deactivate {vendor.name}")
        self.reason = QLineEdit()
        self.reason.setObjectName("deactivate_reason")
        self.reason.setPlaceholderText("e.g. the agreement was not renewed")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText("&Deactivate")
        self.ok.setEnabled(False)
        self.reason.textChanged.connect(lambda text: self.ok.setEnabled(bool(text.strip())))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"<b>{vendor.name}</b> will no longer be suggested for trips. "
                                "Trips that name it keep it."))
        layout.addWidget(self.reason)
        layout.addWidget(buttons)


class VendorsDialog(QDialog):
    """Every vendor, searchable, with edit and deactivate for those who manage vendors."""

    def __init__(self, ws: Workspace, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.actor = actor
        self.manages = allows(actor.role, Permission.MANAGE_VENDORS)
        self.generation = 0
        self.setWindowTitle("Transportation vendors — Intake Workstation")
        self.resize(1000, 480)
        self.search = QLineEdit()
        self.search.setObjectName("vendor_search")
        self.search.setPlaceholderText("Search name, phone, ZIP code, county or mode")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _text: self.reload())
        self.show_inactive = QCheckBox("Show &inactive")
        self.show_inactive.toggled.connect(lambda _on: self.reload())
        self.model = VendorTableModel(self)
        self.table = QTableView()
        self.table.setObjectName("vendors")
        self.table.setAccessibleName("Transportation vendors")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _index: self.open_edit())
        self.edit_button = QPushButton("&Edit…")
        self.edit_button.clicked.connect(self.open_edit)
        self.deactivate_button = QPushButton("&Deactivate…")
        self.deactivate_button.clicked.connect(self.open_deactivate)
        for button in (self.edit_button, self.deactivate_button):
            button.setVisible(self.manages)
        close = QPushButton("&Close")
        close.clicked.connect(self.close)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.show_inactive)
        buttons = QHBoxLayout()
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.deactivate_button)
        buttons.addStretch()
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.edit_dialog: VendorEditDialog | None = None
        self.deactivate_dialog: DeactivateDialog | None = None
        self._selection_changed()
        self.reload()

    def selected_vendor(self) -> VendorView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _selection_changed(self, *_args: object) -> None:
        vendor = self.selected_vendor()
        self.edit_button.setEnabled(vendor is not None)
        self.deactivate_button.setEnabled(vendor is not None and vendor.active)

    def reload(self, select: int | None = None) -> None:
        """Fetch the vendors matching the search again; select vendor `select` if listed."""
        text, inactive = self.search.text(), self.show_inactive.isChecked()
        # Typing starts a fetch per key; only the latest one's answer is shown.
        self.generation += 1
        generation = self.generation

        def show(rows: list[VendorView]) -> None:
            if generation != self.generation:
                return
            self.model.set_rows(rows)
            ids = [v.id for v in rows]
            if select in ids:
                self.table.selectRow(ids.index(select))
            self._selection_changed()

        BackgroundOp(self, lambda: list_vendors(self.ws, self.actor, text, inactive)
                     ).success(show).run()

    def open_edit(self) -> VendorEditDialog | None:
        vendor = self.selected_vendor()
        if vendor is None or not self.manages:
            return None
        dialog = VendorEditDialog(vendor, self)
        dialog.accepted.connect(lambda: self.save(vendor.id, dialog.edit()))
        self.edit_dialog = dialog
        dialog.open()
        return dialog

    def save(self, vendor_id: int, edit: VendorEdit) -> None:
        """Change the vendor on a worker thread; a refusal goes to the error presenter."""
        self._change(lambda: edit_vendor(self.ws, self.actor, vendor_id, edit).id,
                     "Saving the vendor…")

    def open_deactivate(self) -> DeactivateDialog | None:
        vendor = self.selected_vendor()
        if vendor is None or not vendor.active or not self.manages:
            return None
        dialog = DeactivateDialog(vendor, self)
        dialog.accepted.connect(lambda: self.deactivate(vendor.id, dialog.reason.text()))
        self.deactivate_dialog = dialog
        dialog.open()
        return dialog

    def deactivate(self, vendor_id: int, reason: str) -> None:
        def run() -> int:
            deactivate_vendor(self.ws, self.actor, vendor_id, reason)
            return vendor_id

        self._change(run, "Deactivating the vendor…")

    def _change(self, fn: Callable[[], int], label: str) -> None:
        BackgroundOp(self, fn).success(lambda vendor_id: self.reload(select=vendor_id)
                                       ).with_progress(label).run()
