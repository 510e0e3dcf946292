"""Drafting a letter for a case: its values from the case and from staff, checked, rendered.

`draft_letter` makes the PDF and stores nothing: issuing stores it as a version, and the
letter window shows it as a preview before any version is stored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace
from datetime import date
from html import unescape
from typing import Any

from casework.actor import Actor
from casework.cases.lookup import get_case_by_number
from casework.errors import InvalidValue
from casework.letters.addresses import address_block, format_phone
from casework.letters.case_values import case_letter_values
from casework.letters.data import Contact, LetterData, Problem, Trip
from casework.letters.fitting import fitting_kind
from casework.letters.free_text import (
    FREE_TEXT,
    EnglishInSpanishLetter,
    english_values,
    kept_texts,
)
from casework.letters.languages import choose_language
from casework.letters.problem_words import WRITE_IT_IN
from casework.letters.rendering import RenderedLetter, render_letter, render_markup
from casework.letters.reviewer import reviewer_for_notice, with_reviewer
from casework.letters.service_words import describe_services
from casework.letters.signer import signer_title
from casework.permissions import Permission
from casework.plan.letter_kinds import LetterKind
from casework.plan.timezone import plan_date
from casework.settings import PlanDetails
from casework.workspace import Workspace

TEXT_FIELDS = {f.name for f in fields(LetterData)} - {
    "case_number", "case_type", "letter_date", "member", "handler", "reviewer", "provider",
    "vendor", "problems", "trip", "criteria", "received_date", "decision_date", "valid_from",
    "valid_through", "reply_by"}
DATE_FIELDS = {"decision_date", "valid_from", "valid_through", "reply_by"}
# People and offices a letter names, and the parts of each staff may write.
CONTACT_VALUES = {f"{who}.{part}" for who in ("provider", "vendor")
                  for part in ("name", "phone", "fax")} | {
    "reviewer.name", "reviewer.phone", "reviewer.credentials"}
# A transportation authorization's trip, as the transportation desk gives it.
TRIP_VALUES = {f"trip.{f.name}" for f in fields(Trip)}
_BLANK_TRIP: dict[str, Any] = {f.name: "" for f in fields(Trip)} | {
    "pickup_date": None, "pickup_address": (), "destination_address": (),
    "round_trip": True, "attendant": False}


_TAG = re.compile(r"<[^>]*>")


@dataclass(frozen=True)
class Draft:
    """A letter rendered for a case and not stored, with what staff wrote for it."""

    case_id: int
    case_number: str
    kind: str
    language: str
    rendered: RenderedLetter
    service_words: dict[str, str]  # code → plain words written for this letter
    written: dict[str, str]  # every other value staff wrote
    signed_by: str


def draft_letter(
    ws: Workspace, actor: Actor, plan: PlanDetails, case_number: str, kind: str,
    language: str | None = None, values: dict[str, str] | None = None,
) -> Draft:
    """Render `kind` for the case from the case's values and `values` staff wrote.

    Only a kind that fits the case (its type, priority, status and outcome, by the rules) is
    made; any other is refused naming the kinds that fit. A notice of a clinical reviewer's
    decision names that reviewer, and needs the decision. A Spanish letter with English free
    text, and a procedure code without plain words, are refused saying what to write.
    """
    actor.require(Permission.GENERATE_LETTERS)
    given = dict(values or {})
    service_words = {name.split(".", 1)[1].upper(): given.pop(name) for name in list(given)
                     if name.startswith("service.")}
    with ws.db.read() as session:
        case = get_case_by_number(session, case_number)
        # A reviewed notice is refused first for want of the reviewer's decision, which says
        # what to do about it; then any kind that does not fit the case.
        reviewer = reviewer_for_notice(session, ws.rules.clinical_review, case,
                                       ws.rules.letter_kinds.kind(kind), ws.rules.letter_kinds)
        spec = fitting_kind(ws.rules.letter_kinds, case, kind)
        found = case_letter_values(session, ws.rules, case, actor, plan, plan_date(ws.now()))
        if spec.member_inserts:
            chosen = choose_language(found.roster_language or case.language,
                                     found.form_language, language)
        else:
            # A provider's office or a transport vendor reads English; the member's language
            # is for the member's own letters.
            chosen = choose_language(None, None, language)
        kept = kept_texts(session, case.id, chosen)
        service = ""
        if found.service_codes and not given.get("service", "").strip():
            service = describe_services(session, found.service_codes, chosen, service_words)
    data = found.data
    if data.handler is not None:
        data = replace(data, handler=replace(data.handler,
                                             title=signer_title(actor.role, chosen)))
    if service:
        data = replace(data, service=service)
    data = _with_values(with_reviewer(data, reviewer, given, spec), {**kept, **given})
    data = replace(data, problems=tuple(p.in_language(chosen) for p in data.problems))
    if chosen == "es":
        english = english_values({name: getattr(data, name) for name in FREE_TEXT})
        printed = printed_text(spec, chosen, data, plan) if english else ""
        shown = tuple(name for name in english if _start(getattr(data, name)) in printed)
        if shown:
            raise EnglishInSpanishLetter(shown)
    rendered = render_letter(spec, chosen, data, plan)
    return Draft(case.id, case.number, spec.name, chosen, rendered, service_words, given,
                 data.handler.name if data.handler else "")


def _with_values(data: LetterData, values: dict[str, str]) -> LetterData:
    """Staff-written values (reason, resolution, criteria …) given for this letter."""
    changes: dict[str, Any] = {}
    for name, value in values.items():
        if name in TEXT_FIELDS:
            changes[name] = value
        elif name == "criteria":
            changes[name] = tuple(v.strip() for v in value.split(";") if v.strip())
        elif name == "problems":
            # Written by staff (a phone request, say): one missing item per ';', each
            # "item: what we need" or just the item.
            changes[name] = tuple(_written_problem(v) for v in value.split(";") if v.strip())
        elif name in DATE_FIELDS:
            try:
                changes[name] = date.fromisoformat(value)
            except ValueError:
                raise InvalidValue(f"{name} must be a date like 2026-11-30.") from None
        elif name in CONTACT_VALUES:
            who, part = name.split(".")
            contact = changes.get(who) or getattr(data, who) or Contact("")
            written = format_phone(value) if part in ("phone", "fax") else value
            changes[who] = replace(contact, **{part: written})
        elif name in TRIP_VALUES:
            changes["trip"] = _with_trip(changes.get("trip") or data.trip, name, value)
        else:
            raise InvalidValue(f"A letter has no value called {name!r}.")
    return replace(data, **changes)


def _with_trip(trip: Trip | None, name: str, value: str) -> Trip:
    """The trip with one value written in (a date, an address, yes/no, or words)."""
    part = name.split(".", 1)[1]
    current = {f.name: getattr(trip, f.name) for f in fields(Trip)} if trip else dict(_BLANK_TRIP)
    written: Any = value
    if part == "pickup_date":
        try:
            written = date.fromisoformat(value)
        except ValueError:
            raise InvalidValue(f"{name} must be a date like 2026-11-30.") from None
    elif part.endswith("_address"):
        written = address_block(value)
    elif part in ("round_trip", "attendant"):
        written = value.strip().lower() in ("yes", "y", "true", "1", "sí", "si")
    current[part] = written
    return Trip(**current)


def printed_text(spec: LetterKind, language: str, data: LetterData, plan: PlanDetails) -> str:
    """The words the letter would print (its values as they appear), one space between."""
    _spec, root = render_markup(spec, language, data, plan)
    return " ".join(unescape(_TAG.sub(" ", " ".join(node.text for node in root.walk())))
                    .split())


def _start(text: str) -> str:
    return " ".join(text.split())[:40]


def _written_problem(text: str) -> Problem:
    """'Clinical notes: from the last visit' → the item and what is needed of it."""
    item, _, need = text.partition(":")
    if not need.strip():
        return Problem(item.strip(), "missing", "Please write it in or attach it.",
                       message_es=WRITE_IT_IN)
    return Problem(item.strip(), "missing", need.strip())
