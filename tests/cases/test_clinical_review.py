"""The clinical review gate: only a clinical reviewer denies or modifies a request, for every role
the plan has; coordinators refer a request to the reviewers' own queue and get it back decided."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import select

from casework.actor import SYSTEM, Actor
from casework.cases.clinical_review import ReviewerRequired, refer_to_reviewer
from casework.cases.opening import NewCase, open_case_now
from casework.cases.priority import change_priority
from casework.cases.queues import CaseFilter, claim_next, list_cases, queue_counts
from casework.cases.work import case_detail, change_status
from casework.db.models import AuditEvent
from casework.errors import PermissionDenied, UserError
from casework.permissions import Permission, Role, allows
from casework.plan.clinical_review import parse_clinical_review
from casework.plan.rule_files import RuleFileError
from casework.plan.rulebook import load_rulebook
from casework.workspace import Workspace
from tests.cases.reviewed_requests import RECEIVED, add_person, open_prior_auth
from tests.conftest import REPO_ROOT, SUPERVISOR


def _person(ws: Workspace, role: Role) -> Actor:
    return SYSTEM if role is Role.SYSTEM else add_person(ws, f"p-{role.value}", role.value)


@pytest.mark.parametrize("role", list(Role))
def test_only_a_clinical_reviewer_may_deny_or_modify(
    workspace: Workspace, tmp_path: Path, role: Role
) -> None:
    actor = _person(workspace, role)
    case_id = open_prior_auth(workspace, tmp_path)
    if role is Role.CLINICAL_REVIEWER:
        change_status(workspace, actor, case_id, "decided", "denied")
        detail = case_detail(workspace, SUPERVISOR, case_id)
        assert (detail.row.status, detail.outcome, detail.decided_by) == (
            "decided", "denied", actor.username)
        assert "notify" in {c.name for c in detail.clocks}  # the notice's clock now runs
        return
    for outcome in ("denied", "modified"):
        with pytest.raises(PermissionDenied) as refused:
            change_status(workspace, actor, case_id, "decided", outcome)
        if allows(role, Permission.WORK_CASES):
            assert isinstance(refused.value, ReviewerRequired)
            assert "Only a clinical reviewer" in str(refused.value)
            assert "H&S Code §1367.01(e)" in str(refused.value)
            assert "refer it to a reviewer" in str(refused.value)
        else:
            assert "not allowed to work cases" in str(refused.value)
    detail = case_detail(workspace, SUPERVISOR, case_id)
    assert (detail.row.status, detail.outcome) == ("in_review", None)
    if allows(role, Permission.WORK_CASES):  # approving needs no physician
        change_status(workspace, actor, case_id, "decided", "approved")
        assert case_detail(workspace, SUPERVISOR, case_id).outcome == "approved"


def test_a_referred_request_waits_in_the_reviewers_queue_and_comes_back_decided(
    workspace: Workspace, tmp_path: Path
) -> None:
    coordinator = add_person(workspace, "uma", "um_coordinator")
    reviewer = add_person(workspace, "aruiz", "clinical_reviewer")
    case_id = open_prior_auth(workspace, tmp_path, status="received")
    row = refer_to_reviewer(workspace, coordinator, case_id, "Is a manual chair enough?")
    assert (row.queue, row.status) == ("clinical_review", "in_review")
    counts = {c.queue: c for c in queue_counts(workspace, reviewer)}
    assert counts["clinical_review"].open == 1
    assert counts["clinical_review"].label == "Clinical review"
    assert [n.text for n in case_detail(workspace, reviewer, case_id).notes] == [
        "For the clinical reviewer: Is a manual chair enough?"]
    with pytest.raises(UserError, match="already waiting for a clinical reviewer"):
        refer_to_reviewer(workspace, coordinator, case_id)

    claimed = claim_next(workspace, reviewer, "clinical_review")
    assert claimed is not None and claimed.id == case_id
    change_status(workspace, reviewer, case_id, "decided", "modified")
    detail = case_detail(workspace, coordinator, case_id)
    assert (detail.row.queue, detail.outcome, detail.decided_by) == (
        "um_standard", "modified", "aruiz")  # back with the coordinator for the notice
    assert list_cases(workspace, coordinator, CaseFilter(queue="clinical_review")) == []
    with workspace.db.read() as session:
        actions = session.scalars(select(AuditEvent.action).where(
            AuditEvent.action == "case.referred_to_reviewer")).all()
    assert actions == ["case.referred_to_reviewer"]


def test_a_referred_request_made_expedited_stays_with_the_reviewer_then_goes_to_its_new_queue(
    workspace: Workspace, tmp_path: Path
) -> None:
    coordinator = add_person(workspace, "uma", "um_coordinator")
    reviewer = add_person(workspace, "aruiz", "clinical_reviewer")
    case_id = open_prior_auth(workspace, tmp_path, status="received")
    refer_to_reviewer(workspace, coordinator, case_id)
    change = change_priority(workspace, coordinator, case_id, "expedited",
                             "the member's health is at serious risk")
    assert (change.after, change.queue_after) == ("expedited", "clinical_review")
    assert case_detail(workspace, reviewer, case_id).row.queue == "clinical_review"
    change_status(workspace, reviewer, case_id, "decided", "denied")
    row = case_detail(workspace, coordinator, case_id).row
    assert (row.queue, row.priority) == ("um_expedited", "expedited")


def test_only_undecided_reviewed_requests_can_be_referred(
    workspace: Workspace, tmp_path: Path
) -> None:
    coordinator = add_person(workspace, "uma", "um_coordinator")
    case_id = open_prior_auth(workspace, tmp_path)
    change_status(workspace, coordinator, case_id, "decided", "approved")
    with pytest.raises(UserError, match="only an undecided request can be referred"):
        refer_to_reviewer(workspace, coordinator, case_id)
    grievance = open_case_now(workspace, SUPERVISOR, NewCase(
        "grievance", "grievance", "standard", RECEIVED))
    with pytest.raises(UserError, match="needs no clinical reviewer's decision"):
        refer_to_reviewer(workspace, coordinator, grievance)


def test_a_site_may_reserve_more_decisions_to_reviewers(
    workspace: Workspace, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    site.mkdir()
    bundled = REPO_ROOT / "resources" / "clinical_review.yaml"
    (site / "clinical_review.yaml").write_text(
        bundled.read_text("utf-8") + "  - case_type: nemt\n    outcomes: [denied]\n"
        "    citation: \"42 CFR §438.210(b)(3)\"\n", "utf-8")
    ws = replace(workspace, rules=load_rulebook(site))
    ride = open_case_now(ws, SUPERVISOR, NewCase("nemt", "transportation", "standard",
                                                 RECEIVED, status="in_review"))
    with pytest.raises(ReviewerRequired, match="transportation request is denied"):
        change_status(ws, SUPERVISOR, ride, "decided", "denied")


@pytest.mark.parametrize(("text", "words"), [
    ("version: 1\nqueue: clinical_review\ndecisions:\n  - case_type: prior_auth\n"
     "    outcomes: [denyed]\n    citation: x\n", "'denyed' is not an outcome"),
    ("version: 1\nqueue: clinical_review\ndecisions:\n  - case_type: prior_auth\n"
     "    outcomes: [denied]\n", "missing 'citation'"),
    ("version: 1\nqueue: clinical_review\ndecisions:\n  - case_type: prior_auth\n"
     "    outcomes: [denied]\n    citation: x\n    notices: {denied: pa_refusal}\n",
     "no letter kind 'pa_refusal'"),
])
def test_a_bad_clinical_review_file_is_refused_with_its_line(text: str, words: str) -> None:
    with pytest.raises(RuleFileError, match=words) as refused:
        parse_clinical_review(text, "clinical_review.yaml")
    assert refused.value.line is not None and refused.value.line >= 4
