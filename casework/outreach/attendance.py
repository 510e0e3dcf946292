"""Days a member enrolled in a program that keeps attendance (a CBAS centre) attended."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from casework.actor import Actor
from casework.audit.actions import AuditAction
from casework.audit.trail import record
from casework.db.outreach_models import Attendance
from casework.errors import InvalidValue
from casework.outreach.referral_states import ReferralStatus
from casework.outreach.referrals import referral_by_number
from casework.permissions import Permission
from casework.plan.timezone import plan_date
from casework.workspace import Workspace


def record_attendance(ws: Workspace, actor: Actor, number: str, day: date) -> int:
    """Record that the enrolled member attended on `day`; returns the days attended so far."""
    actor.require(Permission.MANAGE_REFERRALS)
    now = ws.now()
    with ws.db.write() as session:
        referral = referral_by_number(session, number)
        program = ws.rules.outreach.program(referral.program)
        if program is None or not program.attendance:
            raise InvalidValue(f"{referral.number} is a {referral.program} referral; attendance "
                               "is kept only for programs with a centre (CBAS).")
        if referral.status != ReferralStatus.ENROLLED:
            raise InvalidValue(f"{referral.number} is {referral.status}; attendance is "
                               "recorded for an enrolled member.")
        if day > plan_date(now):
            raise InvalidValue(f"{day} has not happened yet.")
        if day < plan_date(referral.referred_at):
            raise InvalidValue(f"{day} is before the member was referred "
                               f"({plan_date(referral.referred_at)}).")
        if session.scalar(select(Attendance.id).where(Attendance.referral_id == referral.id,
                                                      Attendance.day == day)) is not None:
            raise InvalidValue(f"Attendance on {day} is already recorded for {referral.number}.")
        session.add(Attendance(referral_id=referral.id, day=day, recorded_by=actor.username,
                               recorded_at=now))
        referral.updated_at = now
        session.flush()
        days = len(attended_days(session, referral.id))
        record(session, actor, AuditAction.REFERRAL_ATTENDED, "referral", referral.id, now,
               {"number": referral.number, "day": day.isoformat(), "days": days})
        return days


def attended_days(session: Session, referral_id: int) -> list[date]:
    """The days attended, first to last."""
    return list(session.scalars(select(Attendance.day).where(Attendance.referral_id == referral_id)
                                .order_by(Attendance.day)))
