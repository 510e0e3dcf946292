"""One e-mail message, one case: the parts of a message join the case an earlier part of it
opened, unless they are clearly a separate request."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from casework.db.case_models import Case, CaseDocument
from casework.db.mail_models import MailPart
from casework.plan.case_types import CaseType


def message_case(session: Session, document_id: int) -> Case | None:
    """The case an earlier part of this document's message is in (None when the document is
    not part of a message, or it is the first part filed)."""
    mine = aliased(MailPart)
    sibling = aliased(MailPart)
    return session.scalar(
        select(Case)
        .join(CaseDocument, CaseDocument.case_id == Case.id)
        .join(sibling, sibling.document_id == CaseDocument.document_id)
        .join(mine, mine.message_id == sibling.message_id)
        .where(mine.document_id == document_id, sibling.document_id != document_id)
        .order_by(sibling.position, CaseDocument.id).limit(1))


def separate_request(case: Case, case_type: str, request_key: str | None) -> bool:
    """Whether a part routed to `case_type` is a request of its own, not more of `case`: both
    recognised, and of another kind of case or about another member or service."""
    if CaseType.INTAKE_REVIEW in (case_type, case.case_type):
        # A part no form recognised (a covering note) is more of the message's case; a
        # recognised form beside an unrecognised note is its own request.
        return case_type != CaseType.INTAKE_REVIEW
    if case_type != case.case_type:
        return True
    return bool(request_key and case.request_key and request_key != case.request_key)
