"""Letters as issued: every version a stored PDF, never overwritten.

A letter is drafted when generated and sent when a person records it mailed, faxed or handed
over, or the fax server takes it from the outbound folder (`fax_file` gone).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from casework.db import case_models as _case_models  # noqa: F401  (letters belong to cases)
from casework.db.models import Base
from casework.db.types import UTCDateTime


class Letter(Base):
    __tablename__ = "letters"
    __table_args__ = (UniqueConstraint("case_id", "kind", "version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    language: Mapped[str] = mapped_column(String(8))
    version: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    pages: Mapped[int] = mapped_column(Integer)
    author: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    printed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    faxed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    mailed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    handed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Put in the outbound fax folder, waiting for the fax server to take it.
    fax_file: Mapped[str | None] = mapped_column(Text)
    fax_queued_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class ServiceWords(Base):
    """The plan's plain-language description of a procedure code, for members' letters.

    CPT descriptions are licensed, so staff write their own, once per code and language; every
    letter naming the code uses it until someone changes it (each change audited).
    """

    __tablename__ = "service_words"
    __table_args__ = (UniqueConstraint("code", "language"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(16), index=True)
    language: Mapped[str] = mapped_column(String(8))
    words: Mapped[str] = mapped_column(Text)
    updated_by: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class CaseLetterText(Base):
    """Staff-written free text of a case in one language (a Spanish summary of a complaint
    written in English), kept so every later letter in that language uses it."""

    __tablename__ = "case_letter_texts"
    __table_args__ = (UniqueConstraint("case_id", "name", "language"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    name: Mapped[str] = mapped_column(String(40))
    language: Mapped[str] = mapped_column(String(8))
    text: Mapped[str] = mapped_column(Text)
    written_by: Mapped[str] = mapped_column(String(64))
    written_at: Mapped[datetime] = mapped_column(UTCDateTime)
