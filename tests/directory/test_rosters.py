"""Roster import and matching forms to members and providers, OCR slips included."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from casework.db.directory_models import Member
from casework.db.models import AuditEvent
from casework.directory.matching import identifier_variants, match_member, match_provider
from casework.directory.roster_import import import_members, import_providers
from casework.errors import InvalidValue, PermissionDenied
from casework.workspace import Workspace
from tests.conftest import ADMIN

MEMBERS_CSV = """\
Member ID,Last Name,First Name,Date of Birth,Preferred Language,Address,Phone,Effective Date,Termination Date
91234567A,Núñez Peña,José,03/14/1961,Spanish,"12 Elm St, Fresno, CA 93701",(559) 555-0142,2020-01-01,
93456781B,Nguyen,Lan,1990-07-02,Vietnamese,"9 Oak Ave, Stockton, CA 95202",209-555-0199,2024-01-01,2026-06-30
98765432C,Smith,John,1975-01-20,English,"1 Pine Rd, Sacramento, CA 95814",916.555.0100,2019-05-01,
98765482C,Smith,Joan,1975-01-20,English,"1 Pine Rd, Sacramento, CA 95814",916.555.0100,2019-05-01,
12345,Broken,Row,1980-01-01,English,,,,
99999999Z,Nodob,Pat,,English,,,,
"""

PROVIDERS_CSV = """\
NPI,Provider Name,Phone,Fax,Address
1234567893,Valley Family Medicine,559-555-0100,559-555-0101,"100 Clinic Way, Fresno, CA"
1245319599,Dr. Maria Lopez,916-555-0110,916-555-0111,"5 Health Plaza, Sacramento, CA"
"""


@pytest.fixture
def rosters(workspace: Workspace, tmp_path: Path) -> Workspace:
    members = tmp_path / "members.csv"
    members.write_text(MEMBERS_CSV, encoding="utf-8")
    providers = tmp_path / "providers.csv"
    providers.write_text(PROVIDERS_CSV, encoding="utf-8")
    import_members(workspace, ADMIN, members)
    import_providers(workspace, ADMIN, providers)
    return workspace


def test_import_adds_valid_rows_and_names_each_skipped_row(workspace: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "members.csv"
    path.write_text(MEMBERS_CSV, encoding="utf-8")
    report = import_members(workspace, ADMIN, path)
    assert report.added == 4 and report.updated == 0
    assert report.skipped == [
        "line 6: member ID '12345' is not a Medi-Cal CIN (8 digits and a letter)",
        "line 7: the date of birth is missing",
    ]
    again = import_members(workspace, ADMIN, path)
    assert again.added == 0 and again.updated == 4
    with workspace.db.read() as session:
        jose = session.scalar(select(Member).where(Member.cin == "91234567A"))
        assert jose is not None
        assert (jose.first_name, jose.last_name, jose.dob, jose.phone) == (
            "José", "Núñez Peña", date(1961, 3, 14), "5595550142")
        actions = session.scalars(select(AuditEvent.action)).all()
    assert actions.count("roster.imported") == 2


def test_import_needs_permission_and_a_usable_file(workspace: Workspace, tmp_path: Path) -> None:
    from casework.actor import Actor
    from casework.permissions import Role

    path = tmp_path / "m.csv"
    path.write_text("Name,Phone\nA,1\n", encoding="utf-8")
    with pytest.raises(PermissionDenied):
        import_members(workspace, Actor("clerk", Role.INTAKE_CLERK), path)
    with pytest.raises(InvalidValue, match="no column for cin, dob"):
        import_members(workspace, ADMIN, path)


def test_exact_member_match_and_eligibility(rosters: Workspace) -> None:
    match = match_member(rosters, name="Jose Nunez Pena", member_id="91234567a",
                         dob=date(1961, 3, 14), service_date=date(2026, 11, 20))
    assert match.cin == "91234567A" and match.language == "Spanish"
    assert match.eligible_on_service_date is True
    assert match.corrections == ()
    lapsed = match_member(rosters, name="Lan Nguyen", member_id="93456781B",
                          dob=date(1990, 7, 2), service_date=date(2026, 11, 20))
    assert lapsed.eligible_on_service_date is False


def test_ocr_misread_id_is_corrected_when_name_and_dob_agree(rosters: Workspace) -> None:
    match = match_member(rosters, name="NGUYEN, LAN", member_id="9345G781B", dob=date(1990, 7, 2))
    assert match.cin == "93456781B"
    assert len(match.corrections) == 1
    fix = match.corrections[0]
    assert (fix.field, fix.read, fix.corrected) == ("member_id", "9345G781B", "93456781B")


def test_ambiguous_match_is_left_to_a_person(rosters: Workspace) -> None:
    # "987654B2C": the B may be John's 3 or Joan's 8; both share the birth date and their
    # names are one letter apart, so a person must choose.
    match = match_member(rosters, name="John Smith", member_id="987654B2C", dob=date(1975, 1, 20))
    assert not match.matched
    assert match.corrections == ()
    assert set(match.candidates[:2]) == {"98765432C", "98765482C"}


def test_wrong_person_is_not_matched_on_a_near_id(rosters: Workspace) -> None:
    match = match_member(rosters, name="Robert Brown", member_id="9345G781B", dob=date(1950, 1, 1))
    assert not match.matched


def test_provider_match_by_npi_and_by_name(rosters: Workspace) -> None:
    exact = match_provider(rosters, name="Valley Family Medicine", npi="1234567893")
    assert exact.npi == "1234567893" and exact.corrections == ()
    slipped = match_provider(rosters, name="Maria Lopez MD", npi="l245319599")
    assert slipped.npi == "1245319599" and slipped.corrections[0].read == "l245319599"
    by_name = match_provider(rosters, name="Dr Maria Lopez", npi=None)
    assert by_name.npi == "1245319599"
    unknown = match_provider(rosters, name="Someone Else", npi="1111111111")
    assert unknown.provider_id is None


def test_identifier_variants_cover_common_slips() -> None:
    variants = identifier_variants("9l23456O")
    assert "91234560" in variants
    assert len(identifier_variants("91234567A", max_changes=1)) > 5
