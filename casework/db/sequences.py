"""Numbers people read over the phone (GRV-2026-000123, REF-…, TA-…): one counter per prefix
and year, shared by cases, referrals and transportation authorizations."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from casework.db.case_models import CaseNumberSequence


def take_next(session: Session, prefix: str, year: int) -> int:
    """The next number of `prefix` for `year`, taken inside the caller's transaction (the
    counter's row is locked on PostgreSQL, so two workstations never take the same one)."""
    query = select(CaseNumberSequence).where(CaseNumberSequence.prefix == prefix,
                                             CaseNumberSequence.year == year)
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update()
    row = session.scalar(query)
    if row is None:
        row = CaseNumberSequence(prefix=prefix, year=year, last=0)
        session.add(row)
    row.last += 1
    session.flush()
    return row.last
