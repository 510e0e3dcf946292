"""What arrived since the last look: new cases and documents filed into existing ones.

Screens poll this every few seconds, so each call is a primary-key range read. What it returns
is fit for a notification anyone near the screen may see: no member names or IDs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from casework.actor import Actor
from casework.db.case_models import Case, CaseDocument
from casework.permissions import Permission
from casework.plan.case_types import Priority
from casework.workspace import Workspace

ARRIVALS_LIMIT = 200


@dataclass(frozen=True)
class CaseArrival:
    """A case opened since the last look, as a notification may name it."""

    id: int
    number: str
    case_type: str
    queue: str
    priority: str
    received_at: datetime

    @property
    def expedited(self) -> bool:
        return self.priority == Priority.EXPEDITED


@dataclass(frozen=True)
class ArrivalMark:
    """Where the last look stopped: the newest case and the newest document filing seen."""

    case_id: int = 0
    filing_id: int = 0


@dataclass(frozen=True)
class Arrivals:
    """New cases (oldest first), how many documents were filed meanwhile, and the next mark."""

    cases: tuple[CaseArrival, ...]
    filed_documents: int
    mark: ArrivalMark

    @property
    def any(self) -> bool:
        return bool(self.cases) or self.filed_documents > 0


def latest_mark(ws: Workspace, actor: Actor) -> ArrivalMark:
    """The mark of everything there now: arrivals after it are news."""
    actor.require(Permission.VIEW_CASES)
    with ws.db.read() as session:
        case_id = session.scalar(select(func.max(Case.id)))
        filing_id = session.scalar(select(func.max(CaseDocument.id)))
    return ArrivalMark(int(case_id or 0), int(filing_id or 0))


def cases_since(ws: Workspace, actor: Actor, after_id: int,
                limit: int = ARRIVALS_LIMIT) -> list[CaseArrival]:
    """Cases whose id is above `after_id`, oldest first, at most `limit` of them."""
    actor.require(Permission.VIEW_CASES)
    query = (
        select(Case.id, Case.number, Case.case_type, Case.queue, Case.priority,
               Case.received_at)
        .where(Case.id > after_id).order_by(Case.id).limit(limit)
    )
    with ws.db.read() as session:
        return [CaseArrival(*row) for row in session.execute(query).all()]


def arrivals_since(ws: Workspace, actor: Actor, mark: ArrivalMark,
                   limit: int = ARRIVALS_LIMIT) -> Arrivals:
    """New cases and document filings after `mark`, with the mark to pass next time."""
    cases = cases_since(ws, actor, mark.case_id, limit)
    with ws.db.read() as session:
        filed, newest = session.execute(
            select(func.count(CaseDocument.id), func.max(CaseDocument.id))
            .where(CaseDocument.id > mark.filing_id)
        ).one()
    next_mark = ArrivalMark(cases[-1].id if cases else mark.case_id,
                            int(newest) if newest is not None else mark.filing_id)
    return Arrivals(tuple(cases), int(filed or 0), next_mark)
