"""The contact log and the plan's outreach rule: attempts are numbered on their case, record
the interpreter and language, and a case closes as unreachable only after three attempts on
three different days (resources/outreach.yaml)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from casework.cases.work import case_detail, change_status
from casework.db.models import AuditEvent
from casework.errors import InvalidValue, PermissionDenied
from casework.outreach.contacts import ContactEntry, case_contact_log, log_contact
from casework.outreach.reach_rule import OutreachIncomplete
from casework.permissions import Permission, Role, allows
from casework.plan.rule_files import RuleFileError
from casework.plan.rulebook import load_rulebook
from casework.workspace import Workspace
from tests.conftest import ADMIN, REPO_ROOT, FixedClock
from tests.outreach.members_and_referrals import (
    care_coordinator,
    file_referral_fax,
    load_roster,
    open_grievance,
)

NO_ANSWER = ContactEntry("phone", "no_answer", "Rang ten times.")


def test_attempts_are_numbered_and_keep_the_interpreter_and_language(
    workspace: Workspace, tmp_path: Path
) -> None:
    load_roster(workspace, tmp_path)
    cora = care_coordinator(workspace)
    number = file_referral_fax(workspace, program="complex_case_management").number
    first = log_contact(workspace, cora, number, NO_ANSWER)
    second = log_contact(workspace, cora, number, ContactEntry(
        "phone", "reached", "Explained the program; she will think about it.",
        interpreter=True, language="Spanish"))
    assert (first.attempt, second.attempt) == (1, 2)
    assert second.says() == "phone, reached, Spanish interpreter"
    log = case_contact_log(workspace, cora, number)
    assert [(c.attempt, c.outcome, c.made_by) for c in log.contacts] == [
        (1, "no_answer", "Cora Coordinator"), (2, "reached", "Cora Coordinator")]
    assert log.contacts[1].interpreter and log.contacts[1].language == "Spanish"
    with workspace.db.read() as session:
        logged = session.scalars(select(AuditEvent.details)
                                 .where(AuditEvent.action == "contact.logged")).all()
    assert len(logged) == 2 and '"interpreter":true' in logged[1]


def test_an_interpreter_needs_a_language_and_channels_are_the_known_ones(
    workspace: Workspace, tmp_path: Path
) -> None:
    load_roster(workspace, tmp_path)
    cora = care_coordinator(workspace)
    number = file_referral_fax(workspace, program="other").number
    with pytest.raises(InvalidValue, match="which language the interpreter"):
        log_contact(workspace, cora, number, ContactEntry("phone", "reached", interpreter=True))
    with pytest.raises(InvalidValue, match="not a channel"):
        log_contact(workspace, cora, number, ContactEntry("pigeon", "reached"))
    with pytest.raises(PermissionDenied):
        log_contact(workspace, ADMIN, number, NO_ANSWER)


def test_a_case_closes_as_unreachable_only_after_three_attempts_on_three_days(
    workspace: Workspace, tmp_path: Path, clock: FixedClock
) -> None:
    load_roster(workspace, tmp_path)
    cora = care_coordinator(workspace)
    filing = file_referral_fax(workspace, program="behavioral_health")
    change_status(workspace, cora, filing.case_id, "in_review")
    # GIVEN three unanswered calls, two of them the same day
    log_contact(workspace, cora, filing.number, NO_ANSWER)
    clock.advance(hours=3)
    log_contact(workspace, cora, filing.number, ContactEntry("phone", "left_message"))
    clock.advance(days=1)
    log_contact(workspace, cora, filing.number, ContactEntry("text", "no_answer"))
    # WHEN the coordinator closes it as unreachable THEN the plan's rule refuses, in words
    with pytest.raises(OutreachIncomplete) as refused:
        change_status(workspace, cora, filing.case_id, "closed", "unreachable")
    assert "3 of 3 attempts, on 2 of 3 different days" in str(refused.value)
    assert "Plan policy CC-100" in str(refused.value)
    assert case_detail(workspace, cora, filing.case_id).row.status == "in_review"
    # a third day's attempt satisfies it
    clock.advance(days=1)
    log_contact(workspace, cora, filing.number, ContactEntry("mail", "no_answer",
                                                             "Outreach letter mailed."))
    assert case_contact_log(workspace, cora, filing.number).progress.satisfied
    change_status(workspace, cora, filing.case_id, "closed", "unreachable")
    detail = case_detail(workspace, cora, filing.case_id)
    assert (detail.row.status, detail.outcome) == ("closed", "unreachable")


def test_closing_without_saying_unreachable_needs_no_attempts(
    workspace: Workspace, tmp_path: Path
) -> None:
    load_roster(workspace, tmp_path)
    cora = care_coordinator(workspace)
    filing = file_referral_fax(workspace, program="other")
    change_status(workspace, cora, filing.case_id, "in_review")
    change_status(workspace, cora, filing.case_id, "closed", "completed")
    assert case_detail(workspace, cora, filing.case_id).outcome == "completed"


def test_the_care_coordinator_works_the_programs_queues_and_referrals() -> None:
    rules = load_rulebook()
    assert rules.routing.queues_for("care_coordinator") == (
        "ecm", "community_supports", "care_coordination")
    role = Role.CARE_COORDINATOR
    assert allows(role, Permission.MANAGE_REFERRALS) and allows(role, Permission.WORK_CASES)
    assert not allows(role, Permission.ASSIGN_CASES)
    assert not allows(Role.ADMIN, Permission.MANAGE_REFERRALS)


def test_a_site_can_ask_for_more_attempts_and_a_bad_rule_is_refused_by_line(
    tmp_path: Path
) -> None:
    bundled = (REPO_ROOT / "resources" / "outreach.yaml").read_text("utf-8")
    site = tmp_path / "rules"
    site.mkdir()
    (site / "outreach.yaml").write_text(bundled.replace("attempts: 3", "attempts: 5"), "utf-8")
    assert load_rulebook(site).outreach.outreach.says() == "5 attempts on 3 different days"
    (site / "outreach.yaml").write_text(bundled.replace("different_days: 3",
                                                        "different_days: 4"), "utf-8")
    with pytest.raises(RuleFileError, match=r"outreach\.yaml.*line.*different_days"):
        load_rulebook(site)
    (site / "outreach.yaml").write_text(bundled.replace("programs: [cbas]\n    address: "
                                                        "\"2510", "programs: [cbass]\n    "
                                                        "address: \"2510"), "utf-8")
    with pytest.raises(RuleFileError, match="cbass"):
        load_rulebook(site)


def test_grievance_staff_log_calls_without_the_unreachable_rule(
    workspace: Workspace, tmp_path: Path
) -> None:
    load_roster(workspace, tmp_path)
    cora = care_coordinator(workspace)
    grievance = open_grievance(workspace)
    number = case_detail(workspace, cora, grievance).row.number
    log_contact(workspace, cora, number, ContactEntry("phone", "reached",
                                                      "Told her the grievance is in review"))
    log = case_contact_log(workspace, cora, number)
    assert len(log.contacts) == 1 and not log.rule_applies
