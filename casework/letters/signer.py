"""Who signs a letter: the signed-in person, by full name and job title, never a login name.

A member is told to call the plan's Member Services line (a person's login is not a phone
number), and an account without a full name cannot sign; the refusal says how to give one.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from casework.actor import Actor
from casework.db.models import User
from casework.errors import UserError
from casework.letters.addresses import address_block, format_phone
from casework.letters.data import Contact
from casework.permissions import Role
from casework.settings import PlanDetails

# The title printed under the signer's name, by role (English, Spanish).
TITLES: dict[str, tuple[str, str]] = {
    Role.INTAKE_CLERK: ("Intake Specialist", "Especialista de admisión"),
    Role.UM_COORDINATOR: ("Utilization Management Coordinator",
                          "Coordinador(a) de Administración de Utilización"),
    Role.CLINICAL_REVIEWER: ("Clinical Reviewer", "Revisor(a) clínico(a)"),
    Role.GRIEVANCE_COORDINATOR: ("Grievance and Appeals Coordinator",
                                 "Coordinador(a) de Quejas y Apelaciones"),
    Role.SUPERVISOR: ("Supervisor", "Supervisor(a)"),
    Role.ADMIN: ("Member Services", "Servicios para Miembros"),
}


class NoSigner(UserError):
    """The acting account has no full name to sign a letter with."""


def signer_for(session: Session, actor: Actor, plan: PlanDetails) -> Contact:
    """The person signing: full name, title by role (English; `signer_title` gives the
    letter's language), the plan's Member Services phone and mailing address."""
    user = session.scalar(select(User).where(User.username == actor.username))
    name = (user.full_name or "").strip() if user is not None else ""
    if not name:
        raise NoSigner(
            f"Letters are signed by the person who makes them, by full name, and the account "
            f"{actor.username!r} has none. Sign in as (or use --as) a staff account with a "
            "full name; an administrator makes one with `user add NAME --role ROLE "
            "--full-name \"First Last\"`.")
    return Contact(name, phone=format_phone(plan.member_services_phone),
                   address=address_block(plan.address), title=signer_title(actor.role, "en"))


def signer_title(role: str, language: str) -> str:
    """The signer's job title in the letter's language."""
    english, spanish = TITLES.get(role, TITLES[Role.ADMIN])
    return spanish if language == "es" else english
