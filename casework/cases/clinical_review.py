"""The clinical review gate: who may deny or modify a request, and referring a case to a reviewer.

A denial or modification for medical necessity is decided by a physician (a pharmacist for
drugs), never by the coordinator working the case (Knox-Keene Act, H&S Code §1367.01(e)); which
outcomes are reserved, and the queue referred cases wait in, are the plan's rules
(resources/clinical_review.yaml). Coordinators approve, ask for information, pend, and refer.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from casework.actor import Actor
from casework.audit.actions import AuditAction
from casework.audit.trail import record
from casework.cases.lookup import get_case
from casework.cases.queues import case_row
from casework.cases.states import WORDS, check_move
from casework.cases.statuses import CaseStatus
from casework.cases.views import CaseRow
from casework.db.case_models import Case, CaseNote
from casework.db.models import User
from casework.errors import PermissionDenied, UserError
from casework.permissions import Permission, Role, allows
from casework.plan.case_types import CASE_TYPE_LABELS, capitalized, with_article
from casework.plan.clinical_review import ClinicalReviewRules
from casework.workspace import Workspace

# Statuses a case can be referred from: it is open and not yet decided.
REFERABLE = (CaseStatus.RECEIVED, CaseStatus.PENDING_INFORMATION, CaseStatus.IN_REVIEW)


class ReviewerRequired(PermissionDenied):
    """An outcome only a clinical reviewer may record was asked of someone else."""


@dataclass(frozen=True)
class DecidingReviewer:
    """The clinical reviewer who recorded a case's decision, as its notice names them."""

    username: str
    full_name: str
    credentials: str
    phone: str
    is_reviewer: bool  # the account still holds the clinical reviewer's role


def role_words(role: Role) -> str:
    """'um coordinator' for Role.UM_COORDINATOR."""
    return role.value.replace("_", " ")


def gate_refusal(rules: ClinicalReviewRules, role: Role, case_type: str,
                 outcome: str | None) -> str | None:
    """Why a person of `role` may not record `outcome` on a `case_type` case (None: they may)."""
    decision = rules.decision_for(case_type, outcome)
    if decision is None or allows(role, Permission.DECIDE_MEDICAL_NECESSITY):
        return None
    label = with_article(CASE_TYPE_LABELS.get(case_type, case_type))
    return (f"Only a clinical reviewer (a physician, or a pharmacist for drugs) may record that "
            f"{label} is {outcome} ({decision.citation}). A {role_words(role)} may approve it, "
            "ask for information, pend it, or refer it to a reviewer.")


def refused_outcomes(rules: ClinicalReviewRules, role: Role, case_type: str) -> dict[str, str]:
    """The outcomes of a `case_type` case a person of `role` may not record, with the reason
    (for the choices a screen offers)."""
    reserved = (o for d in rules.decisions if d.case_type == case_type for o in d.outcomes)
    refused = {}
    for outcome in reserved:
        reason = gate_refusal(rules, role, case_type, outcome)
        if reason is not None:
            refused[outcome] = reason
    return refused


def check_decider(session: Session, rules: ClinicalReviewRules, actor: Actor, case: Case,
                  outcome: str | None) -> None:
    """Refuse, in words, an outcome reserved to a reviewer unless a reviewer whose notice can
    name them records it."""
    reason = gate_refusal(rules, actor.role, case.case_type, outcome)
    if reason is not None:
        raise ReviewerRequired(f"{actor.username}: {reason}")
    if rules.decision_for(case.case_type, outcome) is None:
        return
    user = session.get(User, actor.user_id) if actor.user_id is not None else None
    if user is None or not user.full_name.strip() or not (user.credentials or "").strip():
        raise ReviewerRequired(
            f"A decision that the request is {outcome} is recorded by a signed-in reviewer "
            "whose full name and credentials are on the account: the notice names them. An "
            "administrator adds them to the account.")


def deciding_reviewer(session: Session, case: Case) -> DecidingReviewer | None:
    """Who recorded the case's decision, if anyone did."""
    if case.decided_by_id is None:
        return None
    user = session.get(User, case.decided_by_id)
    if user is None:
        return None
    reviewer = user.role in {r.value for r in Role} and allows(
        Role(user.role), Permission.DECIDE_MEDICAL_NECESSITY)
    return DecidingReviewer(user.username, user.full_name, user.credentials or "",
                            user.phone or "", reviewer)


def can_refer(rules: ClinicalReviewRules, case_type: str, status: str, queue: str) -> bool:
    """Whether a case may be referred to a clinical reviewer now (for the button a screen shows)."""
    return rules.reviewed(case_type) and status in REFERABLE and queue != rules.queue


def refer_to_reviewer(ws: Workspace, actor: Actor, case_id: int, note: str = "") -> CaseRow:
    """Put an undecided case in the clinical review queue, in review, with what to look at."""
    actor.require(Permission.WORK_CASES)
    rules = ws.rules.clinical_review
    now = ws.now()
    with ws.db.write() as session:
        case = get_case(session, case_id)
        label = CASE_TYPE_LABELS.get(case.case_type, case.case_type)
        if not rules.reviewed(case.case_type):
            raise UserError(f"{capitalized(with_article(label))} needs no clinical reviewer's "
                            "decision, so it cannot be referred to one.")
        if case.queue == rules.queue:
            raise UserError(f"{case.number} is already waiting for a clinical reviewer.")
        if case.status not in REFERABLE:
            raise UserError(f"{case.number} is {WORDS[case.status].state}: only an undecided "
                            "request can be referred to a clinical reviewer.")
        if case.status != CaseStatus.IN_REVIEW:
            check_move(case.case_type, case.status, CaseStatus.IN_REVIEW, priority=case.priority)
        previous = (case.queue, case.status)
        case.review_from_queue, case.queue = case.queue, rules.queue
        case.status = CaseStatus.IN_REVIEW
        case.updated_at = now
        if note.strip():
            session.add(CaseNote(case_id=case.id, author=actor.username, created_at=now,
                                 text=f"For the clinical reviewer: {note.strip()}"))
        record(session, actor, AuditAction.CASE_REFERRED_TO_REVIEWER, "case", case.id, now,
               {"number": case.number, "from": previous[0], "to": rules.queue,
                "status": previous[1], "reason": note.strip() or None})
        return case_row(case, _assignee(session, case))


def back_from_review(case: Case, target: str) -> str | None:
    """A referred case leaving review (decided, pended, withdrawn) returns to the queue it came
    from; returns that queue when it moved."""
    if case.review_from_queue is None or target == CaseStatus.IN_REVIEW:
        return None
    case.queue, case.review_from_queue = case.review_from_queue, None
    return case.queue


def _assignee(session: Session, case: Case) -> str | None:
    if case.assignee_id is None:
        return None
    return session.scalar(select(User.username).where(User.id == case.assignee_id))
