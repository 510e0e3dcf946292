"""A case's statuses and the outcomes a status records, named once.

The values are what `cases.status` and `cases.outcome` hold; never rename one. Which statuses a
case type passes through, and which outcomes each allows, is the workflow's (cases/states.py).
"""

from __future__ import annotations

from enum import StrEnum, unique


@unique
class CaseStatus(StrEnum):
    """Where a case stands in its workflow."""

    RECEIVED = "received"  # every case starts here
    ACKNOWLEDGED = "acknowledged"  # grievances and appeals: the acknowledgment letter went out
    PENDING_INFORMATION = "pending_information"  # requests: waiting for what was asked for
    IN_REVIEW = "in_review"
    DECIDED = "decided"  # requests: records an outcome (approved, denied, modified)
    NOTIFIED = "notified"  # requests: the member and provider were told the decision
    RESOLVED = "resolved"  # grievances and appeals (an appeal records upheld or overturned)
    PREPARING = "preparing"  # State Hearings: the position statement is being written
    SUBMITTED = "submitted"  # State Hearings: the position statement went in
    HEARING_HELD = "hearing_held"
    WITHDRAWN = "withdrawn"  # the member withdrew it; it can still be closed
    CLOSED = "closed"  # nothing more to do (an intake review records how it ended)


@unique
class Outcome(StrEnum):
    """What a case came to, recorded with the status that decides it."""

    # A prior authorization or transportation request, when it is decided.
    APPROVED = "approved"
    DENIED = "denied"
    MODIFIED = "modified"
    # An appeal, when it is resolved.
    UPHELD = "upheld"
    OVERTURNED = "overturned"
    # A document in intake review, when its review case is closed.
    CASE_OPENED = "case_opened"  # filed as a case of its own (or split or merged into one)
    RETURNED_TO_SENDER = "returned_to_sender"
    DUPLICATE = "duplicate"  # the same bytes were taken before
    NOT_ACTIONABLE = "not_actionable"  # dismissed: nothing in it to act on
    # A care coordination referral, when it is closed (optional): the member was helped,
    # said no, or could not be reached after the attempts the plan's outreach rule requires.
    COMPLETED = "completed"
    DECLINED = "declined"
    UNREACHABLE = "unreachable"
