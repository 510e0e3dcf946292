"""What screens, commands and letters see of a case: plain data, never live ORM rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class ClockView:
    name: str
    due_at: datetime
    original_due_at: datetime
    citation: str
    met_at: datetime | None
    extension_reason: str | None

    @property
    def extended(self) -> bool:
        return self.due_at != self.original_due_at


@dataclass(frozen=True)
class CaseRow:
    """One line of a queue."""

    id: int
    number: str
    case_type: str
    queue: str
    priority: str
    status: str
    member_name: str
    member_cin: str | None
    assignee: str | None
    received_at: datetime
    next_due_at: datetime | None


@dataclass(frozen=True)
class NoteView:
    id: int
    author: str
    created_at: datetime
    text: str
    corrects_note_id: int | None


@dataclass(frozen=True)
class TaskView:
    id: int
    kind: str
    description: str
    due_at: datetime | None
    assignee: str | None
    done_at: datetime | None


@dataclass(frozen=True)
class CaseDetail:
    """Everything the case workspace shows."""

    row: CaseRow
    outcome: str | None
    language: str | None
    hearing_date: str | None
    fields: dict[str, object]
    clocks: list[ClockView] = field(default_factory=list)
    document_ids: list[int] = field(default_factory=list)
    notes: list[NoteView] = field(default_factory=list)
    tasks: list[TaskView] = field(default_factory=list)
    decided_by: str | None = None  # the user name of whoever recorded the decision
