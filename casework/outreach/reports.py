"""The care coordination reports: referrals by program, site and status with attendance, and
outreach attempts and reach rate by person. Tables like every report, so they export as CSV,
Excel and PDF and show on the dashboard."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select

from casework.db.models import User
from casework.db.outreach_models import Attendance, Contact, Referral
from casework.plan.timezone import PLAN_ZONE
from casework.table_export import Cell, Table
from casework.workspace import Workspace

NO_SITE = "(no site yet)"


def _bounds(start: date, end: date) -> tuple[datetime, datetime]:
    return (datetime.combine(start, time.min, PLAN_ZONE),
            datetime.combine(end + timedelta(days=1), time.min, PLAN_ZONE))


def _period(start: date, end: date) -> str:
    return f"{start:%m/%d/%Y} to {end:%m/%d/%Y} (Pacific time)"


def referrals_report(ws: Workspace, start: date, end: date) -> Table:
    """Referrals made in the period by program, site and status now: how many, how many had
    their first contact on time (where the plan sets a clock), and the days attended in the
    period (CBAS)."""
    low, high = _bounds(start, end)
    with ws.db.read() as session:
        referrals = session.execute(
            select(Referral.id, Referral.program, Referral.site, Referral.status,
                   Referral.due_at, Referral.contacted_at)
            .where(Referral.referred_at >= low, Referral.referred_at < high)).all()
        days = dict(session.execute(
            select(Attendance.referral_id, func.count(Attendance.id))
            .where(Attendance.day >= start, Attendance.day <= end)
            .group_by(Attendance.referral_id)).all())
    counts: Counter[tuple[str, str, str]] = Counter()
    on_time: Counter[tuple[str, str, str]] = Counter()
    clocked: Counter[tuple[str, str, str]] = Counter()
    attended: dict[tuple[str, str, str], int] = defaultdict(int)
    rules = ws.rules.outreach
    for referral_id, program, site, status, due, contacted in referrals:
        key = (program, site or NO_SITE, status)
        counts[key] += 1
        attended[key] += int(days.get(referral_id, 0))
        if due is not None:
            clocked[key] += 1
            on_time[key] += int(contacted is not None and contacted <= due)
    order = list(rules.programs)
    rows: list[tuple[Cell, ...]] = []
    for key in sorted(counts, key=lambda k: (order.index(k[0]) if k[0] in order else 99,
                                             k[1], k[2])):
        spec = rules.program(key[0])
        rows.append((spec.says if spec else key[0], key[1], key[2], counts[key],
                     f"{on_time[key]} of {clocked[key]}" if clocked[key] else "no clock",
                     attended[key]))
    return Table("Referrals by program, site and status",
                 f"Referred {_period(start, end)}; attendance counts days in the period",
                 ("Program", "Site", "Status", "Referrals", "First contact on time",
                  "Days attended"), tuple(rows))


def outreach_report(ws: Workspace, start: date, end: date) -> Table:
    """Attempts to reach members in the period by the person who made them: how many, how many
    reached the member, the reach rate, and how many used an interpreter."""
    low, high = _bounds(start, end)
    with ws.db.read() as session:
        found = session.execute(
            select(Contact.made_by, Contact.outcome, Contact.interpreter)
            .where(Contact.made_at >= low, Contact.made_at < high)).all()
        names = dict(session.execute(select(User.username, User.full_name)).all())
    attempts: Counter[str] = Counter()
    reached: Counter[str] = Counter()
    interpreted: Counter[str] = Counter()
    for who, outcome, interpreter in found:
        attempts[who] += 1
        reached[who] += int(outcome == "reached")
        interpreted[who] += int(bool(interpreter))
    # Counted per account, shown by the person's name (two people may share one).
    rows = tuple((names.get(who) or who, attempts[who], reached[who],
                  reached[who] / attempts[who], interpreted[who]) for who in sorted(attempts))
    return Table("Outreach attempts and reach rate by person", _period(start, end),
                 ("Person", "Attempts", "Reached", "Reach rate", "With an interpreter"), rows)
