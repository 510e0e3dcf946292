"""Who is acting: every service call takes one."""

from __future__ import annotations

from dataclasses import dataclass

from casework.permissions import Permission, Role, require


@dataclass(frozen=True)
class Actor:
    """The person (or the built-in `system` account) on whose behalf a service acts."""

    username: str
    role: Role
    user_id: int | None = None

    def require(self, permission: Permission) -> None:
        require(self.role, permission, who=self.username)


SYSTEM = Actor(username="system", role=Role.SYSTEM)
