"""The case packet: one PDF with a cover, every document's pages, every letter sent, the notes,
the decision and reviewer, and the trail in words, a bookmark per part; read back with pypdf
and pdfplumber. An administrator's copy leaves out the member's information."""

from __future__ import annotations

import io
import subprocess
from datetime import datetime
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader
from sqlalchemy import select

from casework.audit.actions import AuditAction
from casework.cases.clinical_review import refer_to_reviewer
from casework.cases.notes import add_note
from casework.cases.work import change_status
from casework.db.models import AuditEvent
from casework.exports.case_packet import make_case_packet
from casework.letters.issuing import generate_letter
from casework.letters.sending import record_sending
from casework.settings import PlanDetails, Settings
from casework.workspace import Workspace
from tests.cases.reviewed_requests import PASSWORD, add_person
from tests.conftest import ADMIN
from tests.intake.prior_auth_sample import ingest_prior_auth
from tests.test_cli import run_main as run_unsigned

NUMBER = "PA-2026-000001"

# Letters are signed by a person, and name 97110 in plain words.
pytestmark = pytest.mark.usefixtures("staff_signs_letters")


def run_main(*args: str) -> subprocess.CompletedProcess[str]:
    """The command as the person its --as names types it, with that person's password."""
    return run_unsigned(*args, env_extra={"INTAKE_PASSWORD": PASSWORD})


def _decided_request_with_a_letter_sent(ws: Workspace, settings: Settings,
                                        folder: Path) -> tuple[int, int]:
    """A faxed request, noted, referred, approved by Ana Ruiz MD, its approval mailed and a
    second version drafted but not sent; the mailed letter's id and pages."""
    ingest_prior_auth(ws, settings, folder)
    uma = add_person(ws, "uma", "um_coordinator")
    reviewer = add_person(ws, "aruiz", "clinical_reviewer")
    add_note(ws, uma, 1, "Called Valley Family Medicine: therapy notes to follow by fax.")
    change_status(ws, uma, 1, "in_review")
    refer_to_reviewer(ws, uma, 1, "Six weeks of therapy: within policy?")
    change_status(ws, reviewer, 1, "decided", "approved")
    approval = {"authorization_number": "AUTH-88412", "valid_from": "2026-11-16",
                "valid_through": "2027-02-16"}
    mailed = generate_letter(ws, uma, PlanDetails(), NUMBER, "pa_approval", values=approval)
    record_sending(ws, uma, mailed.id, "mailed")
    # A second version drafted and never sent is not part of the file that went out.
    generate_letter(ws, uma, PlanDetails(), NUMBER, "pa_approval", values=approval)
    return mailed.id, mailed.pages


def _outline(reader: PdfReader) -> list[tuple[str, int, list[tuple[str, int]]]]:
    """(title, first page, [(child title, first page)]) for each top-level bookmark."""
    found: list[tuple[str, int, list[tuple[str, int]]]] = []
    for item in reader.outline:
        if isinstance(item, list):
            found[-1][2].extend((c.title, reader.get_destination_page_number(c)) for c in item)
        else:
            found.append((item.title, reader.get_destination_page_number(item), []))
    return found


def _text(pdf: bytes, first: int, last: int) -> str:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return " ".join(" ".join((p.extract_text() or "") for p in doc.pages[first:last]).split())


