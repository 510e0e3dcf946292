"""The case packet: the whole case file as one PDF, for a State Fair Hearing, an Independent
Medical Review or an auditor, with a bookmark for every part; making one is audited."""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.errors import PyPdfError
from pypdf.generic import IndirectObject

from casework.actor import Actor
from casework.atomic import write_atomically
from casework.audit.actions import AuditAction
from casework.audit.trail import record
from casework.errors import StoreError
from casework.exports.packet_contents import (
    PacketContents,
    PacketDocument,
    PacketLetter,
    packet_contents,
)
from casework.exports.packet_pages import (
    cover_pdf,
    decision_pdf,
    images_pdf,
    message_pdf,
    notes_pdf,
    trail_pdf,
    when,
)
from casework.permissions import Permission, allows
from casework.store import DocumentStore
from casework.workspace import Workspace

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Part:
    """One bookmarked part of the packet: its own pages, or the parts under it."""

    title: str
    pdf: bytes = b""
    children: tuple[Part, ...] = ()


@dataclass(frozen=True)
class CasePacket:
    """A packet written: where, how many pages, and what it holds."""

    case_number: str
    path: Path
    pages: int
    documents: int
    letters: int
    member_data: bool


def make_case_packet(ws: Workspace, actor: Actor, case_id: int, out: Path) -> CasePacket:
    """Write the case's packet to `out`. Staff who may see cases get all of it; a role that
    audits but may not see members' information (the administrator) gets it without them."""
    member_data = allows(actor.role, Permission.VIEW_CASES)
    if not member_data:
        actor.require(Permission.VIEW_AUDIT)
    now = ws.now()
    with ws.db.read() as session:
        packet = packet_contents(session, ws.rules, case_id, member_data)
    data, pages = assemble(packet_parts(packet, ws.store), packet, now, actor.username)
    write_atomically(out, data)
    with ws.db.write() as session:
        record(session, actor, AuditAction.CASE_PACKET_CREATED, "case", case_id, ws.now(),
               {"number": packet.number, "pages": pages, "documents": len(packet.documents),
                "letters": len(packet.letters), "member_data": member_data,
                "file": out.name})
    return CasePacket(packet.number, out, pages, len(packet.documents), len(packet.letters),
                      member_data)


def packet_parts(packet: PacketContents, store: DocumentStore) -> list[Part]:
    """The parts after the cover, in order: documents, letters sent, notes, decision, trail."""
    footer = f"Case file {packet.number}"
    parts: list[Part] = []
    if packet.member_data:
        documents = tuple(Part(_document_title(d), _document_pdf(d, store, footer))
                          for d in packet.documents)
        parts.append(Part("Documents", b"" if documents else message_pdf(
            "Documents", ["No documents are attached to this case."], footer), documents))
        letters = tuple(Part(_letter_title(letter), _letter_pdf(letter, store, footer))
                        for letter in packet.letters)
        parts.append(Part("Letters sent", b"" if letters else message_pdf(
            "Letters sent", ["No letter of this case has been sent."], footer), letters))
        parts.append(Part("Notes", notes_pdf(packet)))
    parts.append(Part("Decision and reviewer", decision_pdf(packet)))
    parts.append(Part("Audit trail", trail_pdf(packet)))
    return parts


def assemble(parts: list[Part], packet: PacketContents, now: datetime,
             prepared_by: str) -> tuple[bytes, int]:
    """The cover (listing where each part starts) and the parts as one bookmarked PDF."""
    counts = [_pages(part) for part in parts]
    cover_pages = 1
    for _attempt in range(3):  # a long contents list may push the cover onto another page
        contents, first = [], cover_pages + 1
        for part, count in zip(parts, counts, strict=True):
            contents.append((part.title, first, count))
            contents += _child_lines(part, first)
            first += count
        cover = cover_pdf(packet, now, prepared_by, contents)
        if len(PdfReader(io.BytesIO(cover)).pages) == cover_pages:
            break
        cover_pages = len(PdfReader(io.BytesIO(cover)).pages)
    writer = PdfWriter()
    writer.add_outline_item(title="Cover", page_number=_append(writer, cover))
    for part in parts:
        _add_part(writer, part, None)
    writer.add_metadata({"/Title": f"Case file {packet.number}",
                         "/Author": prepared_by, "/Creator": "Intake Workstation"})
    writer.page_mode = "/UseOutlines"  # readers open with the bookmarks shown
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue(), len(writer.pages)


