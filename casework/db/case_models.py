"""Cases, their documents, clocks, notes, tasks and the relations between cases."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from casework.db import directory_models as _directory_models  # noqa: F401  (cases refer to members and providers)
from casework.db.models import Base
from casework.db.types import UTCDateTime


class Case(Base):
    __tablename__ = "cases"
    # Counting open and overdue cases per queue reads this index alone (no table rows).
    __table_args__ = (Index("ix_cases_queue_status_due", "queue", "status", "next_due_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    case_type: Mapped[str] = mapped_column(String(32), index=True)
    status: Mapped[str] = mapped_column(String(32), index=True)
    outcome: Mapped[str | None] = mapped_column(String(32))
    queue: Mapped[str] = mapped_column(String(64), index=True)
    priority: Mapped[str] = mapped_column(String(16))
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"), index=True)
    member_name: Mapped[str] = mapped_column(String(200), default="")
    member_cin: Mapped[str | None] = mapped_column(String(16), index=True)
    language: Mapped[str | None] = mapped_column(String(32))
    requesting_provider_id: Mapped[int | None] = mapped_column(ForeignKey("providers.id"))
    servicing_provider_id: Mapped[int | None] = mapped_column(ForeignKey("providers.id"))
    request_key: Mapped[str | None] = mapped_column(String(200), index=True)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    hearing_date: Mapped[date | None] = mapped_column(Date)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # Referred to a clinical reviewer: the queue it came from, and goes back to once decided.
    review_from_queue: Mapped[str | None] = mapped_column(String(64))
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    fields_json: Mapped[str] = mapped_column(Text, default="{}")
    next_due_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class CaseDocument(Base):
    __tablename__ = "case_documents"
    __table_args__ = (UniqueConstraint("case_id", "document_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    attached_at: Mapped[datetime] = mapped_column(UTCDateTime)
    reason: Mapped[str] = mapped_column(String(200))


class CaseClock(Base):
    __tablename__ = "case_clocks"
    __table_args__ = (UniqueConstraint("case_id", "name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    name: Mapped[str] = mapped_column(String(32))
    due_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    original_due_at: Mapped[datetime] = mapped_column(UTCDateTime)
    citation: Mapped[str] = mapped_column(Text, default="")
    met_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    extension_reason: Mapped[str | None] = mapped_column(Text)


class CaseNote(Base):
    """Append-only: a correction is a new note pointing at the one it corrects."""

    __tablename__ = "case_notes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    author: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    text: Mapped[str] = mapped_column(Text)
    corrects_note_id: Mapped[int | None] = mapped_column(ForeignKey("case_notes.id"))


class CaseTask(Base):
    __tablename__ = "case_tasks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    description: Mapped[str] = mapped_column(Text)
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    done_by: Mapped[str | None] = mapped_column(String(64))


class CaseFlag(Base):
    """A warning a document raised about its case (a birth date the roster disagrees with, a
    member the roster does not have); it stands until the task it came with is done."""

    __tablename__ = "case_flags"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id"))
    task_id: Mapped[int | None] = mapped_column(ForeignKey("case_tasks.id"))
    kind: Mapped[str] = mapped_column(String(32))
    message: Mapped[str] = mapped_column(Text)
    raised_at: Mapped[datetime] = mapped_column(UTCDateTime)


class CaseRelation(Base):
    """Two cases a document ties together: `case_id` (opened from it) `relation`
    `related_case_id`, and read from the other side, `related_case_id` `inverse` `case_id`.

    The words are kept as they were when related, so a later change of the relation rules
    does not rewrite what staff saw.
    """

    __tablename__ = "case_relations"
    __table_args__ = (UniqueConstraint("case_id", "related_case_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    related_case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    relation: Mapped[str] = mapped_column(String(64))  # "appeals"
    inverse: Mapped[str] = mapped_column(String(64))  # "appealed by"
    rule: Mapped[str] = mapped_column(String(200))  # the relations.yaml rule that related them
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class CaseNumberSequence(Base):
    """The last number handed out per prefix and year (GRV-2026-000123)."""

    __tablename__ = "case_number_sequences"

    prefix: Mapped[str] = mapped_column(String(8), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last: Mapped[int] = mapped_column(Integer)
