"""After reading: recognise the form, match the rosters, decide the route, and file the
document into a case.

Understanding (`understand`) only reads the database (the rosters), so intake runs it in its
reading workers; filing (`file_understood`) writes, so it runs in the one writing process.
"""

from __future__ import annotations

import json
import logging
import traceback
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from casework.actor import SYSTEM, Actor
from casework.cases.filing import (
    DocumentFacts,
    Filing,
    as_date,
    case_json,
    decide_route,
    file_document,
)
from casework.cases.flags import CaseWarning, raise_flags
from casework.cases.lookup import get_case
from casework.db.models import Document
from casework.directory.matching import (
    MemberMatch,
    ProviderMatch,
    match_member,
    match_provider,
)
from casework.forms.analysis import FormAnalysis, analyze
from casework.forms.requested_priority import RequestedPriority, requested_priority
from casework.intake.roster_names import mark_names
from casework.plan.routing import RouteDecision
from casework.plan.rulebook import Rulebook
from casework.plan.timezone import plan_date
from casework.workspace import Workspace
from ocr import DocumentReading
from ocr.timing import StageTimes

log = logging.getLogger(__name__)

# Kept with the analysis for the screens, but not part of the `ingest --json` contract.
BOXES_KEY = "boxes"
VERIFICATION_KEY = "verification"
PRIVATE_KEYS = (BOXES_KEY, VERIFICATION_KEY)


@dataclass(frozen=True)
class DocumentAnalysis:
    """Everything decided about a read document before it is written: its form, the roster
    matches, the facts filing needs and where routing sends it. Plain data, so it crosses from
    a reading worker to the writing process.

    `failure`: the traceback of a recognition bug (the form is then "unknown"), for the
    writer's log.
    """

    reading: DocumentReading
    form: FormAnalysis
    member: MemberMatch
    requesting: ProviderMatch | None
    servicing: ProviderMatch | None
    facts: DocumentFacts
    route: RouteDecision
    failure: str | None = None
    priority: RequestedPriority | None = None  # what the document asks; None when unknown
    times: StageTimes = field(default_factory=StageTimes)  # where the worker's time went

    @property
    def warnings(self) -> list[str]:
        """What a person must look at before the route is trusted (an unread urgency box)."""
        warning = self.priority.warning if self.priority is not None else None
        return [warning] if warning else []


def recognise(reading: DocumentReading, now: datetime,
              rulebook: Rulebook) -> tuple[FormAnalysis, str | None]:
    """The form analysis, or "unknown" with the traceback when recognition fails: a bug in
    recognition must not lose the document, a person files it."""
    try:
        return analyze(reading, now, rulebook), None
    except Exception:
        return FormAnalysis("unknown", 0.0, []), traceback.format_exc()


def understand(ws: Workspace, reading: DocumentReading, form: FormAnalysis,
               received_at: datetime, failure: str | None = None) -> DocumentAnalysis:
    """Match member and providers against the rosters (read-only) and decide the route with
    `ws.rules`; nothing is written."""
    values: dict[str, object] = {name: f.value for name, f in form.fields.items()}
    # A form without a service date is about the time it was sent.
    member = match_member(ws, name=_text(values.get("member_name")),
                          member_id=_text(values.get("member_id")),
                          dob=as_date(values.get("member_dob")),
                          service_date=as_date(values.get("service_start_date"))
                          or plan_date(received_at))
    requesting = _provider(ws, values, "requesting_provider")
    servicing = _provider(ws, values, "servicing_provider")
    if member.matched and member.cin:
        values["member_id"] = member.cin
    asked = requested_priority(form, reading, ws.rules.routing.priority) \
        if form.form_type in ws.rules.schemas else None
    facts = DocumentFacts(
        form_type=form.form_type, fields=values, complete=form.complete,
        problems=tuple(p.to_json() for p in form.problems),
        member_id=member.member_id, member_cin=member.cin or _text(values.get("member_id")),
        member_name=member.name or _text(values.get("member_name")) or "",
        language=member.language or _text(values.get("preferred_language")),
        requesting_provider_id=requesting.provider_id if requesting else None,
        servicing_provider_id=servicing.provider_id if servicing else None,
        needs_follow_up=form.needs_follow_up,
        requested_priority=asked.value if asked is not None else None,
    )
    return DocumentAnalysis(reading, form, member, requesting, servicing, facts,
                            decide_route(facts, ws.rules.routing), failure, asked)


def file_understood(session: Session, rulebook: Rulebook, actor: Actor, now: datetime,
                    document: Document, analysis: DocumentAnalysis) -> Filing:
    """File the document as `analysis` says and keep the analysis with its roster matches on
    the document's row; all in `session`."""
    if analysis.failure is not None:
        log.error("form analysis failed for document %s:\n%s", document.id, analysis.failure)
    page_text = "\n".join(page.text for page in analysis.reading.pages)
    filing = file_document(session, rulebook, actor, now, document, analysis.facts, page_text,
                           decision=analysis.route)
    session.flush()
    form = analysis.form
    extras = form.to_json()
    extras["problems"].extend(roster_problems(analysis.member))
    extras[BOXES_KEY] = field_boxes(form)
    extras["member_match"] = member_json(analysis.member)
    extras["provider_match"] = {"requesting": provider_json(analysis.requesting),
                                "servicing": provider_json(analysis.servicing)}
    if form.form_type != "unknown":
        raise_flags(session, actor, now, get_case(session, filing.case_id), document.id,
                    case_warnings(analysis.member, analysis.facts))
    extras["case"] = case_json(session, filing.case_id)
    if analysis.priority is not None:
        extras["requested_priority"] = analysis.priority.to_json()
    mark_names(extras, analysis.member, {"requesting_provider": analysis.requesting,
                                         "servicing_provider": analysis.servicing},
               analysis.facts.fields)
    record_analysis(document, form, extras)
    return filing