def _add_part(writer: PdfWriter, part: Part, parent: IndirectObject | None) -> None:
    """Append the part's pages (its own, then its children's), then bookmark it and them:
    a bookmark can point only at a page already in the file."""
    starts: list[tuple[Part, int, int]] = []  # (part, depth, first page)

    def append(each: Part, depth: int) -> None:
        starts.append((each, depth, len(writer.pages)))
        if each.pdf:
            _append(writer, each.pdf)
        for child in each.children:
            append(child, depth + 1)

    append(part, 0)
    marks: dict[int, IndirectObject | None] = {-1: parent}
    for each, depth, first in starts:
        marks[depth] = writer.add_outline_item(title=each.title, page_number=first,
                                               parent=marks[depth - 1])


def _append(writer: PdfWriter, pdf: bytes) -> int:
    start = len(writer.pages)
    writer.append(PdfReader(io.BytesIO(pdf)), import_outline=False)
    return start


def _pages(part: Part) -> int:
    own = len(PdfReader(io.BytesIO(part.pdf)).pages) if part.pdf else 0
    return own + sum(_pages(child) for child in part.children)


def _child_lines(part: Part, first: int) -> list[tuple[str, int, int]]:
    lines, page = [], first + (len(PdfReader(io.BytesIO(part.pdf)).pages) if part.pdf else 0)
    for child in part.children:
        count = _pages(child)
        lines.append((f"    {child.title}", page, count))
        page += count
    return lines


def _document_title(document: PacketDocument) -> str:
    form = f", {document.form_type.replace('_', ' ')}" if document.form_type else ""
    return (f"Document {document.id}: {document.name} ({document.source}{form}, received "
            f"{when(document.received_at)})")


def _letter_title(letter: PacketLetter) -> str:
    return (f"Letter {letter.id}: {letter.title} ({letter.language}, version {letter.version}, "
            f"{letter.sent_how} {when(letter.sent_at)})")


def _document_pdf(document: PacketDocument, store: DocumentStore, footer: str) -> bytes:
    """The document's own PDF pages where it is a whole original PDF, else its page images;
    a page the store cannot give back is said so on a page of its own, never skipped."""
    if document.original_sha is not None:
        whole = _readable_pdf(store, document.original_sha, len(document.page_images))
        if whole is not None:
            return whole
    pages: list[bytes | str] = []
    for number, (sha, text) in enumerate(zip(document.page_images, document.page_texts,
                                             strict=True), 1):
        try:
            pages.append(store.read_bytes(sha) if sha else
                         f"The image of this page is not kept. Its words as read:\n\n{text}")
        except StoreError as exc:
            log.warning("page %s of document %s is not readable: %s", number, document.id, exc)
            pages.append(f"The stored image of this page cannot be read: {exc}\n"
                         f"Its words as read:\n\n{text}")
    if not pages:
        return message_pdf(f"Document {document.id}", ["This document has no pages read."],
                           footer)
    total = len(pages)
    return images_pdf(pages, lambda n: f"{footer} · document {document.id}, "
                                       f"page {n} of {total}")


def _readable_pdf(store: DocumentStore, sha: str, pages: int) -> bytes | None:
    """The original PDF when it opens without a password and has the document's pages."""
    try:
        data = store.read_bytes(sha)
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted or len(reader.pages) != pages:
            return None
    except (StoreError, PyPdfError, ValueError, OSError) as exc:
        log.info("showing the page images of a PDF that does not open: %s", exc)
        return None
    return data


def _letter_pdf(letter: PacketLetter, store: DocumentStore, footer: str) -> bytes:
    try:
        return store.read_bytes(letter.sha)
    except StoreError as exc:
        log.warning("letter %s is not readable: %s", letter.id, exc)
        return message_pdf(f"Letter {letter.id}", [f"The stored letter cannot be read: {exc}"],
                           footer)
