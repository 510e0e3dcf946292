"""A case's priority changed by a person: the case moves to its queue for that priority and its
running clocks are counted again, in one transaction with the trail.

Two ways in: staff change the priority of a case (the member's health turns out to be at
serious risk, or a request marked urgent is not), or a clerk corrects the urgency or expedited
answer read from the document that opened the case (verification calls `reroute`). Routing
decides the queue, as it did when the case opened; the clock rules decide the clocks.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from casework.actor import Actor
from casework.audit.actions import AuditAction
from casework.audit.trail import record
from casework.cases.clock_fields import ClockMove, recount_clocks, shown
from casework.cases.clocks import compute_clocks
from casework.cases.filing import CLOSED
from casework.cases.lookup import get_case
from casework.cases.opening import refresh_next_due
from casework.cases.statuses import CaseStatus
from casework.db.case_models import Case, CaseDocument
from casework.errors import InvalidValue, UserError
from casework.permissions import Permission
from casework.plan.case_types import PRIORITIES, Priority
from casework.plan.routing import RoutingRules, route
from casework.plan.rulebook import Rulebook
from casework.workspace import Workspace


@dataclass(frozen=True)
class PriorityChange:
    """What changed: the priority and queue before and after, and each clock moved."""

    number: str
    before: str
    after: str
    queue_before: str
    queue_after: str
    moves: tuple[ClockMove, ...] = ()


def change_priority(ws: Workspace, actor: Actor, case_id: int, priority: str,
                    reason: str) -> PriorityChange:
    """Set a case's priority with the person's reason: it re-routes and its clocks are
    counted again; refused in words for a closed case or a priority its type cannot have."""
    actor.require(Permission.WORK_CASES)
    why = " ".join(reason.split())
    if not why:
        raise InvalidValue("Say why the priority changes; the reason is kept in the case's "
                           "history.")
    if priority not in PRIORITIES:
        raise InvalidValue(f"There is no priority {priority!r}; use one of "
                           f"{', '.join(PRIORITIES)}.")
    with ws.db.write() as session:
        case = get_case(session, case_id)
        if case.priority == priority:
            raise UserError(f"{case.number} is already {priority}; nothing was changed.")
        queue = queue_for(ws.rules.routing, case, priority)
        return reprioritise(session, ws.rules, actor, case, priority, queue, ws.now(), why)


def reroute(session: Session, rulebook: Rulebook, actor: Actor, case: Case, form_type: str,
            values: dict[str, object], complete: bool, now: datetime, field: str,
            document_id: int) -> PriorityChange | None:
    """Route an open case again from its document's corrected values, and take the priority
    and queue routing gives now; None when nothing changes (or the case is closed)."""
    if case.status in CLOSED:
        return None
    decision = route(rulebook.routing, form_type, values, complete, case.language)
    home = case.review_from_queue or case.queue  # a case with a reviewer goes back there
    if decision.case_type != case.case_type or (
            decision.priority, decision.queue) == (case.priority, home):
        return None
    reason = f"the {field.replace('_', ' ')} on document {document_id} was corrected"
    return reprioritise(session, rulebook, actor, case, decision.priority, decision.queue, now,
                        reason, document_id)


def reprioritise(session: Session, rulebook: Rulebook, actor: Actor, case: Case,
                 priority: str, queue: str, now: datetime, reason: str,
                 document_id: int | None = None) -> PriorityChange:
    """Give the case `priority` in `queue` and count its running clocks again; audited (the
    change, then each clock moved) in the caller's transaction."""
    if case.status in CLOSED:
        raise UserError(f"{case.number} is {case.status}; a closed case's priority cannot "
                        "change.")
    # Refuses, in words, a priority no clock rule gives this type (an exempt appeal).
    compute_clocks(rulebook, case.case_type, priority, case.received_at,
                   hearing_date=case.hearing_date, decided_at=case.decided_at)
    before, queue_before = case.priority, case.queue
    if case.review_from_queue is not None:
        # Waiting for a clinical reviewer: it stays in the reviewers' queue, and goes back to
        # the queue of its new priority once the decision is recorded.
        case.review_from_queue, queue = queue, case.queue
    case.priority, case.queue = priority, queue
    moves = recount_clocks(session, rulebook, case)
    refresh_next_due(session, case)
    case.updated_at = now
    record(session, actor, AuditAction.CASE_PRIORITY_CHANGED, "case", case.id, now,
           {"number": case.number, "from": before, "to": priority, "queue_before": queue_before,
            "queue": queue, "reason": reason, "document": document_id,
            "clocks": {m.clock: {"from": shown(m.before), "to": shown(m.after)} for m in moves}})
    for move in moves:
        record(session, actor, AuditAction.CASE_CLOCK_MOVED, "case", case.id, now,
               {"number": case.number, "clock": move.clock, "from": shown(move.before),
                "to": shown(move.after), "document": document_id,
                "reason": f"the priority changed from {before} to {priority}"})
    return PriorityChange(case.number, before, priority, queue_before, queue, tuple(moves))


def queue_for(rules: RoutingRules, case: Case, priority: str) -> str:
    """The queue routing gives a case of this type, fields and language at `priority`: as if
    it had asked for that priority. A priority no rule routes to (exempt, taken on the
    phone) keeps the queue routing gives at standard."""
    fields = json.loads(case.fields_json or "{}")
    complete = case.status != CaseStatus.PENDING_INFORMATION
    asked = priority if priority != Priority.EXEMPT else Priority.STANDARD
    fallback = None
    for form_type in _forms_routed_to(rules, case.case_type):
        decision = route(rules, form_type, fields, complete, case.language, asked)
        if decision.case_type != case.case_type:
            continue
        if decision.priority == priority:
            return decision.queue
        fallback = fallback or decision.queue
    return fallback or case.queue


def opened_by(session: Session, document_id: int) -> list[Case]:
    """The cases a document opened (not those it was attached to later)."""
    return list(session.scalars(
        select(Case).join(CaseDocument, CaseDocument.case_id == Case.id)
        .where(CaseDocument.document_id == document_id,
               CaseDocument.reason.startswith("opened")).order_by(Case.id)))


def _forms_routed_to(rules: RoutingRules, case_type: str) -> list[str]:
    """The form types routing sends to cases of `case_type`, in the order of the rules."""
    forms: dict[str, None] = {}
    for rule in rules.rules:
        if rule.decision.case_type == case_type and rule.form_types is not None \
                and not rule.form_types.negated:
            forms.update((str(f), None) for f in sorted(v for v in rule.form_types.values
                                                        if v is not None))
    return list(forms)
