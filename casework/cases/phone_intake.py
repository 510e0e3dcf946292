"""Phone intake: a case with no document (grievances and transport requests taken by phone),
checked against the same form schema as a fax would be."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from casework.actor import Actor
from casework.cases.filing import DocumentFacts, as_date, file_document
from casework.directory.matching import match_member, match_provider
from casework.errors import InvalidValue
from casework.forms.results import ExtractedField, Problem
from casework.forms.validation import validate
from casework.forms.values import parse_value
from casework.permissions import Permission
from casework.plan.case_types import Priority
from casework.plan.schema import FormSchema
from casework.workspace import Workspace


@dataclass(frozen=True)
class PhoneCase:
    case_id: int
    number: str
    problems: tuple[Problem, ...]


def check_phone_fields(schema: FormSchema, entered: dict[str, str],
                       now: datetime) -> tuple[dict[str, ExtractedField], list[Problem], bool]:
    """Parse what staff typed by each field's type and validate it as a received form is."""
    fields: dict[str, ExtractedField] = {}
    problems: list[Problem] = []
    for name, text in entered.items():
        try:
            spec = schema.field(name)
        except KeyError:
            raise InvalidValue(f"A {schema.says} has no field called {name!r}.") from None
        if not text.strip():
            continue
        if spec.options:
            wanted = text.strip().lower()
            choices = [value for value, _ in spec.options]
            if wanted not in choices:
                problems.append(Problem(name, "invalid",
                                        f"{spec.says.capitalize()} must be one of "
                                        f"{', '.join(choices)}."))
                continue
            value: object = wanted
        else:
            value = parse_value(spec.type, text)
            if value is None:
                problems.append(Problem(name, "invalid",
                                        f"{spec.says.capitalize()} “{text}” is not valid."))
                continue
        fields[name] = ExtractedField(value, 1.0, None, None, text)  # type: ignore[arg-type]
    found, follow_up = validate(schema, fields, now)
    return fields, problems + found, follow_up


def open_phone_case(ws: Workspace, actor: Actor, form_type: str, entered: dict[str, str],
                    priority: str | None = None,
                    received_at: datetime | None = None) -> PhoneCase:
    """Open a case from a call, received now (or at `received_at`, for a call logged late);
    refused (in words) when a value is invalid."""
    actor.require(Permission.WORK_CASES)
    schemas = ws.rules.schemas
    if form_type not in schemas:
        raise InvalidValue(f"There is no form {form_type!r}; choose one of "
                           f"{', '.join(sorted(schemas))}.")
    schema = schemas[form_type]
    now = ws.now()
    received = _received(received_at, now)
    fields, problems, follow_up = check_phone_fields(schema, entered, now)
    invalid = [p for p in problems if p.kind == "invalid"]
    if invalid:
        raise InvalidValue(" ".join(p.message for p in invalid))
    values: dict[str, object] = {name: f.value for name, f in fields.items()}
    if priority == Priority.EXPEDITED:
        values["urgency"] = "expedited"
        values["expedited"] = True
    blocking = [p for p in problems if p.kind == "missing"]
    # The caller is matched against the roster as a faxed form would be, so letters find the
    # member's address and language and the case counts under the member.
    member = match_member(ws, name=_text(values.get("member_name")),
                          member_id=_text(values.get("member_id")),
                          dob=as_date(values.get("member_dob")),
                          service_date=as_date(values.get("service_start_date")) or now.date())
    if member.matched and member.cin:
        values["member_id"] = member.cin
    requesting, servicing = (_provider(ws, values, role)
                             for role in ("requesting_provider", "servicing_provider"))
    facts = DocumentFacts(
        form_type=form_type, fields=values,
        complete=schema.never_incomplete or not blocking,
        problems=tuple(p.to_json() for p in problems),
        member_id=member.member_id,
        member_cin=member.cin or _text(values.get("member_id")),
        member_name=member.name or str(values.get("member_name") or ""),
        language=member.language or _text(values.get("preferred_language")),
        requesting_provider_id=requesting,
        servicing_provider_id=servicing,
        needs_follow_up=follow_up, priority=priority,
    )
    with ws.db.write() as session:
        filing = file_document(session, ws.rules, actor, now, None, facts,
                               received_at=received)
        return PhoneCase(filing.case_id, filing.number, tuple(problems))


def _text(value: object) -> str | None:
    return str(value) if value not in (None, "", []) else None


def _provider(ws: Workspace, values: dict[str, object], prefix: str) -> int | None:
    """The roster provider a call names (by NPI or name), when one matches."""
    name, npi = _text(values.get(f"{prefix}_name")), _text(values.get(f"{prefix}_npi"))
    if not name and not npi:
        return None
    return match_provider(ws, name=name, npi=npi).provider_id


def _received(received_at: datetime | None, now: datetime) -> datetime:
    """When the call came in: now unless given; never later than now (the clocks count from
    it)."""
    if received_at is None:
        return now
    if received_at.tzinfo is None:
        raise ValueError("received_at must be an aware datetime (with a time zone)")
    if received_at > now:
        raise InvalidValue("The call cannot have been received later than now.")
    return received_at
