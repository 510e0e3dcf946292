"""Status workflows: the moves each case type allows, and refusals a person understands."""

from __future__ import annotations

import itertools

import pytest

from casework.cases.states import IllegalMove, allowed_moves, check_move
from casework.errors import InvalidValue, UserError


@pytest.mark.parametrize(
    ("case_type", "path"),
    [
        ("grievance", ["received", "acknowledged", "in_review", "resolved", "closed"]),
        ("appeal", ["received", "acknowledged", "in_review", "resolved", "closed"]),
        ("prior_auth", ["received", "pending_information", "in_review", "decided", "notified",
                        "closed"]),
        ("nemt", ["received", "in_review", "decided", "notified", "closed"]),
        ("sfh", ["received", "preparing", "submitted", "hearing_held", "closed"]),
        ("care_coordination", ["received", "in_review", "closed"]),
    ],
)
def test_the_main_path_is_allowed(case_type: str, path: list[str]) -> None:
    outcomes = {("appeal", "resolved"): "upheld", ("prior_auth", "decided"): "approved",
                ("nemt", "decided"): "denied"}
    for current, target in itertools.pairwise(path):
        check_move(case_type, current, target, outcome=outcomes.get((case_type, target)))


@pytest.mark.parametrize(
    ("case_type", "current", "target", "priority", "message"),
    [
        ("grievance", "received", "resolved", "standard",
         "A grievance that is received cannot be resolved before it is acknowledged."),
        ("grievance", "acknowledged", "closed", "standard",
         "A grievance that is acknowledged cannot be closed before it is reviewed."),
        ("grievance", "resolved", "acknowledged", "standard",
         "A grievance that is resolved cannot go back to being acknowledged."),
        ("grievance", "closed", "in_review", "standard", "A grievance that is closed cannot be "
         "changed."),
        ("grievance", "resolved", "withdrawn", "standard",
         "A grievance that is resolved cannot be withdrawn."),
        ("grievance", "acknowledged", "acknowledged", "standard",
         "This grievance is already acknowledged."),
        ("prior_auth", "in_review", "notified", "standard",
         "A prior authorization request that is in review cannot be marked as notified before "
         "it is decided."),
        ("prior_auth", "decided", "closed", "expedited",
         "A prior authorization request that is decided cannot be closed before the member is "
         "notified."),
        ("nemt", "received", "decided", "standard",
         "A transportation request that is received cannot be decided before it is reviewed."),
        ("appeal", "received", "in_review", "standard",
         "An appeal that is received cannot be put in review before it is acknowledged."),
        ("sfh", "preparing", "hearing_held", "standard",
         "A State Hearing that is in preparation cannot be marked as heard before the position "
         "statement is submitted."),
        ("care_coordination", "received", "closed", "standard",
         "A care coordination referral that is received cannot be closed before it is "
         "reviewed."),
    ],
)
def test_illegal_moves_are_refused_in_words(
    case_type: str, current: str, target: str, priority: str, message: str
) -> None:
    with pytest.raises(IllegalMove) as refused:
        check_move(case_type, current, target, priority=priority)
    assert str(refused.value) == message
    assert isinstance(refused.value, UserError)


def test_priorities_pass_over_the_steps_they_do_not_need() -> None:
    # An exempt grievance is resolved on the phone: no letter, no separate review.
    check_move("grievance", "received", "resolved", priority="exempt")
    # An expedited grievance or appeal has no acknowledgment step.
    check_move("grievance", "received", "in_review", priority="expedited")
    check_move("appeal", "received", "in_review", priority="expedited")
    with pytest.raises(IllegalMove, match="before it is reviewed"):
        check_move("grievance", "received", "resolved", priority="expedited")


def test_requests_may_wait_for_information_and_come_back() -> None:
    assert allowed_moves("prior_auth", "received") == ("pending_information", "in_review",
                                                       "withdrawn")
    check_move("prior_auth", "in_review", "pending_information")
    check_move("prior_auth", "pending_information", "in_review")


def test_withdrawn_cases_can_only_be_closed() -> None:
    check_move("appeal", "acknowledged", "withdrawn")
    assert allowed_moves("appeal", "withdrawn") == ("closed",)
    assert allowed_moves("grievance", "closed") == ()


def test_decisions_need_an_outcome_from_their_list() -> None:
    with pytest.raises(InvalidValue, match="approved, denied or modified"):
        check_move("prior_auth", "in_review", "decided")
    with pytest.raises(InvalidValue, match="upheld or overturned"):
        check_move("appeal", "in_review", "resolved", outcome="approved")
    with pytest.raises(InvalidValue, match="records no outcome"):
        check_move("grievance", "in_review", "resolved", outcome="upheld")


def test_unknown_statuses_and_types_are_named() -> None:
    with pytest.raises(InvalidValue, match="A grievance has no status 'decided'"):
        check_move("grievance", "in_review", "decided")
    with pytest.raises(InvalidValue, match="no case type 'complaint'"):
        allowed_moves("complaint", "received")
