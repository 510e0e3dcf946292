"""The care coordinator's queue of referrals: open ones by the first contact's due time."""

from __future__ import annotations

from sqlalchemy import select

from casework.actor import Actor
from casework.db.outreach_models import Referral
from casework.errors import InvalidValue
from casework.outreach.referral_states import MOVES, OPEN_STATUSES
from casework.outreach.referrals import ReferralView, referral_views
from casework.permissions import Permission
from casework.workspace import Workspace

DEFAULT_LIMIT = 500


def list_referrals(ws: Workspace, actor: Actor, *, status: str | None = None,
                   program: str | None = None, cin: str | None = None,
                   limit: int = DEFAULT_LIMIT) -> list[ReferralView]:
    """Referrals, open ones by default: the soonest due first, then the oldest."""
    actor.require(Permission.VIEW_CASES)
    if status is not None and status not in MOVES and status != "all":
        raise InvalidValue(f"{status!r} is not a referral status; the statuses are "
                           f"{', '.join(MOVES)} (or all).")
    if program is not None and ws.rules.outreach.program(program) is None:
        raise InvalidValue(f"{program!r} is not a program; the programs are "
                           f"{', '.join(ws.rules.outreach.programs)}.")
    query = select(Referral)
    if status is None:
        query = query.where(Referral.status.in_(OPEN_STATUSES))
    elif status != "all":
        query = query.where(Referral.status == status)
    if program is not None:
        query = query.where(Referral.program == program)
    if cin is not None:
        query = query.where(Referral.member_cin == cin.strip().upper())
    query = query.order_by(Referral.due_at.is_(None), Referral.due_at, Referral.referred_at,
                           Referral.id).limit(limit)
    with ws.db.read() as session:
        return referral_views(session, ws.rules.outreach, list(session.scalars(query)))
