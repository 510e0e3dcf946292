"""Queues: listing cases (filtered and sorted in SQL), claiming the next one, assigning."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, func, or_, select
from sqlalchemy import case as sql_case
from sqlalchemy.orm import Session, aliased

from casework.actor import Actor
from casework.audit.actions import AuditAction
from casework.audit.trail import record
from casework.cases.lookup import get_case
from casework.cases.statuses import CaseStatus
from casework.cases.views import CaseRow
from casework.db.case_models import Case, CaseDocument
from casework.db.models import User
from casework.db.page_search import documents_matching
from casework.errors import InvalidValue, NotFound, UserError
from casework.permissions import Permission
from casework.workspace import Workspace

OPEN_STATUSES_EXCLUDED = (CaseStatus.CLOSED,)
MAX_SEARCH_LENGTH = 200  # longer is never a search a person typed
SORTABLE = {
    "number": Case.number, "case_type": Case.case_type, "queue": Case.queue,
    "priority": Case.priority, "status": Case.status, "member_name": Case.member_name,
    "received_at": Case.received_at, "next_due_at": Case.next_due_at,
    "language": Case.language,
}


@dataclass(frozen=True)
class CaseFilter:
    """What a queue view asks for; every part is optional."""

    queue: str | None = None
    assignee: str | None = None  # a user name, or "" for unassigned
    search: str | None = None
    include_closed: bool = False
    overdue_at: datetime | None = None  # only cases with a clock due before this moment


@dataclass(frozen=True)
class QueueCount:
    queue: str
    open: int
    overdue: int
    label: str = ""  # what staff call the queue (routing.yaml's `queues`)


def list_cases(
    ws: Workspace, actor: Actor, filters: CaseFilter, *, sort: str = "next_due_at",
    descending: bool = False, offset: int = 0, limit: int = 200,
) -> list[CaseRow]:
    """One page of cases matching `filters`, sorted in the database."""
    actor.require(Permission.VIEW_CASES)
    if sort not in SORTABLE:
        raise InvalidValue(f"Cases cannot be sorted by {sort!r}.")
    column = SORTABLE[sort]
    order = column.desc().nulls_last() if descending else column.asc().nulls_last()
    assignee = aliased(User)
    with ws.db.read() as session:
        query = _filtered(select(Case, assignee.username), filters, assignee,
                          _matching_documents(session, filters))
        query = query.order_by(order, Case.id).offset(offset).limit(limit)
        return [case_row(case, username) for case, username in session.execute(query).all()]


def count_cases(ws: Workspace, actor: Actor, filters: CaseFilter) -> int:
    actor.require(Permission.VIEW_CASES)
    assignee = aliased(User)
    with ws.db.read() as session:
        query = _filtered(select(func.count(Case.id)), filters, assignee,
                          _matching_documents(session, filters))
        return int(session.scalar(query) or 0)


def queue_counts(ws: Workspace, actor: Actor) -> list[QueueCount]:
    """Open and overdue cases per queue with open cases, for the navigation pane: only the
    queues the actor's role works (routing.yaml's `worked_by`), in that order; every queue
    for a role the file does not limit (a supervisor)."""
    actor.require(Permission.VIEW_CASES)
    now = ws.now()
    overdue = func.sum(sql_case((Case.next_due_at < now, 1), else_=0))
    query = (
        select(Case.queue, func.count(Case.id), overdue)
        .where(Case.status.not_in(OPEN_STATUSES_EXCLUDED))
        .group_by(Case.queue).order_by(Case.queue)
    )
    routing = ws.rules.routing
    with ws.db.read() as session:
        found = {q: (int(n), int(o or 0)) for q, n, o in session.execute(query).all()}
    worked = routing.queues_for(actor.role)
    queues = [q for q in worked if q in found] if worked is not None else sorted(found)
    return [QueueCount(q, *found[q], routing.queue_label(q)) for q in queues]


def claim_next(ws: Workspace, actor: Actor, queue: str) -> CaseRow | None:
    """Give the actor the unassigned open case due soonest in `queue`; safe across workstations."""
    actor.require(Permission.WORK_CASES)
    if actor.user_id is None:
        raise UserError("Only a signed-in person can claim a case.")
    with ws.db.write() as session:
        query = (
            select(Case)
            .where(Case.queue == queue, Case.assignee_id.is_(None),
                   Case.status.not_in(OPEN_STATUSES_EXCLUDED))
            .order_by(Case.next_due_at.asc().nulls_last(), Case.received_at, Case.id)
            .limit(1)
        )
        if session.get_bind().dialect.name == "postgresql":
            query = query.with_for_update(skip_locked=True)
        case = session.scalar(query)
        if case is None:
            return None
        case.assignee_id = actor.user_id
        case.updated_at = ws.now()
        record(session, actor, AuditAction.CASE_CLAIMED, "case", case.id, ws.now(),
               {"number": case.number, "queue": queue})
        return case_row(case, actor.username)


def assign(ws: Workspace, actor: Actor, case_id: int, username: str | None) -> CaseRow:
    """Give a case to a person (or back to the queue with None); a supervisor's call."""
    actor.require(Permission.ASSIGN_CASES)
    with ws.db.write() as session:
        case = get_case(session, case_id)
        previous = _username(session, case.assignee_id)
        user = None
        if username:
            user = session.scalar(select(User).where(User.username == username.lower()))
            if user is None or not user.active:
                raise NotFound(f"There is no active user called {username}.")
        case.assignee_id = user.id if user else None
        case.updated_at = ws.now()
        record(session, actor, AuditAction.CASE_ASSIGNED, "case", case.id, ws.now(),
               {"number": case.number, "from": previous, "to": user.username if user else None})
        return case_row(case, user.username if user else None)


