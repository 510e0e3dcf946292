"""The letter kinds: who each goes to, which notices it must carry and what it needs.

The notices a kind must carry are decided here, not in the templates, so that editing wording
cannot drop a notice the law requires; the renderer checks the rendered letter still has them.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from casework.errors import InvalidValue


class Audience(Enum):
    """Who reads the letter."""

    MEMBER = "member"
    PROVIDER = "provider"
    VENDOR = "vendor"


@dataclass(frozen=True)
class LetterKind:
    """One kind of letter and what the law and the workflow require of it."""

    name: str
    title: dict[str, str]
    audience: Audience
    required: tuple[str, ...]
    # H&S Code §1368.02(b): every written notice in the grievance process, and every notice
    # that offers the member the chance to use it (a denial or modification does).
    dmhc_notice: bool = False
    # 42 CFR 438.404 / 438.408: a notice of action and an appeal resolution explain appeal,
    # State Hearing and Independent Medical Review rights.
    rights_enclosure: bool = False

    @property
    def member_inserts(self) -> bool:
        """Member letters carry the nondiscrimination notice and language taglines (45 CFR 92)."""
        return self.audience is Audience.MEMBER


_MEMBER_BASICS = ("member.name", "member.member_id", "member.address")

KINDS: dict[str, LetterKind] = {
    kind.name: kind
    for kind in (
        LetterKind(
            "grievance_acknowledgement",
            {"en": "Grievance acknowledgement", "es": "Acuse de recibo de su queja"},
            Audience.MEMBER,
            (*_MEMBER_BASICS, "received_date", "handler.name", "handler.phone", "handler.address"),
            dmhc_notice=True,
        ),
        LetterKind(
            "grievance_resolution",
            {"en": "Grievance resolution", "es": "Resolución de su queja"},
            Audience.MEMBER,
            (
                *_MEMBER_BASICS,
                "received_date",
                "summary",
                "resolution",
                "handler.name",
                "handler.phone",
            ),
            dmhc_notice=True,
        ),
        LetterKind(
            "appeal_acknowledgement",
            {"en": "Appeal acknowledgement", "es": "Acuse de recibo de su apelación"},
            Audience.MEMBER,
            (
                *_MEMBER_BASICS,
                "received_date",
                "service",
                "handler.name",
                "handler.phone",
                "handler.address",
            ),
            dmhc_notice=True,
        ),
        LetterKind(
            "appeal_resolution",
            {"en": "Notice of Appeal Resolution", "es": "Aviso de resolución de la apelación"},
            Audience.MEMBER,
            (
                *_MEMBER_BASICS,
                "received_date",
                "decision_date",
                "service",
                "outcome",
                "reason",
                "criteria",
                "reviewer.name",
                "reviewer.phone",
                "provider.name",
                "handler.name",
                "handler.phone",
            ),
            dmhc_notice=True,
            rights_enclosure=True,
        ),
        LetterKind(
            "pa_approval",
            {"en": "Notice of approval", "es": "Aviso de aprobación"},
            Audience.MEMBER,
            (
                *_MEMBER_BASICS,
                "received_date",
                "decision_date",
                "service",
                "provider.name",
                "authorization_number",
                "valid_from",
                "valid_through",
            ),
        ),
        LetterKind(
            "pa_denial",
            {"en": "Notice of Action: denial", "es": "Aviso de acción: denegación"},
            Audience.MEMBER,
            (
                *_MEMBER_BASICS,
                "received_date",
                "decision_date",
                "service",
                "provider.name",
                "reason",
                "criteria",
                "reviewer.name",
                "reviewer.credentials",
                "reviewer.phone",
                "handler.name",
                "handler.phone",
            ),
            dmhc_notice=True,
            rights_enclosure=True,
        ),
        LetterKind(
            "pa_modification",
            {"en": "Notice of Action: modification", "es": "Aviso de acción: modificación"},
            Audience.MEMBER,
            (
                *_MEMBER_BASICS,
                "received_date",
                "decision_date",
                "service",
                "approved_service",
                "provider.name",
                "reason",
                "criteria",
                "reviewer.name",
                "reviewer.credentials",
                "reviewer.phone",
                "authorization_number",
                "valid_from",
                "valid_through",
                "handler.name",
                "handler.phone",
            ),
            dmhc_notice=True,
            rights_enclosure=True,
        ),
        LetterKind(
            "missing_information",
            {"en": "Request for missing information", "es": "Solicitud de información faltante"},
            Audience.PROVIDER,
            (
                "member.name",
                "member.member_id",
                "provider.name",
                "provider.fax",
                "received_date",
                "service",
                "problems",
                "reply_by",
                "handler.name",
                "handler.phone",
            ),
        ),
        LetterKind(
            "nemt_authorization",
            {"en": "Transportation authorization", "es": "Autorización de transporte"},
            Audience.VENDOR,
            (
                "member.name",
                "member.member_id",
                "member.phone",
                "vendor.name",
                "vendor.fax",
                "authorization_number",
                "trip.pickup_date",
                "trip.pickup_time",
                "trip.pickup_address",
                "trip.destination_name",
                "trip.destination_address",
                "trip.appointment_time",
                "trip.mode",
                "handler.name",
                "handler.phone",
            ),
        ),
    )
}


def letter_kind(name: str) -> LetterKind:
    """The kind called `name`, or an error listing the kinds there are."""
    try:
        return KINDS[name]
    except KeyError:
        raise InvalidValue(
            f"There is no letter kind called {name!r}; the kinds are {', '.join(KINDS)}."
        ) from None
