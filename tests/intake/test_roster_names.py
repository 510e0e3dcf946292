"""A name read from a form is trusted only when the roster knows it: the analysis says, per
name field, whether the roster confirmed it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from casework.intake.roster_names import mark_roster
from casework.intake.service import ingest_files
from casework.intake.understanding import recorded_analysis
from casework.settings import Settings
from casework.workspace import Workspace
from tests.intake.prior_auth_sample import (
    PAGE_ONE,
    PAGE_TWO,
    RECEIVED,
    load_rosters,
    prior_auth_pdf,
)


def _fields(value: str) -> dict[str, Any]:
    return {"fields": {"member_name": {"value": value, "confidence": 1.0, "page": 1}}}


@pytest.mark.parametrize(("read", "roster", "says"), [
    ("Rosa Delgado", "Rosa Delgado", "matched"),
    ("DELGADO, ROSA", "Rosa Delgado", "matched"),
    ("Metformin 500 mg tablet", "Rosa Delgado", "differs"),
    ("Rosa Delgado", None, "not_found"),
])
def test_each_name_says_what_the_roster_made_of_it(read: str, roster: str | None,
                                                   says: str) -> None:
    extras = _fields(read)
    mark_roster(extras, "member_name", roster)
    untrusted = {} if says == "matched" else {"needs_review": True}  # never trusted as read
    assert extras["fields"]["member_name"] == {"value": read, "confidence": 1.0, "page": 1,
                                               "roster": says, **untrusted}


def _flagged(value: str, problems: tuple[str, ...] = ()) -> dict[str, Any]:
    extras = _fields(value)
    extras["fields"]["member_name"]["needs_review"] = True  # names are always checked at first
    extras["problems"] = [{"field": name, "kind": "unverified", "message": "..."}
                          for name in problems]
    return extras


@pytest.mark.parametrize(("read", "roster", "vouched", "problems", "trusted"), [
    ("Rosa Delgado", "Rosa Delgado", True, (), True),
    ("DELGADO, ROSA", "Rosa Delgado", True, (), True),
    ("Dr. Mei Hernandez", "Mei Hernandez MD", True, (), True),
    ("Rosa Delgabo", "Rosa Delgado", True, (), False),  # close is not the roster's spelling
    ("Rosa Delgado", "Rosa Delgado", False, (), False),  # found by the name alone
    ("Rosa Delgado", "Rosa Delgado", True, ("member_name",), False),  # a problem of its own
    ("Rosa", "Rosa Delgado", True, (), False),
])
def test_a_name_is_trusted_only_as_the_roster_spells_it_for_whom_the_ids_found(
        read: str, roster: str, vouched: bool, problems: tuple[str, ...],
        trusted: bool) -> None:
    extras = _flagged(read, problems)
    mark_roster(extras, "member_name", roster, vouched=vouched)
    assert extras["fields"]["member_name"]["needs_review"] is not trusted


def test_a_name_not_read_is_not_marked() -> None:
    extras = _fields("Rosa Delgado")
    mark_roster(extras, "requesting_provider_name", "Valley Family Medicine")
    assert "requesting_provider_name" not in extras["fields"]


def _ingest(ws: Workspace, settings: Settings, folder: Path, pages: tuple[list[tuple[str, int]],
            ...]) -> dict[str, Any]:
    load_rosters(ws, folder)
    path = folder / "prior-auth.pdf"
    path.write_bytes(prior_auth_pdf(pages))
    (result,) = ingest_files(ws, settings, [path], RECEIVED)
    assert result.document_id is not None, result.reason
    return recorded_analysis(ws, result.document_id)


def test_names_the_roster_knows_are_matched(workspace: Workspace, settings: Settings,
                                            tmp_path: Path) -> None:
    fields = _ingest(workspace, settings, tmp_path, (PAGE_ONE, PAGE_TWO))["fields"]
    assert fields["member_name"]["roster"] == "matched"
    assert fields["requesting_provider_name"]["roster"] == "matched"
    assert fields["member_name"]["value"] == "Rosa Delgado"  # the contract's keys unchanged
    # Found by the ID (and NPI) read beside them and spelled as the roster spells them, the
    # names need no person's look.
    assert fields["member_name"]["needs_review"] is False
    assert fields["requesting_provider_name"]["needs_review"] is False


def test_a_name_the_roster_does_not_have_is_not_trusted(workspace: Workspace,
                                                        settings: Settings,
                                                        tmp_path: Path) -> None:
    """GIVEN the member's ID and birth date but another name than the roster's, and a
    provider the roster has never heard of, THEN neither name is confirmed."""
    page = [(text.replace("Rosa Delgado", "Dolores Ibarra")
             .replace("Valley Family Medicine", "Sierra Foothills Pediatrics")
             .replace("1234567893", "1245319599"), size) for text, size in PAGE_ONE]
    fields = _ingest(workspace, settings, tmp_path, (page, PAGE_TWO))["fields"]
    assert fields["member_name"]["roster"] == "differs"
    assert fields["requesting_provider_name"]["roster"] == "not_found"
    assert fields["member_name"]["needs_review"] and fields["requesting_provider_name"]["needs_review"]


def test_a_name_whose_birth_date_the_roster_disagrees_with_is_checked(
        workspace: Workspace, settings: Settings, tmp_path: Path) -> None:
    """GIVEN the member's ID and name as the roster has them but another birth date THEN the
    name is matched yet still checked: the page may be about someone else."""
    page = [(text.replace("04/12/1961", "04/12/1958"), size) for text, size in PAGE_ONE]
    fields = _ingest(workspace, settings, tmp_path, (page, PAGE_TWO))["fields"]
    assert fields["member_name"]["roster"] == "matched"
    assert fields["member_name"]["needs_review"] is True
