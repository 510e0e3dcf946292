"""A case opened the way intake opens one: a faxed document of a form type filed for a
roster member, received at a fixed moment."""

from __future__ import annotations

from datetime import datetime

from casework.cases.filing import DocumentFacts, Filing, file_document
from casework.db.models import Document
from casework.workspace import Workspace
from tests.conftest import ADMIN


def file_faxed(ws: Workspace, form_type: str, received: datetime, **fields: object) -> Filing:
    """File a processed fax of `form_type` with `fields` for member 91234567A."""
    facts = DocumentFacts(form_type, {"member_id": "91234567A", **fields}, complete=True,
                          member_cin="91234567A", member_name="Rosa Delgado", language="en")
    with ws.db.write() as session:
        document = Document(sha256="0" * 64, original_name="fax.pdf", source="fax",
                            received_at=received, taken_at=ws.now(), size=1, status="processed")
        session.add(document)
        session.flush()
        return file_document(session, ws.rules, ADMIN, ws.now(), document, facts)
