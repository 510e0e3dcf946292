"""The case window's FHIR request and case packet buttons: files written through the services,
a refusal shown in words, the FHIR button only on prior authorization requests."""

from __future__ import annotations

from pathlib import Path

from fhir.resources.bundle import Bundle
from pypdf import PdfReader
from pytestqt.qtbot import QtBot

from casework.actor import Actor
from casework.cases.phone_intake import open_phone_case
from casework.settings import Settings
from casework.workspace import Workspace
from desktop.case_exports import CaseExports
from desktop.case_workspace import CaseWorkspace
from tests.cases.reviewed_requests import add_person, open_prior_auth
from tests.desktop.conftest import open_message_boxes
from tests.intake.prior_auth_sample import ingest_prior_auth


def _window(qtbot: QtBot, ws: Workspace, settings: Settings, actor: Actor,
            case_id: int) -> tuple[CaseWorkspace, CaseExports]:
    window = CaseWorkspace(ws, actor, settings, case_id)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.detail is not None)
    exports = window.findChild(CaseExports)
    assert exports is not None
    return window, exports


def test_a_prior_authorization_is_saved_as_fhir_and_as_a_packet_from_its_window(
    qtbot: QtBot, gui_ws: Workspace, gui_settings: Settings, tmp_path: Path
) -> None:
    uma = add_person(gui_ws, "uma", "um_coordinator")
    ingest_prior_auth(gui_ws, gui_settings, tmp_path)
    window, exports = _window(qtbot, gui_ws, gui_settings, uma, 1)
    assert exports.fhir_button.isVisible() and exports.packet_button.isVisible()

    with qtbot.waitSignal(exports.written, timeout=20_000):
        exports.export_fhir(tmp_path / "request")  # the .json is added
    bundle = Bundle.parse_file(tmp_path / "request.json")
    assert bundle.entry[0].resource.use == "preauthorization"
    assert "Saved the FHIR prior-authorization request" in window.message.text()

    with qtbot.waitSignal(exports.written, timeout=30_000):
        exports.make_packet(tmp_path / "packet.pdf")
    reader = PdfReader(tmp_path / "packet.pdf")
    assert [item.title for item in reader.outline if not isinstance(item, list)][:2] == [
        "Cover", "Documents"]
    assert f"Saved the case packet ({len(reader.pages)} pages)" in window.message.text()
    window.grab().save(str(tmp_path / "case-window.png"))


def test_an_incomplete_request_is_refused_with_what_it_lacks(
    qtbot: QtBot, gui_ws: Workspace, gui_settings: Settings, tmp_path: Path
) -> None:
    uma = add_person(gui_ws, "uma", "um_coordinator")
    case_id = open_prior_auth(gui_ws, tmp_path)
    _shown, exports = _window(qtbot, gui_ws, gui_settings, uma, case_id)

    exports.export_fhir(tmp_path / "refused.json")

    qtbot.waitUntil(lambda: bool(open_message_boxes()), timeout=10_000)
    [box] = open_message_boxes()
    assert "lacks: a diagnosis code (ICD-10-CM); the number of units" in box.text()
    box.close()
    assert not (tmp_path / "refused.json").exists()


def test_a_grievance_offers_the_packet_but_not_a_fhir_request(
    qtbot: QtBot, gui_ws: Workspace, gui_settings: Settings
) -> None:
    gloria = add_person(gui_ws, "gloria", "grievance_coordinator")
    case = open_phone_case(gui_ws, gloria, "grievance_form", {
        "member_name": "Rosa Delgado", "member_id": "91234567A",
        "description": "The pharmacy refused my refill twice this week."}, "standard")
    _shown, exports = _window(qtbot, gui_ws, gui_settings, gloria, case.case_id)
    assert exports.packet_button.isVisible() and not exports.fhir_button.isVisible()
