"""Case notes (append-only) and tasks."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from casework.actor import Actor
from casework.audit.actions import AuditAction
from casework.audit.trail import record
from casework.cases.lookup import get_case
from casework.db.case_models import CaseNote, CaseTask
from casework.errors import InvalidValue, NotFound, UserError
from casework.permissions import Permission
from casework.workspace import Workspace


def add_note(
    ws: Workspace, actor: Actor, case_id: int, text: str, corrects_note_id: int | None = None
) -> int:
    """Append a note; a correction is a new note that names the one it corrects."""
    actor.require(Permission.WORK_CASES)
    if not text.strip():
        raise InvalidValue("A note cannot be empty.")
    with ws.db.write() as session:
        case = get_case(session, case_id)
        if corrects_note_id is not None:
            original = session.get(CaseNote, corrects_note_id)
            if original is None or original.case_id != case_id:
                raise NotFound("The note being corrected is not on this case.")
        note = CaseNote(case_id=case_id, author=actor.username, created_at=ws.now(),
                        text=text.strip(), corrects_note_id=corrects_note_id)
        session.add(note)
        session.flush()
        case.updated_at = ws.now()
        record(session, actor, AuditAction.CASE_NOTE_ADDED, "case", case_id, ws.now(),
               {"number": case.number, "note": note.id, "corrects": corrects_note_id})
        return note.id


def add_task(
    ws: Workspace, actor: Actor, case_id: int, kind: str, description: str,
    due_at: datetime | None = None,
) -> int:
    """Add a to-do to a case (call member, request records, send letter)."""
    actor.require(Permission.WORK_CASES)
    if not description.strip():
        raise InvalidValue("A task needs a description.")
    with ws.db.write() as session:
        case = get_case(session, case_id)
        task = CaseTask(case_id=case_id, kind=kind, description=description.strip(),
                        due_at=due_at, created_at=ws.now())
        session.add(task)
        session.flush()
        record(session, actor, AuditAction.CASE_TASK_ADDED, "case", case_id, ws.now(),
               {"number": case.number, "task": task.id, "kind": kind})
        return task.id


def complete_task(ws: Workspace, actor: Actor, task_id: int) -> None:
    actor.require(Permission.WORK_CASES)
    with ws.db.write() as session:
        task = session.get(CaseTask, task_id)
        if task is None:
            raise NotFound(f"There is no task {task_id}.")
        if task.done_at is not None:
            raise UserError("That task is already done.")
        task.done_at = ws.now()
        task.done_by = actor.username
        record(session, actor, AuditAction.CASE_TASK_DONE, "case", task.case_id, ws.now(),
               {"task": task.id, "kind": task.kind})


def open_tasks(session: Session, case_id: int) -> list[CaseTask]:
    return list(session.scalars(
        select(CaseTask).where(CaseTask.case_id == case_id, CaseTask.done_at.is_(None))
    ).all())