def understand_and_file(session: Session, ws: Workspace, document: Document,
                        reading: DocumentReading, now: datetime) -> Filing:
    """Analyse a document here and now, and file it: for a person waiting (a split document's
    parts). Intake's reading workers do the analysis themselves."""
    form, failure = recognise(reading, now, ws.rules)
    analysis = understand(ws, reading, form, document.received_at, failure)
    return file_understood(session, ws.rules, SYSTEM, now, document, analysis)


def file_analysed(session: Session, ws: Workspace, actor: Actor, document: Document,
                  reading: DocumentReading, analysis: FormAnalysis, now: datetime) -> Filing:
    """Match member and providers, file the document as `analysis` (a person's choice of
    form) says, and keep the analysis with its roster matches on the document's row."""
    understood = understand(ws, reading, analysis, document.received_at)
    return file_understood(session, ws.rules, actor, now, document, understood)


def record_analysis(document: Document, analysis: FormAnalysis,
                    extras: dict[str, object]) -> None:
    """Keep what forms made of the document on its row."""
    document.form_type = analysis.form_type
    document.form_confidence = analysis.confidence
    document.analysis_json = json.dumps(extras, default=str)


def field_boxes(analysis: FormAnalysis) -> dict[str, list[int]]:
    """Where each field was read on its page (x0, y0, x1, y1 in page-image pixels)."""
    return {name: [round(f.box.x0), round(f.box.y0), round(f.box.x1), round(f.box.y1)]
            for name, f in analysis.fields.items() if f.box is not None}


def _provider(ws: Workspace, values: dict[str, object], prefix: str) -> ProviderMatch | None:
    name, npi = _text(values.get(f"{prefix}_name")), _text(values.get(f"{prefix}_npi"))
    if not name and not npi:
        return None
    return match_provider(ws, name=name, npi=npi)


def member_json(match: MemberMatch) -> dict[str, Any]:
    """The member match as the analysis records it."""
    return {
        "matched": match.matched, "member_id": match.cin, "name": match.name,
        "score": round(match.score, 1), "eligible": match.eligible_on_service_date,
        "corrections": [{"field": c.field, "read": c.read, "corrected": c.corrected,
                         "reason": c.reason} for c in match.corrections],
        "candidates": list(match.candidates),
    }


def provider_json(match: ProviderMatch | None) -> dict[str, Any] | None:
    """A provider match as the analysis records it (None when the form names no provider)."""
    if match is None:
        return None
    return {"matched": match.provider_id is not None, "npi": match.npi, "name": match.name,
            "score": round(match.score, 1),
            "corrections": [{"field": c.field, "read": c.read, "corrected": c.corrected,
                             "reason": c.reason} for c in match.corrections]}


def roster_problems(member: MemberMatch) -> list[dict[str, str]]:
    """What the roster says is doubtful about the member a form names."""
    if not member.dob_differs:
        return []
    assert member.form_dob is not None and member.roster_dob is not None
    return [{"field": "member_dob", "kind": "unverified", "message": (
        f"The birth date on the form ({member.form_dob:%m/%d/%Y}) is not the one the roster "
        f"has for {member.name} ({member.roster_dob:%m/%d/%Y}). Check that this is the same "
        "person before working the case.")}]


def case_warnings(member: MemberMatch, facts: DocumentFacts) -> list[CaseWarning]:
    """What a person must settle on the case before working it: the roster's birth date is
    not the form's, or the roster has no one the form names."""
    if member.dob_differs:
        assert member.form_dob is not None and member.roster_dob is not None
        return [CaseWarning("birth_date_differs", (
            f"Birth date differs: the form says {member.form_dob:%m/%d/%Y}, the roster has "
            f"{member.roster_dob:%m/%d/%Y} for {member.name}."),
            f"Check that {member.name} is the member on the form (the birth dates differ); "
            "correct the document or the member, then mark this done.")]
    named = facts.member_name or facts.member_cin
    if not member.matched and named:
        who = " ".join(p for p in (facts.member_name, facts.member_cin and
                                   f"({facts.member_cin})") if p)
        return [CaseWarning("member_not_found", f"Member not found: the roster has no {who}.",
                        f"Find {who} in the roster (a misread ID or a new member?) and "
                        "correct the document, then mark this done.")]
    return []


def _text(value: object) -> str | None:
    return str(value) if value not in (None, "", []) else None


def recorded_analysis(ws: Workspace, document_id: int) -> dict[str, Any]:
    """What filing recorded for a document (a duplicate shows its original's), for ingest JSON."""
    with ws.db.read() as session:
        document = session.get(Document, document_id)
        if document is not None and document.duplicate_of_id is not None:
            document = session.get(Document, document.duplicate_of_id)
        if document is None or not document.analysis_json:
            return {}
        extras: dict[str, Any] = json.loads(document.analysis_json)
        return {key: value for key, value in extras.items() if key not in PRIVATE_KEYS}
