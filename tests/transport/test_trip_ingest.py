"""A transportation request read from a real PDF through the whole intake: `ingest --json`
gives the case's trip with its ZIP codes, miles, mode and the vendor suggested."""

from __future__ import annotations

import json
from pathlib import Path

from casework.intake.service import ingest_files
from casework.settings import Settings
from casework.workspace import Workspace
from tests.intake.prior_auth_sample import RECEIVED, prior_auth_pdf
from tests.transport.trip_cases import load_directory


def test_ingest_json_gives_the_trip(workspace: Workspace, settings: Settings,
                                    tmp_path: Path) -> None:
    load_directory(workspace, tmp_path)
    lines = [("Non-Emergency Medical Transportation Request", 18),
             ("Member Name: José Núñez Peña", 12), ("Member ID: 91234567A", 12),
             ("Date of Birth: 03/14/1961", 12),
             ("Pickup Address: 1450 Alhambra Blvd, Sacramento, CA 95816", 12),
             ("Destination Name: UC Davis Medical Center", 12),
             ("Destination Address: 2315 Stockton Blvd, Sacramento, CA 95817", 12),
             ("Appointment Date: 11/09/2026", 12), ("Appointment Time: 9:00 AM", 12),
             ("Transport Mode: Wheelchair Van", 12), ("Round Trip: Yes", 12),
             ("Physician Name: Ana Cortes", 12), ("Physician NPI: 1234567893", 12),
             ("Medical Justification: dialysis; cannot sit upright in a car", 12)]
    path = tmp_path / "pcs.pdf"
    path.write_bytes(prior_auth_pdf((lines,)))
    (result,) = ingest_files(workspace, settings, [path], RECEIVED)
    assert result.status == "processed", result.reason
    body = json.loads(result.to_json())
    assert body["case"]["type"] == "nemt"
    assert body["case"]["trip"] == {
        "pickup_zip": "95816", "destination_zip": "95817", "miles": 4.3, "round_trip": True,
        "mode": "wheelchair_van", "vendor": "Delta Ride Transportation"}
