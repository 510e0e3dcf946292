"""What `ingest --json` says about an e-mail message: who sent it, its parts, and the cases
they opened or joined."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from casework.db.case_models import Case, CaseDocument
from casework.db.mail_models import MailMessage, MailPart
from casework.db.models import Document
from casework.intake.understanding import PRIVATE_KEYS
from casework.plan.timezone import plan_time
from casework.workspace import Workspace


def message_summary(ws: Workspace, document_id: int) -> dict[str, Any]:
    """The message's keys of `ingest --json` ({} when the document is not a message): `message`
    (from, subject, Message-ID, Date), `parts` (each with its document, form and case) and
    `cases` (the numbers its parts opened or joined)."""
    with ws.db.read() as session:
        document = session.get(Document, document_id)
        if document is None or document.kind != "message":
            return {}
        if document.duplicate_of_id is not None:
            document_id = document.duplicate_of_id
        row = session.scalar(select(MailMessage).where(MailMessage.document_id == document_id))
        if row is None:
            return {}
        parts = session.scalars(select(MailPart).where(MailPart.message_id == row.id)
                                .order_by(MailPart.position)).all()
        listed = [part_json(session, part) for part in parts]
        cases = list(dict.fromkeys(p["case"]["number"] for p in listed if p.get("case")))
        said = json.loads(document.analysis_json or "{}").get("warnings", [])
        return {"message": {**message_json(row), "warnings": said}, "parts": listed,
                "cases": cases}


def message_json(row: MailMessage) -> dict[str, Any]:
    """The message's sender, subject and times."""
    return {"from": row.sender, "subject": row.subject, "message_id": row.message_id,
            "sent_at": plan_time(row.sent_at).isoformat() if row.sent_at else None,
            "received_at": plan_time(row.received_at).isoformat()}


def part_json(session: Session, part: MailPart) -> dict[str, Any]:
    """One part: its role and name, and, once read, its document's status, form and case."""
    found: dict[str, Any] = {"position": part.position, "role": part.role,
                             "file": part.filename, "content_type": part.content_type,
                             "document_id": part.document_id, "reason": part.reason}
    if part.role == "voicemail":
        found["voicemail"] = {"caller": part.caller, "duration_s": part.duration_s}
    document = session.get(Document, part.document_id) if part.document_id else None
    if document is None:
        found["status"] = "skipped"
        return found
    found["status"] = "duplicate" if document.duplicate_of_id else document.status
    found["reason"] = document.reason or part.reason
    shown = session.get(Document, document.duplicate_of_id) if document.duplicate_of_id \
        else document
    extras: dict[str, Any] = json.loads(shown.analysis_json) if shown and \
        shown.analysis_json else {}
    found["form"] = extras.get("form")
    found["fields"] = {k: v for k, v in extras.get("fields", {}).items()}
    found["case"] = _case_of(session, document.id) or extras.get("case")
    for key in PRIVATE_KEYS:
        found.pop(key, None)
    return found


def _case_of(session: Session, document_id: int) -> dict[str, Any] | None:
    """The case the document is attached to now (a later step may have moved it)."""
    case = session.scalar(select(Case).join(CaseDocument, CaseDocument.case_id == Case.id)
                          .where(CaseDocument.document_id == document_id)
                          .order_by(CaseDocument.id).limit(1))
    if case is None:
        return None
    return {"number": case.number, "type": case.case_type, "queue": case.queue,
            "opened": case.id == _opener_case(session, document_id)}


def _opener_case(session: Session, document_id: int) -> int | None:
    reason = session.scalar(select(CaseDocument.reason).where(
        CaseDocument.document_id == document_id).order_by(CaseDocument.id).limit(1))
    if reason is not None and reason.startswith("opened"):
        return session.scalar(select(CaseDocument.case_id).where(
            CaseDocument.document_id == document_id).order_by(CaseDocument.id).limit(1))
    return None
