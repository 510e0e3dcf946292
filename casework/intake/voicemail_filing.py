"""A voicemail that arrived by e-mail: the recording is the document, and it opens a case in
intake review (or the queue a routing rule gives voicemail) for a person to listen to (no
machine transcribes it)."""

from __future__ import annotations

import json

from sqlalchemy.orm import Session

from casework.actor import Actor
from casework.audit.actions import AuditAction
from casework.audit.trail import record
from casework.cases.filing import DocumentFacts, case_json, file_document
from casework.db.mail_models import MailMessage
from casework.db.models import Document
from casework.db.states import DocumentStatus
from casework.intake.mail_message import Voicemail
from casework.intake.taking import TakenBytes, TakenFile
from casework.workspace import Workspace

VOICEMAIL = "voicemail"  # the form type a recording is recorded under


def file_voicemail(session: Session, ws: Workspace, actor: Actor, taken: TakenBytes,
                   message: MailMessage, voicemail: Voicemail | None) -> TakenFile:
    """Record the recording as a document, processed as it stands, and open its case in
    intake review with the caller, the time and the length; in `session`."""
    now = ws.now()
    document = Document(
        sha256=taken.sha256, original_name=taken.name, source=taken.source,
        received_at=taken.received_at, taken_at=now, size=taken.size, page_count=0,
        kind="audio", status=DocumentStatus.PROCESSED, source_path=taken.source_path,
        form_type=VOICEMAIL, form_confidence=1.0)
    session.add(document)
    session.flush()
    record(session, actor, AuditAction.DOCUMENT_TAKEN, "document", document.id, now,
           {"file": taken.name, "source": taken.source, "sha256": taken.sha256,
            "size": taken.size, "kind": "audio", "from": message.sender})
    # Routed as form type "voicemail": to intake review (the default) unless a routing rule
    # sends voicemail elsewhere (`when: {form_type: voicemail}`), with its clocks from arrival.
    filing = file_document(session, ws.rules, actor, now, document,
                           DocumentFacts(form_type=VOICEMAIL))
    session.flush()
    document.analysis_json = json.dumps({
        "form": {"type": VOICEMAIL, "confidence": 1.0}, "fields": {}, "problems": [],
        "voicemail": voicemail_json(message, voicemail),
        "case": case_json(session, filing.case_id)}, default=str)
    return TakenFile(document.id, taken.sha256, DocumentStatus.PROCESSED, None,
                     taken.received_at, 0, None)


def voicemail_json(message: MailMessage, voicemail: Voicemail | None) -> dict[str, object]:
    """Caller, time and length of the recording as the phone system's message gave them."""
    return {"caller": voicemail.caller if voicemail else None,
            "duration_s": voicemail.duration_s if voicemail else None,
            "received_at": message.received_at.isoformat(), "from": message.sender,
            "subject": message.subject}
