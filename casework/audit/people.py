"""Who the user names in the audit trail are, for screens that say events in words."""

from __future__ import annotations

from sqlalchemy import select

from casework.actor import Actor
from casework.db.models import User
from casework.permissions import Permission
from casework.workspace import Workspace


def people_names(ws: Workspace, actor: Actor) -> dict[str, str]:
    """Each account's user name to the person's full name (the user name when none)."""
    actor.require(Permission.VIEW_AUDIT)
    with ws.db.read() as session:
        rows = session.execute(select(User.username, User.full_name)).all()
    return {username: full_name or username for username, full_name in rows}
