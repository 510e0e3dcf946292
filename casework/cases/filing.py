"""Filing a read document: open a case in the right queue with its clocks, or attach it to one."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from casework.actor import Actor
from casework.cases.clocks import compute_clocks
from casework.cases.message_case import message_case, separate_request
from casework.cases.opening import DueClock, NewCase, attach_document, open_case
from casework.cases.relations import (
    case_numbers_named,
    named_cases,
    relate_named,
    related_cases,
)
from casework.cases.states import asks_providers
from casework.cases.statuses import CaseStatus
from casework.db.case_models import Case, CaseClock
from casework.db.models import Document
from casework.outreach.referrals import NewReferral, open_referral
from casework.plan.case_types import CaseType
from casework.plan.routing import RouteDecision, RoutingRules, route
from casework.plan.rulebook import Rulebook
from casework.plan.timezone import PLAN_ZONE, plan_date
from casework.transport.trips import plan_from_fields, record_trip, trip_json

ATTACH_WINDOW_DAYS = 30
CLOSED = (CaseStatus.CLOSED, CaseStatus.WITHDRAWN)


@dataclass(frozen=True)
class DocumentFacts:
    """What forms and the rosters made of a document, as filing needs it."""

    form_type: str  # "unknown" when nothing recognised it
    fields: dict[str, object] = field(default_factory=dict)
    complete: bool = False
    problems: tuple[dict[str, str], ...] = ()
    member_id: int | None = None
    member_cin: str | None = None
    member_name: str = ""
    language: str | None = None
    requesting_provider_id: int | None = None
    servicing_provider_id: int | None = None
    needs_follow_up: bool = False
    priority: str | None = None  # staff's call on a phone case (exempt, expedited)
    requested_priority: str | None = None  # what the document asks for, stamps and all


@dataclass(frozen=True)
class Filing:
    case_id: int
    number: str
    opened: bool
    reason: str


def request_key(facts: DocumentFacts) -> str | None:
    """What identifies the same request across documents: an authorization or hearing number,
    else the member with the service asked for."""
    for name in ("authorization_number", "hearing_number"):
        value = facts.fields.get(name)
        if value:
            return f"{name}:{str(value).upper()}"
    codes = facts.fields.get("procedure_codes")
    if facts.member_cin and codes:
        listed = codes if isinstance(codes, list) else [codes]
        return f"service:{facts.member_cin}:{','.join(sorted(map(str, listed)))}"
    return None


def decide_route(facts: DocumentFacts, rules: RoutingRules) -> RouteDecision:
    """Where a document with these facts goes: the first routing rule that takes it for the
    priority asked (staff's call on a phone case, else what the document asks), with staff's
    priority over the rule's (exempt has no rule). Pure, so intake decides it in its reading
    workers."""
    decision = route(rules, facts.form_type, facts.fields, facts.complete, facts.language,
                     facts.priority or facts.requested_priority)
    return replace(decision, priority=facts.priority) if facts.priority else decision


def file_document(
    session: Session, rulebook: Rulebook, actor: Actor, now: datetime, document: Document | None,
    facts: DocumentFacts, page_text: str = "", received_at: datetime | None = None,
    *, decision: RouteDecision | None = None,
) -> Filing:
    """Attach to the open case this document continues, or open a new one; all in `session`.

    `decision` is where the document goes (`decide_route`; decided here when not given).
    Whether it continues an open case is decided here, in the writing transaction, because it
    depends on which cases are open now, which can change while a worker analyses the page.
    A document naming a case of another type (an appeal quoting the denied request) opens its
    own case related to the named one as the relation rules say. With no document (a phone
    call), the case is opened from `facts` received at `received_at`.
    """
    decision = decision if decision is not None else decide_route(facts, rulebook.routing)
    received = document.received_at if document is not None else (received_at or now)
    named = named_cases(session, case_numbers_named(page_text, facts.fields))
    existing, why = _existing_case(session, decision.case_type, facts, named, received)
    if existing is None and document is not None:
        existing, why = _same_message(session, document.id, decision.case_type, facts)
    document_id = document.id if document is not None else None
    if existing is not None and document is not None:
        attach_document(session, actor, now, existing, document.id, why)
        case, filing = existing, Filing(existing.id, existing.number, False, why)
    else:
        case = open_case(session, actor, now, new_case(rulebook, facts, decision, received),
                         document_id, reason=f"opened the case ({decision.rule})")
        filing = Filing(case.id, case.number, True, "opened")
        if case.case_type == CaseType.NEMT:  # the request's trip, its miles and a vendor
            record_trip(session, rulebook, actor, now, case, plan_from_fields(facts.fields))
        if case.case_type == CaseType.CARE_COORDINATION:  # a program's referral, numbered
            refer_from_form(session, rulebook, actor, now, case, facts, document_id)
    if decision.case_type != CaseType.INTAKE_REVIEW:  # a document not yet understood relates
        relate_named(session, rulebook.relations, actor, now, case, named, document_id)
    return filing


def refer_from_form(session: Session, rulebook: Rulebook, actor: Actor, now: datetime,
                    case: Case, facts: DocumentFacts, document_id: int | None) -> None:
    """Open the referral a referral form asks for, when it names one of the plan's programs
    and the member's ID; other programs (behavioral health, complex case management) stay a
    case only."""
    program = str(facts.fields.get("program") or "")
    cin = facts.member_cin or str(facts.fields.get("member_id") or "")
    if rulebook.outreach.program(program) is None or not cin.strip():
        return
    reason = facts.fields.get("reason")
    open_referral(session, rulebook, actor, now, NewReferral(
        cin, program, reason=" ".join(reason) if isinstance(reason, list) else str(reason or ""),
        referred_by=str(facts.fields.get("referral_source_name") or "")),
        referred_at=case.received_at, case=case, document_id=document_id)


def continues(case_type: str, named: Case) -> bool:
    """Whether a document routed to `case_type` that names the open case `named` is more of
    that case: the same type of case, or a document not recognised (a cover letter quoting
    the number). An appeal naming a request opens its own case instead."""
    return named.status not in CLOSED and case_type in (named.case_type,
                                                         CaseType.INTAKE_REVIEW)


def new_case(rulebook: Rulebook, facts: DocumentFacts, decision: RouteDecision,
             received: datetime) -> NewCase:
    """The case a document opens: its queue and priority, clocks from its receipt, and the
    tasks a missing field or an unidentified member calls for."""
    hearing = as_date(facts.fields.get("hearing_date"))
    clocks = compute_clocks(rulebook, decision.case_type, decision.priority, received,
                            hearing_date=hearing) if decision.case_type != CaseType.INTAKE_REVIEW \
        else {}
    pending = asks_providers(decision.case_type) and not facts.complete
    tasks = []
    if pending:
        missing = "; ".join(p.get("message", "") for p in facts.problems) or "see the document"
        tasks.append(("request_information", f"Ask the provider for: {missing}", None))
    if facts.needs_follow_up:
        tasks.append(("follow_up", "Identify the member (name, ID or birth date is missing).",
                      None))
    return NewCase(
        case_type=decision.case_type, queue=decision.queue, priority=decision.priority,
        received_at=received,
        clocks=tuple(DueClock(c.name, c.due_at, c.citation) for c in clocks.values()),
        member_id=facts.member_id, member_name=facts.member_name, member_cin=facts.member_cin,
        language=facts.language, requesting_provider_id=facts.requesting_provider_id,
        servicing_provider_id=facts.servicing_provider_id, request_key=request_key(facts),
        hearing_date=hearing,
        status=CaseStatus.PENDING_INFORMATION if pending else CaseStatus.RECEIVED,
        fields={k: v for k, v in facts.fields.items() if v not in (None, "", [])},
        tasks=tuple(tasks),
    )


def _existing_case(session: Session, case_type: str, facts: DocumentFacts, named: list[Case],
                   received_at: datetime) -> tuple[Case | None, str]:
    case = next((c for c in named if continues(case_type, c)), None)
    if case is not None:
        return case, f"the page names case {case.number}"
    key = request_key(facts)
    if key is None or case_type == CaseType.INTAKE_REVIEW:
        return None, ""
    case = session.scalar(
        select(Case).where(Case.request_key == key, Case.case_type == case_type,
                           Case.status.not_in(CLOSED)).order_by(Case.id.desc()).limit(1))
    if case is None:
        return None, ""
    if abs((plan_date(received_at) - plan_date(case.received_at)).days) > ATTACH_WINDOW_DAYS:
        return None, ""
    what = key.split(":", 1)[0].replace("_", " ")
    return case, f"same member and request ({what})"


def _same_message(session: Session, document_id: int, case_type: str,
                  facts: DocumentFacts) -> tuple[Case | None, str]:
    """The open case an earlier part of the same e-mail message is in, unless this part is a
    request of its own."""
    case = message_case(session, document_id)
    if case is None or case.status in CLOSED or separate_request(case, case_type,
                                                                 request_key(facts)):
        return None, ""
    return case, "same e-mail message"


def as_date(value: object) -> date | None:
    """A date value from a form field (a date or ISO text), else None."""
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def case_json(session: Session, case_id: int) -> dict[str, object]:
    """The `case` object of `ingest --json`: number, type, queue, priority, status, dues and
    the cases it is related to; a transportation case's trip."""
    case = session.get(Case, case_id)
    assert case is not None
    clocks = session.scalars(select(CaseClock).where(CaseClock.case_id == case_id)).all()
    found: dict[str, object] = {
        "number": case.number, "type": case.case_type, "queue": case.queue,
        "priority": case.priority, "status": case.status,
        "received_at": case.received_at.astimezone(PLAN_ZONE).isoformat(),
        "due": {c.name: c.due_at.astimezone(PLAN_ZONE).isoformat() for c in clocks},
        "related": [r.to_json() for r in related_cases(session, case_id)],
    }
    trip = trip_json(session, case_id)
    if trip is not None:
        found["trip"] = trip
    return found

