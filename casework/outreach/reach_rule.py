"""The plan's outreach rule: how many attempts, on how many different days, before a member
may be called unreachable. Pure, so the case and referral services share it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from casework.errors import UserError
from casework.plan.outreach_rules import OutreachRule
from casework.plan.timezone import plan_date

# Attempts that did not reach the member; a refusal is an answer, not an unreachable member.
UNANSWERED = ("no_answer", "left_message", "wrong_number")


class OutreachIncomplete(UserError):
    """Closing as unreachable before the plan's attempts are made; the message says what is
    still needed."""


@dataclass(frozen=True)
class ReachProgress:
    """How far the attempts to reach a member have come against the rule."""

    attempts: int  # unanswered attempts so far
    days: int  # the different days (plan time) they were made on
    rule: OutreachRule

    @property
    def satisfied(self) -> bool:
        return self.attempts >= self.rule.attempts and self.days >= self.rule.different_days

    def says(self) -> str:
        """'2 of 3 attempts, on 1 of 3 different days'."""
        return (f"{min(self.attempts, self.rule.attempts)} of {self.rule.attempts} attempts, "
                f"on {min(self.days, self.rule.different_days)} of "
                f"{self.rule.different_days} different days")


def reach_progress(rule: OutreachRule, attempts: Iterable[tuple[datetime, str]]) -> ReachProgress:
    """The unanswered attempts among `attempts` ((when, outcome) pairs) counted by the rule."""
    unanswered = [made_at for made_at, outcome in attempts if outcome in UNANSWERED]
    return ReachProgress(len(unanswered), len({plan_date(m) for m in unanswered}), rule)


def require_unreachable(progress: ReachProgress, what: str) -> None:
    """Refuse, in words, to close `what` ('GRV-…', 'referral REF-…') as unreachable before
    the rule's attempts are made."""
    if progress.satisfied:
        return
    rule = progress.rule
    raise OutreachIncomplete(
        f"{what} cannot close as unreachable yet: the plan's outreach rule needs "
        f"{rule.says()} without reaching the member, and so far there are "
        f"{progress.says()} ({rule.citation}).")
