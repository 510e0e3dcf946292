"""Finding a member in the roster by what a caller says: part of a name, a Medi-Cal ID, a birth
date. Staff pick from the matches; nothing is chosen for them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, and_, func, or_, select

from casework.actor import Actor
from casework.db.directory_models import Member
from casework.directory.values import parse_date
from casework.permissions import Permission
from casework.workspace import Workspace

DEFAULT_LIMIT = 20
MIN_SEARCH_LENGTH = 2


@dataclass(frozen=True)
class MemberView:
    """One roster member as a phone intake form shows them."""

    member_id: int
    cin: str
    first_name: str
    last_name: str
    dob: date | None
    phone: str | None
    language: str | None
    address: str
    eligible_today: bool | None  # None when the roster gives no dates

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


def find_members(ws: Workspace, actor: Actor, text: str,
                 limit: int = DEFAULT_LIMIT) -> list[MemberView]:
    """Members whose name holds every word of `text`, whose Medi-Cal ID starts with it, or
    born on the date it gives; by last name. Fewer than two characters find nothing."""
    actor.require(Permission.VIEW_CASES)
    wanted = " ".join(text.split())
    if len(wanted) < MIN_SEARCH_LENGTH:
        return []
    today = ws.now().date()
    with ws.db.read() as session:
        rows = session.scalars(
            select(Member).where(_condition(wanted))
            .order_by(func.lower(Member.last_name), func.lower(Member.first_name), Member.cin)
            .limit(limit)
        ).all()
        return [member_view(m, today) for m in rows]


def _condition(wanted: str) -> ColumnElement[bool]:
    day = _as_date(wanted)
    if day is not None:
        return Member.dob == day
    compact = re.sub(r"[\s\-]", "", wanted).upper()
    if any(ch.isdigit() for ch in compact):
        return Member.cin.like(f"{_escaped(compact)}%", escape="\\")
    words = [_escaped(w.lower()) for w in re.split(r"[\s,]+", wanted) if w]
    return and_(*(or_(func.lower(Member.first_name).like(f"%{w}%", escape="\\"),
                      func.lower(Member.last_name).like(f"%{w}%", escape="\\"))
                  for w in words))


def _as_date(text: str) -> date | None:
    if not re.fullmatch(r"[\d/\-]{6,10}", text):
        return None
    try:
        return parse_date(text)
    except ValueError:
        return None


def _escaped(text: str) -> str:
    """`text` with LIKE's wildcards taken literally (a caller's '%' is just a character)."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def member_view(member: Member, today: date) -> MemberView:
    """A roster row as screens show it, with whether it is eligible `today`."""
    eligible: bool | None = None
    if member.eligibility_start is not None or member.eligibility_end is not None:
        starts = member.eligibility_start or date.min
        ends = member.eligibility_end or date.max
        eligible = starts <= today <= ends
    return MemberView(member.id, member.cin, member.first_name, member.last_name, member.dob,
                      member.phone, member.language, member.address or "", eligible)
