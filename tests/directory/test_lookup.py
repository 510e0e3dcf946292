"""Finding a caller in the member roster by part of a name, a Medi-Cal ID or a birth date."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from casework.directory.lookup import find_members
from casework.directory.roster_import import import_members
from casework.errors import PermissionDenied
from casework.workspace import Workspace
from tests.conftest import ADMIN, SUPERVISOR

ROSTER = """\
Member ID,Last Name,First Name,Date of Birth,Preferred Language,Address,Phone,Effective Date,Termination Date
91234567A,Delgado,Rosa,03/14/1961,Spanish,"12 Elm St, Fresno, CA 93701",(559) 555-0142,2020-01-01,
93456781B,Nguyen,Lan,1990-07-02,Vietnamese,"9 Oak Ave, Stockton, CA 95202",209-555-0199,2024-01-01,2026-06-30
98765432C,Smith,John,1975-01-20,English,"1 Pine Rd, Sacramento, CA 95814",916.555.0100,2019-05-01,
98765482C,Smith,Joan,1975-01-20,English,"1 Pine Rd, Sacramento, CA 95814",916.555.0100,2019-05-01,
91200000D,O_Hara,Pat%,1980-02-02,English,,,,
"""


@pytest.fixture
def roster(workspace: Workspace, tmp_path: Path) -> Workspace:
    path = tmp_path / "members.csv"
    path.write_text(ROSTER, encoding="utf-8")
    import_members(workspace, ADMIN, path)
    return workspace


def test_part_of_a_name_finds_the_member_with_everything_the_form_needs(
    roster: Workspace
) -> None:
    [rosa] = find_members(roster, SUPERVISOR, "rosa DEL")
    assert (rosa.name, rosa.cin, rosa.dob, rosa.phone, rosa.language, rosa.address) == (
        "Rosa Delgado", "91234567A", date(1961, 3, 14), "5595550142", "Spanish",
        "12 Elm St, Fresno, CA 93701")
    assert rosa.eligible_today is True


def test_several_matches_are_listed_by_last_then_first_name(roster: Workspace) -> None:
    assert [m.name for m in find_members(roster, SUPERVISOR, "smith")] == [
        "Joan Smith", "John Smith"]
    assert [m.name for m in find_members(roster, SUPERVISOR, "smith", limit=1)] == ["Joan Smith"]


def test_an_id_prefix_or_a_birth_date_finds_the_member(roster: Workspace) -> None:
    assert [m.cin for m in find_members(roster, SUPERVISOR, "9876 543")] == ["98765432C"]
    assert [m.name for m in find_members(roster, SUPERVISOR, "912")] == [
        "Rosa Delgado", "Pat% O_Hara"]
    assert {m.cin for m in find_members(roster, SUPERVISOR, "01/20/1975")} == {
        "98765432C", "98765482C"}
    [lan] = find_members(roster, SUPERVISOR, "nguyen")
    assert lan.eligible_today is False  # coverage ended in June


def test_wildcards_typed_by_a_person_are_plain_characters(roster: Workspace) -> None:
    assert [m.name for m in find_members(roster, SUPERVISOR, "o_h")] == ["Pat% O_Hara"]
    assert [m.name for m in find_members(roster, SUPERVISOR, "t%")] == ["Pat% O_Hara"]
    assert find_members(roster, SUPERVISOR, "%%") == []


def test_too_little_text_finds_nothing(roster: Workspace) -> None:
    assert find_members(roster, SUPERVISOR, " r ") == []


def test_an_administrator_cannot_look_up_members(roster: Workspace) -> None:
    with pytest.raises(PermissionDenied, match="not allowed to view cases"):
        find_members(roster, ADMIN, "rosa")
