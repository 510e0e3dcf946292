"""Finding a case row inside a service's transaction."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from casework.db.case_models import Case
from casework.errors import NotFound


def get_case(session: Session, case_id: int) -> Case:
    """The case with this id, or NotFound in words."""
    case = session.get(Case, case_id)
    if case is None:
        raise NotFound(f"There is no case with id {case_id}.")
    return case


def get_case_by_number(session: Session, number: str) -> Case:
    case = session.scalar(select(Case).where(Case.number == number.strip().upper()))
    if case is None:
        raise NotFound(f"There is no case {number}.")
    return case
