"""A prior-authorization request as a provider's office faxes it, and the roster it names.

Used by the verification tests and the document window tests: a real PDF, really ingested.
"""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from casework.directory.roster_import import import_members, import_providers
from casework.intake.service import ingest_files
from casework.plan.timezone import PLAN_ZONE
from casework.settings import Settings
from casework.workspace import Workspace
from tests.conftest import ADMIN

RECEIVED = datetime(2026, 11, 2, 9, 30, tzinfo=PLAN_ZONE)

PAGE_ONE = [
    ("Prior Authorization Request", 18),
    ("Member Name: Rosa Delgado", 12),
    ("Member ID: 91234567A", 12),
    ("Date of Birth: 04/12/1961", 12),
    ("Requesting Provider: Valley Family Medicine", 12),
    ("Requesting Provider NPI: 1234567893", 12),
    ("Diagnosis Codes: M54.5", 12),
    ("Procedure Codes: 97110", 12),
]
PAGE_TWO = [
    ("Prior Authorization Request (continued)", 16),
    ("Start Date: 11/16/2026", 12),
    ("Units: 12", 12),
    ("Urgency: Standard", 12),
    ("Clinical Justification: chronic low back pain, six weeks of therapy", 12),
]

MEMBERS = ("CIN,First Name,Last Name,DOB,Language,Address\n"
           '91234567A,Rosa,Delgado,1961-04-12,Spanish,"12 Elm St, Fresno, CA 93701"\n'
           '93456781B,Rosa,Delgado,1975-09-30,English,"9 Oak Ave, Stockton, CA 95202"\n')
PROVIDERS = ("NPI,Provider Name,Phone,Fax,Address\n"
             '1234567893,Valley Family Medicine,559-555-0100,559-555-0101,"100 Clinic Way"\n')


def prior_auth_pdf(pages: tuple[list[tuple[str, int]], ...] = (PAGE_ONE, PAGE_TWO)) -> bytes:
    """The request as a two-page PDF with a text layer."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=letter)
    for lines in pages:
        y = 720
        for text, size in lines:
            pdf.setFont("Helvetica-Bold" if size > 12 else "Helvetica", size)
            pdf.drawString(72, y, text)
            y -= 36
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def load_rosters(ws: Workspace, folder: Path) -> None:
    """Members and providers the request names."""
    members, providers = folder / "members.csv", folder / "providers.csv"
    members.write_text(MEMBERS, encoding="utf-8")
    providers.write_text(PROVIDERS, encoding="utf-8")
    import_members(ws, ADMIN, members)
    import_providers(ws, ADMIN, providers)


def ingest_prior_auth(ws: Workspace, settings: Settings, folder: Path) -> int:
    """Ingest the request (rosters loaded first); the document's id."""
    load_rosters(ws, folder)
    path = folder / "prior-auth.pdf"
    path.write_bytes(prior_auth_pdf())
    (result,) = ingest_files(ws, settings, [path], RECEIVED)
    assert result.status == "processed" and result.document_id is not None, result.reason
    return result.document_id
