"""How busy intake is, for a status line: documents taken today, and who else is reading."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time

from sqlalchemy import func, select

from casework.actor import Actor
from casework.db.models import Document, Job
from casework.db.states import JobState
from casework.permissions import Permission
from casework.plan.timezone import PLAN_ZONE, plan_date
from casework.workspace import Workspace


@dataclass(frozen=True)
class IntakeActivity:
    """Counts only, never names: a status bar is visible to anyone passing."""

    documents_today: int
    waiting: int  # jobs queued and not yet claimed by any runner
    reading_elsewhere: int  # jobs another runner (a `watch` service, a workstation) holds


def start_of_plan_day(moment: datetime) -> datetime:
    """Midnight of `moment`'s day in the plan's time zone."""
    return datetime.combine(plan_date(moment), time(0), tzinfo=PLAN_ZONE)


def intake_activity(ws: Workspace, actor: Actor, owner: str = "") -> IntakeActivity:
    """Documents taken since midnight (plan time), jobs waiting, and jobs read by others."""
    actor.require(Permission.INGEST_DOCUMENTS)
    since = start_of_plan_day(ws.now())
    with ws.db.read() as session:
        today = session.scalar(select(func.count(Document.id)).where(Document.taken_at >= since))
        waiting = session.scalar(select(func.count(Job.id)).where(Job.status == JobState.QUEUED))
        elsewhere = session.scalar(
            select(func.count(Job.id)).where(Job.status == JobState.RUNNING,
                                             Job.lease_owner != owner))
    return IntakeActivity(int(today or 0), int(waiting or 0), int(elsewhere or 0))
