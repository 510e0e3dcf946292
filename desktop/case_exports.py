"""The case window's two ways out: the request as a FHIR prior-authorization Bundle (prior
authorization requests only) and the whole case file as one PDF packet.

Both run on a worker thread through the casework services, which check the permission and
record the export; a request lacking what a Claim needs is refused with the list of what.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from PySide6.QtCore import Signal, SignalInstance
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QWidget

from casework.actor import Actor
from casework.cases.views import CaseDetail
from casework.exports.case_packet import CasePacket, make_case_packet
from casework.exports.fhir_export import FhirExport, export_fhir_claim
from casework.plan.case_types import CaseType
from casework.settings import Settings
from casework.workspace import Workspace
from desktop.operations import BackgroundOp


class CaseWindow(Protocol):
    """What the buttons need of the case window they sit in."""

    ws: Workspace
    actor: Actor
    settings: Settings
    case_id: int
    detail: CaseDetail | None
    message: QLabel

    @property
    def loaded(self) -> SignalInstance: ...


class CaseExports(QWidget):
    """'Export FHIR request…' (shown for prior authorization requests) and 'Case packet…';
    `written` carries each file written."""

    written = Signal(Path)

    def __init__(self, window: CaseWindow) -> None:
        super().__init__()
        self.window_ = window
        self.fhir_button = QPushButton("Export &FHIR request…")
        self.fhir_button.setObjectName("export_fhir")
        self.fhir_button.setToolTip("Save the prior authorization request as a FHIR R4 Bundle "
                                    "(Da Vinci PAS) for the UM system or a payer's API.")
        self.fhir_button.clicked.connect(self.choose_fhir_file)
        self.fhir_button.setVisible(False)  # shown once the case is a prior authorization
        self.packet_button = QPushButton("Case &packet…")
        self.packet_button.setObjectName("case_packet")
        self.packet_button.setToolTip("Save the whole case file as one PDF with bookmarks: "
                                      "cover, documents, letters sent, notes, decision, trail.")
        self.packet_button.clicked.connect(self.choose_packet_file)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.fhir_button)
        row.addWidget(self.packet_button)
        window.loaded.connect(self._case_loaded)

    def _case_loaded(self) -> None:
        detail = self.window_.detail
        prior_auth = detail is not None and detail.row.case_type == CaseType.PRIOR_AUTH
        self.fhir_button.setVisible(prior_auth)

    def _suggested(self, suffix: str) -> str:
        detail = self.window_.detail
        number = detail.row.number if detail is not None else f"case-{self.window_.case_id}"
        return str(Path.home() / f"{number}{suffix}")

    def choose_fhir_file(self) -> None:
        path, _chosen = QFileDialog.getSaveFileName(
            self, "Export the request as FHIR", self._suggested(".fhir.json"),
            "FHIR JSON (*.json)")
        if path:
            self.export_fhir(Path(path))

    def choose_packet_file(self) -> None:
        path, _chosen = QFileDialog.getSaveFileName(
            self, "Save the case packet", self._suggested("-packet.pdf"), "PDF document (*.pdf)")
        if path:
            self.make_packet(Path(path))

    def export_fhir(self, path: Path) -> None:
        """Write the request to `path` (.json added when missing)."""
        path = path if path.suffix.lower() == ".json" else path.with_name(path.name + ".json")
        w = self.window_
        BackgroundOp(self, lambda: export_fhir_claim(w.ws, w.actor, w.settings.plan, w.case_id,
                                                     path)).success(
            self._fhir_written).with_progress("Writing the FHIR request…").run()

    def make_packet(self, path: Path) -> None:
        """Write the case packet to `path` (.pdf added when missing)."""
        path = path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")
        w = self.window_
        BackgroundOp(self, lambda: make_case_packet(w.ws, w.actor, w.case_id, path)).success(
            self._packet_written).with_progress("Assembling the case packet…").run()

    def _fhir_written(self, done: FhirExport) -> None:
        lines = f"{done.items} service line{'s' if done.items != 1 else ''}"
        self.window_.message.setText(
            f"Saved the FHIR prior-authorization request ({lines}) to {done.path}.")
        self.written.emit(done.path)

    def _packet_written(self, packet: CasePacket) -> None:
        self.window_.message.setText(f"Saved the case packet ({packet.pages} pages) to "
                                     f"{packet.path}.")
        self.written.emit(packet.path)
