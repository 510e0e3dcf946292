"""What arrived since the last look: the queue's refresh and the expedited notice rely on it."""

from __future__ import annotations

import pytest

from casework.cases.arrivals import ArrivalMark, arrivals_since, cases_since, latest_mark
from casework.cases.phone_intake import open_phone_case
from casework.errors import PermissionDenied
from casework.workspace import Workspace
from tests.conftest import ADMIN, SUPERVISOR

GRIEVANCE = {"member_name": "Rosa Delgado", "member_id": "91234567a",
             "member_phone": "(559) 555-0142",
             "description": "The pharmacy refused my refill twice this week."}


def test_only_cases_opened_after_the_mark_are_news(workspace: Workspace) -> None:
    before = open_phone_case(workspace, SUPERVISOR, "grievance_form", GRIEVANCE)
    mark = latest_mark(workspace, SUPERVISOR)
    urgent = open_phone_case(workspace, SUPERVISOR, "grievance_form", GRIEVANCE,
                             priority="expedited")
    plain = open_phone_case(workspace, SUPERVISOR, "grievance_form", GRIEVANCE)

    arrivals = arrivals_since(workspace, SUPERVISOR, mark)

    assert [c.number for c in arrivals.cases] == [urgent.number, plain.number]
    assert [c.expedited for c in arrivals.cases] == [True, False]
    assert before.number not in {c.number for c in arrivals.cases}
    assert arrivals.mark.case_id == plain.case_id
    # the next look from the new mark finds nothing
    again = arrivals_since(workspace, SUPERVISOR, arrivals.mark)
    assert not again.any and again.mark == arrivals.mark


def test_an_arrival_carries_no_member_data(workspace: Workspace) -> None:
    open_phone_case(workspace, SUPERVISOR, "grievance_form", GRIEVANCE, priority="expedited")

    [arrival] = cases_since(workspace, SUPERVISOR, 0)

    shown = " ".join(str(v) for v in vars(arrival).values())
    assert arrival.case_type == "grievance" and arrival.queue == "grievance_expedited"
    assert "Rosa" not in shown and "Delgado" not in shown and "91234567" not in shown


def test_a_long_absence_is_caught_up_a_page_at_a_time(workspace: Workspace) -> None:
    numbers = [open_phone_case(workspace, SUPERVISOR, "grievance_form", GRIEVANCE).number
               for _ in range(5)]

    first = arrivals_since(workspace, SUPERVISOR, ArrivalMark(), limit=3)
    second = arrivals_since(workspace, SUPERVISOR, first.mark, limit=3)

    assert [c.number for c in first.cases + second.cases] == numbers


def test_people_who_do_not_see_cases_are_not_told_of_them(workspace: Workspace) -> None:
    with pytest.raises(PermissionDenied, match="not allowed to view cases"):
        cases_since(workspace, ADMIN, 0)
