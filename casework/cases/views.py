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
    # What the clock rule still allows: calendar days of extension left (0: none allowed, none
    # left, or met), its citation, and the letter kind of the member's notice it requires.
    extension_days_left: int = 0
    extension_citation: str = ""
    extension_notice: str | None = None

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
    language: str | None = None  # the member's, as the form or the roster gave it


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
class FlagView:
    """A warning on the case (from one of its documents) that a person has not settled."""

    id: int
    kind: str
    message: str
    document_id: int | None
    raised_at: datetime


@dataclass(frozen=True)
class RelatedCase:
    """Another case as seen from this one: "appeals PA-2026-000001", "appealed by APL-…"."""

    case_id: int
    number: str
    case_type: str
    status: str
    relation: str  # how this case stands to the other: "appeals", "appealed by"

    def to_json(self) -> dict[str, str]:
        """As `ingest --json` lists it under `case.related`."""
        return {"number": self.number, "type": self.case_type, "relation": self.relation}


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
    related: list[RelatedCase] = field(default_factory=list)
    decided_by: str | None = None  # the user name of whoever recorded the decision
    flags: list[FlagView] = field(default_factory=list)
