"""Checking a phone case while it is typed: which fields are required now, and what is wrong
with each, in the words `open_phone_case` would use.

The checks are the service's own (`check_phone_fields`), so what the form shows as fine is
what Create accepts; a value the service would refuse is an `invalid` problem.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from casework.cases.phone_intake import check_phone_fields
from casework.forms.validation import is_required
from casework.plan.case_types import CASE_TYPE_LABELS, CaseType, Priority, capitalized
from casework.plan.clock_rules import FROM_RECEIPT, Term
from casework.plan.routing import route
from casework.plan.rulebook import Rulebook
from casework.plan.schema import FormSchema

# How staff should write a value of each type; shown as the box's hint and after a refusal.
FORMAT_HINTS = {
    "date": "MM/DD/YYYY",
    "time": "e.g. 2:30 PM",
    "phone": "e.g. (559) 555-0134",
    "npi": "10 digits",
    "member_id": "8 digits and a letter, e.g. 91234567A",
    "icd10_list": "codes separated by commas, e.g. M17.11, E11.9",
    "procedure_list": "codes separated by commas, e.g. 27447, J1100",
    "integer": "a whole number",
    "identifier": "letters and digits, e.g. PA-2026-001234",
}
_REWORDED = {  # the sentence added to "… is not valid." so the person knows what to type
    "date": "Write the date as MM/DD/YYYY.",
    "time": "Write the time as 2:30 PM or 14:30.",
    "phone": "A phone number has 10 digits.",
    "npi": "An NPI has 10 digits.",
    "member_id": "A Medi-Cal ID is 8 digits and a letter.",
    "icd10_list": "Diagnosis codes look like M17.11.",
    "procedure_list": "Procedure codes look like 27447 or J1100.",
    "integer": "Give a whole number.",
    "boolean": "Answer yes or no.",
}


@dataclass(frozen=True)
class PhoneForm:
    """A kind of case staff can open from a call, with the priorities its clocks allow."""

    form_type: str
    label: str  # "Grievance", "Prior authorization request"
    priorities: tuple[str, ...]
    never_incomplete: bool


@dataclass(frozen=True)
class FieldProblem:
    """What is wrong with one field: `invalid` stops Create, `missing` and `unverified` do not
    (the case opens waiting for the information, or with a follow-up to identify the member)."""

    field: str
    kind: str
    message: str

    @property
    def blocks(self) -> bool:
        return self.kind == "invalid"


@dataclass(frozen=True)
class EntryCheck:
    """The state of the whole form: problems by field and the fields required right now."""

    problems: dict[str, FieldProblem]
    required: frozenset[str]

    @property
    def blocking(self) -> list[FieldProblem]:
        return [p for p in self.problems.values() if p.blocks]

    @property
    def missing(self) -> list[FieldProblem]:
        return [p for p in self.problems.values() if p.kind == "missing"]


def phone_forms(rulebook: Rulebook) -> tuple[PhoneForm, ...]:
    """Every form a case can be opened from by phone (cover sheets are not), by label."""
    forms = []
    for schema in rulebook.schemas.values():
        if schema.cover:
            continue
        case_type = route(rulebook.routing, schema.form_type, {}, True, None).case_type
        if case_type not in CASE_TYPE_LABELS or case_type == CaseType.INTAKE_REVIEW:
            continue
        forms.append(PhoneForm(schema.form_type, capitalized(CASE_TYPE_LABELS[case_type]),
                               rulebook.clocks.priorities_of(case_type) or (Priority.STANDARD,),
                               schema.never_incomplete))
    return tuple(sorted(forms, key=lambda f: f.label))


def priority_wording(rulebook: Rulebook, form_type: str, priority: str, today: date) -> str:
    """How a priority is offered for a call: 'Expedited (urgent: within 72 hours)', its time
    taken from the clock rule that decides or resolves such a case."""
    name = {"expedited": "Expedited (urgent: {})", "exempt": "Exempt (resolved on the call or {})"
            }.get(priority, priority.replace("_", " ").capitalize() + " ({})")
    case_type = route(rulebook.routing, form_type, {}, True, None).case_type
    terms = next((rule.terms for rule in rulebook.clocks.rules
                  if case_type in rule.case_types and priority in rule.priorities
                  and rule.anchor == FROM_RECEIPT and rule.clock in ("decide", "resolve")
                  and rule.in_force_on(today)), ())
    if not terms:
        return name.split(" (")[0]
    return name.format(" or ".join(_within(term) for term in terms))


def _within(term: Term) -> str:
    if term.kind == "business_days" and term.count == 1:
        return "by the next business day"
    unit = term.kind.replace("calendar_", "").replace("_", " ")
    return f"within {term.count} {unit[:-1] if term.count == 1 else unit}"


def asks_expedited(rulebook: Rulebook, form_type: str, texts: dict[str, str]) -> bool:
    """Whether what was typed asks for expedited review: the routing rules would make the
    case expedited, or the form's own "expedited review?" question is answered yes."""
    urgency = texts.get("urgency", "").strip()
    if urgency and route(rulebook.routing, form_type, {"urgency": urgency}, True,
                         None).priority == Priority.EXPEDITED:
        return True
    return texts.get("expedited", "").strip().lower() == "yes"


def check_entered_fields(rulebook: Rulebook, form_type: str, texts: dict[str, str],
                         now: datetime, priority: str | None = None) -> EntryCheck:
    """Check what staff typed so far (raw texts by field name) as Create will."""
    schema = rulebook.schemas[form_type]
    entered = {name: text for name, text in texts.items() if text.strip()}
    if priority == Priority.EXPEDITED and _has(schema, "urgency"):
        entered["urgency"] = "expedited"  # the service marks it so; the rules follow it
    fields, problems, _follow_up = check_phone_fields(schema, entered, now)
    required = frozenset(s.name for s in schema.fields if is_required(s, fields))
    found: dict[str, FieldProblem] = {}
    for problem in problems:
        if problem.field in found:
            continue
        message = problem.message
        if problem.kind == "invalid" and message.endswith("is not valid."):
            hint = _REWORDED.get(schema.field(problem.field).type)
            message = f"{message} {hint}" if hint else message
        found[problem.field] = FieldProblem(problem.field, problem.kind, message)
    return EntryCheck(found, required)


def _has(schema: FormSchema, name: str) -> bool:
    return any(spec.name == name for spec in schema.fields)
