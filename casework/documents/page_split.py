"""Splitting a fax that holds several requests, and merging one faxed in parts.

New documents are made of the original pages (their stored images and words are shared, not
copied); each is analysed and filed like a newly read document. The originals stay as they
were, marked split or merged, with a link from and to what was made of them.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from casework.actor import Actor
from casework.audit.actions import AuditAction
from casework.audit.trail import record
from casework.cases.statuses import Outcome
from casework.db.models import Document, Page
from casework.db.states import DocumentStatus
from casework.documents.refiling import retire_cases
from casework.documents.review_actions import readable
from casework.documents.stored_reading import reading_of, stored_pages
from casework.errors import InvalidValue
from casework.intake.reading_store import index_page
from casework.intake.understanding import understand_and_file
from casework.permissions import Permission
from casework.workspace import Workspace

MAX_MERGE = 20


def check_groups(groups: list[list[int]], page_count: int) -> None:
    """Refuse, in words, groups that do not use every page exactly once in two or more parts."""
    if len(groups) < 2:
        raise InvalidValue("Splitting needs at least two parts; mark where each new "
                           "document starts.")
    if any(not group for group in groups):
        raise InvalidValue("Each part needs at least one page.")
    seen: set[int] = set()
    for group in groups:
        for number in group:
            if not 1 <= number <= page_count:
                raise InvalidValue(f"There is no page {number}; the document has "
                                   f"{page_count} page{'s' if page_count != 1 else ''}.")
            if number in seen:
                raise InvalidValue(f"Page {number} is in more than one part.")
            seen.add(number)
    left = sorted(set(range(1, page_count + 1)) - seen)
    if left:
        raise InvalidValue(f"Every page must go into a part; {_pages_text(left)} "
                           f"{'is' if len(left) == 1 else 'are'} in none.")


def split_document(ws: Workspace, actor: Actor, document_id: int,
                   groups: list[list[int]]) -> list[int]:
    """Make one document per group of page numbers, analyse and file each; returns their ids."""
    actor.require(Permission.REVIEW_DOCUMENTS)
    now = ws.now()
    with ws.db.write() as session:
        original = readable(session, document_id, "split")
        pages = {p.number: p for p in stored_pages(session, original.id)}
        check_groups(groups, len(pages))
        closed = retire_cases(session, actor, original.id, now, Outcome.CASE_OPENED,
                              f"document {original.id} was split")
        parts = []
        for group in groups:
            name = f"{original.original_name} ({_pages_text(group)})"
            part = _new_document(session, original, name, original.received_at, now,
                                 parent_id=original.id)
            record(session, actor, AuditAction.DOCUMENT_SPLIT_PART, "document", part.id, now,
                   {"from": original.id, "pages": list(group)})
            _file_pages(session, ws, part, [pages[n] for n in group], original.kind, now)
            parts.append(part.id)
        original.status = DocumentStatus.SPLIT
        original.reason = f"Split into documents {_and(parts)}."
        original.reviewed_at = now
        record(session, actor, AuditAction.DOCUMENT_SPLIT, "document", original.id, now,
               {"into": parts, "groups": [list(g) for g in groups], "closed_cases": closed})
        return parts


def merge_documents(ws: Workspace, actor: Actor, document_ids: list[int]) -> int:
    """Join the documents' pages, in the order given, into one filed document; returns its id.

    It counts as received when its first part was: the request's clock runs from then.
    """
    actor.require(Permission.REVIEW_DOCUMENTS)
    if len(document_ids) < 2:
        raise InvalidValue("Choose at least two documents to merge.")
    if len(set(document_ids)) != len(document_ids):
        raise InvalidValue("A document can be merged only once; it is chosen twice.")
    if len(document_ids) > MAX_MERGE:
        raise InvalidValue(f"Merge at most {MAX_MERGE} documents at a time.")
    now = ws.now()
    with ws.db.write() as session:
        parts = [readable(session, i, "merge") for i in document_ids]
        pages = [p for part in parts for p in stored_pages(session, part.id)]
        received = min(part.received_at for part in parts)
        name = " + ".join(part.original_name for part in parts)
        merged = _new_document(session, parts[0], name[:500], received, now, parent_id=None)
        record(session, actor, AuditAction.DOCUMENT_MERGED, "document", merged.id, now,
               {"parts": list(document_ids), "pages": len(pages)})
        for part in parts:
            closed = retire_cases(session, actor, part.id, now, Outcome.CASE_OPENED,
                                  f"document {part.id} was merged into {merged.id}")
            part.status = DocumentStatus.MERGED
            part.merged_into_id = merged.id
            part.reason = f"Merged into document {merged.id}."
            part.reviewed_at = now
            record(session, actor, AuditAction.DOCUMENT_MERGED_INTO, "document", part.id, now,
                   {"into": merged.id, "closed_cases": closed})
        kinds = {part.kind for part in parts}
        _file_pages(session, ws, merged, pages, kinds.pop() if len(kinds) == 1 else None, now)
        return merged.id


def _new_document(session: Session, source: Document, name: str, received_at: datetime,
                  now: datetime, parent_id: int | None) -> Document:
    """A document made from stored pages; it points at the original file it came from."""
    document = Document(
        sha256=source.sha256, original_name=name, source=source.source,
        received_at=received_at, taken_at=now, size=source.size, kind=source.kind,
        status=DocumentStatus.PROCESSED, parent_id=parent_id, source_path=None,
    )
    session.add(document)
    session.flush()
    return document


def _file_pages(session: Session, ws: Workspace, document: Document, pages: list[Page],
                kind: str | None, now: datetime) -> None:
    """Give the document copies of the page rows (same images), then analyse and file it."""
    for number, page in enumerate(pages, 1):
        copy = Page(document_id=document.id, number=number, source=page.source,
                    width=page.width, height=page.height, dpi=page.dpi, rotation=page.rotation,
                    text=page.text, words_json=page.words_json, image_sha256=page.image_sha256,
                    ocr_confidence=page.ocr_confidence)
        session.add(copy)
        session.flush()
        index_page(session, copy)
    scores = [p.ocr_confidence for p in pages if p.ocr_confidence is not None]
    document.page_count = len(pages)
    document.ocr_confidence = sum(scores) / len(scores) if scores else None
    understand_and_file(session, ws, document, reading_of(pages, ws.store, kind), now)


def _pages_text(numbers: list[int]) -> str:
    """'page 3', 'pages 1-2', 'pages 1, 3'."""
    if len(numbers) == 1:
        return f"page {numbers[0]}"
    run = list(range(numbers[0], numbers[0] + len(numbers)))
    if numbers == run:
        return f"pages {numbers[0]}-{numbers[-1]}"
    return "pages " + ", ".join(map(str, numbers))


def _and(ids: list[int]) -> str:
    text = [str(i) for i in ids]
    return text[0] if len(text) == 1 else ", ".join(text[:-1]) + f" and {text[-1]}"

