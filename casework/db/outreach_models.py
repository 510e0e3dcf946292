"""Care coordination: every attempt to reach a member, referrals to programs, and the days a
member attended a program's centre."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from casework.db import case_models as _case_models  # noqa: F401  (contacts belong to cases)
from casework.db.models import Base
from casework.db.types import UTCDateTime


class Referral(Base):
    """A member referred to a program (CBAS, ECM, WIC, …), numbered like a case."""

    __tablename__ = "referrals"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"), index=True)
    member_cin: Mapped[str] = mapped_column(String(16), index=True)
    member_name: Mapped[str] = mapped_column(String(200), default="")
    program: Mapped[str] = mapped_column(String(32), index=True)
    site: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = mapped_column(String(16), index=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"), index=True)
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id"))
    referred_by: Mapped[str] = mapped_column(String(200), default="")
    reason: Mapped[str] = mapped_column(Text, default="")
    outcome_note: Mapped[str] = mapped_column(Text, default="")
    referred_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    # The first contact's clock, where the plan sets one; met when the member is first reached.
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    clock_citation: Mapped[str] = mapped_column(Text, default="")
    contacted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Contact(Base):
    """One attempt to reach a member about a case or a referral; append-only."""

    __tablename__ = "contacts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"), index=True)
    referral_id: Mapped[int | None] = mapped_column(ForeignKey("referrals.id"), index=True)
    member_cin: Mapped[str | None] = mapped_column(String(16), index=True)
    attempt: Mapped[int] = mapped_column(Integer)  # 1, 2, 3 … on its case or referral
    channel: Mapped[str] = mapped_column(String(16))
    outcome: Mapped[str] = mapped_column(String(16))
    note: Mapped[str] = mapped_column(Text, default="")
    interpreter: Mapped[bool] = mapped_column(Boolean, default=False)
    language: Mapped[str | None] = mapped_column(String(32))
    made_by: Mapped[str] = mapped_column(String(64), index=True)
    made_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


class Attendance(Base):
    """A day a member enrolled in a program with attendance (a CBAS centre) attended."""

    __tablename__ = "referral_attendance"
    __table_args__ = (UniqueConstraint("referral_id", "day"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    referral_id: Mapped[int] = mapped_column(ForeignKey("referrals.id"), index=True)
    day: Mapped[date] = mapped_column(Date)
    recorded_by: Mapped[str] = mapped_column(String(64))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)
