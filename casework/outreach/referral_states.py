"""A referral's statuses and the moves between them:
referred → contacted → enrolled | declined | unreachable → closed."""

from __future__ import annotations

from enum import StrEnum, unique

from casework.errors import UserError


@unique
class ReferralStatus(StrEnum):
    """Where a referral stands; the value is what `referrals.status` holds."""

    REFERRED = "referred"  # the member was referred; nobody has reached them yet
    CONTACTED = "contacted"  # the member was reached and told about the program
    ENROLLED = "enrolled"
    DECLINED = "declined"
    UNREACHABLE = "unreachable"  # only after the plan's outreach attempts
    CLOSED = "closed"


MOVES: dict[str, tuple[str, ...]] = {
    ReferralStatus.REFERRED: (ReferralStatus.CONTACTED, ReferralStatus.DECLINED,
                              ReferralStatus.UNREACHABLE),
    ReferralStatus.CONTACTED: (ReferralStatus.ENROLLED, ReferralStatus.DECLINED,
                               ReferralStatus.UNREACHABLE),
    ReferralStatus.ENROLLED: (ReferralStatus.CLOSED,),
    ReferralStatus.DECLINED: (ReferralStatus.CLOSED,),
    ReferralStatus.UNREACHABLE: (ReferralStatus.CLOSED,),
    ReferralStatus.CLOSED: (),
}
OPEN_STATUSES = (ReferralStatus.REFERRED, ReferralStatus.CONTACTED, ReferralStatus.ENROLLED)


class IllegalReferralMove(UserError):
    """A status change a referral's path does not allow."""


def check_referral_move(number: str, current: str, target: str) -> None:
    """Refuse, in words, a move the referral's path does not allow."""
    if target not in MOVES:
        raise IllegalReferralMove(f"{target!r} is not a referral status; the statuses are "
                                  f"{', '.join(MOVES)}.")
    if current == target:
        raise IllegalReferralMove(f"{number} is already {current}.")
    allowed = MOVES.get(current, ())
    if target not in allowed:
        if not allowed:
            raise IllegalReferralMove(f"{number} is {current}; it cannot be changed.")
        raise IllegalReferralMove(f"{number} is {current}; it can move only to "
                                  f"{' or '.join(allowed)}.")
