"""A form matched to a roster member whose birth date disagrees is flagged for a person."""

from __future__ import annotations

from pathlib import Path

from casework.directory.roster_import import import_members, import_providers
from casework.intake.service import ingest_files
from casework.settings import Settings
from casework.workspace import Workspace
from tests.conftest import ADMIN
from tests.intake.prior_auth_sample import MEMBERS, PROVIDERS, RECEIVED, prior_auth_pdf


def _ingest_with_roster(ws: Workspace, settings: Settings, folder: Path,
                        members: str) -> dict[str, object]:
    (folder / "members.csv").write_text(members, encoding="utf-8")
    (folder / "providers.csv").write_text(PROVIDERS, encoding="utf-8")
    import_members(ws, ADMIN, folder / "members.csv")
    import_providers(ws, ADMIN, folder / "providers.csv")
    path = folder / "prior-auth.pdf"
    path.write_bytes(prior_auth_pdf())
    (result,) = ingest_files(ws, settings, [path], RECEIVED)
    return result.as_dict()


def test_a_birth_date_the_roster_disagrees_with_is_flagged(
    workspace: Workspace, settings: Settings, tmp_path: Path
) -> None:
    """GIVEN a request naming Rosa Delgado, 91234567A, born 04/12/1961 WHEN the roster has
    that ID and name born in 1962 THEN the member still matches, but a problem a clerk reads
    says the birth dates differ, with both dates."""
    roster = MEMBERS.replace("91234567A,Rosa,Delgado,1961-04-12", "91234567A,Rosa,Delgado,1962-04-12")
    result = _ingest_with_roster(workspace, settings, tmp_path, roster)
    member = result["member_match"]
    assert isinstance(member, dict) and member["matched"] is True
    problems = result["problems"]
    assert isinstance(problems, list)
    (doubt,) = [p for p in problems if p["field"] == "member_dob"]
    assert doubt["kind"] == "unverified"
    assert "04/12/1961" in doubt["message"] and "04/12/1962" in doubt["message"]
    assert result["complete"] is True  # a doubt for a person, not a missing field


def test_a_birth_date_that_agrees_raises_no_doubt(
    workspace: Workspace, settings: Settings, tmp_path: Path
) -> None:
    result = _ingest_with_roster(workspace, settings, tmp_path, MEMBERS)
    problems = result["problems"]
    assert isinstance(problems, list)
    assert not [p for p in problems if p["field"] == "member_dob"]