def test_the_packet_holds_every_part_of_the_case_with_a_bookmark_each(
    workspace: Workspace, settings: Settings, tmp_path: Path
) -> None:
    letter_id, letter_pages = _decided_request_with_a_letter_sent(workspace, settings, tmp_path)
    uma = add_person(workspace, "clerk", "intake_clerk")
    out = tmp_path / "packet" / f"{NUMBER}.pdf"

    packet = make_case_packet(workspace, uma, 1, out)

    data = out.read_bytes()
    reader = PdfReader(io.BytesIO(data))
    outline = _outline(reader)
    assert [title for title, _, _ in outline] == [
        "Cover", "Documents", "Letters sent", "Notes", "Decision and reviewer", "Audit trail"]
    starts = {title: first for title, first, _ in outline}
    (document,) = outline[1][2]
    (letter,) = outline[2][2]
    assert document[0].startswith("Document 1: prior-auth.pdf (")
    assert letter[0].startswith(f"Letter {letter_id}: ") and "mailed" in letter[0]
    # Cover 1 page, the fax's 2 pages, the mailed letter, then a page each for notes and the
    # decision; the trail takes what is left.
    assert starts["Documents"] == document[1] == 1
    assert starts["Letters sent"] == letter[1] == 3
    assert starts["Notes"] == 3 + letter_pages
    assert starts["Decision and reviewer"] == starts["Notes"] + 1
    assert starts["Audit trail"] == starts["Decision and reviewer"] + 1
    assert len(reader.pages) == packet.pages > starts["Audit trail"]
    assert (packet.documents, packet.letters, packet.member_data) == (1, 1, True)

    cover = _text(data, 0, 1)
    assert f"Case file {NUMBER}" in cover and "Rosa Delgado" in cover and "91234567A" in cover
    assert "prior authorization request" in cover and "approved" in cover
    assert "met on time" in cover  # the decide clock, met by the reviewer's decision
    assert "Audit trail" in cover and str(starts["Audit trail"] + 1) in cover
    assert "Prior Authorization Request" in _text(data, 1, 3)  # the fax's own pages
    assert "therapy notes to follow by fax" in _text(data, starts["Notes"], starts["Notes"] + 1)
    decision = _text(data, starts["Decision and reviewer"], starts["Audit trail"])
    assert "Ana Ruiz, MD (aruiz, clinical reviewer)" in decision
    assert "Referred to a clinical reviewer" in decision
    trail = _text(data, starts["Audit trail"], len(reader.pages))
    assert "opened the case" in trail and "referred the case to a clinical reviewer" in trail
    assert "recorded a letter mailed" in trail
    with workspace.db.read() as session:
        event = session.scalars(select(AuditEvent).where(
            AuditEvent.action == AuditAction.CASE_PACKET_CREATED)).one()
    assert event.actor == "clerk" and f'"pages":{packet.pages}' in event.details


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)  # the services run on both
def test_an_administrators_packet_leaves_out_the_members_information(
    workspace: Workspace, settings: Settings, tmp_path: Path
) -> None:
    _decided_request_with_a_letter_sent(workspace, settings, tmp_path)
    out = tmp_path / "audit-copy.pdf"

    packet = make_case_packet(workspace, ADMIN, 1, out)

    reader = PdfReader(out)
    assert [title for title, _, _ in _outline(reader)] == [
        "Cover", "Decision and reviewer", "Audit trail"]
    text = _text(out.read_bytes(), 0, len(reader.pages))
    assert "Rosa Delgado" not in text and "91234567A" not in text and "1961" not in text
    assert "withheld" in text and "Ana Ruiz, MD" in text and "opened the case" in text
    assert (packet.member_data, packet.documents, packet.letters) == (False, 0, 0)


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)  # the service runs on both
def test_packet_from_the_command_line(workspace: Workspace, settings: Settings,
                                      tmp_path: Path) -> None:
    _decided_request_with_a_letter_sent(workspace, settings, tmp_path)
    out = tmp_path / "cli-packet.pdf"

    made = run_main("case", "--as", "uma", "packet", NUMBER, "--out", str(out))

    assert made.returncode == 0, made.stderr
    pages = len(PdfReader(out).pages)
    assert (f"Wrote the case file of {NUMBER} to {out}: {pages} pages, 1 documents, "
            "1 letters sent.") in made.stdout
    unknown = run_main("case", "--as", "uma", "packet", "PA-2026-009999", "--out",
                       str(tmp_path / "none.pdf"))
    assert unknown.returncode == 1 and "Traceback" not in unknown.stderr
    assert not (tmp_path / "none.pdf").exists()


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)  # the service runs on both
def test_a_faxed_image_is_shown_page_by_page_and_a_lost_page_image_is_said_not_skipped(
    workspace: Workspace, settings: Settings, tmp_path: Path
) -> None:
    """GIVEN a faxed TIFF grievance, read by Tesseract, one of whose stored page images is gone
    WHEN its packet is made THEN the fax's page stands in the packet as a page saying so,
    with the words read on it, and the rest of the packet is whole."""
    from importlib import resources

    from casework.db.models import Page
    from casework.intake.service import ingest_files
    from casework.plan.timezone import PLAN_ZONE

    received = datetime(2026, 11, 2, 9, 30, tzinfo=PLAN_ZONE)
    with resources.as_file(resources.files("resources.samples")
                           / "sample_grievance_fax.tif") as sample:
        (result,) = ingest_files(workspace, settings, [Path(sample)], received)
    number = result.extra["case"]["number"]
    clerk = add_person(workspace, "clerk", "intake_clerk")
    whole = make_case_packet(workspace, clerk, 1, tmp_path / "whole.pdf")
    reader = PdfReader(tmp_path / "whole.pdf")
    (_title, first, (document,)) = _outline(reader)[1]
    assert document[0].startswith("Document 1: sample_grievance_fax.tif (")
    assert result.pages == 1 and _outline(reader)[2][1] == first + result.pages
    with pdfplumber.open(tmp_path / "whole.pdf") as pdf:
        assert pdf.pages[first].images, "the fax page is shown as its image"
    with workspace.db.read() as session:
        image = session.scalars(select(Page.image_sha256).where(Page.document_id == 1)).one()
    assert image is not None
    workspace.store.path_for(image).unlink()

    damaged = make_case_packet(workspace, clerk, 1, tmp_path / "damaged.pdf")

    assert damaged.pages == whole.pages
    text = _text((tmp_path / "damaged.pdf").read_bytes(), first, first + 1)
    assert "The stored image of this page cannot be read" in text and "missing" in text
    assert "waited three weeks" in text  # the words read on the page
    assert number in _text((tmp_path / "damaged.pdf").read_bytes(), 0, 1)
