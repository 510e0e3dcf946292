"""What a filed form warns its case about: a birth date the roster disagrees with, a member
the roster does not have; nothing when the roster agrees."""

from __future__ import annotations

from datetime import date

from casework.cases.filing import DocumentFacts
from casework.directory.matching import MemberMatch
from casework.intake.understanding import case_warnings

FACTS = DocumentFacts("grievance_form", member_name="Lan Ngyuen", member_cin="93456781X")


def test_a_member_the_roster_lacks_is_named_with_what_the_form_said() -> None:
    (warning,) = case_warnings(MemberMatch(None, None, None, None, 0.0, None), FACTS)
    assert warning.kind == "member_not_found"
    assert warning.message == "Member not found: the roster has no Lan Ngyuen (93456781X)."
    assert warning.task.startswith("Find Lan Ngyuen (93456781X) in the roster")


def test_a_birth_date_the_roster_disagrees_with_gives_both_dates() -> None:
    member = MemberMatch(7, "91234567A", "Rosa Delgado", "Spanish", 100.0, True,
                         roster_dob=date(1961, 3, 14), form_dob=date(1958, 4, 12))
    (warning,) = case_warnings(member, FACTS)
    assert warning.kind == "birth_date_differs"
    assert "04/12/1958" in warning.message and "03/14/1961" in warning.message


def test_a_member_the_roster_confirms_raises_nothing() -> None:
    member = MemberMatch(7, "91234567A", "Rosa Delgado", "Spanish", 100.0, True,
                         roster_dob=date(1961, 3, 14), form_dob=date(1961, 3, 14))
    assert case_warnings(member, FACTS) == []
