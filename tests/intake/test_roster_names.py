"""A name read from a form is trusted only when the roster knows it: the analysis says, per
name field, whether the roster confirmed it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from casework.intake.service import ingest_files
from casework.intake.understanding import mark_roster, recorded_analysis
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
