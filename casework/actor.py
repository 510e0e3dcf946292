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
    os_login: str = ""  # the computer account a command was run from; the trail records it

    def at_console(self, login: str) -> Actor:
        """The same person, acting from a command run under the computer account `login`."""
        return Actor(self.username, self.role, self.user_id, login)

    def require(self, permission: Permission) -> None:
        require(self.role, permission, who=self.username)


SYSTEM = Actor(username="system", role=Role.SYSTEM)
