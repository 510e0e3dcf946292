"""Taking an e-mail message: the message whole into the store, then each document in it (an
attachment, the written text, a voicemail) as a document of the same intake.

Bytes first (the message, each part, the text's PDF), then one transaction records the message,
its parts, their read jobs and audit events: a crash between leaves only blobs, and the message
is taken again whole. A message nothing can be taken from is kept and rejected with the reason.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from casework.actor import Actor
from casework.audit.trail import record
from casework.db.mail_models import MailMessage, MailPart
from casework.db.models import Document
from casework.db.states import DocumentStatus
from casework.intake.folders import shown_name
from casework.intake.mail_body import body_pdf
from casework.intake.mail_message import ReadMessage, arrival, read_message
from casework.intake.mail_parts import FoundPart
from casework.intake.taking import (
    TAKEN_ACTIONS,
    TakenBytes,
    TakenFile,
    as_taken,
    file_received_at,
    first_copy,
    lock_taking,
    record_taken,
    same_file,
)
from casework.intake.voicemail_filing import file_voicemail
from casework.permissions import Permission
from casework.plan.timezone import plan_time
from casework.workspace import Workspace
from ocr import ReadSettings, inspect_document
from ocr.errors import UnreadableDocument

log = logging.getLogger(__name__)
MAX_MESSAGE_BYTES = 120 * 1024 * 1024  # beyond this the message is kept, not opened
# Called in the transaction that records the message, with the message's row id: a mailbox
# records there which of its messages this was, so it is never taken twice.
OnRecorded = Callable[[Session, int], None]


@dataclass(frozen=True)
class StoredPart:
    """A part whose bytes are in the store, with what a first look at them found."""

    found: FoundPart
    role: str  # attachment | body | voicemail | skipped
    sha256: str | None = None
    size: int = 0
    pages: int | None = None
    kind: str | None = None
    reason: str | None = None


def take_message(ws: Workspace, actor: Actor, path: Path, source: str, settings: ReadSettings,
                 received_at: datetime | None = None, *, watched: bool = False,
                 server_received_at: datetime | None = None,
                 on_recorded: OnRecorded | None = None) -> TakenFile:
    """Keep the message, and queue each of its documents to be read as one intake."""
    actor.require(Permission.INGEST_DOCUMENTS)
    sha = ws.store.put_file(path, follow_link=not watched)
    stored = ws.store.path_for(sha)
    size = stored.stat().st_size
    if size > MAX_MESSAGE_BYTES:
        parsed = ReadMessage("", "", "", None, (), "", None, (
            f"The message is {size / 1024 / 1024:,.0f} MB, over the limit of "
            f"{MAX_MESSAGE_BYTES // 1024 // 1024} MB; it is kept as received, not opened."))
    else:
        parsed = read_message(stored.read_bytes())
    file_time = server_received_at or (file_received_at(path) if path.exists() else ws.now())
    received = received_at or arrival(parsed.sent_at, server_received_at, file_time)
    parts = [] if parsed.refusal else store_parts(ws, parsed, settings)
    name = shown_name(path.name)
    with ws.db.write() as session:
        lock_taking(session, sha)
        if watched:
            same = same_file(session, sha, name, source, received)
            if same is not None:
                return as_taken(same)
        first = first_copy(session, sha) or _same_message(session, parsed)
        status = DocumentStatus.DUPLICATE if first else (
            DocumentStatus.REJECTED if parsed.refusal else DocumentStatus.PROCESSED)
        reason = (f"Same message as document {first.id}, already taken." if first
                  else parsed.refusal)
        message = Document(
            sha256=sha, original_name=name, source=source, received_at=received,
            taken_at=ws.now(), size=size, page_count=0, kind="message", status=status,
            reason=reason, duplicate_of_id=first.id if first else None,
            source_path=shown_name(str(path)),
            # What a person should know about how it was read (a character set guessed).
            analysis_json=json.dumps({"warnings": list(parsed.warnings)}))
        session.add(message)
        session.flush()
        row = MailMessage(document_id=message.id, message_id=parsed.message_id,
                          sender=parsed.sender, subject=parsed.subject,
                          sent_at=parsed.sent_at, server_received_at=server_received_at,
                          received_at=received)
        session.add(row)
        session.flush()
        record(session, actor, TAKEN_ACTIONS.get(status, TAKEN_ACTIONS[DocumentStatus.QUEUED]),
               "document", message.id, ws.now(),
               {"file": name, "source": source, "sha256": sha, "size": size, "kind": "message",
                "from": parsed.sender, "subject": parsed.subject, "reason": reason,
                "duplicate_of": message.duplicate_of_id, "warnings": list(parsed.warnings)})
        if on_recorded is not None:
            on_recorded(session, row.id)
        taken_parts = () if first else tuple(
            _record_part(session, ws, actor, row, message, position, part, parsed)
            for position, part in enumerate(parts))
        return TakenFile(message.id, sha, status, reason, received, 0, None,
                         parts=tuple(t for t in taken_parts if t is not None))


def _same_message(session: Session, parsed: ReadMessage) -> Document | None:
    """The message taken before with this Message-ID from this sender (sent again, or copied
    to a second mailbox, its bytes differ in their headers but it is the same message)."""
    if not parsed.message_id:
        return None
    return session.scalar(
        select(Document).join(MailMessage, MailMessage.document_id == Document.id)
        .where(MailMessage.message_id == parsed.message_id,
               MailMessage.sender == parsed.sender, Document.duplicate_of_id.is_(None))
        .order_by(Document.id).limit(1))


def store_parts(ws: Workspace, parsed: ReadMessage, settings: ReadSettings) -> list[StoredPart]:
    """Every part's bytes into the store, documents first and the written text last (so the
    documents decide the message's case, and a covering note joins it)."""
    stored = [_store(ws, part, settings) for part in parsed.parts]
    if parsed.body and parsed.voicemail is None:
        sent = plan_time(parsed.sent_at).strftime("%m/%d/%Y %I:%M %p") if parsed.sent_at else ""
        pdf = body_pdf(parsed.sender, parsed.subject, sent, parsed.body)
        text = FoundPart("body", "text/plain", "message text.pdf", pdf)
        stored.append(_store(ws, text, settings, role="body"))
    return stored


