"""Intake Review: the documents that need a person, and what a person does with them.

Real files go through the real intake service (read, analysed, filed) on both engines; the
review actions then work on what intake saved, without reading the files again.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from casework.actor import Actor
from casework.db.case_models import Case, CaseClock, CaseDocument
from casework.db.models import AuditEvent, Document, Page
from casework.documents.page_split import merge_documents, split_document
from casework.documents.review import ReviewItem, form_choices, review_items
from casework.documents.review_actions import dismiss_item, set_document_type
from casework.errors import InvalidValue, PermissionDenied, UserError
from casework.intake.documents import retry_document
from casework.intake.results import IngestResult
from casework.intake.runner import RunnerConfig
from casework.intake.service import ingest_files
from casework.permissions import Role
from casework.plan.timezone import PLAN_ZONE
from casework.settings import Settings
from casework.workspace import Workspace
from tests.conftest import ADMIN, FixedClock
from tests.forms.generator.corpus import make_form
from tests.intake.review_files import (
    grievance_pdf,
    looping_tiff_of,
    pages_of,
    write_review_files,
)
from tests.support.rules import BUNDLED_RULES

# Letters are signed by the acting person's full name.
pytestmark = pytest.mark.usefixtures("staff_signs_letters")

CLERK = Actor("test-clerk", Role.INTAKE_CLERK)
RECEIVED = datetime(2026, 11, 2, 9, 30, tzinfo=PLAN_ZONE)

Ingest = Callable[..., dict[str, IngestResult]]


@pytest.fixture
def ingest(workspace: Workspace, settings: Settings, tmp_path: Path) -> Ingest:
    """Ingest named files of the usual mix (plus any given) and return their results by key."""
    files = write_review_files(tmp_path / "in")

    def run(*keys: str, extra: dict[str, Path] | None = None,
            received: datetime = RECEIVED) -> dict[str, IngestResult]:
        chosen = {k: files[k] for k in keys} | (extra or {})
        results = ingest_files(workspace, settings, list(chosen.values()), received,
                               config=RunnerConfig(workers=1))
        return dict(zip(chosen, results, strict=True))
    return run


def _id(result: IngestResult) -> int:
    assert result.document_id is not None
    return result.document_id


def _items(ws: Workspace) -> dict[int, ReviewItem]:
    return {item.document_id: item for item in review_items(ws, CLERK)}


def _open_cases(ws: Workspace, document_id: int) -> list[Case]:
    with ws.db.read() as session:
        return list(session.scalars(
            select(Case).join(CaseDocument, CaseDocument.case_id == Case.id)
            .where(CaseDocument.document_id == document_id, Case.status != "closed")).all())


def _actions(ws: Workspace, document_id: int) -> list[str]:
    with ws.db.read() as session:
        return list(session.scalars(select(AuditEvent.action).where(
            AuditEvent.entity_type == "document",
            AuditEvent.entity_id == str(document_id)).order_by(AuditEvent.seq)).all())


def test_each_document_needing_a_person_is_listed_with_its_reason(
    workspace: Workspace, ingest: Ingest, tmp_path: Path
) -> None:
    clean = tmp_path / "grievance.pdf"
    clean.write_bytes(grievance_pdf())
    done = ingest("letter", "copy", "two", "empty", extra={"clean": clean})
    items = _items(workspace)

    assert _id(done["clean"]) not in items  # a form recognised well needs nobody
    letter = items[_id(done["letter"])]
    assert letter.kind == "not_recognised"
    assert letter.reason == "Not recognised as one of our forms. No form came close."
    assert letter.original_name == "address-letter.pdf" and letter.pages == 1
    assert letter.case_number is not None and letter.case_number.startswith("IR-2026-")
    copy = items[_id(done["copy"])]
    assert copy.kind == "duplicate"
    assert copy.reason == (f"Same file as document {_id(done['letter'])} "
                           "(address-letter.pdf), received 11/02/2026 09:30 AM.")
    two = items[_id(done["two"])]
    assert two.kind == "low_confidence"
    assert two.reason.startswith("Looks like a prior authorization request, but intake is only ")
    assert [g.form_type for g in two.guesses] == ["prior_auth_request", "grievance_form"]
    assert two.guesses_text == "Prior authorization request or grievance form"
    empty = items[_id(done["empty"])]
    assert empty.kind == "rejected" and empty.reason == "The file is empty."
    # newest first: all came in together, so the last taken leads
    assert [i.document_id for i in review_items(workspace, CLERK)] == sorted(items, reverse=True)

    retry_document(workspace, CLERK, _id(done["empty"]))  # after the sender faxed it again
    assert _id(done["empty"]) not in _items(workspace)


def test_setting_the_type_opens_the_right_case_with_clocks_from_receipt(
    workspace: Workspace, ingest: Ingest, clock: FixedClock
) -> None:
    """GIVEN a member's letter intake did not recognise, WHEN a clerk says three days later
    that it is a grievance, THEN a grievance runs with clocks from the day it arrived."""
    letter = _id(ingest("letter")["letter"])
    (review_case,) = _open_cases(workspace, letter)
    assert review_case.case_type == "intake_review"
    clock.advance(days=3)

    refiled = set_document_type(workspace, CLERK, letter, "grievance_form")

    assert refiled.form_type == "grievance_form" and refiled.case_number.startswith("GRV-2026-")
    assert refiled.closed_cases == (review_case.number,)
    with workspace.db.read() as session:
        case = session.get(Case, refiled.case_id)
        assert case is not None
        assert (case.case_type, case.queue, case.status) == ("grievance", "grievance", "received")
        assert case.received_at == RECEIVED
        due = {c.name: c.due_at.astimezone(PLAN_ZONE).isoformat() for c in session.scalars(
            select(CaseClock).where(CaseClock.case_id == case.id))}
        old = session.get(Case, review_case.id)
        assert old is not None and (old.status, old.outcome) == ("closed", "case_opened")
        document = session.get(Document, letter)
        assert document is not None and document.form_type == "grievance_form"
        assert json.loads(document.analysis_json or "{}")["case"]["number"] == case.number
        event = session.scalars(select(AuditEvent).where(
            AuditEvent.action == "document.type_set")).one()
    assert due["acknowledge"] == "2026-11-07T23:59:59-08:00"
    assert due["resolve"] == "2026-12-02T23:59:59-08:00"
    assert event.actor == CLERK.username
    assert json.loads(event.details)["from"] == "unknown"
    assert json.loads(event.details)["to"] == "grievance_form"
    assert letter not in _items(workspace)
    with pytest.raises(UserError, match="already"):
        dismiss_item(workspace, CLERK, letter, "looked at it twice")


def test_an_unknown_type_is_refused_with_the_choices(workspace: Workspace, ingest: Ingest) -> None:
    letter = _id(ingest("letter")["letter"])
    with pytest.raises(InvalidValue) as refused:
        set_document_type(workspace, CLERK, letter, "complaint")
    assert "There is no form type 'complaint'" in str(refused.value)
    assert "Grievance form (grievance_form)" in str(refused.value)
    assert "fax_cover" not in str(refused.value)  # a cover sheet is never a document's type
    assert ("grievance_form", "Grievance form") in form_choices(BUNDLED_RULES)
    assert letter in _items(workspace)  # nothing changed


def test_confirming_the_form_intake_was_unsure_of_keeps_its_case(
    workspace: Workspace, ingest: Ingest
) -> None:
    two = _id(ingest("two")["two"])
    (case,) = _open_cases(workspace, two)
    assert case.case_type == "prior_auth"

    refiled = set_document_type(workspace, CLERK, two, "prior_auth_request")

    assert (refiled.case_number, refiled.closed_cases) == (case.number, ())
    assert [c.number for c in _open_cases(workspace, two)] == [case.number]
    assert two not in _items(workspace)


def test_correcting_a_misread_form_closes_the_case_opened_in_error(
    workspace: Workspace, ingest: Ingest
) -> None:
    two = _id(ingest("two")["two"])
    (wrong,) = _open_cases(workspace, two)

    refiled = set_document_type(workspace, CLERK, two, "grievance_form")

    assert refiled.closed_cases == (wrong.number,)
    assert [c.case_type for c in _open_cases(workspace, two)] == ["grievance"]
    with workspace.db.read() as session:
        closed = session.get(Case, wrong.id)
        assert closed is not None and closed.status == "closed" and closed.next_due_at is None
        # a request that never was must not count as late in the on-time report
        assert session.scalars(select(CaseClock).where(CaseClock.case_id == wrong.id)).all() == []
        details = json.loads(session.scalars(select(AuditEvent.details).where(
            AuditEvent.action == "case.status_changed",
            AuditEvent.entity_id == str(wrong.id))).one())
    assert details["reason"] == f"filed in error: document {two} is a grievance form"
    assert set(details["clocks_withdrawn"]) >= {"decide"}


def test_a_form_read_with_warnings_is_listed_and_looking_at_it_keeps_its_case(
    workspace: Workspace, ingest: Ingest, tmp_path: Path
) -> None:
    fax = tmp_path / "looping-fax.tif"
    fax.write_bytes(looping_tiff_of(grievance_pdf()))
    document = _id(ingest(extra={"fax": fax})["fax"])
    item = _items(workspace)[document]
    assert item.kind == "warnings"
    assert item.reason == ("Read with warnings: The file's list of pages loops back on itself; "
                           "its 2 distinct pages were read. Filed as a grievance form.")
    (case,) = _open_cases(workspace, document)

    dismissed = dismiss_item(workspace, CLERK, document, "both pages are there")

    assert dismissed.closed_cases == ()
    assert [c.number for c in _open_cases(workspace, document)] == [case.number]
    with workspace.db.read() as session:
        row = session.get(Document, document)
        assert row is not None and row.status == "processed" and row.reviewed_at is not None
    assert document not in _items(workspace)


def test_a_fax_of_two_requests_is_split_into_two_filed_documents(
    workspace: Workspace, ingest: Ingest
) -> None:
    original = _id(ingest("two")["two"])
    (first_case,) = _open_cases(workspace, original)

    grievance, prior_auth = split_document(workspace, CLERK, original, [[1], [2]])

    types = {d: [c.case_type for c in _open_cases(workspace, d)] for d in (grievance, prior_auth)}
    assert types == {grievance: ["grievance"], prior_auth: ["prior_auth"]}
    with workspace.db.read() as session:
        kept = session.get(Document, original)
        assert kept is not None and kept.status == "split"
        assert kept.reason == f"Split into documents {grievance} and {prior_auth}."
        old_pages = session.scalars(select(Page).where(Page.document_id == original)
                                    .order_by(Page.number)).all()
        assert len(old_pages) == 2  # the original keeps every page
        for part, page in ((grievance, old_pages[0]), (prior_auth, old_pages[1])):
            document = session.get(Document, part)
            assert document is not None
            assert document.parent_id == original and document.received_at == RECEIVED
            assert document.page_count == 1 and document.sha256 == kept.sha256
            (copy,) = session.scalars(select(Page).where(Page.document_id == part)).all()
            assert copy.image_sha256 == page.image_sha256 and copy.words_json == page.words_json
            assert workspace.store.contains(copy.image_sha256 or "")
        closed = session.get(Case, first_case.id)
        assert closed is not None and closed.status == "closed"
    assert "document.split" in _actions(workspace, original)
    assert "document.split_part" in _actions(workspace, grievance)
    assert not {original, grievance, prior_auth} & set(_items(workspace))
    with pytest.raises(UserError, match="already split"):
        split_document(workspace, CLERK, original, [[1], [2]])


@pytest.mark.parametrize(("groups", "message"), [
    ([[1, 2]], "at least two parts"),
    ([[1], []], "Each part needs at least one page."),
    ([[1], [1, 2]], "Page 1 is in more than one part."),
    ([[1], [3]], "There is no page 3; the document has 2 pages."),
    ([[2], [1, 2]], "Page 2 is in more than one part."),
])
def test_split_groups_that_lose_or_double_a_page_are_refused(
    workspace: Workspace, ingest: Ingest, groups: list[list[int]], message: str
) -> None:
    original = _id(ingest("two")["two"])
    with pytest.raises(InvalidValue, match=message):
        split_document(workspace, CLERK, original, groups)
    with workspace.db.read() as session:
        document = session.get(Document, original)
        assert document is not None and document.status == "processed"  # nothing lost
        assert session.scalars(select(Document).where(Document.parent_id == original)).all() == []


def test_a_request_faxed_in_two_parts_is_merged_and_filed_once(
    workspace: Workspace, ingest: Ingest, tmp_path: Path
) -> None:
    faxed = make_form("prior_auth_request", "boxes", 5, cover=True).pdf
    cover, form = tmp_path / "part-1.pdf", tmp_path / "part-2.pdf"
    cover.write_bytes(pages_of(faxed, [1]))
    form.write_bytes(pages_of(faxed, [2]))
    done = ingest(extra={"cover": cover, "form": form})
    parts = [_id(done["cover"]), _id(done["form"])]
    before = {p: _open_cases(workspace, p)[0].number for p in parts}

    merged = merge_documents(workspace, CLERK, parts)

    (case,) = _open_cases(workspace, merged)
    assert case.case_type == "prior_auth" and case.received_at == RECEIVED
    assert case.number not in before.values()
    with workspace.db.read() as session:
        document = session.get(Document, merged)
        assert document is not None and document.page_count == 2
        assert document.form_type == "prior_auth_request"
        assert document.original_name == "part-1.pdf + part-2.pdf"
        assert json.loads(document.analysis_json or "{}")["cover_pages"] == [1]
        for part in parts:
            row = session.get(Document, part)
            assert row is not None and (row.status, row.merged_into_id) == ("merged", merged)
    assert all(_open_cases(workspace, p) == [] for p in parts)
    assert "document.merged" in _actions(workspace, merged)
    assert "document.merged_into" in _actions(workspace, parts[0])
    with pytest.raises(InvalidValue, match="at least two"):
        merge_documents(workspace, CLERK, [merged])
    with pytest.raises(InvalidValue, match="chosen twice"):
        merge_documents(workspace, CLERK, [merged, merged])


def test_a_junk_fax_is_dismissed_with_its_reason_and_kept(
    workspace: Workspace, ingest: Ingest
) -> None:
    done = ingest("letter", "copy")
    letter, copy = _id(done["letter"]), _id(done["copy"])
    (review_case,) = _open_cases(workspace, letter)
    with pytest.raises(InvalidValue, match="Say why"):
        dismiss_item(workspace, CLERK, letter, "   ")

    dismissed = dismiss_item(workspace, CLERK, letter, "  Not a form we handle:\n address change ")
    dismiss_item(workspace, CLERK, copy, "sent twice")

    assert dismissed.closed_cases == (review_case.number,)
    assert _items(workspace) == {}
    with workspace.db.read() as session:
        document = session.get(Document, letter)
        assert document is not None and document.status == "dismissed"
        assert document.reason == "Not a form we handle: address change"
        assert session.scalars(select(Page).where(Page.document_id == letter)).all()
        case = session.get(Case, review_case.id)
        assert case is not None and (case.status, case.outcome) == ("closed", "not_actionable")
        event = session.scalars(select(AuditEvent).where(
            AuditEvent.action == "document.dismissed",
            AuditEvent.entity_id == str(letter))).one()
    assert json.loads(event.details)["reason"] == "Not a form we handle: address change"
    assert workspace.store.contains(document.sha256)


@pytest.mark.parametrize("action", [
    lambda ws: review_items(ws, ADMIN),
    lambda ws: set_document_type(ws, ADMIN, 1, "grievance_form"),
    lambda ws: split_document(ws, ADMIN, 1, [[1], [2]]),
    lambda ws: merge_documents(ws, ADMIN, [1, 2]),
    lambda ws: dismiss_item(ws, ADMIN, 1, "junk"),
], ids=["list", "set type", "split", "merge", "dismiss"])
def test_an_account_that_may_not_review_documents_is_refused(
    workspace: Workspace, action: Callable[[Workspace], object]
) -> None:
    with pytest.raises(PermissionDenied, match="review and correct documents"):
        action(workspace)
