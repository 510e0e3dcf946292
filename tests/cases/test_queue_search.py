"""Finding a case from the queue's search box: by number, member, or what its fax says."""

from __future__ import annotations

from pathlib import Path

import pytest

from casework.cases.queues import CaseFilter, count_cases, list_cases
from casework.errors import InvalidValue
from casework.settings import Settings
from casework.workspace import Workspace
from tests.conftest import SUPERVISOR
from tests.intake.prior_auth_sample import ingest_prior_auth


def test_a_case_is_found_by_words_of_its_document(workspace: Workspace, settings: Settings,
                                                  tmp_path: Path) -> None:
    """GIVEN a faxed request filed into a case WHEN a coordinator searches for words only its
    pages hold (the clinical reason) THEN the case is listed, and words it lacks find nothing."""
    ingest_prior_auth(workspace, settings, tmp_path)
    (by_text,) = list_cases(workspace, SUPERVISOR, CaseFilter(search="low back pain"))
    assert by_text.number.startswith("PA-")
    assert count_cases(workspace, SUPERVISOR, CaseFilter(search="low back pain")) == 1
    (by_member,) = list_cases(workspace, SUPERVISOR, CaseFilter(search="91234567A"))
    assert by_member.id == by_text.id
    assert list_cases(workspace, SUPERVISOR, CaseFilter(search="wheelchair oxygen")) == []
    assert list_cases(workspace, SUPERVISOR, CaseFilter(search="back pain",
                                                        queue="grievance")) == []


def test_percent_and_underscore_are_just_characters_and_a_long_search_is_refused(
    workspace: Workspace, settings: Settings, tmp_path: Path
) -> None:
    """GIVEN a filed case WHEN someone searches for '%' or '_' (LIKE's wildcards) THEN nothing
    matches every case; a search of a page of text is refused in words, not as a failure."""
    ingest_prior_auth(workspace, settings, tmp_path)
    assert len(list_cases(workspace, SUPERVISOR, CaseFilter(search="PA-"))) == 1
    for wildcard in ("%", "_", "PA%", "P_-"):
        assert list_cases(workspace, SUPERVISOR, CaseFilter(search=wildcard)) == [], wildcard
    with pytest.raises(InvalidValue, match="at most 200 characters"):
        list_cases(workspace, SUPERVISOR, CaseFilter(search="x" * 5000))
