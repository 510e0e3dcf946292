"""Checking a phone case as it is typed: the same verdicts Create gives, in plain words."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casework.cases.phone_fields import (
    asks_expedited,
    check_entered_fields,
    phone_forms,
    priority_wording,
)
from casework.cases.phone_intake import open_phone_case
from casework.cases.work import case_detail
from casework.errors import InvalidValue
from casework.plan.rulebook import load_rulebook
from casework.plan.timezone import plan_time
from casework.workspace import Workspace
from tests.conftest import SUPERVISOR, FixedClock
from tests.support.rules import BUNDLED_RULES

NOW = datetime(2026, 11, 2, 17, 30, tzinfo=UTC)


def test_the_forms_offered_by_phone_and_their_priorities() -> None:
    forms = {f.label: f for f in phone_forms(BUNDLED_RULES)}
    assert {"Grievance", "Appeal", "Prior authorization request",
            "Transportation request"} <= set(forms)
    assert not any("cover" in f.form_type for f in forms.values())
    assert forms["Grievance"].priorities == ("standard", "expedited", "exempt")
    assert forms["Grievance"].never_incomplete
    assert forms["Appeal"].priorities == ("standard", "expedited")


def test_a_bad_npi_is_named_and_blocks() -> None:
    check = check_entered_fields(BUNDLED_RULES, "prior_auth_request",
                                 {"requesting_provider_npi": "1234567890"}, NOW)
    problem = check.problems["requesting_provider_npi"]
    assert problem.message == "The requesting provider's NPI 1234567890 is not a valid NPI."
    assert problem.blocks
    short = check_entered_fields(BUNDLED_RULES, "prior_auth_request", {"requesting_provider_npi": "12345"}, NOW)
    assert short.problems["requesting_provider_npi"].message.endswith("An NPI has 10 digits.")


def test_expedited_makes_the_clinical_justification_required() -> None:
    standard = check_entered_fields(BUNDLED_RULES, "prior_auth_request", {"urgency": "standard"}, NOW)
    assert "clinical_justification" not in standard.required
    urgent = check_entered_fields(BUNDLED_RULES, "prior_auth_request", {"urgency": "expedited"}, NOW)
    assert "clinical_justification" in urgent.required
    assert urgent.problems["clinical_justification"].message == (
        "The clinical justification is missing.")
    assert not urgent.problems["clinical_justification"].blocks
    by_priority = check_entered_fields(BUNDLED_RULES, "prior_auth_request", {}, NOW, priority="expedited")
    assert "clinical_justification" in by_priority.required


def test_a_grievance_without_identity_only_needs_a_follow_up() -> None:
    check = check_entered_fields(BUNDLED_RULES, "grievance_form", {"description": "Rude staff."}, NOW)
    assert check.blocking == [] and check.missing == []
    assert check.problems["member_id"].kind == "unverified"


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2026, 11, 2)),
       st.sampled_from(["%m/%d/%Y", "%Y-%m-%d", "%-m/%-d/%Y", "%B %-d, %Y"]))
def test_any_past_birth_date_written_the_usual_ways_is_accepted(day: date, fmt: str) -> None:
    check = check_entered_fields(BUNDLED_RULES, "grievance_form", {"member_dob": day.strftime(fmt)}, NOW)
    assert "member_dob" not in check.problems


@given(st.dates(min_value=date(2026, 11, 3), max_value=date(2099, 12, 31)))
def test_a_birth_date_in_the_future_is_refused(day: date) -> None:
    check = check_entered_fields(BUNDLED_RULES, "grievance_form", {"member_dob": day.strftime("%m/%d/%Y")},
                                 NOW)
    assert check.problems["member_dob"].message.endswith("is in the future.")


@given(st.text(alphabet="abcxyz!?# ", min_size=1, max_size=12).filter(str.strip))
def test_text_that_is_no_date_is_refused_with_the_format_to_use(text: str) -> None:
    check = check_entered_fields(BUNDLED_RULES, "prior_auth_request", {"service_start_date": text}, NOW)
    problem = check.problems["service_start_date"]
    assert problem.blocks and problem.message.endswith("Write the date as MM/DD/YYYY.")


def test_what_passes_the_check_is_what_create_accepts(workspace: Workspace) -> None:
    texts = {"member_name": "Rosa Delgado", "member_id": "91234567A", "member_phone": "555-01"}
    check = check_entered_fields(BUNDLED_RULES, "grievance_form", texts, workspace.now())
    assert [p.field for p in check.blocking] == ["member_phone"]
    assert check.problems["member_phone"].message.startswith(
        "The member's phone number “555-01” is not valid.")
    with pytest.raises(InvalidValue, match="phone number “555-01” is not valid"):
        open_phone_case(workspace, SUPERVISOR, "grievance_form", texts)


def test_a_call_logged_late_counts_its_clocks_from_when_it_came_in(
    workspace: Workspace, clock: FixedClock
) -> None:
    earlier = clock() - timedelta(hours=20)  # Sunday 2026-11-01 13:30 Pacific
    case = open_phone_case(workspace, SUPERVISOR, "grievance_form",
                           {"description": "No interpreter at my visit."}, "standard",
                           received_at=earlier)
    detail = case_detail(workspace, SUPERVISOR, case.case_id)
    assert detail.row.received_at == earlier
    assert {c.name: plan_time(c.due_at).date().isoformat() for c in detail.clocks} == {
        "acknowledge": "2026-11-06", "resolve": "2026-12-01"}
    with pytest.raises(InvalidValue, match="later than now"):
        open_phone_case(workspace, SUPERVISOR, "grievance_form", {"description": "x"},
                        received_at=clock() + timedelta(minutes=5))


def test_priorities_are_offered_in_the_words_of_the_clock_rules() -> None:
    today = NOW.date()
    assert priority_wording(BUNDLED_RULES, "prior_auth_request", "expedited", today) == (
        "Expedited (urgent: within 72 hours)")
    assert priority_wording(BUNDLED_RULES, "grievance_form", "exempt", today) == (
        "Exempt (resolved on the call or by the next business day)")


def test_a_site_clock_rule_changes_the_words_offered(tmp_path: Path) -> None:
    bundled = (resources.files("resources") / "clocks.yaml").read_text(encoding="utf-8")
    assert "due: {hours: 72}" in bundled
    (tmp_path / "clocks.yaml").write_text(bundled.replace("due: {hours: 72}", "due: {hours: 48}"),
                                          encoding="utf-8")
    site = load_rulebook(tmp_path)
    assert priority_wording(site, "prior_auth_request", "expedited", NOW.date()) == (
        "Expedited (urgent: within 48 hours)")


def test_expedited_is_asked_as_routing_reads_the_form() -> None:
    assert asks_expedited(BUNDLED_RULES, "prior_auth_request", {"urgency": "urgent"})
    assert asks_expedited(BUNDLED_RULES, "grievance_form", {"expedited": "yes"})
    assert not asks_expedited(BUNDLED_RULES, "prior_auth_request", {"urgency": "standard"})
    assert not asks_expedited(BUNDLED_RULES, "prior_auth_request", {})
