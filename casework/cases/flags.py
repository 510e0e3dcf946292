"""Flags on a case: a warning a document raised (a birth date the roster disagrees with, a
member the roster does not have) shown on the case itself, with the task that settles it.

A flag stands while its task is open; completing the task (the person checked) settles it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from casework.actor import Actor
from casework.audit.actions import AuditAction
from casework.audit.trail import record
from casework.cases.views import FlagView
from casework.db.case_models import Case, CaseFlag, CaseTask


@dataclass(frozen=True)
class CaseWarning:
    """What a document says is doubtful about its case, and what a person should do."""

    kind: str  # "birth_date_differs", "member_not_found"
    message: str
    task: str


def raise_flags(session: Session, actor: Actor, now: datetime, case: Case,
                document_id: int | None, warnings: list[CaseWarning]) -> list[int]:
    """Put each warning on the case with its task (a warning the case already carries for
    this document is not raised twice); audited in `session`."""
    raised = []
    for warning in warnings:
        if _standing(session, case.id, document_id, warning.kind):
            continue
        task = CaseTask(case_id=case.id, kind="check_member", description=warning.task,
                        created_at=now)
        session.add(task)
        session.flush()
        flag = CaseFlag(case_id=case.id, document_id=document_id, task_id=task.id,
                        kind=warning.kind, message=warning.message, raised_at=now)
        session.add(flag)
        session.flush()
        record(session, actor, AuditAction.CASE_FLAGGED, "case", case.id, now,
               {"number": case.number, "flag": warning.kind, "document": document_id,
                "task": task.id})
        raised.append(flag.id)
    return raised


def standing_flags(session: Session, case_id: int) -> list[FlagView]:
    """The case's flags whose task is still open, oldest first."""
    rows = session.execute(
        select(CaseFlag).outerjoin(CaseTask, CaseTask.id == CaseFlag.task_id)
        .where(CaseFlag.case_id == case_id, CaseTask.done_at.is_(None))
        .order_by(CaseFlag.id)).scalars().all()
    return [FlagView(f.id, f.kind, f.message, f.document_id, f.raised_at) for f in rows]


def _standing(session: Session, case_id: int, document_id: int | None, kind: str) -> bool:
    return session.scalar(
        select(CaseFlag.id).outerjoin(CaseTask, CaseTask.id == CaseFlag.task_id)
        .where(CaseFlag.case_id == case_id, CaseFlag.document_id == document_id,
               CaseFlag.kind == kind, CaseTask.done_at.is_(None)).limit(1)) is not None
