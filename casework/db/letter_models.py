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
