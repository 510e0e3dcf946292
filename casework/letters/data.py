"""What a letter is rendered from: plain frozen dataclasses, and the check that nothing is missing.

A letter with a blank is a compliance finding, so every kind lists the values it needs
(resources/letter_kinds.yaml, read by `casework.plan.letter_kinds`) and `validate_letter_data`
refuses to render until they are all there, naming each missing value in words.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from casework.cases.statuses import Outcome
from casework.errors import InvalidValue, UserError
from casework.plan.letter_kinds import LetterKind, bundled_letter_kinds


class MissingLetterValue(UserError):
    """A value the letter needs was not given."""

    def __init__(self, kind: str, missing: tuple[str, ...]) -> None:
        words = ", ".join(f"{_LABELS.get(name, name)} ({name})" for name in missing)
        super().__init__(f"The {kind.replace('_', ' ')} letter cannot be made without: {words}.")
        self.kind = kind
        self.missing = missing


@dataclass(frozen=True)
class Member:
    """The member the letter is about (and, for member letters, to)."""

    name: str
    member_id: str
    address: tuple[str, ...] = ()
    language: str = "en"
    phone: str = ""


@dataclass(frozen=True)
class Contact:
    """A provider, a transportation vendor, the person handling the case or the reviewer."""

    name: str
    phone: str = ""
    fax: str = ""
    address: tuple[str, ...] = ()
    npi: str = ""
    credentials: str = ""  # a clinical reviewer's: MD, DO, PharmD
    title: str = ""  # the signer's job title, in the letter's language


@dataclass(frozen=True)
class Problem:
    """One completeness problem found on a request: the field, what is wrong, and in words
    (and in Spanish, for a Spanish fax-back, when the problem was found by intake)."""

    field: str
    kind: str
    message: str
    field_es: str = ""
    message_es: str = ""

    def in_language(self, language: str) -> Problem:
        """The problem as a letter in `language` prints it (its own words when it has no
        Spanish: what staff wrote is printed as written)."""
        if language != "es":
            return self
        return Problem(self.field_es or self.field, self.kind, self.message_es or self.message)


@dataclass(frozen=True)
class Trip:
    """A non-emergency medical transportation trip."""

    pickup_date: date
    pickup_time: str
    pickup_address: tuple[str, ...]
    destination_name: str
    destination_address: tuple[str, ...]
    appointment_time: str
    mode: str
    round_trip: bool = True
    return_time: str = ""
    attendant: bool = False
    notes: str = ""
    mode_es: str = ""  # the mode in Spanish, for the member's letter
    miles: float | None = None  # estimated, both ways for a round trip
    days: tuple[tuple[date, str], ...] = ()  # a standing order's days, each with its holiday
    amendment: int = 0  # 0: the first authorization; then each amended one
    amendment_reason: str = ""
    cancelled: bool = False


@dataclass(frozen=True)
class LetterData:
    """Everything any letter kind may need; each kind says which of these it requires.

    Free-text values (`summary`, `resolution`, `reason`, `service`, ...) are printed as given,
    so staff write them in the letter's language and in plain words.
    """

    case_number: str
    case_type: str
    letter_date: date
    member: Member
    received_date: date | None = None
    decision_date: date | None = None
    handler: Contact | None = None
    # The health care professional who made a denial or modification (H&S Code §1367.01(h)(4)).
    reviewer: Contact | None = None
    provider: Contact | None = None
    vendor: Contact | None = None
    service: str = ""
    approved_service: str = ""
    summary: str = ""
    resolution: str = ""
    outcome: str = ""
    reason: str = ""
    criteria: tuple[str, ...] = ()
    authorization_number: str = ""
    valid_from: date | None = None
    valid_through: date | None = None
    problems: tuple[Problem, ...] = ()
    reply_by: date | None = None
    trip: Trip | None = None
    # An extended clock: the day it now falls due and why, for the member's extension notice.
    extended_to: date | None = None
    extension_reason: str = ""


# What each outcome may be, for the kinds whose wording depends on it.
OUTCOMES = {"appeal_resolution": (Outcome.UPHELD, Outcome.OVERTURNED)}

_LABELS = {
    "member.name": "the member's name",
    "member.member_id": "the member ID",
    "member.address": "the member's mailing address",
    "member.phone": "the member's phone number",
    "received_date": "the date the request was received",
    "decision_date": "the date of the decision",
    "handler.name": "the name of the person handling the case",
    "handler.phone": "the phone number of the person handling the case",
    "handler.address": "the address of the person handling the case",
    "reviewer.name": "the name of the health care professional who made the decision",
    "reviewer.phone": "the phone number of the health care professional who made the decision",
    "reviewer.credentials": "the credentials of the health care professional who made the "
                            "decision",
    "provider.name": "the provider's name",
    "provider.fax": "the provider's fax number",
    "vendor.name": "the transportation vendor's name",
    "vendor.fax": "the transportation vendor's fax number",
    "vendor.phone": "the transportation vendor's phone number",
    "provider.phone": "the provider's phone number",
    "service": "the service requested",
    "approved_service": "the service approved instead",
    "summary": "a summary of the grievance",
    "resolution": "what was decided and done",
    "outcome": "the outcome",
    "reason": "the reason for the decision in plain words",
    "criteria": "the criteria used for the decision",
    "authorization_number": "the authorization number",
    "valid_from": "the first day the approval is valid",
    "valid_through": "the last day the approval is valid",
    "problems": "the list of what is missing from the request",
    "reply_by": "the date to reply by",
    "trip.pickup_date": "the pick-up date",
    "trip.pickup_time": "the pick-up time",
    "trip.pickup_address": "the pick-up address",
    "trip.destination_name": "the destination",
    "trip.destination_address": "the destination address",
    "trip.appointment_time": "the appointment time",
    "trip.mode": "the mode of transport",
    "extended_to": "the new date the decision is due (extend the clock first)",
    "extension_reason": "the reason for the extension",
}


def letter_spec(kind: str | LetterKind) -> LetterKind:
    """The kind itself; a name is looked up among the bundled kinds (services pass their
    Rulebook's kind)."""
    return kind if isinstance(kind, LetterKind) else bundled_letter_kinds().kind(kind)


def required_fields(kind: str | LetterKind) -> tuple[str, ...]:
    """The values (dotted names into `LetterData`) the letter kind cannot be made without."""
    return ("case_number", "letter_date", *letter_spec(kind).required)


def validate_letter_data(kind: str | LetterKind, data: LetterData) -> None:
    """Raise `MissingLetterValue` naming every required value that is empty, or a bad outcome."""
    spec = letter_spec(kind)
    missing = tuple(name for name in required_fields(spec) if _is_blank(_lookup(data, name)))
    if missing:
        raise MissingLetterValue(spec.name, missing)
    allowed = OUTCOMES.get(spec.name)
    if allowed and data.outcome not in allowed:
        raise InvalidValue(
            f"The {spec.name.replace('_', ' ')} letter needs the outcome to be one of "
            f"{', '.join(allowed)}, not {data.outcome!r}."
        )


def _lookup(data: object, dotted: str) -> object:
    value: object = data
    for part in dotted.split("."):
        if value is None:
            return None
        value = getattr(value, part)
    return value


def _is_blank(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip() or value.strip().lower() == "none"
    if isinstance(value, tuple):
        return not value or all(_is_blank(item) for item in value)
    return False
