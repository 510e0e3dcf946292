"""A voicemail as staff hear it: the recording with its caller, time and length, and the
summary a person types after listening (no machine transcribes it)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from casework.actor import Actor
from casework.audit.actions import AuditAction
from casework.audit.trail import record
from casework.db.case_models import Case, CaseDocument, CaseNote
from casework.db.mail_models import MailMessage, MailPart
from casework.db.models import Document
from casework.errors import InvalidValue, NotFound
from casework.permissions import Permission
from casework.workspace import Workspace

MAX_SUMMARY = 4000


@dataclass(frozen=True)
class VoicemailView:
    """A recording and what is known about it; `audio` is the file's bytes (WAV or MP3)."""

    document_id: int
    caller: str | None
    received_at: datetime
    duration_s: float | None
    sender: str
    subject: str
    summary: str
    audio: bytes
    file_name: str
    case_number: str | None


def is_voicemail(ws: Workspace, actor: Actor, document_id: int) -> bool:
    """Whether the document is a recording (the window then plays it instead of pages)."""
    actor.require(Permission.VIEW_DOCUMENTS)
    with ws.db.read() as session:
        return session.scalar(select(Document.kind).where(Document.id == document_id)) == "audio"


def voicemail_of(ws: Workspace, actor: Actor, document_id: int) -> VoicemailView:
    """The recording with its caller, time, length and summary; listening is audited."""
    actor.require(Permission.VIEW_DOCUMENTS)
    with ws.db.write() as session:
        document, part, message = _rows(session, document_id)
        record(session, actor, AuditAction.DOCUMENT_VIEWED, "document", document_id, ws.now(),
               {"kind": "audio"})
        case = session.scalar(select(Case.number).join(CaseDocument,
                                                        CaseDocument.case_id == Case.id)
                              .where(CaseDocument.document_id == document_id).limit(1))
        return VoicemailView(document_id, part.caller, message.received_at, part.duration_s,
                             message.sender, message.subject, part.summary or "",
                             ws.store.read_bytes(document.sha256), document.original_name,
                             case)


def summarise_voicemail(ws: Workspace, actor: Actor, document_id: int, summary: str) -> str:
    """Keep what the person heard with the recording and as a note on its case; audited."""
    actor.require(Permission.REVIEW_DOCUMENTS)
    text = summary.strip()
    if not text:
        raise InvalidValue("Type what the caller said before saving the summary.")
    if len(text) > MAX_SUMMARY:
        raise InvalidValue(f"The summary is over {MAX_SUMMARY} characters; shorten it.")
    with ws.db.write() as session:
        _document, part, _message = _rows(session, document_id)
        previous = part.summary
        part.summary = text
        case_ids = session.scalars(select(CaseDocument.case_id).where(
            CaseDocument.document_id == document_id)).all()
        for case_id in case_ids:
            session.add(CaseNote(case_id=case_id, author=actor.username, created_at=ws.now(),
                                 text=f"Voicemail from {part.caller or 'an unknown caller'}: "
                                      f"{text}"))
        record(session, actor, AuditAction.DOCUMENT_VOICEMAIL_SUMMARISED, "document",
               document_id, ws.now(), {"summary": text, "previous": previous,
                                       "cases": list(case_ids)})
        return text


def _rows(session: Session, document_id: int) -> tuple[Document, MailPart, MailMessage]:
    document = session.get(Document, document_id)
    part = session.scalar(select(MailPart).where(MailPart.document_id == document_id))
    if document is None or part is None or document.kind != "audio":
        raise NotFound(f"Document {document_id} is not a voicemail.")
    message = session.get(MailMessage, part.message_id)
    assert message is not None
    return document, part, message
