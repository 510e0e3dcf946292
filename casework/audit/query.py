"""Reading the trail for the audit screen: filtered and paged in the database."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import InstrumentedAttribute

from casework.actor import Actor
from casework.audit.export import AuditRow
from casework.db.models import AuditEvent
from casework.errors import InvalidValue
from casework.permissions import Permission
from casework.plan.timezone import PLAN_ZONE
from casework.workspace import Workspace

MAX_PAGE = 5000


@dataclass(frozen=True)
class AuditFilter:
    """What to show; every field left as None matches everything.

    `start` and `end` are plan-local dates, both included. `actor`, `action`, `entity_type`
    and `entity_id` match exactly (user names are compared in lower case, as they are stored).
    """

    start: date | None = None
    end: date | None = None
    actor: str | None = None
    action: str | None = None
    entity_type: str | None = None
    entity_id: str | None = None
    newest_first: bool = True


@dataclass(frozen=True)
class AuditChoices:
    """The values present in the trail, for the screen's drop-down lists."""

    actors: tuple[str, ...]
    actions: tuple[str, ...]
    entity_types: tuple[str, ...]


def find_events(
    ws: Workspace, actor: Actor, filters: AuditFilter, limit: int = 500, offset: int = 0
) -> list[AuditRow]:
    """One page of the events that match `filters`, newest first unless asked otherwise."""
    actor.require(Permission.VIEW_AUDIT)
    if not 0 < limit <= MAX_PAGE or offset < 0:
        raise InvalidValue(f"A page holds 1 to {MAX_PAGE} events, from offset 0 on.")
    if filters.start and filters.end and filters.end < filters.start:
        raise InvalidValue("The end date is before the start date.")
    order = AuditEvent.seq.desc() if filters.newest_first else AuditEvent.seq.asc()
    query = _where(select(AuditEvent), filters).order_by(order).limit(limit).offset(offset)
    with ws.db.read() as session:
        return [
            AuditRow(
                e.seq, e.occurred_at, e.actor, e.action, e.entity_type, e.entity_id, e.details,
                e.hash,
            )
            for e in session.scalars(query)
        ]


def audit_choices(ws: Workspace, actor: Actor) -> AuditChoices:
    """The distinct user names, actions and record types found in the trail, sorted."""
    actor.require(Permission.VIEW_AUDIT)
    with ws.db.read() as session:

        def values(column: InstrumentedAttribute[str]) -> tuple[str, ...]:
            rows = session.scalars(select(column).distinct().order_by(column))
            return tuple(str(v) for v in rows if v)

        return AuditChoices(
            values(AuditEvent.actor), values(AuditEvent.action), values(AuditEvent.entity_type)
        )


def _where(query: Select[Any], filters: AuditFilter) -> Select[Any]:
    if filters.start is not None:
        query = query.where(AuditEvent.occurred_at >= _start_of(filters.start))
    if filters.end is not None:
        query = query.where(AuditEvent.occurred_at < _start_of(filters.end + timedelta(days=1)))
    if filters.actor:
        query = query.where(AuditEvent.actor == filters.actor.strip().lower())
    if filters.action:
        query = query.where(AuditEvent.action == filters.action.strip())
    if filters.entity_type:
        query = query.where(AuditEvent.entity_type == filters.entity_type.strip())
    if filters.entity_id:
        query = query.where(AuditEvent.entity_id == filters.entity_id.strip())
    return query


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time.min, PLAN_ZONE)
