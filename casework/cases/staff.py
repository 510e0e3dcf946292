"""Who a case can be given to: the active staff whose role works cases."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from casework.actor import Actor
from casework.db.models import User
from casework.permissions import Permission, Role, allows
from casework.workspace import Workspace


@dataclass(frozen=True)
class StaffMember:
    username: str
    full_name: str
    role: str

    @property
    def shown(self) -> str:
        """'Gloria Coordinator (gloria, grievance coordinator)'."""
        role = self.role.replace("_", " ")
        return f"{self.full_name} ({self.username}, {role})" if self.full_name else \
            f"{self.username} ({role})"


def assignable_staff(ws: Workspace, actor: Actor) -> list[StaffMember]:
    """Active accounts that may work cases, by name; for a supervisor choosing an assignee."""
    actor.require(Permission.ASSIGN_CASES)
    with ws.db.read() as session:
        users = session.scalars(select(User).where(User.active.is_(True))
                                .order_by(User.full_name, User.username)).all()
        return [StaffMember(u.username, u.full_name, u.role) for u in users
                if u.role in {r.value for r in Role} and allows(Role(u.role),
                                                                Permission.WORK_CASES)]