def workload(ws: Workspace, actor: Actor) -> dict[str, int]:
    """Open cases per assignee (user name), for supervisors."""
    actor.require(Permission.VIEW_REPORTS)
    query = (
        select(User.username, func.count(Case.id))
        .join(Case, Case.assignee_id == User.id)
        .where(Case.status.not_in(OPEN_STATUSES_EXCLUDED))
        .group_by(User.username)
    )
    with ws.db.read() as session:
        return {name: int(n) for name, n in session.execute(query).all()}


def _matching_documents(session: Session, filters: CaseFilter) -> list[int]:
    """Documents whose text holds the search words: a case is found by what its faxes say."""
    if filters.search and len(filters.search) > MAX_SEARCH_LENGTH:
        raise InvalidValue(f"A search can be at most {MAX_SEARCH_LENGTH} characters: search for "
                           "a case number, a member's name or ID, or a few words of a fax.")
    return documents_matching(session, filters.search) if filters.search else []


def _literal(text: str) -> str:
    """`text` for LIKE with its wildcards taken literally: '%' and '_' are just characters."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _filtered(query: Select, filters: CaseFilter, assignee: type[User],
              document_ids: list[int] | None = None) -> Select:
    query = query.outerjoin(assignee, Case.assignee_id == assignee.id)
    if filters.queue:
        query = query.where(Case.queue == filters.queue)
    if not filters.include_closed:
        query = query.where(Case.status.not_in(OPEN_STATUSES_EXCLUDED))
    if filters.assignee is not None:
        query = query.where(
            Case.assignee_id.is_(None) if filters.assignee == "" else
            assignee.username == filters.assignee
        )
    if filters.overdue_at is not None:
        query = query.where(Case.next_due_at < filters.overdue_at)
    if filters.search:
        term = f"%{_literal(filters.search.strip())}%"
        found = [Case.number.ilike(term, escape="\\"), Case.member_name.ilike(term, escape="\\"),
                 Case.member_cin.ilike(term, escape="\\")]
        if document_ids:
            found.append(Case.id.in_(select(CaseDocument.case_id).where(
                CaseDocument.document_id.in_(document_ids))))
        query = query.where(or_(*found))
    return query


def case_row(case: Case, assignee: str | None) -> CaseRow:
    return CaseRow(case.id, case.number, case.case_type, case.queue, case.priority, case.status,
                   case.member_name, case.member_cin, assignee, case.received_at,
                   case.next_due_at, case.language)


def _username(session: Session, user_id: int | None) -> str | None:
    if user_id is None:
        return None
    return session.scalar(select(User.username).where(User.id == user_id))
