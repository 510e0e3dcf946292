"""Supervisor reports: inventory, aging, on-time rate, overdue cases, workload, closures.

An account that may see reports but not cases (the administrator) gets counts and rates only:
the overdue list leaves out member names and ID numbers for it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from functools import partial

from sqlalchemy import case as sql_case
from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from casework.actor import Actor
from casework.audit.verify import chain_head, head_words
from casework.cases.queues import OPEN_STATUSES_EXCLUDED
from casework.db.case_models import Case, CaseClock
from casework.db.models import User
from casework.errors import InvalidValue
from casework.outreach.reports import outreach_report, referrals_report
from casework.permissions import Permission, allows
from casework.plan.case_types import CASE_TYPE_LABELS, capitalized
from casework.plan.timezone import PLAN_ZONE, plan_date, plan_time
from casework.table_export import Cell, Table
from casework.workspace import Workspace

REPORTS = ("inventory", "aging", "on_time", "overdue", "workload", "closed_by_person",
           "referrals", "outreach")
# Care coordination's own figures: its coordinators may see them without every report.
COORDINATION_REPORTS = ("referrals", "outreach")
AGING_BUCKETS = ((0, 5, "0-5 days"), (6, 15, "6-15 days"), (16, 30, "16-30 days"),
                 (31, None, "over 30 days"))


def build_report(ws: Workspace, actor: Actor, name: str, start: date, end: date) -> Table:
    """The named report for the plan-local dates `start`..`end` (inclusive)."""
    if not (name in COORDINATION_REPORTS and allows(actor.role, Permission.MANAGE_REFERRALS)):
        actor.require(Permission.VIEW_REPORTS)
    if end < start:
        raise InvalidValue("The end date is before the start date.")
    builders: dict[str, Callable[[Workspace, date, date], Table]] = {
        "inventory": inventory, "aging": aging, "on_time": on_time,
        "overdue": partial(overdue, members=allows(actor.role, Permission.VIEW_CASES)),
        "workload": workload, "closed_by_person": closed_by_person,
        "referrals": referrals_report, "outreach": outreach_report}
    if name not in builders:
        raise InvalidValue(f"There is no report {name!r}; choose one of {', '.join(REPORTS)}.")
    table = builders[name](ws, start, end)
    if not allows(actor.role, Permission.VIEW_AUDIT):
        return table
    return replace(table, note=head_words(chain_head(ws, actor)))


def build_reports(ws: Workspace, actor: Actor, names: tuple[str, ...], start: date,
                  end: date) -> dict[str, Table]:
    """Several reports for the same period at once (the supervisor dashboard's load)."""
    return {name: build_report(ws, actor, name, start, end) for name in names}


def _bounds(start: date, end: date) -> tuple[datetime, datetime]:
    return (datetime.combine(start, time.min, PLAN_ZONE),
            datetime.combine(end + timedelta(days=1), time.min, PLAN_ZONE))


def _period(start: date, end: date) -> str:
    return f"{start:%m/%d/%Y} to {end:%m/%d/%Y} (Pacific time)"


def kind_words(case_type: str) -> str:
    """'Grievance', 'Prior authorization request': a case type as staff say it."""
    return capitalized(CASE_TYPE_LABELS.get(case_type, case_type.replace("_", " ")))


def overdue_by(late: timedelta) -> str:
    """'4 d 3 h' or '17 h 5 min': how long past due, as the queue's time left reads."""
    days, rest = divmod(int(late.total_seconds()), 86400)
    hours, minutes = rest // 3600, rest % 3600 // 60
    if days:
        return f"{days} d {hours} h" if hours else f"{days} d"
    return f"{hours} h {minutes} min"


def inventory(ws: Workspace, start: date, end: date) -> Table:
    """Open cases now, by queue and status (the period names when it was run)."""
    query = (select(Case.queue, Case.status, func.count(Case.id))
             .where(Case.status.not_in(OPEN_STATUSES_EXCLUDED))
             .group_by(Case.queue, Case.status).order_by(Case.queue, Case.status))
    with ws.db.read() as session:
        rows = tuple((ws.rules.routing.queue_label(q), s.replace('_', ' '), int(n))
                     for q, s, n in session.execute(query).all())
    as_of = f"{plan_date(ws.now()):%m/%d/%Y}"
    return Table("Inventory by queue and status", f"Open cases as of {as_of}",
                 ("Queue", "Status", "Open cases"), rows)


def aging(ws: Workspace, start: date, end: date) -> Table:
    """Open cases by queue and how many days since receipt."""
    today = plan_date(ws.now())
    with ws.db.read() as session:
        cases = session.execute(
            select(Case.queue, Case.received_at).where(Case.status.not_in(OPEN_STATUSES_EXCLUDED))
        ).all()
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for queue, received in cases:
        age = (today - plan_date(received)).days
        counts[queue][_bucket(age)] += 1
    labels = [label for _, _, label in AGING_BUCKETS]
    rows: tuple[tuple[Cell, ...], ...] = tuple(
        (ws.rules.routing.queue_label(queue), *[counts[queue][label] for label in labels],
         sum(counts[queue].values()))
        for queue in sorted(counts)
    )
    return Table("Aging of open cases", f"Days since receipt, as of {today:%m/%d/%Y}",
                 ("Queue", *labels, "Total"), rows)


def _bucket(age: int) -> str:
    for low, high, label in AGING_BUCKETS:
        if age >= low and (high is None or age <= high):
            return label
    return AGING_BUCKETS[0][2]


def on_time(ws: Workspace, start: date, end: date) -> Table:
    """For clocks that fell due in the period: how many were met on time, per type and month."""
    low, high = _bounds(start, end)
    now = ws.now()
    with ws.db.read() as session:
        clocks = session.execute(
            select(Case.case_type, CaseClock.name, CaseClock.due_at, CaseClock.met_at)
            .join(Case, Case.id == CaseClock.case_id)
            .where(CaseClock.due_at >= low, CaseClock.due_at < high)
        ).all()
    totals: dict[tuple[date, str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    for case_type, clock, due, met in clocks:
        key = (plan_date(due).replace(day=1), case_type, clock)
        if met is None and due > now:
            continue  # still running: neither on time nor late yet
        entry = totals[key]
        entry[0] += 1
        if met is not None and met <= due:
            entry[1] += 1
        else:
            entry[2] += 1
    rows = tuple((f"{month:%m/%Y}", kind_words(case_type), clock, n, ok, late, ok / n)
                 for (month, case_type, clock), (n, ok, late) in sorted(totals.items()))
    return Table("On-time rate per clock", _period(start, end),
                 ("Month", "Case type", "Clock", "Due", "Met on time", "Late or missed",
                  "On-time rate"), rows)


def closed_by_person(ws: Workspace, start: date, end: date) -> Table:
    """Cases closed in the period, per assignee and case type."""
    low, high = _bounds(start, end)
    query = (select(func.coalesce(User.username, "(unassigned)"), Case.case_type,
                    func.count(Case.id))
             .outerjoin(User, User.id == Case.assignee_id)
             .where(Case.closed_at >= low, Case.closed_at < high)
             .group_by(User.username, Case.case_type).order_by(User.username, Case.case_type))
    with ws.db.read() as session:
        rows = tuple((who, t, int(n)) for who, t, n in session.execute(query).all())
    return Table("Cases closed per person", _period(start, end),
                 ("Person", "Case type", "Closed"), rows)


def overdue(ws: Workspace, start: date, end: date, *, members: bool = True) -> Table:
    """Open cases with a clock past due now, most overdue first; `members` adds who they are."""
    now = ws.now()
    assignee = aliased(User)
    query = (select(Case.number, Case.case_type, Case.queue, Case.member_name, Case.member_cin,
                    CaseClock.name, CaseClock.due_at, assignee.username)
             .join(CaseClock, CaseClock.case_id == Case.id)
             .outerjoin(assignee, assignee.id == Case.assignee_id)
             .where(Case.status.not_in(OPEN_STATUSES_EXCLUDED), CaseClock.met_at.is_(None),
                    CaseClock.due_at < now)
             .order_by(CaseClock.due_at, Case.number))
    with ws.db.read() as session:
        found = session.execute(query).all()
    rows: list[tuple[Cell, ...]] = []
    for number, case_type, queue, name, cin, clock, due, who in found:
        person = (name or "", cin or "") if members else ()
        rows.append((number, kind_words(case_type), ws.rules.routing.queue_label(queue),
                     *person, clock, plan_time(due).replace(tzinfo=None, microsecond=0),
                     overdue_by(now - due), who or "(unassigned)"))
    columns = ("Case", "Case type", "Queue", *(("Member", "Member ID") if members else ()),
               "Clock", "Due (Pacific)", "Overdue by", "Assigned to")
    return Table("Overdue cases", f"Clocks past due as of {_as_of(now)}", columns, tuple(rows))


def workload(ws: Workspace, start: date, end: date) -> Table:
    """Per person: open cases now, how many of them are overdue, and cases closed in the period."""
    low, high = _bounds(start, end)
    now = ws.now()
    is_open = Case.status.not_in(OPEN_STATUSES_EXCLUDED)
    open_cases = func.sum(sql_case((is_open, 1), else_=0))
    closed = func.sum(sql_case(((Case.closed_at >= low) & (Case.closed_at < high), 1), else_=0))
    query = (select(func.coalesce(User.username, "(unassigned)"), open_cases,
                    func.sum(sql_case((is_open & (Case.next_due_at < now), 1), else_=0)), closed)
             .outerjoin(User, User.id == Case.assignee_id)
             .group_by(User.username).having(open_cases + closed > 0)
             .order_by(User.username.nulls_last()))
    with ws.db.read() as session:
        rows = tuple((who, int(n or 0), int(late or 0), int(done or 0))
                     for who, n, late, done in session.execute(query).all())
    return Table("Workload per person", f"Open cases as of {_as_of(now)}; closed "
                 f"{_period(start, end)}", ("Person", "Open cases", "Overdue",
                                            "Closed in period"), rows)


def _as_of(now: datetime) -> str:
    return plan_time(now).strftime("%m/%d/%Y %I:%M %p") + " Pacific"
