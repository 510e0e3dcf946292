"""What every service needs, passed in rather than reached for."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from casework.db.database import Database
from casework.plan.rulebook import Rulebook, load_rulebook
from casework.settings import SignInRules
from casework.store import DocumentStore

Now = Callable[[], datetime]


def system_now() -> datetime:
    """The wall clock, in UTC. Only the faces (CLI, GUI) pass this in; domain code takes `now`."""
    return datetime.now(UTC)


@dataclass(frozen=True)
class Workspace:
    """The database, the document store, the clock and the plan's rules one workstation or
    service works against."""

    db: Database
    store: DocumentStore
    now: Now = system_now
    rules: Rulebook = field(default_factory=load_rulebook)  # the bundled rules unless given
    sign_in: SignInRules = field(default_factory=SignInRules)  # when wrong passwords lock