def _store(ws: Workspace, part: FoundPart, settings: ReadSettings,
           role: str | None = None) -> StoredPart:
    role = role or part.role
    if role == "skipped":
        return StoredPart(part, role, reason=part.reason)
    sha = ws.store.put_bytes(part.data)
    if role == "voicemail":
        return StoredPart(part, role, sha, len(part.data), 0, "audio")
    try:
        info = inspect_document(ws.store.path_for(sha), settings)
    except UnreadableDocument as exc:
        return StoredPart(part, role, sha, len(part.data), reason=exc.reason)
    except Exception:  # a bug while peeking must not lose the part: reading decides
        log.exception("could not inspect a message part stored as %s", sha[:12])
        return StoredPart(part, role, sha, len(part.data))
    return StoredPart(part, role, sha, len(part.data), info.pages, info.kind)


def _record_part(session: Session, ws: Workspace, actor: Actor, row: MailMessage,
                 message: Document, position: int, part: StoredPart,
                 parsed: ReadMessage) -> TakenFile | None:
    """Record one part: a document queued to be read, a voicemail filed for a person to hear,
    or (skipped) only the reason it was not taken."""
    found = part.found
    name = shown_name(found.filename or _default_name(part.role, position))
    mail_part = MailPart(message_id=row.id, position=position, role=part.role,
                         content_type=found.content_type[:200], filename=name[:500],
                         reason=part.reason)
    session.add(mail_part)
    if part.role == "skipped" or part.sha256 is None:
        session.flush()
        return None
    where = f"{message.source_path or message.original_name} › {name}"
    if part.role == "voicemail":
        voicemail = parsed.voicemail
        mail_part.caller = voicemail.caller if voicemail else None
        mail_part.duration_s = voicemail.duration_s if voicemail else None
        taken = file_voicemail(session, ws, actor, TakenBytes(
            part.sha256, name, message.source, message.received_at, part.size, 0, "audio",
            None, where), row, voicemail)
    else:
        taken = record_taken(session, ws, actor, first_copy(session, part.sha256), TakenBytes(
            part.sha256, name, message.source, message.received_at, part.size, part.pages,
            part.kind, part.reason, where))
    mail_part.document_id = taken.document_id
    session.flush()
    return taken


def _default_name(role: str, position: int) -> str:
    return {"body": "message text.pdf", "voicemail": f"voicemail {position + 1}"}.get(
        role, f"attachment {position + 1}")

